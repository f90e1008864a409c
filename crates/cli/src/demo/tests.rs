//! The demo seeds every corner of the product, the same way each time.

use std::collections::HashSet;
use std::sync::Arc;

use app::SystemClock;
use domain::Labelled;
use domain::application::ApplicationStatus;
use domain::staff::Permission;
use domain::support::{MatchStatus, ReferralStatus};

use super::*;

/// A fresh app over a new SQLite file.
async fn fresh_app() -> App {
    let path = std::env::temp_dir().join(format!("alongside-demo-{}.db", uuid::Uuid::now_v7()));
    let store = store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("opening a test database");
    App::new(store, Arc::new(SystemClock), "http://localhost")
}

/// What should be the same every time: organisation names, role titles, dashboards.
async fn summary(app: &App) -> Vec<String> {
    let mut lines = Vec::new();
    for org in app.store.organisations().await.expect("organisations") {
        let roles = app.store.roles(org.id).await.expect("roles");
        let mut titles: Vec<String> = roles
            .iter()
            .map(|r| format!("{} ({})", r.title, r.status.code()))
            .collect();
        titles.sort();
        let counts = app
            .store
            .engagement_counts(
                org.id,
                chrono::Utc::now() - chrono::Duration::days(90),
                None,
            )
            .await
            .expect("counts");
        lines.push(format!("{}: {counts:?}: {}", org.name, titles.join(", ")));
    }
    lines
}

#[tokio::test]
async fn demo_fills_every_corner_and_is_the_same_each_time() {
    let app = fresh_app().await;
    let last = std::sync::Mutex::new((0, 0));
    let sign_ins = seed(&app, &|done, total| {
        *last.lock().expect("progress lock") = (done, total);
    })
    .await
    .expect("seeding");
    let (done, total) = *last.lock().expect("progress lock");
    assert_eq!(done, total, "progress reaches the end");
    assert_eq!(sign_ins.len(), 11);
    assert_eq!(
        sign_ins,
        super::sign_ins(),
        "the list matches what was created"
    );

    let orgs = app.store.organisations().await.expect("organisations");
    assert!(orgs.len() >= 5);
    // One public body sends through GOV.UK Notify, as a demonstration setting.
    let calder = app
        .operator_scope(notify::NOTIFY_ORGANISATION)
        .await
        .expect("the Notify organisation");
    let settings = app
        .notification_settings(&calder)
        .await
        .expect("its settings");
    assert_eq!(settings.settings.provider, domain::notify::Provider::Notify);
    assert!(settings.settings.sends_sms());
    assert!(
        settings
            .masked_key
            .as_deref()
            .is_some_and(|k| k.starts_with("demonstration-only")),
        "{:?}",
        settings.masked_key
    );
    // The partnership joins all five; the association has individual members, one lapsed.
    let networks = app.store.networks().await.expect("networks");
    assert_eq!(networks.len(), 2);
    let today = app.uk_today();
    for n in &networks {
        let members = app.store.network_members(n.id).await.expect("members");
        if n.slug.as_str() == "west-riding" {
            assert_eq!(members.len(), 5);
        } else {
            assert!(
                members
                    .iter()
                    .filter(|m| m.organisation_id().is_none())
                    .count()
                    >= 8
            );
            assert!(
                members
                    .iter()
                    .any(|m| m.standing(today) == domain::network::membership::Standing::Lapsed)
            );
        }
    }
    let riverside = orgs
        .iter()
        .find(|o| o.slug.as_str() == "riverside")
        .expect("trust");
    let agreements = app
        .store
        .agreements_of(riverside.id)
        .await
        .expect("agreements");
    assert!(
        agreements
            .iter()
            .any(|a| a.parties.iter().all(|p| p.signed_at.is_some()) && a.parties.len() == 2)
    );
    assert!(app.store.count_people().await.expect("count") >= 600);
    // The invented people's confirmation emails are held, never sent.
    let outbox = app.store.recent_messages(1_000).await.expect("outbox");
    assert!(
        outbox.len() > 500,
        "applications queued their confirmations"
    );
    assert!(
        outbox
            .iter()
            .all(|m| m.sent_at.is_none() && m.last_error == "demo data: never sent"),
        "{:?}",
        outbox
            .iter()
            .find(|m| m.last_error != "demo data: never sent")
    );
    assert!(
        app.store
            .due_messages(app.clock.now(), 10)
            .await
            .expect("due")
            .is_empty()
    );

    let mut roles = 0;
    let mut statuses = HashSet::new();
    for org in &orgs {
        roles += app.store.roles(org.id).await.expect("roles").len();
        for row in app
            .store
            .applications(org.id, None)
            .await
            .expect("applications")
        {
            statuses.insert(row.application.status);
        }
    }
    assert!(roles >= 30, "{roles} roles");
    for status in ApplicationStatus::ALL {
        assert!(statuses.contains(status), "no application is {status}");
    }

    let (supervisor, _) = app
        .store
        .person_by_email("supervisor@riverside.example")
        .await
        .expect("lookup")
        .expect("the supervisor exists");
    let scope = app
        .authorise(supervisor.id, "riverside")
        .await
        .expect("the supervisor can sign in to Riverside");
    assert_eq!(scope.permission(), Permission::Supervisor);
    app.sign_in(
        "supervisor@riverside.example",
        DEMO_PASSWORD,
        "127.0.0.1",
        None,
    )
    .await
    .expect("the demo password works");

    let riverside = orgs
        .iter()
        .find(|o| o.slug.as_str() == "riverside")
        .expect("riverside");
    let counts = app
        .store
        .engagement_counts(
            riverside.id,
            chrono::Utc::now() - chrono::Duration::days(90),
            None,
        )
        .await
        .expect("counts");
    assert!(counts.active >= 200, "{counts:?}");
    assert!(
        counts.onboarding >= 30 && counts.applicants >= 40,
        "{counts:?}"
    );
    // Leavers are spread over more than a year, so only some left in the last 90 days.
    assert!((5..25).contains(&counts.left_recently), "{counts:?}");

    // The good neighbours scheme's triangle of support, at every stage.
    let scheme = orgs
        .iter()
        .find(|o| o.slug.as_str() == "good-neighbours")
        .expect("the good neighbours scheme");
    let stages: HashSet<_> = app
        .store
        .matches(scheme.id)
        .await
        .expect("matches")
        .iter()
        .map(|m| m.status)
        .collect();
    for stage in [
        MatchStatus::Proposed,
        MatchStatus::Accepted,
        MatchStatus::Active,
        MatchStatus::Ended,
    ] {
        assert!(stages.contains(&stage), "no match is {stage}");
    }
    let referrals = app.store.referrals(scheme.id).await.expect("referrals");
    assert!(referrals.iter().any(|r| r.status == ReferralStatus::New));
    assert!(
        referrals
            .iter()
            .any(|r| r.status == ReferralStatus::Declined)
    );
    assert_eq!(
        app.store.concerns(scheme.id).await.expect("concerns").len(),
        3
    );

    let again = fresh_app().await;
    seed(&again, &|_, _| {}).await.expect("seeding again");
    assert_eq!(summary(&app).await, summary(&again).await);
    assert!(
        seed(&again, &|_, _| {}).await.is_err(),
        "refuses a non-empty database"
    );
}
