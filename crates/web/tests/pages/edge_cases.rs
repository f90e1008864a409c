//! More of the same: closed roles, other people's applications, escaping, odd queries.

use axum::http::StatusCode;
use domain::application::ApplicationStatus;

use crate::support::{PASSWORD, World};

#[tokio::test]
async fn closed_roles_take_no_applications_and_nobody_withdraws_anothers() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin
        .submit(&a.path(&format!("/roles/{}/close", a.role)), &[])
        .await;
    assert_eq!(page.redirect(), a.path(&format!("/roles/{}", a.role)));

    let mut walt = w.site.signed_in(w.a_volunteer2.email.as_str()).await;
    let apply = format!("/opportunities/{}/apply", a.role);
    walt.submit(
        &apply,
        &[("motivation", "Please"), ("availability", "Mondays")],
    )
    .await
    .assert_errors(&["role"])
    .assert_contains("This role is not taking applications");
    assert_eq!(
        w.site
            .app
            .my_applications(w.a_volunteer2.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // Drafts are not public at all.
    walt.get(&format!("/opportunities/{}/apply", a.draft_role))
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // Walt cannot withdraw Vera's application; Vera can.
    let vera_withdraw = format!("/my/applications/{}/withdraw", a.application);
    walt.submit(&vera_withdraw, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let status = |row: (app::ports::ApplicationRow, _)| row.0.application.status;
    assert_eq!(
        status(w.site.app.application(&scope, a.application).await.unwrap()),
        ApplicationStatus::Submitted
    );
    let mut vera = w.site.signed_in(a.volunteer.email.as_str()).await;
    let page = vera.submit(&vera_withdraw, &[]).await;
    assert_eq!(page.redirect(), "/my/applications");
    assert_eq!(
        status(w.site.app.application(&scope, a.application).await.unwrap()),
        ApplicationStatus::Withdrawn
    );
    // Withdrawn is final.
    vera.submit(&vera_withdraw, &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This application has already been decided");
}

#[tokio::test]
async fn what_people_type_is_shown_as_text_never_as_markup() {
    let w = World::new().await;
    let a = &w.a;
    let script = "<script>alert(1)</script>";
    let person = w
        .site
        .app
        .register(
            &domain::person::PersonInput {
                given_name: script.into(),
                family_name: "\"><img src=x onerror=alert(2)>".into(),
                email: "script@example.org".into(),
                date_of_birth: "1990-01-01".into(),
                accessibility_needs: script.into(),
                ..Default::default()
            },
            PASSWORD,
        )
        .await
        .unwrap();
    let application = w
        .site
        .app
        .apply(
            person.id,
            a.role,
            &domain::application::ApplicationInput {
                motivation: script.into(),
                availability: script.into(),
            },
        )
        .await
        .unwrap();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut pages = vec![
        admin.get(&a.path("/volunteers")).await,
        admin
            .get(&a.path(&format!("/volunteers/{}", person.id)))
            .await,
        admin
            .get(&a.path(&format!("/applications/{}", application.id)))
            .await,
        admin.get(&a.path("/staff")).await,
    ];
    let mut browser = w.site.signed_in("script@example.org").await;
    pages.push(browser.get("/my/profile").await);
    pages.push(browser.get("/my/profile/edit").await);
    pages.push(
        w.site
            .browser()
            .get("/sign-in?next=%22%3E%3Cscript%3Ealert(3)%3C/script%3E")
            .await,
    );
    pages.push(
        w.site
            .browser()
            .get("/register?next=%22%3E%3Cscript%3Ealert(3)%3C/script%3E")
            .await,
    );
    for page in pages {
        page.assert_status(StatusCode::OK)
            .assert_lacks("<script>")
            .assert_lacks("<img");
    }
    admin
        .get(&a.path(&format!("/volunteers/{}", person.id)))
        .await
        .assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;");
}

#[tokio::test]
async fn the_volunteers_list_survives_odd_query_strings() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    for query in [
        "page=4294967295",
        "page=99999999999999999999",
        "page=-1",
        "page=0",
        "status=bogus&role=not-a-uuid",
        "q=%25%5F%5C",
        "q=%FF%FE",
    ] {
        let list = admin.get(&a.path(&format!("/volunteers?{query}"))).await;
        assert_eq!(list.status, StatusCode::OK, "{query}");
        let csv = admin
            .get(&a.path(&format!("/volunteers.csv?{query}")))
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{query}");
    }
    // Past the last page: the last page, not an empty one.
    admin
        .get(&a.path("/volunteers?page=3"))
        .await
        .assert_contains("page 1 of 1")
        .assert_contains(&a.volunteer.family_name);
}
