//! A network's shared libraries: the role library (members only; copying a template makes a
//! draft role with its indicators and counts the use; managers copy only into organisations they
//! manage; publishing from the organisation's role page) and the resource library (non-members
//! and visitors see only what is public; forms, files, owners and overdue reviews).

mod downloads;
mod resources;
mod role_changes;
mod roles;

use app::networks::NetworkAccess;
use domain::network::NetworkInput;
use domain::network::membership::MemberInput;

use crate::support::{Org, World};

/// The network's short name.
pub const NETWORK: &str = "northshire";

/// A network set up by A's admin (so A is its first member and A's admin coordinates it), with
/// the other organisations given as members too.
pub async fn network(w: &World, members: &[&Org]) {
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let input = NetworkInput {
        name: "Northshire Volunteering Partnership".into(),
        slug: NETWORK.into(),
        kind: "care_partnership".into(),
        description: "Volunteer managers across Northshire".into(),
        contact_email: String::new(),
    };
    app.create_network(&scope, &input).await.unwrap();
    let access = coordinator(w).await;
    for org in members {
        let member = MemberInput {
            membership_type: "organisational".into(),
            organisation_id: org.id.to_string(),
            joined_on: "2026-01-01".into(),
            in_directory: true,
            ..MemberInput::default()
        };
        app.add_network_member(&access, &member).await.unwrap();
    }
}

/// The coordinator's (A's admin's) access.
pub async fn coordinator(w: &World) -> NetworkAccess {
    w.site
        .app
        .network_access(NETWORK, Some(w.a.admin.id))
        .await
        .unwrap()
}
