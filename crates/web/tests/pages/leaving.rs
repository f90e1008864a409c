//! Leaving ends a person's placements: they drop off the onboarding board and their checklist.

use domain::application::ApplicationStatus;
use domain::compliance::PlacementStatus;
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::role::RoleInput;

use crate::support::{STATEMENT, World, role_input};

#[tokio::test]
async fn someone_who_leaves_during_onboarding_leaves_the_board() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = w
        .site
        .publish(
            &scope,
            &RoleInput {
                references_required: "1".into(),
                ..role_input("Chaplaincy visitor", w.a.site, STATEMENT)
            },
        )
        .await;
    let person = w
        .site
        .person("Lee", "Leaver", "lee@example.org", "1975-02-02")
        .await;
    let application = w.site.apply(&person, role.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let board = app.onboarding_board(&scope).await.unwrap();
    assert!(
        board
            .iter()
            .any(|c| c.placement.placement.person_id == person.id)
    );

    app.move_engagement(
        &scope,
        person.id,
        EngagementStatus::Left,
        Some(LeavingReason::DidNotComplete),
        "",
    )
    .await
    .unwrap();

    let board = app.onboarding_board(&scope).await.unwrap();
    assert!(
        board
            .iter()
            .all(|c| c.placement.placement.person_id != person.id)
    );
    let placements = app.store.placements_of(w.a.id, person.id).await.unwrap();
    assert_eq!(placements.len(), 1);
    assert_eq!(placements[0].placement.status, PlacementStatus::Ended);
    assert!(placements[0].placement.ended_at.is_some());
    assert!(app.my_checklists(person.id).await.unwrap().is_empty());
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    admin
        .get(&w.a.path("/onboarding"))
        .await
        .assert_lacks("Lee Leaver");
}
