//! Organisations, sites and roles: stored, changed and scoped to their organisation.

use std::sync::Arc;

use app::{Store, Write};
use domain::ids::*;
use domain::role::RoleStatus;

use crate::fixtures::{assert_conflict, organisation, person, role, site};

async fn organisations(store: Arc<dyn Store>) {
    let bramble = organisation("Bramble Hospice");
    let ashby = organisation("Ashby Trust");
    let cedar = organisation("Cedar Community");
    store
        .apply(vec![
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertOrganisation(cedar.clone()),
            Write::InsertOrganisation(ashby.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store
            .organisation_by_slug(bramble.slug.as_str())
            .await
            .unwrap(),
        Some(bramble.clone())
    );
    assert_eq!(
        store.organisation(bramble.id).await.unwrap(),
        Some(bramble.clone())
    );
    assert_eq!(
        store.organisation_by_slug("no-such-org").await.unwrap(),
        None
    );
    assert_eq!(
        store.organisation(OrganisationId::new()).await.unwrap(),
        None
    );
    assert_eq!(
        store.organisations().await.unwrap(),
        vec![ashby.clone(), bramble.clone(), cedar.clone()]
    );

    let mut renamed = cedar.clone();
    renamed.name = "Cedar Community Trust".into();
    renamed.ods_code = None;
    store
        .apply(vec![Write::UpdateOrganisation(renamed.clone())])
        .await
        .unwrap();
    assert_eq!(store.organisation(cedar.id).await.unwrap(), Some(renamed));

    // A clashing slug fails the whole batch: the person written before it is not kept.
    let mut clash = organisation("Another Bramble");
    clash.slug = bramble.slug.clone();
    let p = person("Ada", "Lovelace");
    assert_conflict(
        store
            .apply(vec![
                Write::InsertPerson(p.clone(), None),
                Write::InsertOrganisation(clash.clone()),
            ])
            .await,
    );
    assert_eq!(store.person(p.id).await.unwrap(), None);
    assert_eq!(store.count_people().await.unwrap(), 0);
    assert_eq!(store.organisation(clash.id).await.unwrap(), None);
    assert_eq!(store.organisations().await.unwrap().len(), 3);
}
conformance!(organisations);

// ---------------------------------------------------------------------------------------------
// Sites and roles

async fn sites_and_roles_are_scoped(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let ward = site(a.id, "Ward 7");
    let atrium = site(a.id, "Atrium");
    let house = site(b.id, "Bramble House");
    let r = role(a.id, "Mealtime companion", &[ward.id, atrium.id]);
    assert_eq!(r.site_ids.len(), 2);
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertSite(atrium.clone()),
            Write::InsertSite(house.clone()),
            Write::InsertRole(r.clone()),
        ])
        .await
        .unwrap();

    // Sites belong to their organisation.
    assert_eq!(store.site(a.id, ward.id).await.unwrap(), Some(ward.clone()));
    assert_eq!(store.site(b.id, ward.id).await.unwrap(), None);
    assert_eq!(
        store.sites(a.id).await.unwrap(),
        vec![atrium.clone(), ward.clone()]
    );
    assert_eq!(store.sites(b.id).await.unwrap(), vec![house.clone()]);

    let mut renamed = ward.clone();
    renamed.name = "Ward 7 (Elderly care)".into();
    store
        .apply(vec![Write::UpdateSite(renamed.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.site(a.id, ward.id).await.unwrap(),
        Some(renamed.clone())
    );
    // Another organisation cannot update it.
    let mut hijack = renamed.clone();
    hijack.organisation_id = b.id;
    hijack.name = "Hijacked".into();
    assert_conflict(store.apply(vec![Write::UpdateSite(hijack)]).await);
    assert_eq!(store.site(a.id, ward.id).await.unwrap(), Some(renamed));

    // Roles belong to their organisation, and keep their sites.
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(r.clone()));
    assert_eq!(store.role(b.id, r.id).await.unwrap(), None);
    assert_eq!(store.roles(a.id).await.unwrap(), vec![r.clone()]);
    assert!(store.roles(b.id).await.unwrap().is_empty());

    // A role cannot be placed at another organisation's site.
    let stray = role(a.id, "Stray", &[house.id]);
    assert!(
        store
            .apply(vec![Write::InsertRole(stray.clone())])
            .await
            .is_err()
    );
    assert_eq!(store.role(a.id, stray.id).await.unwrap(), None);

    // Updating replaces the sites.
    let mut closed = r.clone();
    closed.title = "Mealtime companion (full)".into();
    closed.site_ids = vec![atrium.id];
    closed.close().unwrap();
    store
        .apply(vec![Write::UpdateRole(closed.clone(), RoleStatus::Open)])
        .await
        .unwrap();
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed.clone()));

    // An update expecting a status the role no longer has changes nothing.
    let mut stale = closed.clone();
    stale.title = "Stale edit".into();
    stale.site_ids = vec![ward.id, atrium.id];
    stale.status = RoleStatus::Open;
    assert_conflict(
        store
            .apply(vec![Write::UpdateRole(stale, RoleStatus::Open)])
            .await,
    );
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed.clone()));

    // Nor can another organisation update it.
    let mut hijack = closed.clone();
    hijack.organisation_id = b.id;
    hijack.site_ids = vec![];
    assert_conflict(
        store
            .apply(vec![Write::UpdateRole(hijack, RoleStatus::Closed)])
            .await,
    );
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed));
}
conformance!(sites_and_roles_are_scoped);
