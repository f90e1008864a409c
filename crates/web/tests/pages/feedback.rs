//! Feedback on volunteers by shared links: a manager makes one (bad input named), anyone with it
//! gives anonymous feedback as often as they like (bad answers named), the report shows the
//! FFT-style positive share once five have answered, a stopped link takes no more, and another
//! organisation's staff cannot touch it.

use axum::http::StatusCode;
use domain::surveys::Respondent;

use crate::calendar::Cal;

#[tokio::test]
async fn feedback_links_collect_anonymous_feedback_that_reaches_the_report() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    admin
        .submit(&c.w.a.path("/feedback"), &[("label", "")])
        .await
        .assert_errors(&["instrument", "label"]);
    let made = admin
        .submit(
            &c.w.a.path("/feedback"),
            &[
                ("instrument", "support_feedback"),
                ("label", "Ward 7 mealtimes"),
                ("role", &c.role.to_string()),
            ],
        )
        .await;
    assert_eq!(made.redirect(), c.w.a.path("/feedback?done=saved"));
    let page = admin.get(made.redirect()).await;
    page.assert_contains("Ward 7 mealtimes")
        .assert_contains("Taking feedback");
    let app = &c.w.site.app;
    let link = app.store.feedback_links(c.w.a.id).await.unwrap().remove(0);
    let path = format!("/feedback/{}", link.token);
    assert!(page.body.contains(&path));

    let mut anyone = c.w.site.browser();
    anyone
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Very good")
        .assert_contains("Your feedback is anonymous");
    anyone
        .post(&path, &[("support_feedback-overall", "9")])
        .await
        .assert_errors(&["support_feedback-overall"]);
    // Four say very good or good, one says poor, one doesn't know: 4 of 5 counted, 80%.
    for answer in ["1", "2", "1", "2", "4", "6"] {
        anyone
            .post(
                &path,
                &[
                    ("support_feedback-overall", answer),
                    ("support_feedback-why", "Kind and patient"),
                ],
            )
            .await
            .assert_contains("Thank you for your feedback");
    }
    let today = app.uk_today();
    let kept = app
        .store
        .survey_responses(c.w.a.id, today - chrono::Duration::days(40), today)
        .await
        .unwrap();
    assert_eq!(kept.len(), 6);
    assert!(
        kept.iter()
            .all(|r| r.respondent == Respondent::Anonymous && r.role_id == Some(c.role))
    );
    let report = admin.get(&c.w.a.path("/quality")).await;
    let row = report
        .row("Service users and carers: very good or good")
        .expect("the feedback row");
    assert!(
        row.contains("<td>5</td>") && row.contains("80.00%"),
        "{row}"
    );
    let staff = report.row("Staff: volunteers make a difference").unwrap();
    assert!(staff.contains("fewer than 5"), "{staff}");

    // Organisation B's admin cannot stop it; A's admin can, and then it takes no more.
    let mut other = c.w.site.signed_in(c.w.b.admin.email.as_str()).await;
    other
        .submit(
            &c.w.b.path(&format!("/feedback/{}/active", link.id)),
            &[("active", "no")],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
    other
        .get(&c.w.b.path("/feedback"))
        .await
        .assert_lacks(&path);
    let stopped = admin
        .submit(
            &c.w.a.path(&format!("/feedback/{}/active", link.id)),
            &[("active", "no")],
        )
        .await;
    assert_eq!(stopped.redirect(), c.w.a.path("/feedback?done=saved"));
    anyone
        .get(&path)
        .await
        .assert_status(StatusCode::GONE)
        .assert_contains("This feedback link has closed");
    anyone
        .post(&path, &[("support_feedback-overall", "1")])
        .await
        .assert_status(StatusCode::GONE);
    let after = app
        .store
        .survey_responses(c.w.a.id, today - chrono::Duration::days(40), today)
        .await
        .unwrap();
    assert_eq!(after.len(), 6);
    anyone
        .get("/feedback/not-a-link")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
