//! Hours: a volunteer logs hours outside shifts (bad input refused whole), a manager asks about
//! them (the volunteer is emailed, changes and sends them again) and approves them (emailed too);
//! and the year's totals by month per volunteer, role, site and organisation, on the page and in
//! the CSV.

use axum::http::StatusCode;
use chrono::{Datelike, Duration, Utc};
use domain::rota::from_utc;
use domain::rota::hours::HoursStatus;

use super::fixture::Att;

/// A form's fields and the fields its error summary should name.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

async fn messages_to(t: &Att, to: &str) -> Vec<app::ports::OutboxMessage> {
    t.w.site
        .app
        .store
        .recent_messages(200)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to == to)
        .collect()
}

#[tokio::test]
async fn hours_are_logged_queried_changed_and_approved() {
    let t = Att::new().await;
    let app = &t.w.site.app;
    let mut sam = t.w.site.signed_in("sam@example.org").await;
    let today = from_utc(Utc::now()).date();
    let yesterday = (today - Duration::days(1)).format("%-d %-m %Y").to_string();
    let tomorrow = (today + Duration::days(1)).format("%-d %-m %Y").to_string();
    let role = t.role.to_string();

    let page = sam.get("/my/hours").await;
    page.assert_contains("Log hours outside shifts")
        .assert_contains("Ward visitor, Riverside Hospitals NHS Trust");

    // Bad input: every problem named, nothing saved.
    let cases: [Case; 6] = [
        (&[], &["role_id", "date", "minutes", "description"]),
        (
            &[
                ("role_id", &role),
                ("date", &tomorrow),
                ("hours", "1"),
                ("description", "Calls"),
            ],
            &["date"],
        ),
        (
            &[
                ("role_id", &role),
                ("date", &yesterday),
                ("hours", "0"),
                ("minutes", "0"),
                ("description", "Calls"),
            ],
            &["minutes"],
        ),
        (
            &[
                ("role_id", &role),
                ("date", &yesterday),
                ("hours", "-2"),
                ("description", "Calls"),
            ],
            &["hours"],
        ),
        (
            &[
                ("role_id", &role),
                ("date", &yesterday),
                ("hours", "24"),
                ("minutes", "30"),
                ("description", "Calls"),
            ],
            &["minutes"],
        ),
        (
            &[
                ("role_id", &t.w.a.role.to_string()),
                ("date", &yesterday),
                ("hours", "1"),
                ("description", "Calls"),
            ],
            &["role_id"],
        ),
    ];
    for (fields, errors) in cases {
        sam.submit("/my/hours", fields).await.assert_errors(errors);
    }
    assert!(app.my_hours(t.sam.id).await.unwrap().is_empty());

    let logged = sam
        .submit(
            "/my/hours",
            &[
                ("role_id", &role),
                ("date", &yesterday),
                ("hours", "1"),
                ("minutes", "30"),
                ("description", "Three befriending calls from home"),
            ],
        )
        .await;
    assert_eq!(logged.redirect(), "/my/hours?done=logged");
    let log = app.my_hours(t.sam.id).await.unwrap().remove(0).log;
    assert_eq!((log.minutes, log.status), (90, HoursStatus::Submitted));

    // The manager asks about them: a message is needed, then the volunteer is emailed.
    let mut admin = t.w.site.signed_in(t.w.a.admin.email.as_str()).await;
    admin
        .get(&t.w.a.path("/hours"))
        .await
        .assert_contains("Sam Sutton: 1 hour 30 minutes on")
        .assert_contains("Three befriending calls from home");
    let query = t.w.a.path(&format!("/hours/{}/query", log.id));
    admin
        .submit(&query, &[("message", " ")])
        .await
        .assert_errors(&[&format!("{}-message", log.id)]);
    let asked = admin
        .submit(&query, &[("message", "Was one of these on Saturday?")])
        .await;
    assert!(asked.redirect().ends_with("/hours?done=queried"));
    let emails = messages_to(&t, "sam@example.org").await;
    let question = emails
        .iter()
        .find(|m| m.subject.starts_with("A question about your hours"))
        .expect("the question is emailed");
    assert!(question.body.contains("Was one of these on Saturday?"));
    assert!(question.body.contains("http://localhost/my/hours"));
    // Asking again is refused; approving is still possible later.
    admin
        .submit(&query, &[("message", "Again?")])
        .await
        .assert_status(StatusCode::CONFLICT);

    // Sam sees the question, changes the hours and sends them again.
    sam.get("/my/hours")
        .await
        .assert_contains("The team asked: “Was one of these on Saturday?”");
    let edit = format!("/my/hours/{}", log.id);
    sam.submit(
        &edit,
        &[
            ("date", &yesterday),
            ("hours", "25"),
            ("description", "Calls"),
        ],
    )
    .await
    .assert_errors(&["minutes"]);
    let resent = sam
        .submit(
            &edit,
            &[
                ("date", &yesterday),
                ("hours", "1"),
                ("minutes", ""),
                ("description", "Two befriending calls from home"),
            ],
        )
        .await;
    assert_eq!(resent.redirect(), "/my/hours?done=resent");
    sam.get(&edit).await.assert_status(StatusCode::NOT_FOUND);

    // Approved: emailed, counted, and cannot be approved twice.
    let approve = t.w.a.path(&format!("/hours/{}/approve", log.id));
    assert!(
        admin
            .submit(&approve, &[])
            .await
            .redirect()
            .ends_with("done=approved")
    );
    let approved = app.my_hours(t.sam.id).await.unwrap().remove(0).log;
    assert_eq!(
        (approved.minutes, approved.status),
        (60, HoursStatus::Approved)
    );
    assert!(
        messages_to(&t, "sam@example.org")
            .await
            .iter()
            .any(|m| m.subject.ends_with("are approved") && m.body.contains("1 hour on"))
    );
    admin
        .submit(&approve, &[])
        .await
        .assert_status(StatusCode::CONFLICT);
    let year = (today - Duration::days(1)).year();
    sam.get(&format!("/my/hours?year={year}"))
        .await
        .assert_contains("Riverside Hospitals NHS Trust: 1.00 hours");

    // Supervisors and viewers do not decide; a supervisor does not see everyone's hours.
    let mut vic = t.w.site.signed_in("viewer@trust.example.org").await;
    vic.submit(&approve, &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mut sue = t.w.site.signed_in("supervisor@trust.example.org").await;
    sue.get(&t.w.a.path("/hours"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hours_totals_by_month_per_volunteer_role_site_and_organisation() {
    let t = Att::new().await;
    let app = &t.w.site.app;
    let scope = t.admin_scope().await;
    // Three hours, a day ago: Sam came 15 minutes late; Ria was marked attended without times.
    let shift = t.shift(t.w.a.site, -27 * 60, 3).await;
    let sam = t.book(&shift, t.sam.id).await;
    let ria = t.book(&shift, t.ria.id).await;
    let late = from_utc(shift.starts_at + Duration::minutes(15))
        .format("%H:%M")
        .to_string();
    for (booking, arrived) in [(sam.id, late.as_str()), (ria.id, "")] {
        let input = domain::rota::attendance::MarkInput {
            status: "attended".into(),
            arrived: arrived.into(),
            left: String::new(),
        };
        app.mark_attendance(&scope, shift.id, booking, &input)
            .await
            .unwrap();
    }
    // Sam logged 90 minutes that day (approved) and 30 more (waiting: not counted).
    let day = from_utc(shift.starts_at).date();
    let typed = |minutes: &str| domain::rota::hours::HoursInput {
        date: day.to_string(),
        hours: String::new(),
        minutes: minutes.into(),
        description: "Calls".into(),
    };
    let counted = app
        .log_hours(t.sam.id, &t.role.to_string(), &typed("90"))
        .await
        .unwrap();
    app.approve_hours(&scope, counted.id).await.unwrap();
    app.log_hours(t.sam.id, &t.role.to_string(), &typed("30"))
        .await
        .unwrap();

    let report = app.hours_report(&scope, day.year()).await.unwrap();
    let m = day.month0() as usize;
    let totals = &report.totals;
    assert_eq!(totals.organisation.0[m], 165 + 180 + 90);
    assert_eq!(totals.organisation.total(), 435);
    assert_eq!(totals.by_person[&t.sam.id].0[m], 255);
    assert_eq!(totals.by_person[&t.ria.id].total(), 180);
    assert_eq!(totals.by_role[&t.role].total(), 435);
    assert_eq!(totals.by_site[&Some(t.w.a.site)].total(), 345);
    assert_eq!(totals.by_site[&None].total(), 90);
    let other_year = app.hours_report(&scope, day.year() - 1).await.unwrap();
    assert_eq!(other_year.totals.organisation.total(), 0);

    let mut admin = t.w.site.signed_in(t.w.a.admin.email.as_str()).await;
    let page = admin
        .get(&t.w.a.path(&format!("/hours/totals?year={}", day.year())))
        .await;
    page.assert_status(StatusCode::OK);
    for (name, hours) in [
        ("Riverside Hospitals NHS Trust", "7.25"),
        ("Sam Sutton", "4.25"),
        ("Ria Rahman", "3.00"),
        ("Ward visitor", "7.25"),
        ("trust General Hospital", "5.75"),
        ("Logged hours (no site)", "1.50"),
    ] {
        let row = page
            .row(&format!(">{name}</th>"))
            .unwrap_or_else(|| panic!("a row for {name}"));
        assert!(
            row.contains(&format!("<strong>{hours}</strong>")),
            "{name}: {row}"
        );
    }
    admin
        .get(&t.w.a.path("/hours/totals?year=nineteen"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);

    let csv = admin
        .get(
            &t.w.a
                .path(&format!("/hours/totals.csv?year={}", day.year())),
        )
        .await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(
        lines[0].starts_with("Totals by,Name,Jan,Feb"),
        "{}",
        lines[0]
    );
    let sam_line = lines
        .iter()
        .find(|l| l.starts_with("Volunteer,Sam Sutton,"))
        .expect("Sam's line");
    let cells: Vec<&str> = sam_line.split(',').collect();
    assert_eq!(cells[2 + m], "4.25");
    assert_eq!(cells[14], "4.25");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Site,Logged hours (no site),"))
    );
    // The download names volunteers, so it is audited.
    let audit =
        t.w.site
            .app
            .store
            .audit_for(Some(t.w.a.id), t.w.a.id.0)
            .await
            .unwrap();
    assert!(
        audit.iter().any(|e| e.action == "hours.exported"),
        "{audit:?}"
    );
}
