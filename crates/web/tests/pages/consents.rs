//! Consents recorded on their own form: a manager records one (the form names every problem),
//! the volunteer sees it on their data page and withdraws it, the manager sees the withdrawal and
//! the register lists it; another organisation's staff and other volunteers reach none of it.

use axum::http::StatusCode;

use crate::support::World;

#[tokio::test]
async fn a_manager_records_a_consent_and_the_volunteer_withdraws_it() {
    let w = World::new().await;
    let a = &w.a;
    let page_path = a.path(&format!("/volunteers/{}/consents", a.volunteer.id));
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&page_path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("No consents are recorded for");
    admin
        .get(&a.path(&format!("/volunteers/{}", a.volunteer.id)))
        .await
        .assert_contains(&format!("{page_path}\">Consents</a>"));

    // Nothing typed: every field is named in the error summary.
    admin
        .submit(&page_path, &[])
        .await
        .assert_errors(&["purpose", "state", "on", "way"]);
    let done = admin
        .submit(
            &page_path,
            &[
                ("purpose", "Photographs in our newsletter"),
                ("state", "given"),
                ("on", "5 1 2026"),
                ("way", "verbal"),
                ("note", "Asked at the coffee morning"),
            ],
        )
        .await;
    assert_eq!(done.redirect(), format!("{page_path}?done=recorded"));
    let page = admin.get(done.redirect()).await;
    page.assert_contains("The consent is recorded")
        .assert_contains("Photographs in our newsletter")
        .assert_contains("Verbally, recorded by")
        .assert_contains("Record the withdrawal");

    // The volunteer sees it on their data page and withdraws it.
    let mut vera = w.site.signed_in(a.volunteer.email.as_str()).await;
    let mine = vera.get("/my/data").await;
    mine.assert_contains("Photographs in our newsletter");
    let action = mine
        .body
        .split(r#"action="/my/data/consents/"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a withdraw button")
        .to_owned();
    // Another volunteer cannot withdraw it.
    let mut other = w.site.signed_in(w.b.volunteer.email.as_str()).await;
    other
        .submit(&format!("/my/data/consents/{action}"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let withdrawn = vera
        .submit(&format!("/my/data/consents/{action}"), &[])
        .await;
    assert_eq!(withdrawn.redirect(), "/my/data?done=withdrawn");
    vera.get(withdrawn.redirect())
        .await
        .assert_contains("Your consent is withdrawn")
        .assert_lacks(r#"action="/my/data/consents/"#);
    // Twice is said plainly, and changes nothing.
    let again = vera
        .submit(&format!("/my/data/consents/{action}"), &[])
        .await;
    assert_eq!(again.redirect(), "/my/data?done=already");

    // The manager sees the withdrawal, and the register lists the consent.
    admin
        .get(&page_path)
        .await
        .assert_contains("(recorded by Vera")
        .assert_lacks("Record the withdrawal");
    admin
        .get(&a.path("/privacy/consents"))
        .await
        .assert_contains("Photographs in our newsletter");

    // Another organisation's admin gets nothing, reading or writing.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    b_admin
        .get(&page_path)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .submit(
            &page_path,
            &[
                ("purpose", "x"),
                ("state", "given"),
                ("on", "5 1 2026"),
                ("way", "written"),
            ],
        )
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_manager_records_a_withdrawal_with_its_day_checked() {
    let w = World::new().await;
    let a = &w.a;
    let page_path = a.path(&format!("/volunteers/{}/consents", a.volunteer.id));
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .submit(
            &page_path,
            &[
                ("purpose", "Sharing my details with the hospital"),
                ("state", "given"),
                ("on", "2026-02-01"),
                ("way", "written"),
            ],
        )
        .await
        .redirect();
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let id = w
        .site
        .app
        .person_consents(&scope, a.volunteer.id)
        .await
        .unwrap()[0]
        .id;
    let withdraw = format!("{page_path}/{id}/withdraw");
    // A day before it was given is named on that consent's own day box.
    admin
        .submit(&withdraw, &[("on", "2026-01-01")])
        .await
        .assert_errors(&[&format!("on-{id}")])
        .assert_contains("before the consent was given");
    let done = admin.submit(&withdraw, &[("on", "2026-03-01")]).await;
    assert_eq!(done.redirect(), format!("{page_path}?done=withdrawn"));
    admin
        .get(done.redirect())
        .await
        .assert_contains("1 March 2026 (recorded by");
}
