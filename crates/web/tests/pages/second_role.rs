//! A volunteer taking on a second role: evidence they already have counts, and an item the new
//! role asks more of (more references) opens again.

use domain::application::ApplicationStatus;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::{RefereeInput, ReferenceReplyInput};
use domain::compliance::{Block, CheckKind, CheckStatus};
use domain::role::RoleInput;

use crate::support::{STATEMENT, World, role_input};

#[tokio::test]
async fn a_role_needing_more_references_opens_the_item_again() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = |title: &str, references: &str| RoleInput {
        dbs_level: "none".into(),
        dbs_workforce: String::new(),
        references_required: references.into(),
        ..role_input(title, w.a.site, STATEMENT)
    };
    let first = w.site.publish(&scope, &role("Shop helper", "1")).await;
    let second = w.site.publish(&scope, &role("Befriender", "2")).await;
    let person = w
        .site
        .person("Rae", "Roles", "rae@example.org", "1982-08-08")
        .await;

    // One reference for the shop: given, verified, started.
    let application = w.site.apply(&person, first.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let references = |lists: &[app::checklists::Checklist]| {
        lists
            .iter()
            .flat_map(|l| &l.items)
            .filter_map(|i| i.check.clone())
            .find(|c| c.kind == CheckKind::References)
            .expect("a references item")
    };
    let item = references(&app.checklists(&scope, person.id).await.unwrap());
    let (_, token) = app
        .request_reference_link(
            &scope,
            item.id,
            &RefereeInput {
                referee_name: "Pat Referee".into(),
                referee_email: "pat@example.org".into(),
                relationship: "Neighbour".into(),
            },
        )
        .await
        .unwrap();
    app.give_reference(
        &token,
        &ReferenceReplyInput {
            known_for: "Ten years next door.".into(),
            suitability: "Kind and dependable.".into(),
            recommends: "yes".into(),
        },
    )
    .await
    .unwrap();
    app.record_check(
        &scope,
        item.id,
        &CheckInput {
            action: "verify".into(),
            ..CheckInput::default()
        },
    )
    .await
    .unwrap();
    let lists = app.checklists(&scope, person.id).await.unwrap();
    app.activate_placement(&scope, lists[0].placement.placement.id)
        .await
        .unwrap();

    // The befriending role needs two: the item opens again, saying why.
    let application = w.site.apply(&person, second.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let lists = app.checklists(&scope, person.id).await.unwrap();
    let item = references(&lists);
    assert_eq!(item.status, CheckStatus::Pending);
    assert_eq!(item.note, "Befriender needs 2 references; 1 given so far");
    let befriending = lists
        .iter()
        .find(|l| l.role.id == second.id)
        .expect("the befriending checklist");
    assert!(
        befriending.eligibility.blocks().contains(&Block::Missing {
            name: "References".into()
        }),
        "{:?}",
        befriending.eligibility
    );
    // Verifying now is refused until the second reference is in.
    let refused = app
        .record_check(
            &scope,
            item.id,
            &CheckInput {
                action: "verify".into(),
                ..CheckInput::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        format!("{refused:?}").contains("1 of 2 references"),
        "{refused:?}"
    );
}
