//! The jobs the queue runs, through the app over each backend: expiry reminders 60, 30 and 7
//! days before and on expiry, each sent exactly once however many servers run the queue; and
//! DBS certificate details deleted six months after the decision.

use std::collections::HashMap;
use std::sync::Arc;

use app::{App, FixedClock, Store, Write};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::compliance::check::CheckInput;
use domain::compliance::{Check, CheckKind, CheckStatus, DbsOutcome, Workforce};
use domain::organisation::Organisation;
use domain::person::Person;
use domain::role::DbsLevel;
use domain::staff::{Permission, StaffMember};

use crate::fixtures::{check, day, of_kind, organisation_input, person, training};

/// Nine in the morning on `date`.
fn morning(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(9, 0, 0).unwrap().and_utc()
}

/// The app as one server sees it at `now`.
fn app_at(store: &Arc<dyn Store>, now: DateTime<Utc>) -> App {
    App::new(store.clone(), Arc::new(FixedClock(now)), "http://localhost")
}

/// What `serve` does each minute: schedule, then run jobs until none are left. Returns how many
/// this worker completed.
async fn tick(app: App, worker: String) -> usize {
    app.schedule_jobs().await.unwrap();
    let mut done = 0;
    loop {
        let report = app.run_jobs(&worker, 2).await.unwrap();
        assert_eq!(report.failed, 0, "{report:?}");
        if report.done + report.taken_over == 0 {
            return done;
        }
        done += report.done;
    }
}

/// An organisation with the standard catalogue, an admin, a volunteer manager and a viewer, and
/// `n` volunteers each with a verified training module valid through `expires`.
struct Setup {
    org: Organisation,
    admin: Person,
    manager: Person,
    viewer: Person,
    volunteers: Vec<Person>,
    checks: Vec<Check>,
}

async fn set_up(store: &Arc<dyn Store>, n: usize, expires: NaiveDate) -> Setup {
    let admin = person("Ada", "Admin");
    let manager = person("Morgan", "Manager");
    let viewer = person("Vic", "Viewer");
    let volunteers: Vec<Person> = (0..n)
        .map(|i| person("Volunteer", &format!("Number{i}")))
        .collect();
    let people: Vec<Write> = [&admin, &manager, &viewer]
        .into_iter()
        .chain(&volunteers)
        .map(|p| Write::InsertPerson(p.clone(), None))
        .collect();
    store.apply(people).await.unwrap();
    let app = app_at(store, morning(day(2026, 1, 2)));
    let org = app
        .create_organisation(&organisation_input("Ashby Trust"), admin.id)
        .await
        .unwrap();
    let mut writes = Vec::new();
    for (p, permission) in [
        (&manager, Permission::VolunteerManager),
        (&viewer, Permission::Viewer),
    ] {
        writes.push(Write::PutStaffMember(StaffMember {
            id: Default::default(),
            organisation_id: org.id,
            person_id: p.id,
            permission,
            site_ids: vec![],
        }));
    }
    let catalogue = store.requirement_types(org.id).await.unwrap();
    let module = training(&catalogue)[0];
    let checks: Vec<Check> = volunteers
        .iter()
        .map(|v| check(v.id, module, CheckStatus::Verified, Some(expires)))
        .collect();
    writes.extend(checks.iter().cloned().map(Write::InsertCheck));
    store.apply(writes).await.unwrap();
    Setup {
        org,
        admin,
        manager,
        viewer,
        volunteers,
        checks,
    }
}

/// Subjects of the emails in the outbox, by recipient.
async fn inbox(store: &Arc<dyn Store>) -> HashMap<String, Vec<String>> {
    let mut by_recipient: HashMap<String, Vec<String>> = HashMap::new();
    for m in store.recent_messages(10_000).await.unwrap() {
        by_recipient.entry(m.to).or_default().push(m.subject);
    }
    by_recipient
}

fn count(inbox: &HashMap<String, Vec<String>>, p: &Person) -> usize {
    inbox.get(p.email.as_str()).map_or(0, Vec::len)
}

async fn reminders_at_sixty_thirty_and_seven_days_and_on_expiry(store: Arc<dyn Store>) {
    let expires = day(2026, 9, 30);
    let s = set_up(&store, 1, expires).await;
    let volunteer = &s.volunteers[0];
    let module = domain::compliance::check::in_sentence(&s.checks[0].name);
    let on = |days_before: i64| app_at(&store, morning(expires - Duration::days(days_before)));

    // 61 days before: nothing yet.
    assert_eq!(tick(on(61), "w".into()).await, 0);
    assert!(store.jobs_with_prefix("").await.unwrap().is_empty());
    assert!(inbox(&store).await.is_empty());

    let mut expected = 0;
    for (days_before, subject) in [
        (60, format!("Your {module} runs out on 30 September 2026")),
        (30, format!("Your {module} runs out on 30 September 2026")),
        (7, format!("Your {module} runs out on 30 September 2026")),
        (-1, format!("Your {module} expired after 30 September 2026")),
    ] {
        expected += 1;
        assert_eq!(tick(on(days_before), "w".into()).await, 1, "{days_before}");
        // Running again the same day, or on a later day before the next one is due, adds nothing.
        assert_eq!(tick(on(days_before), "w".into()).await, 0);
        assert_eq!(tick(on(days_before - 1), "w".into()).await, 0);
        let inbox = inbox(&store).await;
        assert_eq!(count(&inbox, volunteer), expected, "{days_before}");
        assert_eq!(inbox[volunteer.email.as_str()][0], subject);
        assert_eq!(count(&inbox, &s.admin), expected);
        assert_eq!(count(&inbox, &s.manager), expected);
        assert_eq!(count(&inbox, &s.viewer), 0, "viewers do not see checks");
        assert_eq!(
            inbox[s.manager.email.as_str()][0],
            format!("Volunteer Number0: {}", &subject[5..])
        );
        assert_eq!(inbox.values().map(Vec::len).sum::<usize>(), 3 * expected);
    }
    // The last valid day and a month after expiry bring nothing new.
    assert_eq!(tick(on(0), "w".into()).await, 0);
    assert_eq!(tick(on(-31), "w".into()).await, 0);
    assert_eq!(count(&inbox(&store).await, volunteer), 4);
    let sent: Vec<String> = store
        .audit_for(Some(s.org.id), s.checks[0].id.0)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "check.reminder_sent")
        .map(|a| a.detail)
        .collect();
    assert_eq!(sent, ["expired", "7-days", "30-days", "60-days"]);
}
conformance!(reminders_at_sixty_thirty_and_seven_days_and_on_expiry);

async fn a_renewed_item_gets_no_reminder_for_its_old_date(store: Arc<dyn Store>) {
    let expires = day(2026, 9, 30);
    let s = set_up(&store, 1, expires).await;
    let thirty_before = morning(expires - Duration::days(30));
    assert_eq!(
        app_at(&store, thirty_before).schedule_jobs().await.unwrap(),
        1
    );
    // Renewed before the reminder job runs.
    let renewed_until = day(2027, 9, 30);
    let renewed = Check {
        issued_on: Some(expires - Duration::days(31)),
        expires_on: Some(renewed_until),
        ..s.checks[0].clone()
    };
    store
        .apply(vec![Write::UpdateCheck(renewed, s.checks[0].version())])
        .await
        .unwrap();
    let report = app_at(&store, thirty_before)
        .run_jobs("w", 10)
        .await
        .unwrap();
    assert_eq!(report.done, 1, "the job is done, sending nothing");
    assert!(inbox(&store).await.is_empty());
    assert_eq!(
        store
            .jobs_with_prefix("expiry-reminder")
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(tick(app_at(&store, thirty_before), "w".into()).await, 0);
    assert!(inbox(&store).await.is_empty());
    // The new date gets its own reminders.
    let app = app_at(&store, morning(renewed_until - Duration::days(60)));
    assert_eq!(tick(app, "w".into()).await, 1);
    let inbox = inbox(&store).await;
    assert_eq!(count(&inbox, &s.volunteers[0]), 1);
    assert!(inbox[s.volunteers[0].email.as_str()][0].ends_with("runs out on 30 September 2027"));
}
conformance!(a_renewed_item_gets_no_reminder_for_its_old_date);

/// Two servers (two apps over two stores opened on one database) run the queue at the same
/// moments, again and again: every reminder is sent exactly once.
async fn two_servers_send_each_reminder_once(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let expires = day(2026, 9, 30);
    let s = set_up(&a, 8, expires).await;
    let mut done = 0;
    for days_before in [61, 60, 45, 30, 7, 0, -1, -20] {
        let now = morning(expires - Duration::days(days_before));
        for round in 0..3 {
            let (left, right) = tokio::join!(
                tokio::spawn(tick(app_at(&a, now), format!("a-{days_before}-{round}"))),
                tokio::spawn(tick(app_at(&b, now), format!("b-{days_before}-{round}"))),
            );
            done += left.unwrap() + right.unwrap();
        }
    }
    assert_eq!(done, 4 * 8, "four reminders for each of eight volunteers");
    let messages = a.recent_messages(10_000).await.unwrap();
    // The 60-, 30- and 7-day reminders share a subject; each is sent on its own day.
    let mut seen: HashMap<(String, String, DateTime<Utc>), usize> = HashMap::new();
    for m in &messages {
        *seen
            .entry((m.to.clone(), m.subject.clone(), m.created_at))
            .or_default() += 1;
    }
    assert!(
        seen.values().all(|n| *n == 1),
        "a reminder sent twice: {seen:?}"
    );
    let inbox = inbox(&a).await;
    for v in &s.volunteers {
        assert_eq!(count(&inbox, v), 4);
    }
    assert_eq!(count(&inbox, &s.admin), 4 * 8);
    assert_eq!(count(&inbox, &s.manager), 4 * 8);
    assert_eq!(messages.len(), 3 * 4 * 8);
    let jobs = b.jobs_with_prefix("expiry-reminder").await.unwrap();
    assert_eq!(jobs.len(), 4 * 8);
    assert!(jobs.iter().all(|(_, done)| *done));
}
conformance_shared!(two_servers_send_each_reminder_once);

async fn dbs_details_go_six_months_after_the_decision(store: Arc<dyn Store>) {
    let s = set_up(&store, 1, day(2027, 1, 1)).await;
    let volunteer = &s.volunteers[0];
    let dbs_type = of_kind(
        &store.requirement_types(s.org.id).await.unwrap(),
        CheckKind::Dbs,
    )
    .clone();
    let pending = Check::pending(volunteer.id, &dbs_type);
    store
        .apply(vec![Write::InsertCheck(pending.clone())])
        .await
        .unwrap();
    let verify = |issued: &str, number: &str| CheckInput {
        action: "verify".into(),
        issued_on: issued.into(),
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        dbs_certificate_number: number.into(),
        dbs_outcome: "clear".into(),
        dbs_update_service: "yes".into(),
        dbs_status_checked_on: issued.into(),
        ..CheckInput::default()
    };
    let decided = morning(day(2026, 1, 15));
    let app = app_at(&store, decided);
    let scope = app
        .authorise(s.admin.id, s.org.slug.as_str())
        .await
        .unwrap();
    let verified = app
        .record_check(&scope, pending.id, &verify("2026-01-10", "001234567890"))
        .await
        .unwrap();
    assert_eq!(
        verified.dbs.as_ref().unwrap().certificate_number.as_deref(),
        Some("001234567890")
    );

    // Six months less a day: untouched.
    let tomorrow = morning(day(2026, 7, 15));
    tick(app_at(&store, tomorrow - Duration::days(1)), "w".into()).await;
    assert_eq!(
        store.check(s.org.id, pending.id).await.unwrap(),
        Some(verified.clone())
    );

    // Six months: the certificate's details go; that it was done, and the decision, stay.
    assert_eq!(tick(app_at(&store, tomorrow), "w".into()).await, 1);
    let kept = store.check(s.org.id, pending.id).await.unwrap().unwrap();
    let dbs = kept.dbs.clone().unwrap();
    assert_eq!(dbs.certificate_number, None);
    assert_eq!(dbs.outcome, None);
    assert!(!dbs.update_service);
    assert_eq!(dbs.status_checked_on, None);
    assert_eq!(dbs.details_removed_at, Some(tomorrow));
    assert_eq!(kept.issued_on, None);
    assert_eq!(dbs.level, DbsLevel::Enhanced);
    assert_eq!(dbs.workforce, Some(Workforce::Adult));
    assert_eq!(kept.status, CheckStatus::Verified);
    assert_eq!(kept.decided_by, verified.decided_by);
    assert_eq!(kept.decided_at, Some(decided));
    let (org_id, check_id) = (s.org.id, pending.id.0);
    let removed = |store: Arc<dyn Store>| async move {
        store
            .audit_for(Some(org_id), check_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.action == "check.dbs_details_removed")
            .count()
    };
    assert_eq!(removed(store.clone()).await, 1);
    assert_eq!(
        tick(app_at(&store, tomorrow + Duration::days(30)), "w".into()).await,
        0
    );

    // A new certificate recorded later is kept six months from its own decision, then goes too.
    let redecided = morning(day(2029, 1, 20));
    let app = app_at(&store, redecided);
    let again = app
        .record_check(&scope, pending.id, &verify("2029-01-18", "009876543210"))
        .await
        .unwrap();
    assert_eq!(again.dbs.as_ref().unwrap().outcome, Some(DbsOutcome::Clear));
    assert_eq!(again.dbs.as_ref().unwrap().details_removed_at, None);
    let due = morning(day(2029, 7, 20));
    tick(app_at(&store, due - Duration::days(1)), "w".into()).await;
    assert_eq!(
        store.check(s.org.id, pending.id).await.unwrap(),
        Some(again)
    );
    assert_eq!(tick(app_at(&store, due), "w".into()).await, 1);
    let dbs = store
        .check(s.org.id, pending.id)
        .await
        .unwrap()
        .unwrap()
        .dbs
        .unwrap();
    assert_eq!(dbs.certificate_number, None);
    assert_eq!(dbs.details_removed_at, Some(due));
    assert_eq!(removed(store.clone()).await, 2);
}
conformance!(dbs_details_go_six_months_after_the_decision);
