//! The audit log and staff: entries recorded and listed, and permissions granted and removed.

use std::sync::Arc;

use app::{Store, Write};
use domain::audit::{Actor, AuditEntry};
use domain::ids::*;
use domain::staff::{Permission, StaffMember};
use uuid::Uuid;

use crate::fixtures::{assert_conflict, at, organisation, person, site};

async fn audit(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let p = person("Morgan", "Manager");
    let role_id = Uuid::now_v7();
    let created = AuditEntry::new(
        Some(a.id),
        Actor::Person(p.id),
        "role.created",
        "role",
        role_id,
        at(1, 9),
    )
    .with_detail("Ward visitor");
    let published = AuditEntry::new(
        Some(a.id),
        Actor::Token(p.id),
        "role.published",
        "role",
        role_id,
        at(1, 10),
    );
    let closed = AuditEntry::new(
        Some(a.id),
        Actor::System,
        "role.closed",
        "role",
        role_id,
        at(1, 11),
    );
    let unrelated = AuditEntry::new(
        Some(a.id),
        Actor::Person(p.id),
        "role.created",
        "role",
        Uuid::now_v7(),
        at(1, 12),
    );
    let own_profile = AuditEntry::new(
        None,
        Actor::Person(p.id),
        "person.updated",
        "person",
        p.id.0,
        at(1, 13),
    );
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::Audit(published.clone()),
            Write::Audit(closed.clone()),
            Write::Audit(created.clone()),
            Write::Audit(unrelated),
            Write::Audit(own_profile.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store.audit_for(Some(a.id), role_id).await.unwrap(),
        vec![closed.clone(), published.clone(), created.clone()]
    );
    assert!(
        store
            .audit_for(Some(b.id), role_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.audit_for(None, role_id).await.unwrap(),
        vec![closed, published, created]
    );
    assert_eq!(
        store.audit_for(None, p.id.0).await.unwrap(),
        vec![own_profile]
    );
    assert!(
        store
            .audit_for(Some(a.id), p.id.0)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(audit);

// ---------------------------------------------------------------------------------------------
// Staff

async fn staff(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let north = site(a.id, "North Ward");
    let south = site(a.id, "South Ward");
    let priya = person("Priya", "Shah");
    let alex = person("Alex", "Brown");
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertSite(north.clone()),
            Write::InsertSite(south.clone()),
            Write::InsertPerson(priya.clone(), None),
            Write::InsertPerson(alex.clone(), None),
        ])
        .await
        .unwrap();

    let manager = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: priya.id,
        permission: Permission::VolunteerManager,
        site_ids: vec![],
    };
    store
        .apply(vec![Write::PutStaffMember(manager.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![(manager.clone(), priya.clone())]
    );

    // A second permission for the same person replaces the first.
    let supervisor = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: priya.id,
        permission: Permission::Supervisor,
        site_ids: vec![north.id, south.id],
    };
    store
        .apply(vec![Write::PutStaffMember(supervisor.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![(supervisor.clone(), priya.clone())]
    );
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![supervisor.clone()]
    );
    // …and so does a change to the same permission.
    let supervisor = StaffMember {
        site_ids: vec![south.id],
        ..supervisor
    };
    store
        .apply(vec![Write::PutStaffMember(supervisor.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![supervisor.clone()]
    );

    let viewer_in_b = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: b.id,
        person_id: priya.id,
        permission: Permission::Viewer,
        site_ids: vec![],
    };
    let admin = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: alex.id,
        permission: Permission::OrganisationAdmin,
        site_ids: vec![],
    };
    store
        .apply(vec![
            Write::PutStaffMember(viewer_in_b.clone()),
            Write::PutStaffMember(admin.clone()),
        ])
        .await
        .unwrap();
    let mut roles = store.staff_roles_of(priya.id).await.unwrap();
    roles.sort_by_key(|m| m.organisation_id);
    let mut expected = vec![supervisor.clone(), viewer_in_b.clone()];
    expected.sort_by_key(|m| m.organisation_id);
    assert_eq!(roles, expected);
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![
            (admin.clone(), alex.clone()),
            (supervisor.clone(), priya.clone())
        ]
    );
    assert_eq!(
        store.staff(b.id).await.unwrap(),
        vec![(viewer_in_b.clone(), priya.clone())]
    );

    // Removing is scoped to the organisation.
    assert_conflict(
        store
            .apply(vec![Write::DeleteStaffMember(b.id, supervisor.id)])
            .await,
    );
    assert_eq!(store.staff(a.id).await.unwrap().len(), 2);
    store
        .apply(vec![Write::DeleteStaffMember(a.id, supervisor.id)])
        .await
        .unwrap();
    assert_eq!(store.staff(a.id).await.unwrap(), vec![(admin, alex)]);
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![viewer_in_b]
    );
    assert_conflict(
        store
            .apply(vec![Write::DeleteStaffMember(a.id, supervisor.id)])
            .await,
    );
}
conformance!(staff);
