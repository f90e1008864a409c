//! Tenancy: other organisations' staff, and people who are not staff, reach nothing of an
//! organisation's.

use axum::http::StatusCode;

use crate::routes::{Form, Ids, fields, manager_gets, manager_posts, post_with_token, role_form};
use crate::support::World;

#[tokio::test]
async fn another_organisations_admin_gets_404_on_every_manager_route() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let b_ids = Ids::of(&w.site, b, w.b_viewer_member).await;
    let a_before = w.snapshot(a).await;
    let b_before = w.snapshot(b).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let token = admin.csrf().await;

    // B's slug, B's ids.
    for path in manager_gets(&b.slug, &b_ids) {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        page.assert_contains("Page not found").assert_lacks(&b.name);
    }
    for (path, form) in manager_posts(&b.slug, &b_ids, a.admin.email.as_str()) {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }

    // A's slug, B's ids.
    let mut mixed: Vec<String> = manager_gets(&a.slug, &b_ids)
        .into_iter()
        .filter(|p| b_ids.all().iter().any(|id| p.contains(id.as_str())))
        .collect();
    mixed.push(a.path(&format!("/volunteers?role={}", b.role)));
    mixed.push(a.path(&format!("/volunteers.csv?role={}", b.role)));
    assert_eq!(mixed.len(), 13, "{mixed:#?}");
    for path in mixed {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    let mixed_posts: Vec<(String, Form)> = manager_posts(&a.slug, &b_ids, a.admin.email.as_str())
        .into_iter()
        .filter(|(p, _)| b_ids.all().iter().any(|id| p.contains(id.as_str())))
        .collect();
    assert_eq!(mixed_posts.len(), 13, "{mixed_posts:#?}");
    for (path, form) in mixed_posts {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }

    assert_eq!(w.snapshot(b).await, b_before, "B's data changed");
    assert_eq!(w.snapshot(a).await, a_before, "A's data changed");
    assert!(
        w.site.app.authorise(a.admin.id, &b.slug).await.is_err(),
        "A's admin became staff in B"
    );

    // The chooser lists only A.
    let choose = admin.get("/manage").await;
    choose
        .assert_status(StatusCode::OK)
        .assert_contains(&a.name)
        .assert_lacks(&b.name);

    // Control: the same pages and forms work for A's admin in A, so the 404s above were tenancy.
    let a_ids = Ids::of(&w.site, a, w.a_viewer_member).await;
    for path in manager_gets(&a.slug, &a_ids) {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "GET {path}: {}", page.body);
    }
    for (path, form) in manager_posts(&a.slug, &a_ids, b.admin.email.as_str()) {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "POST {path}: {}",
            page.body
        );
    }
    assert_ne!(w.snapshot(a).await, a_before, "the control posts changed A");
}

#[tokio::test]
async fn people_who_are_not_staff_get_404_on_every_manager_route() {
    let w = World::new().await;
    let a = &w.a;
    let ids = Ids::of(&w.site, a, w.a_viewer_member).await;
    let before = w.snapshot(a).await;
    let mut volunteer = w.site.signed_in(a.volunteer.email.as_str()).await;
    let token = volunteer.csrf().await;
    for path in manager_gets(&a.slug, &ids) {
        let page = volunteer.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    for (path, form) in manager_posts(&a.slug, &ids, a.volunteer.email.as_str()) {
        let page = post_with_token(&mut volunteer, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(w.snapshot(a).await, before);
    volunteer
        .get("/manage")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You are not on the staff of any organisation");
}

#[tokio::test]
async fn forms_refuse_another_organisations_sites() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let before = w.snapshot(a).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;

    let b_site = b.site.to_string();
    let form = role_form("Role at a foreign site", &b_site);
    admin
        .submit(&a.path("/roles/new"), &fields(&form))
        .await
        .assert_errors(&["site_ids"]);
    let edit = role_form("Moved to a foreign site", &b_site);
    admin
        .submit(&a.path(&format!("/roles/{}/edit", a.role)), &fields(&edit))
        .await
        .assert_errors(&["site_ids"]);
    admin
        .submit(
            &a.path("/staff"),
            &[
                ("email", b.admin.email.as_str()),
                ("permission", "supervisor"),
                ("site_ids", &b_site),
            ],
        )
        .await
        .assert_errors(&["site_ids"]);
    assert_eq!(w.snapshot(a).await, before);
}
