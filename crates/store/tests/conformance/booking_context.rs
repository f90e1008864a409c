//! What a booking is decided on, read together: the shift with its fill, its role's rules and
//! catalogue items (in the role's order), its site's name, the person, whether the
//! organisation knows them and whether they are active in the role, their checks, and their
//! choice of channel for booking confirmations. Another organisation's shift reads nothing.

use std::sync::Arc;

use app::{Store, Write};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::{CheckStatus, PlacementStatus, Workforce};
use domain::ids::{PersonId, ShiftId};
use domain::notification::{Channel, NotificationKind};
use domain::role::DbsLevel;
use domain::rota::Booking;

use crate::fixtures::{check, day, organisation, person, placement, training};
use crate::rota::{morning, set_up};

async fn the_booking_context_is_read_together(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 4, &[(1, 3, 5)]).await;
    let ward = &shifts[0];
    let (active, onboarding, stranger, booked) = (people[0], people[1], people[2], people[3]);
    let mut visitor = store.role(org.id, ward.role_id).await.unwrap().unwrap();
    let catalogue = standard_catalogue(org.id);
    let modules = training(&catalogue);
    // Two training modules, the second of the catalogue first: the role's order is kept.
    visitor.requirement_type_ids = vec![modules[1].id, modules[0].id];
    let mut writes: Vec<Write> = catalogue
        .iter()
        .cloned()
        .map(Write::InsertRequirementType)
        .collect();
    writes.extend([
        Write::UpdateRole(visitor.clone(), visitor.status),
        Write::InsertPlacement(placement(
            org.id,
            active,
            visitor.id,
            PlacementStatus::Active,
            morning(-30),
        )),
        Write::InsertPlacement(placement(
            org.id,
            onboarding,
            visitor.id,
            PlacementStatus::Onboarding,
            morning(-30),
        )),
        Write::InsertCheck(check(
            active,
            modules[0],
            CheckStatus::Verified,
            Some(day(2030, 1, 1)),
        )),
        Write::PutNotificationPreferences(
            active,
            vec![(NotificationKind::BookingConfirmation, Channel::None)],
        ),
        Write::BookShift(Booking::new(ward, booked, morning(-7))),
    ]);
    store.apply(writes).await.unwrap();

    let context = store
        .booking_context(org.id, ward.id, active)
        .await
        .unwrap()
        .expect("a context for a shift and person that exist");
    assert_eq!(context.shift.shift.id, ward.id);
    assert_eq!(context.shift.shift.starts_at, ward.starts_at);
    assert_eq!(context.shift.shift.max_volunteers, 5);
    assert_eq!(context.shift.booked, 1);
    assert_eq!(context.role_title, "Ward visitor");
    assert_eq!(context.site_name, "Ward 7");
    assert_eq!(context.requirements.minimum_age, visitor.minimum_age);
    assert_eq!(
        context.requirements.dbs,
        Some((visitor.dbs_level, Some(Workforce::Adult)))
    );
    assert_eq!(
        context.requirements.items,
        vec![
            (modules[1].id, modules[1].name.clone()),
            (modules[0].id, modules[0].name.clone())
        ]
    );
    assert_eq!(context.person.id, active);
    assert!(context.known_to_organisation);
    assert!(context.active_in_role);
    assert_eq!(context.checks.len(), 1);
    assert_eq!(context.checks[0].requirement_type_id, modules[0].id);
    assert_eq!(context.confirmation_channel, Some(Channel::None));

    // Onboarding: known to the organisation, not active; no choice of channel made.
    let context = store
        .booking_context(org.id, ward.id, onboarding)
        .await
        .unwrap()
        .unwrap();
    assert!(context.known_to_organisation && !context.active_in_role);
    assert!(context.checks.is_empty());
    assert_eq!(context.confirmation_channel, None);
    // No placement at all: neither.
    let context = store
        .booking_context(org.id, ward.id, stranger)
        .await
        .unwrap()
        .unwrap();
    assert!(!context.known_to_organisation && !context.active_in_role);

    // No such person, no such shift, or another organisation's: nothing.
    let elsewhere = organisation("Bramble Hospice");
    let nobody = person("No", "Body");
    store
        .apply(vec![Write::InsertOrganisation(elsewhere.clone())])
        .await
        .unwrap();
    for (org_id, shift, who) in [
        (org.id, ward.id, nobody.id),
        (org.id, ShiftId::new(), active),
        (elsewhere.id, ward.id, active),
        (org.id, ward.id, PersonId::new()),
    ] {
        assert!(
            store
                .booking_context(org_id, shift, who)
                .await
                .unwrap()
                .is_none()
        );
    }
}

conformance!(the_booking_context_is_read_together);

async fn checks_are_read_only_where_they_can_change_the_answer(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 2, &[(1, 3, 5)]).await;
    let ward = &shifts[0];
    let (adult, child) = (people[0], people[1]);
    let mut visitor = store.role(org.id, ward.role_id).await.unwrap().unwrap();
    let catalogue = standard_catalogue(org.id);
    let modules = training(&catalogue);
    // A role that needs no DBS check, no references and no catalogue items.
    visitor.dbs_level = DbsLevel::None;
    visitor.dbs_workforce = None;
    visitor.references_required = 0;
    visitor.requirement_type_ids = Vec::new();
    visitor.minimum_age = 14;
    let mut young = store.person(child).await.unwrap().unwrap();
    young.date_of_birth = Some(day(2012, 1, 1));
    let mut writes: Vec<Write> = catalogue
        .iter()
        .cloned()
        .map(Write::InsertRequirementType)
        .collect();
    writes.push(Write::UpdateRole(visitor.clone(), visitor.status));
    writes.push(Write::UpdatePerson(young));
    for who in [adult, child] {
        writes.push(Write::InsertCheck(check(
            who,
            modules[0],
            CheckStatus::Verified,
            Some(day(2030, 1, 1)),
        )));
    }
    store.apply(writes).await.unwrap();

    let read = |who| {
        let store = store.clone();
        async move {
            store
                .booking_context(org.id, ward.id, who)
                .await
                .unwrap()
                .unwrap()
        }
    };
    // An adult's records cannot change the answer for such a role: left unread.
    let context = read(adult).await;
    assert!(
        !context
            .requirements
            .uses_checks(Some(day(1990, 3, 27)), ward.starts_at.date_naive())
    );
    assert!(context.checks.is_empty());
    // A child's can (a guardian's consent): read.
    let context = read(child).await;
    assert_eq!(context.person.date_of_birth, Some(day(2012, 1, 1)));
    assert_eq!(context.checks.len(), 1);
}

conformance!(checks_are_read_only_where_they_can_change_the_answer);
