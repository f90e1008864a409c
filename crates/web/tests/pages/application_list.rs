//! The applications queue: newest first, filtered by status.

use axum::http::StatusCode;

use crate::support::World;

#[tokio::test]
async fn the_queue_lists_applications_and_filters_by_status() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let all = admin.get(&a.path("/applications")).await;
    all.assert_status(StatusCode::OK)
        .assert_contains("2 applications")
        .assert_contains(&a.volunteer.full_name())
        .assert_contains(&w.a_volunteer2.full_name())
        .assert_contains(&format!("/applications/{}", a.application))
        .assert_lacks(&w.b.volunteer.full_name());
    admin
        .get(&a.path("/applications?status=declined"))
        .await
        .assert_contains("0 applications");
    admin
        .get(&a.path("/applications?status=nonsense&page=x"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("2 applications");
    admin
        .get(&a.path(""))
        .await
        .assert_contains(&format!(r#"href="/manage/{}/applications""#, a.slug));
}
