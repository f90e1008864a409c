//! Placements: one current placement per person and role, the onboarding board, and time to
//! onboard.

use std::sync::Arc;

use app::{Store, Write};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::{Check, CheckStatus, PlacementStatus};
use domain::ids::PlacementId;

use crate::fixtures::{
    assert_conflict, at, check, organisation, person, placement, role, site, training,
};

fn ids(rows: Vec<app::ports::PlacementRow>) -> Vec<PlacementId> {
    rows.into_iter().map(|r| r.placement.id).collect()
}

async fn placements(store: Arc<dyn Store>) {
    use PlacementStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let ward = site(org.id, "Ward 7");
    let garden = site(org.id, "Walled garden");
    let companion = role(org.id, "Mealtime companion", &[ward.id]);
    let gardener = role(org.id, "Garden helper", &[garden.id]);
    let theirs = role(other.id, "Hospice befriender", &[]);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let cara = person("Cara", "Nowak");
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertSite(ward.clone()),
        Write::InsertSite(garden.clone()),
    ];
    writes.extend([&companion, &gardener, &theirs].map(|r| Write::InsertRole(r.clone())));
    writes.extend([&asha, &ben, &cara].map(|p| Write::InsertPerson(p.clone(), None)));
    let newer = placement(org.id, asha.id, companion.id, Onboarding, at(5, 9));
    let older = placement(org.id, ben.id, gardener.id, Onboarding, at(2, 9));
    let active = placement(org.id, cara.id, companion.id, Active, at(1, 9));
    let elsewhere = placement(other.id, asha.id, theirs.id, Onboarding, at(6, 9));
    writes.extend([&newer, &older, &active, &elsewhere].map(|p| Write::InsertPlacement(p.clone())));
    store.apply(writes).await.unwrap();

    let row = store.placement(org.id, newer.id).await.unwrap().unwrap();
    assert_eq!(row.placement, newer);
    assert_eq!(row.role_title, "Mealtime companion");
    assert_eq!(row.person_name, "Asha Patel");
    assert_eq!(row.organisation_name, "Ashby Trust");
    assert_eq!(row.organisation_slug, org.slug.as_str());
    assert!(store.placement(other.id, newer.id).await.unwrap().is_none());
    assert_eq!(
        ids(store.placements_of(org.id, asha.id).await.unwrap()),
        vec![newer.id]
    );
    assert_eq!(
        ids(store.placements_of_person(asha.id).await.unwrap()),
        vec![elsewhere.id, newer.id],
        "everywhere, newest first"
    );

    // The board: onboarding only, oldest first, optionally only roles at some sites.
    assert_eq!(
        ids(store.onboarding(org.id, None).await.unwrap()),
        vec![older.id, newer.id]
    );
    assert_eq!(
        ids(store.onboarding(org.id, Some(&[ward.id])).await.unwrap()),
        vec![newer.id]
    );
    assert!(
        store
            .onboarding(org.id, Some(&[]))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(store.onboarding(other.id, None).await.unwrap()),
        vec![elsewhere.id]
    );

    // Moves are conditional on the status they expect, and stamp the time.
    let start = |id, from, to, at| Write::MovePlacement {
        organisation_id: org.id,
        id,
        from,
        to,
        at,
    };
    assert_conflict(
        store
            .apply(vec![start(newer.id, Active, Ended, at(7, 9))])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![Write::MovePlacement {
                organisation_id: other.id,
                id: newer.id,
                from: Onboarding,
                to: Active,
                at: at(7, 9),
            }])
            .await,
    );
    assert_eq!(
        store
            .placement(org.id, newer.id)
            .await
            .unwrap()
            .unwrap()
            .placement,
        newer
    );
    store
        .apply(vec![start(newer.id, Onboarding, Active, at(7, 9))])
        .await
        .unwrap();
    let started = store
        .placement(org.id, newer.id)
        .await
        .unwrap()
        .unwrap()
        .placement;
    assert_eq!(
        (started.status, started.activated_at),
        (Active, Some(at(7, 9)))
    );
    assert_eq!(
        ids(store.onboarding(org.id, None).await.unwrap()),
        vec![older.id]
    );

    // One current placement per person and role, even if the first has started.
    let again = placement(org.id, asha.id, companion.id, Onboarding, at(8, 9));
    assert_conflict(
        store
            .apply(vec![Write::InsertPlacement(again.clone())])
            .await,
    );
    assert_eq!(store.placements_of(org.id, asha.id).await.unwrap().len(), 1);
    store
        .apply(vec![start(newer.id, Active, Ended, at(9, 9))])
        .await
        .unwrap();
    let ended = store
        .placement(org.id, newer.id)
        .await
        .unwrap()
        .unwrap()
        .placement;
    assert_eq!((ended.status, ended.ended_at), (Ended, Some(at(9, 9))));
    store
        .apply(vec![Write::InsertPlacement(again.clone())])
        .await
        .unwrap();
    assert_eq!(
        ids(store.placements_of(org.id, asha.id).await.unwrap()),
        vec![again.id, newer.id]
    );
    // A second current placement in the new one conflicts again.
    let third = placement(org.id, asha.id, companion.id, Onboarding, at(10, 9));
    assert_conflict(store.apply(vec![Write::InsertPlacement(third)]).await);
}
conformance!(placements);

async fn onboarding_times(store: Arc<dyn Store>) {
    use CheckStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let other_cat = standard_catalogue(other.id);
    let companion = role(org.id, "Mealtime companion", &[]);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let cara = person("Cara", "Nowak");
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertRole(companion.clone()),
    ];
    writes.extend([&asha, &ben, &cara].map(|p| Write::InsertPerson(p.clone(), None)));
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(other_cat.iter().cloned().map(Write::InsertRequirementType));
    let activated = |p: &domain::person::Person, accepted: u32, active: u32| {
        let mut pl = placement(
            org.id,
            p.id,
            companion.id,
            PlacementStatus::Active,
            at(accepted, 9),
        );
        pl.activated_at = Some(at(active, 9));
        pl
    };
    let asha_started = activated(&asha, 2, 20);
    let ben_started = activated(&ben, 3, 21);
    let long_ago = activated(&cara, 1, 4);
    writes.extend(
        [&asha_started, &ben_started, &long_ago].map(|p| Write::InsertPlacement(p.clone())),
    );
    let t = training(&cat);
    let decided = |c: Check, day_of_march: u32| Check {
        decided_at: Some(at(day_of_march, 9)),
        ..c
    };
    // Asha's last decision before starting is the waiver on the 12th.
    writes.extend(
        [
            decided(check(asha.id, t[0], Verified, None), 10),
            decided(check(asha.id, t[1], Waived, None), 12),
            decided(check(asha.id, t[2], Failed, None), 15),
            decided(check(asha.id, t[3], Verified, None), 25),
            check(asha.id, t[4], Submitted, None),
            decided(check(asha.id, training(&other_cat)[0], Verified, None), 16),
        ]
        .map(Write::InsertCheck),
    );
    store.apply(writes).await.unwrap();

    let times = store.onboarding_times(org.id, at(5, 9)).await.unwrap();
    assert_eq!(times.len(), 2, "only those who started since the 5th");
    assert_eq!(times[0].role_id, companion.id);
    assert_eq!(times[0].role_title, "Mealtime companion");
    assert_eq!(times[0].applied_at, asha_started.applied_at);
    assert_eq!(times[0].accepted_at, at(2, 9));
    assert_eq!(times[0].activated_at, at(20, 9));
    assert_eq!(times[0].checks_done_at, Some(at(12, 9)));
    assert_eq!(times[1].activated_at, at(21, 9));
    assert_eq!(times[1].checks_done_at, None, "Ben had nothing to check");
    assert_eq!(
        store
            .onboarding_times(org.id, at(1, 9))
            .await
            .unwrap()
            .len(),
        3
    );
    assert!(
        store
            .onboarding_times(other.id, at(1, 9))
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(onboarding_times);
