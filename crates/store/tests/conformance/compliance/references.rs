//! References (one reply per request), and tenancy of every organisation-owned compliance read.

use std::sync::Arc;

use app::{Store, Write};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::reference::{ReferenceReply, ReferenceRequest};
use domain::compliance::{Check, CheckKind, CheckStatus, PlacementStatus};
use domain::ids::{PlacementId, ReferenceRequestId};
use domain::values::Email;

use crate::fixtures::{
    assert_conflict, at, check, day, of_kind, organisation, person, placement, role, site, training,
};

async fn references(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let asha = person("Asha", "Patel");
    let item = Check::pending(asha.id, of_kind(&cat, CheckKind::References));
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertPerson(asha.clone(), None),
    ];
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.push(Write::InsertCheck(item.clone()));
    store.apply(writes).await.unwrap();
    let request = |name: &str, requested: u32| ReferenceRequest {
        id: ReferenceRequestId::new(),
        organisation_id: org.id,
        person_id: asha.id,
        check_id: item.id,
        referee_name: name.into(),
        referee_email: Email::parse(&format!("{name}@example.org")).unwrap(),
        relationship: "Manager at the library".into(),
        requested_at: at(requested, 9),
        reply: None,
    };
    let (first, second) = (request("dana", 4), request("eli", 2));
    store
        .apply(vec![
            Write::InsertReferenceRequest(first.clone(), "hash-dana".into()),
            Write::InsertReferenceRequest(second.clone(), "hash-eli".into()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.reference_requests(org.id, item.id).await.unwrap(),
        vec![second.clone(), first.clone()],
        "in the order asked"
    );
    assert!(
        store
            .reference_requests(other.id, item.id)
            .await
            .unwrap()
            .is_empty()
    );
    let found = store
        .reference_by_token("hash-dana")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.request, first);
    assert_eq!(found.person_name, "Asha Patel");
    assert_eq!(found.organisation_name, "Ashby Trust");
    assert!(
        store
            .reference_by_token("hash-nobody")
            .await
            .unwrap()
            .is_none()
    );
    // A token is never reused.
    assert_conflict(
        store
            .apply(vec![Write::InsertReferenceRequest(
                request("fay", 5),
                "hash-dana".into(),
            )])
            .await,
    );

    // One reply per request: a second (a double submit, a forwarded link) changes nothing.
    let reply = |words: &str, recommends, day_of_march| ReferenceReply {
        known_for: format!("{words}: five years, at the library"),
        suitability: "Kind and reliable".into(),
        recommends,
        received_at: at(day_of_march, 9),
    };
    let given = reply("First", true, 6);
    store
        .apply(vec![Write::ReceiveReference(
            org.id,
            first.id,
            given.clone(),
        )])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::ReceiveReference(
                org.id,
                first.id,
                reply("Second", false, 7),
            )])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![Write::ReceiveReference(
                other.id,
                second.id,
                reply("Stray", false, 7),
            )])
            .await,
    );
    let answered = ReferenceRequest {
        reply: Some(given),
        ..first.clone()
    };
    assert_eq!(
        store.reference_requests(org.id, item.id).await.unwrap(),
        vec![second, answered.clone()]
    );
    assert_eq!(
        store
            .reference_by_token("hash-dana")
            .await
            .unwrap()
            .unwrap()
            .request,
        answered
    );
}
conformance!(references);

/// Every organisation-owned compliance read, asked with another organisation's id, finds nothing.
async fn compliance_reads_stay_in_their_organisation(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let cat = standard_catalogue(org.id);
    let ward = site(org.id, "Ward 7");
    let companion = role(org.id, "Mealtime companion", &[ward.id]);
    let asha = person("Asha", "Patel");
    let module = check(
        asha.id,
        training(&cat)[0],
        CheckStatus::Verified,
        Some(day(2026, 4, 1)),
    );
    let refs = Check::pending(asha.id, of_kind(&cat, CheckKind::References));
    let mut onboarding = placement(
        org.id,
        asha.id,
        companion.id,
        PlacementStatus::Onboarding,
        at(2, 9),
    );
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertOrganisation(other.clone()),
        Write::InsertSite(ward.clone()),
        Write::InsertRole(companion.clone()),
        Write::InsertPerson(asha.clone(), None),
    ];
    writes.extend(cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend([&module, &refs].map(|c| Write::InsertCheck(c.clone())));
    writes.push(Write::InsertPlacement(onboarding.clone()));
    onboarding.id = PlacementId::new();
    onboarding.status = PlacementStatus::Ended;
    onboarding.activated_at = Some(at(3, 9));
    writes.push(Write::InsertPlacement(onboarding.clone()));
    let request = ReferenceRequest {
        id: ReferenceRequestId::new(),
        organisation_id: org.id,
        person_id: asha.id,
        check_id: refs.id,
        referee_name: "Dana".into(),
        referee_email: Email::parse("dana@example.org").unwrap(),
        relationship: "Teacher".into(),
        requested_at: at(2, 9),
        reply: None,
    };
    writes.push(Write::InsertReferenceRequest(request, "hash".into()));
    store.apply(writes).await.unwrap();

    // Each read finds the record in its own organisation…
    let (from, to) = (day(2026, 1, 1), day(2026, 12, 31));
    let since = at(1, 0);
    assert!(!store.requirement_types(org.id).await.unwrap().is_empty());
    assert_eq!(store.checks_of(org.id, asha.id).await.unwrap().len(), 2);
    assert_eq!(
        store
            .checks_of_people(org.id, &[asha.id])
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(store.check(org.id, module.id).await.unwrap().is_some());
    assert_eq!(
        store.expiring_checks(org.id, from, to).await.unwrap().len(),
        1
    );
    assert!(
        store
            .placement(org.id, onboarding.id)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(store.placements_of(org.id, asha.id).await.unwrap().len(), 2);
    assert_eq!(store.onboarding(org.id, None).await.unwrap().len(), 1);
    assert_eq!(
        store
            .onboarding(org.id, Some(&[ward.id]))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store.onboarding_times(org.id, since).await.unwrap().len(),
        1
    );
    assert_eq!(
        store
            .reference_requests(org.id, refs.id)
            .await
            .unwrap()
            .len(),
        1
    );

    // …and nothing in another's.
    let o = other.id;
    assert!(store.requirement_types(o).await.unwrap().is_empty());
    assert!(store.checks_of(o, asha.id).await.unwrap().is_empty());
    assert!(
        store
            .checks_of_people(o, &[asha.id])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.check(o, module.id).await.unwrap().is_none());
    assert!(store.expiring_checks(o, from, to).await.unwrap().is_empty());
    assert!(store.placement(o, onboarding.id).await.unwrap().is_none());
    assert!(store.placements_of(o, asha.id).await.unwrap().is_empty());
    assert!(store.onboarding(o, None).await.unwrap().is_empty());
    assert!(
        store
            .onboarding(o, Some(&[ward.id]))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.onboarding_times(o, since).await.unwrap().is_empty());
    assert!(
        store
            .reference_requests(o, refs.id)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(compliance_reads_stay_in_their_organisation);
