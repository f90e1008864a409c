//! Surveys, activity and the quality report through the pages: a volunteer answers by the link
//! in their email with no sign-in (bad answers named, a link answers once) and sees their own
//! answers in plain words; anonymous answers keep nothing that leads back to the volunteer;
//! volunteers log activity only for their own roles; the report withholds groups under five.

use axum::http::StatusCode;
use chrono::Datelike;
use domain::surveys::Respondent;

use crate::calendar::Cal;
use crate::support::Browser;

/// The survey link in the newest invitation emailed to `email`.
pub(crate) async fn link_for(c: &Cal, email: &str) -> String {
    let messages = c.w.site.app.store.recent_messages(500).await.unwrap();
    let body = messages
        .iter()
        .find(|m| m.to == email && m.subject.starts_with("How is volunteering with"))
        .unwrap_or_else(|| panic!("no survey email to {email}: {messages:#?}"))
        .body
        .clone();
    let start = body.find("/surveys/").unwrap();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

pub(crate) async fn send_due_surveys(c: &Cal) {
    let app = &c.w.site.app;
    app.schedule_jobs().await.unwrap();
    let report = app.run_jobs("test", 100).await.unwrap();
    assert_eq!(report.failed, 0);
}

const EXPERIENCE: [(&str, &str); 3] = [
    ("experience-belonging", "4"),
    ("experience-support", "5"),
    ("experience-flexibility", "2"),
];

#[tokio::test]
async fn a_volunteer_answers_by_the_link_once_and_sees_their_answers_in_plain_words() {
    let c = Cal::new().await;
    send_due_surveys(&c).await;
    let link = link_for(&c, "bea@example.org").await;
    let mut anyone = c.w.site.browser();
    anyone
        .get(&link)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("ONS personal wellbeing")
        .assert_contains(r#"name="ons4-satis" value="10""#)
        .assert_contains("Your answers are kept with your name");

    // An answer off the scale is named, and nothing is kept.
    anyone
        .post(&link, &[("ons4-satis", "11"), ("brs-q1", "3")])
        .await
        .assert_errors(&["ons4-satis"]);
    let app = &c.w.site.app;
    assert!(
        app.store
            .survey_responses_of_person(c.bea.id)
            .await
            .unwrap()
            .is_empty()
    );

    anyone
        .post(
            &link,
            &[("ons4-satis", "7"), ("ons4-anxious", "2"), ("brs-q1", "4")],
        )
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Thank you for your answers");
    anyone
        .post(&link, &[("ons4-satis", "1")])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("already been answered");
    let kept = app
        .store
        .survey_responses_of_person(c.bea.id)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2, "ONS4 and BRS answered; the rest skipped");
    assert_eq!(kept[0].answers.get("satis"), Some(7));

    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/wellbeing")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("How satisfied you felt with your life")
        .assert_contains("7 out of 10")
        .assert_contains("How anxious you felt the day before")
        .assert_lacks("Very high")
        .assert_lacks("Low resilience");
    let mut cal = c.w.site.signed_in("cal@example.org").await;
    cal.get("/my/wellbeing").await.assert_lacks("7 out of 10");

    // Scheduling again sends no second baseline.
    send_due_surveys(&c).await;
    let sent = app.store.recent_messages(500).await.unwrap();
    let invitations = sent
        .iter()
        .filter(|m| m.to == "bea@example.org" && m.subject.starts_with("How is volunteering"))
        .count();
    assert_eq!(invitations, 1);
    // An unknown link is not found.
    anyone
        .get("/surveys/not-a-real-token")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

async fn make_baseline_anonymous(c: &Cal, admin: &mut Browser) {
    let page = admin
        .submit(
            &c.w.a.path("/surveys/plans/baseline"),
            &[
                ("enabled", "yes"),
                ("instruments", "experience"),
                ("anonymous", "yes"),
                ("close_after_days", "21"),
                ("remind_after_days", "7"),
                ("pulse_one_in", "10"),
            ],
        )
        .await;
    assert_eq!(
        page.redirect(),
        c.w.a.path("/surveys?done=plan"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn anonymous_answers_keep_nothing_that_leads_back_to_the_volunteer() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    make_baseline_anonymous(&c, &mut admin).await;
    send_due_surveys(&c).await;
    let app = &c.w.site.app;
    for email in ["bea@example.org", "cal@example.org"] {
        let link = link_for(&c, email).await;
        let mut anyone = c.w.site.browser();
        anyone
            .get(&link)
            .await
            .assert_contains("Your answers are anonymous");
        anyone
            .post(&link, &EXPERIENCE)
            .await
            .assert_contains("Thank you for your answers");
    }
    let today = app.uk_today();
    let kept = app
        .store
        .survey_responses(c.w.a.id, today - chrono::Duration::days(40), today)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    for r in &kept {
        assert_eq!(r.respondent, Respondent::Anonymous);
        assert_eq!(
            r.answered_on,
            today.with_day(1).unwrap(),
            "only the month is kept"
        );
        assert_eq!(r.id.0.get_version_num(), 4, "the id carries no time");
        assert_eq!(r.role_id, Some(c.role));
        assert_eq!(r.site_id, Some(c.w.a.site), "the role's only site");
    }
    for person in [&c.bea, &c.cal] {
        assert!(
            app.store
                .survey_responses_of_person(person.id)
                .await
                .unwrap()
                .is_empty()
        );
        let audit = app
            .store
            .audit_for(Some(c.w.a.id), person.id.0)
            .await
            .unwrap();
        assert!(
            audit.iter().all(|e| e.action != "survey.answered"),
            "no record of when they answered: {audit:#?}"
        );
        for r in &kept {
            let trail = app.store.audit_for(Some(c.w.a.id), r.id.0).await.unwrap();
            assert!(trail.is_empty(), "nothing audited names the response");
        }
        let invitation = &app
            .store
            .survey_invitations_of_person(person.id)
            .await
            .unwrap()[0];
        assert!(invitation.answered);
    }
    // The person's own page shows nothing of an anonymous survey.
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/wellbeing")
        .await
        .assert_contains("You have not answered any wellbeing questions yet");
}

#[tokio::test]
async fn volunteers_log_activity_only_for_their_own_roles_and_it_reaches_the_report() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    let added = admin
        .submit(
            &c.w.a.path(&format!("/outcomes/roles/{}", c.role)),
            &[
                ("name", "Patients helped at mealtimes"),
                ("unit", "patients"),
                ("minutes_each", "10"),
            ],
        )
        .await;
    assert_eq!(added.redirect(), c.w.a.path("/outcomes?done=saved"));
    // Naming it twice is refused, naming the field of that role's form.
    admin
        .submit(
            &c.w.a.path(&format!("/outcomes/roles/{}", c.role)),
            &[
                ("name", "patients helped at mealtimes"),
                ("unit", "patients"),
            ],
        )
        .await
        .assert_errors(&[&format!("{}-name", c.role)]);
    let app = &c.w.site.app;
    let indicator = app.store.outcome_indicators(c.w.a.id).await.unwrap()[0]
        .id
        .to_string();

    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/activity")
        .await
        .assert_contains("Patients helped at mealtimes: how many patients?");
    bea.submit(
        "/my/activity",
        &[("indicator", &indicator), ("quantity", "0")],
    )
    .await
    .assert_errors(&[&format!("quantity-{indicator}")]);
    let logged = bea
        .submit(
            "/my/activity",
            &[
                ("indicator", &indicator),
                ("quantity", "6"),
                ("note", "Lunch"),
            ],
        )
        .await;
    assert_eq!(logged.redirect(), "/my/activity?done=logged");
    bea.get(logged.redirect())
        .await
        .assert_contains("6 patients");

    // Hal volunteers only with the other organisation: the indicator is not his to log.
    let mut hal = c.w.site.signed_in("hal@example.org").await;
    hal.submit(
        "/my/activity",
        &[("indicator", &indicator), ("quantity", "3")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    hal.get("/my/activity")
        .await
        .assert_lacks("Patients helped at mealtimes");

    admin
        .get(&c.w.a.path("/quality"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Patients helped at mealtimes")
        .assert_contains("6 patients")
        .assert_contains("<td>1.0</td>");
    let records = app
        .store
        .activity_records(c.w.a.id, app.uk_today(), app.uk_today())
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].person_id, c.bea.id);
}

#[tokio::test]
async fn the_board_report_withholds_groups_under_five_and_exports_each_table() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    make_baseline_anonymous(&c, &mut admin).await;
    send_due_surveys(&c).await;
    for email in ["bea@example.org", "cal@example.org"] {
        let link = link_for(&c, email).await;
        c.w.site.browser().post(&link, &EXPERIENCE).await;
    }
    let page = admin.get(&c.w.a.path("/quality")).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Quality and outcomes")
        .assert_contains(
            r#"role="img" aria-labelledby="experience-chart-title experience-chart-desc""#,
        )
        .assert_contains("fewer than 5")
        .assert_contains("2 responses")
        .assert_lacks("50%");
    page.assert_contains("Volunteer experience by site");
    // Retention by the year volunteers started: both started this year, too few to show.
    let cohort = format!("Started in {}", c.w.site.app.uk_today().year());
    let row = page
        .row(&cohort)
        .unwrap_or_else(|| panic!("no {cohort} row"));
    assert!(row.contains("fewer than 5"), "{row}");
    let csv = admin
        .get(&c.w.a.path("/quality.csv?table=experience"))
        .await;
    csv.assert_status(StatusCode::OK);
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some("Theme,People who answered,Mean (1 to 5),Agreeing")
    );
    assert!(lines.all(|l| l.contains("fewer than 5")), "{}", csv.body);
    // The PDF is read back with an independent PDF reader.
    let pdf = admin.get(&c.w.a.path("/quality.pdf")).await;
    pdf.assert_status(StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let doc = lopdf::Document::load_mem(&pdf.bytes).expect("a PDF an independent reader opens");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(!pages.is_empty());
    let text = doc.extract_text(&pages).expect("its text");
    assert!(text.contains("Quality and outcomes"), "{text}");
    assert!(text.contains("fewer than 5"), "{text}");
    assert!(text.contains("How these figures are worked out"), "{text}");
    admin
        .get(&c.w.a.path("/quality.csv?table=nonsense"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    admin
        .get(
            &c.w.a
                .path("/quality?from=2026-13-01&to=2026-01-01&rate=abc"),
        )
        .await
        .assert_errors(&["from", "rate"]);
}
