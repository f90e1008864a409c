//! Survey waves over time: one reminder with its own link, closing after the plan's days, and
//! an anonymous exit survey (not follow-ups) for a volunteer who leaves.

use axum::http::StatusCode;

use crate::calendar::Cal;
use crate::surveys::{link_for, send_due_surveys};

/// The app as it will be `days` from now.
fn later(c: &Cal, days: i64) -> app::App {
    app::App::new(
        c.w.site.app.store.clone(),
        std::sync::Arc::new(app::FixedClock(
            chrono::Utc::now() + chrono::Duration::days(days),
        )),
        "http://localhost",
    )
}

#[tokio::test]
async fn one_reminder_comes_with_its_own_link_and_the_survey_closes_after_its_days() {
    let c = Cal::new().await;
    send_due_surveys(&c).await;
    let first = link_for(&c, "cal@example.org").await;
    let reminders = |c: &Cal| {
        let store = c.w.site.app.store.clone();
        async move {
            store
                .recent_messages(500)
                .await
                .unwrap()
                .into_iter()
                .filter(|m| m.to == "cal@example.org" && m.subject.starts_with("A reminder"))
                .collect::<Vec<_>>()
        }
    };
    // Nothing before the seventh day; one reminder on it, and only one however often jobs run.
    let six = later(&c, 6);
    six.schedule_jobs().await.unwrap();
    six.run_jobs("w", 100).await.unwrap();
    assert!(reminders(&c).await.is_empty());
    let eight = later(&c, 8);
    for _ in 0..2 {
        eight.schedule_jobs().await.unwrap();
        eight.run_jobs("w", 100).await.unwrap();
    }
    let sent = reminders(&c).await;
    assert_eq!(sent.len(), 1, "{sent:#?}");
    let start = sent[0].body.find("/surveys/").unwrap();
    let second = sent[0].body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(second, first, "the reminder has a link of its own");
    let mut anyone = c.w.site.browser();
    anyone.get(&first).await.assert_status(StatusCode::OK);
    anyone.get(&second).await.assert_status(StatusCode::OK);

    // Bea's survey closes after 21 days unanswered: her link says so and takes no answers.
    let bea_link = link_for(&c, "bea@example.org").await;
    let mut visitor = c.w.site.browser_with(later(&c, 22));
    visitor
        .get(&bea_link)
        .await
        .assert_status(StatusCode::GONE)
        .assert_contains("This survey has closed");
    visitor
        .post(&bea_link, &[("ons4-satis", "7")])
        .await
        .assert_status(StatusCode::GONE);
    assert!(
        c.w.site
            .app
            .store
            .survey_responses_of_person(c.bea.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_volunteer_who_leaves_is_asked_an_anonymous_exit_survey_and_no_follow_ups() {
    let c = Cal::new().await;
    let app = &c.w.site.app;
    let scope = c.w.site.scope(&c.w.a.admin, &c.w.a.slug).await;
    app.move_engagement(
        &scope,
        c.bea.id,
        domain::engagement::EngagementStatus::Left,
        Some(domain::engagement::LeavingReason::MovedAway),
        "",
    )
    .await
    .unwrap();
    send_due_surveys(&c).await;
    let invitations = app
        .store
        .survey_invitations_of_person(c.bea.id)
        .await
        .unwrap();
    assert_eq!(invitations.len(), 1, "{invitations:#?}");
    assert_eq!(invitations[0].occasion, domain::surveys::Occasion::Exit);
    assert!(invitations[0].anonymous);
    let link = link_for(&c, "bea@example.org").await;
    c.w.site
        .browser()
        .get(&link)
        .await
        .assert_contains("Your answers are anonymous")
        .assert_contains("Your volunteering experience");
    // Cal, still active, is asked for a baseline, not an exit survey.
    let cal = app
        .store
        .survey_invitations_of_person(c.cal.id)
        .await
        .unwrap();
    assert_eq!(cal[0].occasion, domain::surveys::Occasion::Baseline);
}
