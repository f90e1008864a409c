//! Permissions within an organisation: viewers look but do not change; supervisors see their
//! sites.

use axum::http::StatusCode;

use crate::routes::{Form, post_with_token, role_form, site_form};
use crate::support::World;

#[tokio::test]
async fn a_viewer_can_look_but_not_change() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let list = viewer.get(&a.path("/volunteers")).await;
    list.assert_status(StatusCode::OK)
        .assert_contains(&a.volunteer.full_name())
        .assert_contains(&w.a_volunteer2.full_name());
    viewer
        .get(&a.path("/roles"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks(&a.path("/roles/new"));
    viewer
        .get(&a.path(&format!("/volunteers/{}", a.volunteer.id)))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Change status");
    viewer
        .get(&a.path(&format!("/applications/{}", a.application)))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Save decision");
    viewer
        .get(&a.path("/staff"))
        .await
        .assert_status(StatusCode::FORBIDDEN);

    let site = a.site.to_string();
    let forms: Vec<(String, Form)> = vec![
        (a.path("/roles/new"), role_form("Viewer's role", &site)),
        (
            a.path(&format!("/roles/{}/edit", a.role)),
            role_form("Renamed by viewer", &site),
        ),
        (a.path(&format!("/roles/{}/close", a.role)), vec![]),
        (a.path("/sites/new"), site_form("Viewer's site")),
        (
            a.path("/staff"),
            vec![
                ("email", w.a_viewer.email.to_string()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (
            a.path(&format!("/volunteers/{}/status", a.volunteer.id)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
            ],
        ),
        (
            a.path(&format!("/applications/{}", a.application)),
            vec![("status", "accepted".into())],
        ),
    ];
    let token = viewer.csrf().await;
    for (path, form) in &forms {
        let page = post_with_token(&mut viewer, path, &token, form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "POST {path}");
        page.assert_contains("You cannot do this");
    }
    assert_eq!(w.snapshot(a).await, before);
}

#[tokio::test]
async fn a_supervisor_sees_only_volunteers_at_their_sites() {
    let w = World::new().await;
    let a = &w.a;
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    let list = supervisor.get(&a.path("/volunteers")).await;
    list.assert_status(StatusCode::OK)
        .assert_contains("1 person")
        .assert_contains(&a.volunteer.full_name())
        .assert_lacks(&w.a_volunteer2.full_name());
    let csv = supervisor.get(&a.path("/volunteers.csv")).await;
    csv.assert_status(StatusCode::OK)
        .assert_contains(a.volunteer.email.as_str())
        .assert_lacks(w.a_volunteer2.email.as_str());
    supervisor
        .get(&a.path(&format!("/volunteers/{}", a.volunteer.id)))
        .await
        .assert_status(StatusCode::OK);
    supervisor
        .get(&a.path(&format!("/applications/{}", a.application)))
        .await
        .assert_status(StatusCode::OK);
    // The dashboard counts only their sites' people too.
    supervisor
        .get(&a.path(""))
        .await
        .assert_contains(r#"<span class="stat">1</span> applicants"#);
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path(""))
        .await
        .assert_contains(r#"<span class="stat">2</span> applicants"#);
    supervisor
        .get(&a.path("/applications"))
        .await
        .assert_contains("1 application")
        .assert_contains(&a.volunteer.full_name())
        .assert_lacks(&w.a_volunteer2.full_name());
    for path in [
        a.path(&format!("/volunteers/{}", w.a_volunteer2.id)),
        a.path(&format!("/applications/{}", w.a_application2)),
    ] {
        supervisor
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Searching by the other site's role does not reveal its applicants.
    let filtered = supervisor
        .get(&a.path(&format!("/volunteers?role={}", w.a_role2)))
        .await;
    filtered
        .assert_status(StatusCode::OK)
        .assert_contains("0 people")
        .assert_lacks(&w.a_volunteer2.full_name());

    // The admin, by contrast, sees both.
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path("/volunteers"))
        .await
        .assert_contains("2 people")
        .assert_contains(&w.a_volunteer2.full_name());
}
