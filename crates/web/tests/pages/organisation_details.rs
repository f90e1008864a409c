//! The organisation details page: admins only, validated like every other form.

use axum::http::StatusCode;

use crate::routes::{fields, organisation_form};
use crate::support::World;

#[tokio::test]
async fn admins_change_their_organisations_details_and_nobody_else_can() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin.get(&a.path("/organisation")).await;
    page.assert_status(StatusCode::OK).assert_contains(&a.name);

    // Bad input: every problem named, nothing saved.
    let before = w.snapshot(a).await;
    let mut form = organisation_form(&a.slug);
    form.retain(|(k, _)| !matches!(*k, "name" | "postcode" | "charity_number"));
    form.extend([
        ("name", String::new()),
        ("postcode", "nowhere".into()),
        ("charity_number", "12".into()),
    ]);
    admin
        .submit(&a.path("/organisation"), &fields(&form))
        .await
        .assert_errors(&["name", "charity_number", "postcode"])
        .assert_contains(r#"value="nowhere""#);
    assert_eq!(
        w.snapshot(a).await,
        before,
        "a refused form changed the organisation"
    );

    // A good form saves, normalised.
    let page = admin
        .submit(
            &a.path("/organisation"),
            &fields(&organisation_form(&a.slug)),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let saved = w.site.app.store.organisation(a.id).await.unwrap().unwrap();
    assert_eq!(saved.name, "Renamed Good Neighbours");
    assert_eq!(saved.postcode.as_str(), "LS1 4AP");

    // Another organisation's slug is taken.
    let mut clash = organisation_form(&w.b.slug);
    clash.retain(|(k, _)| *k != "name");
    clash.push(("name", "Clash".into()));
    admin
        .submit(&a.path("/organisation"), &fields(&clash))
        .await
        .assert_errors(&["slug"]);

    // A viewer may look at the dashboard but not at, or change, the organisation's details.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&a.path("/organisation"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let page = viewer
        .submit(
            &a.path("/organisation"),
            &fields(&organisation_form(&a.slug)),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}
