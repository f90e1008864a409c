//! Staff log a volunteer's activity: the volunteer and what they did must be chosen, bad
//! numbers are named, and another organisation's staff reach nothing.

use axum::http::StatusCode;

use crate::calendar::Cal;

#[tokio::test]
async fn staff_log_activity_for_their_volunteers_and_no_one_else_can() {
    let c = Cal::new().await;
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    admin
        .get(&c.w.a.path("/activity"))
        .await
        .assert_contains("Nothing is counted yet");
    admin
        .submit(
            &c.w.a.path(&format!("/outcomes/roles/{}", c.role)),
            &[("name", "Calls made"), ("unit", "calls")],
        )
        .await;
    let app = &c.w.site.app;
    let indicator = app.store.outcome_indicators(c.w.a.id).await.unwrap()[0]
        .id
        .to_string();
    let bea = c.bea.id.to_string();
    admin
        .get(&c.w.a.path("/activity"))
        .await
        .assert_contains("Ward visitor: Calls made (calls)")
        .assert_contains("Bea Booker");
    admin
        .submit(&c.w.a.path("/activity"), &[("quantity", "2")])
        .await
        .assert_errors(&["person", "indicator"]);
    admin
        .submit(
            &c.w.a.path("/activity"),
            &[
                ("person", &bea),
                ("indicator", &indicator),
                ("quantity", "0"),
            ],
        )
        .await
        .assert_errors(&["quantity"]);
    let logged = admin
        .submit(
            &c.w.a.path("/activity"),
            &[
                ("person", &bea),
                ("indicator", &indicator),
                ("quantity", "4"),
            ],
        )
        .await;
    assert_eq!(logged.redirect(), c.w.a.path("/activity?done=logged"));
    let records = app
        .store
        .activity_records(c.w.a.id, app.uk_today(), app.uk_today())
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].person_id, records[0].quantity), (c.bea.id, 4));

    // Organisation B's admin: A's page is not found, and logging through B for A's volunteer
    // and indicator is not found either.
    let mut other = c.w.site.signed_in(c.w.b.admin.email.as_str()).await;
    other
        .get(&c.w.a.path("/activity"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    other
        .submit(
            &c.w.b.path("/activity"),
            &[
                ("person", &bea),
                ("indicator", &indicator),
                ("quantity", "4"),
            ],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        app.store
            .activity_records(c.w.a.id, app.uk_today(), app.uk_today())
            .await
            .unwrap()
            .len(),
        1
    );
}
