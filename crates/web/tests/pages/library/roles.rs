//! The role library over HTTP.

use axum::http::StatusCode;
use domain::role::RoleStatus;

use super::{NETWORK, coordinator, network};
use crate::support::{World, role_input};

/// The first NHS template's id, read from the library page.
async fn first_template(w: &World) -> String {
    let access = coordinator(w).await;
    let library = w.site.app.role_library(&access).await.unwrap();
    library
        .iter()
        .find(|t| t.template.title == "Ward visitor and befriender")
        .unwrap()
        .template
        .id
        .to_string()
}

#[tokio::test]
async fn the_role_library_is_for_members_only() {
    let w = World::new().await;
    network(&w, &[]).await;
    let template = first_template(&w).await;
    let list = format!("/networks/{NETWORK}/roles");
    let one = format!("/networks/{NETWORK}/roles/{template}");

    let mut member = w.site.signed_in(w.a.admin.email.as_str()).await;
    member
        .get(&list)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Ward visitor and befriender")
        .assert_contains("<caption");
    member
        .get(&one)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Used by 0 members")
        .assert_contains("Patients visited")
        .assert_contains("How it complements paid staff")
        // Requirements by name, not by code.
        .assert_contains("Infection prevention")
        .assert_lacks("cstf-infection-prevention");

    // Another organisation's admin (not a member) finds nothing, not even by id.
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [&list, &one] {
        outsider
            .get(path)
            .await
            .assert_status(StatusCode::NOT_FOUND)
            .assert_lacks("Ward visitor and befriender");
    }
    let token = outsider.csrf().await;
    let copy = outsider
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", &w.b.slug)],
        )
        .await;
    assert_eq!(copy.status, StatusCode::NOT_FOUND);
    let b_scope = w.site.scope(&w.b.admin, &w.b.slug).await;
    assert_eq!(w.site.app.roles(&b_scope).await.unwrap().len(), 2);

    // Nor can they publish one of their roles there: their organisation is not a member.
    let shared = outsider
        .post(
            &format!("/manage/{}/roles/{}/share", w.b.slug, w.b.role),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await;
    assert_eq!(shared.status, StatusCode::NOT_FOUND);
    outsider
        .get(&format!("/manage/{}/roles/{}", w.b.slug, w.b.role))
        .await
        .assert_lacks("Publish to a network");
    let access = coordinator(&w).await;
    assert!(
        w.site
            .app
            .role_library(&access)
            .await
            .unwrap()
            .iter()
            .all(|t| t.template.source_organisation_id.is_none())
    );

    // Signed out: sent to sign in, shown nothing.
    let mut visitor = w.site.browser();
    let page = visitor.get(&list).await;
    assert_ne!(page.status, StatusCode::OK);
    page.assert_lacks("Ward visitor and befriender");
}

#[tokio::test]
async fn copying_a_template_makes_a_draft_role_with_its_indicators_and_counts_the_use() {
    let w = World::new().await;
    network(&w, &[]).await;
    let template = first_template(&w).await;
    let one = format!("/networks/{NETWORK}/roles/{template}");
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let page = admin.get(&one).await;
    page.assert_contains("Copy and adapt")
        .assert_contains(&format!("value=\"{}\"", w.a.slug));
    let token = page.csrf();
    let copied = admin
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", &w.a.slug)],
        )
        .await;
    let edit = copied.redirect().to_owned();
    assert!(
        edit.starts_with(&format!("/manage/{}/roles/", w.a.slug)) && edit.ends_with("/edit"),
        "{edit}"
    );
    admin
        .get(&edit)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Copied from “Ward visitor and befriender”")
        .assert_contains("value=\"Ward visitor and befriender\"");

    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role_id = edit.split('/').nth(4).unwrap();
    let role = w
        .site
        .app
        .role(&scope, role_id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(role.status, RoleStatus::Draft);
    assert!(!role.non_substitution_statement.is_empty());
    assert!(!role.requirement_type_ids.is_empty());
    let framework = w.site.app.outcome_framework(&scope).await.unwrap();
    let indicators = &framework
        .iter()
        .find(|f| f.role.id == role.id)
        .unwrap()
        .indicators;
    assert_eq!(
        indicators
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["Patients visited"]
    );
    admin.get(&one).await.assert_contains("Used by 1 member<");
    admin
        .get(&format!("/networks/{NETWORK}/roles"))
        .await
        .assert_contains("1 member<");

    // Choosing no organisation is named, not a failure.
    let none = admin
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", "")],
        )
        .await;
    none.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_errors(&["organisation"]);
}

#[tokio::test]
async fn a_manager_cannot_copy_into_an_organisation_they_do_not_manage() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let template = first_template(&w).await;
    let one = format!("/networks/{NETWORK}/roles/{template}");
    let a_scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let a_roles = w.site.app.roles(&a_scope).await.unwrap().len();

    // B's admin is a member's manager: they may copy into B, never into A.
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    let page = b_admin.get(&one).await;
    page.assert_status(StatusCode::OK)
        .assert_lacks(&format!("value=\"{}\"", w.a.slug));
    let token = page.csrf();
    let into_a = b_admin
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", &w.a.slug)],
        )
        .await;
    assert_eq!(into_a.status, StatusCode::NOT_FOUND);
    assert_eq!(w.site.app.roles(&a_scope).await.unwrap().len(), a_roles);

    // A's viewer takes part (staff of a member) but manages nothing: they see the library and
    // may copy nowhere.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let page = viewer.get(&one).await;
    page.assert_status(StatusCode::OK)
        .assert_lacks("Copy and adapt");
    let token = page.csrf();
    let refused = viewer
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", &w.a.slug)],
        )
        .await;
    assert!(
        matches!(
            refused.status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        refused.status
    );
    assert_eq!(w.site.app.roles(&a_scope).await.unwrap().len(), a_roles);
    b_admin.get(&one).await.assert_contains("Used by 0 members");
}

#[tokio::test]
async fn a_manager_publishes_a_role_from_its_page_and_other_members_see_it() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let role_page = format!("/manage/{}/roles/{}", w.b.slug, w.b.role);
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    let page = b_admin.get(&role_page).await;
    page.assert_contains("Publish to a network")
        .assert_contains("Northshire Volunteering Partnership");
    let token = page.csrf();
    let shared = b_admin
        .post(
            &format!("{role_page}/share"),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await;
    let template = shared.redirect().to_owned();
    assert!(
        template.starts_with(&format!("/networks/{NETWORK}/roles/")),
        "{template}"
    );

    let mut a_admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    a_admin
        .get(&template)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&w.b.name)
        .assert_contains("Used by 0 members");

    // A role that does not say how it complements paid staff cannot be shared; the problem is
    // named and nothing is published.
    let scope = w.site.scope(&w.b.admin, &w.b.slug).await;
    let silent = w
        .site
        .app
        .create_role(&scope, &role_input("Tea trolley", w.b.site, ""))
        .await
        .unwrap();
    let before = w
        .site
        .app
        .role_library(&coordinator(&w).await)
        .await
        .unwrap()
        .len();
    let refused = b_admin
        .post(
            &format!("/manage/{}/roles/{}/share", w.b.slug, silent.id),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await;
    refused
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_errors(&["non_substitution_statement"])
        .assert_contains("complements paid staff");
    let after = w
        .site
        .app
        .role_library(&coordinator(&w).await)
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);

    // A viewer (not a manager) cannot publish.
    let mut a_viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let token = a_viewer.csrf().await;
    let refused = a_viewer
        .post(
            &format!("/manage/{}/roles/{}/share", w.a.slug, w.a.role),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await;
    assert!(
        matches!(
            refused.status,
            StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
        ),
        "{}",
        refused.status
    );
    let before = w
        .site
        .app
        .role_library(&super::coordinator(&w).await)
        .await
        .unwrap()
        .len();
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    let token = outsider.csrf().await;
    let b_into_a = outsider
        .post(
            &format!("/manage/{}/roles/{}/share", w.a.slug, w.a.role),
            &[("_csrf", &token), ("network", NETWORK)],
        )
        .await;
    assert_eq!(b_into_a.status, StatusCode::NOT_FOUND);
    let after = w
        .site
        .app
        .role_library(&super::coordinator(&w).await)
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_copy_names_the_checks_and_training_its_catalogue_lacks() {
    let w = World::new().await;
    network(&w, &[&w.b]).await;
    let app = &w.site.app;
    // B has training of its own, which its role needs; A's catalogue has no such item.
    let b_scope = w.site.scope(&w.b.admin, &w.b.slug).await;
    let own = app
        .add_requirement_type(
            &b_scope,
            &domain::compliance::RequirementTypeInput {
                name: "Hospice syringe driver awareness".into(),
                kind: "training".into(),
                description: String::new(),
                validity_months: String::new(),
            },
        )
        .await
        .unwrap();
    let mut input = role_input("Day hospice companion", w.b.site, "Volunteers add company.");
    input.requirement_type_ids = vec![own.id];
    let role = app.create_role(&b_scope, &input).await.unwrap();
    let b_access = app
        .network_access(NETWORK, Some(w.b.admin.id))
        .await
        .unwrap();
    let template = app
        .publish_role_template(&b_access, &b_scope, role.id)
        .await
        .unwrap();

    let one = format!("/networks/{NETWORK}/roles/{}", template.id);
    let mut a_admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    a_admin
        .get(&one)
        .await
        .assert_contains("Hospice syringe driver awareness");
    let token = a_admin.csrf().await;
    let copied = a_admin
        .post(
            &format!("{one}/copy"),
            &[("_csrf", &token), ("organisation", &w.a.slug)],
        )
        .await;
    let edit = copied.redirect().to_owned();
    let form = a_admin.get(&edit).await;
    form.assert_status(StatusCode::OK)
        .assert_contains("does not have, so they were left off: Hospice syringe driver awareness")
        .assert_contains(&format!("/manage/{}/catalogue", w.a.slug));
    // The role page says so too, until the catalogue has it.
    let role_page = edit.trim_end_matches("/edit").to_owned();
    a_admin
        .get(&role_page)
        .await
        .assert_contains("Hospice syringe driver awareness");
}
