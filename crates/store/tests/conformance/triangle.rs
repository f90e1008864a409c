//! The triangle of support in the store: service users, health notes, carers and referrals
//! round-trip; a referral is decided once; a volunteer is never invited beyond their capacity,
//! even by invitations sent at the same moment through two servers; contacts and locations.

use std::sync::Arc;

use app::ports::SupportWrite;
use app::{Store, StoreError, Write};
use domain::ids::*;
use domain::support::*;

use crate::fixtures::{assert_conflict, at, day, today};
use crate::rota::set_up;

pub(crate) fn service_user(org: OrganisationId, name: &str) -> SupportedPerson {
    SupportedPersonInput {
        given_name: name.into(),
        family_name: "Brown".into(),
        postcode: "LS1 4AP".into(),
        date_of_birth: "1940-05-02".into(),
        language: "Punjabi".into(),
        interests: "gardening, cricket".into(),
        days: vec!["tue".into(), "thu".into()],
        consent_to_support_on: "2026-02-27".into(),
        consent_to_data_on: "2026-02-27".into(),
        consent_method: "verbal".into(),
        volunteer_gender: "woman".into(),
        receives_support: true,
        ..Default::default()
    }
    .parse(SupportedPersonId::new(), org, today(), at(1, 9))
    .unwrap()
}

fn support(w: SupportWrite) -> Write {
    Write::Support(w)
}

fn profile(org: OrganisationId, person: PersonId, capacity: u32) -> MatchProfile {
    MatchProfile {
        organisation_id: org,
        person_id: person,
        capacity,
        travel_miles: 10,
        days: Days::from_codes(["tue"]),
        gender: Some(Gender::Woman),
        support_types: vec![SupportType::Befriending, SupportType::Transport],
    }
}

pub(crate) fn proposal(
    org: OrganisationId,
    role: RoleId,
    who: SupportedPersonId,
    volunteer: PersonId,
) -> Match {
    Match {
        id: MatchId::new(),
        organisation_id: org,
        supported_person_id: who,
        volunteer_id: volunteer,
        role_id: role,
        support_type: SupportType::Befriending,
        status: MatchStatus::Proposed,
        fit_score: 57,
        reasons: "2.0 miles away\nShares interests: gardening".into(),
        contact_every_days: 7,
        proposed_at: at(2, 9),
        updated_at: at(2, 9),
        started_on: None,
        end_reason: String::new(),
    }
}

async fn people_carers_and_referrals_round_trip(store: Arc<dyn Store>) {
    let (org, volunteers, _) = set_up(&store, 1, &[]).await;
    let edna = service_user(org.id, "Edna");
    let mut carer = service_user(org.id, "Raj");
    carer.status = None;
    carer.person_id = Some(volunteers[0]);
    let referral = Referral {
        id: ReferralId::new(),
        organisation_id: org.id,
        supported_person_id: edna.id,
        source: ReferralSource::Staff,
        referrer_name: "Sister Okafor, Ward 7".into(),
        referrer_email: Some(domain::values::Email::parse("ward7@example.nhs.uk").unwrap()),
        referred_by: Some(volunteers[0]),
        partner_organisation_id: None,
        support_type: SupportType::HomeFromHospital,
        urgency: Urgency::Urgent,
        need: "Going home on Friday; lives alone".into(),
        received_at: at(1, 10),
        status: ReferralStatus::New,
        decision_note: String::new(),
        decided_at: None,
        decided_by: None,
    };
    store
        .apply(vec![
            support(SupportWrite::InsertPerson(edna.clone())),
            support(SupportWrite::InsertPerson(carer.clone())),
            support(SupportWrite::LinkCarer(CarerLink {
                organisation_id: org.id,
                carer_id: carer.id,
                cared_for_id: edna.id,
                relationship: Relationship::Child,
            })),
            support(SupportWrite::SetHealthNotes {
                org: org.id,
                id: edna.id,
                notes: "Type 2 diabetes".into(),
                by: volunteers[0],
                at: at(1, 11),
            }),
            support(SupportWrite::InsertReferral(referral.clone())),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.supported_person(org.id, edna.id).await.unwrap(),
        Some(edna.clone())
    );
    assert_eq!(store.supported_people(org.id).await.unwrap().len(), 2);
    assert_eq!(
        store
            .health_notes(org.id, edna.id)
            .await
            .unwrap()
            .as_deref(),
        Some("Type 2 diabetes")
    );
    assert_eq!(store.carer_links(org.id, edna.id).await.unwrap().len(), 1);
    assert_eq!(
        store.carer_links(org.id, carer.id).await.unwrap()[0].relationship,
        Relationship::Child
    );
    assert_eq!(
        store.referral(org.id, referral.id).await.unwrap(),
        Some(referral.clone())
    );

    // Another organisation sees none of it.
    let other = OrganisationId::new();
    assert_eq!(store.supported_person(other, edna.id).await.unwrap(), None);
    assert_eq!(store.health_notes(other, edna.id).await.unwrap(), None);
    assert!(store.referrals(other).await.unwrap().is_empty());

    let decide = |status| {
        support(SupportWrite::DecideReferral {
            org: org.id,
            id: referral.id,
            status,
            note: String::new(),
            by: volunteers[0],
            at: at(1, 12),
        })
    };
    store
        .apply(vec![decide(ReferralStatus::Accepted)])
        .await
        .unwrap();
    assert_conflict(store.apply(vec![decide(ReferralStatus::Declined)]).await);
    let decided = store.referral(org.id, referral.id).await.unwrap().unwrap();
    assert_eq!(decided.status, ReferralStatus::Accepted);
    assert_eq!(decided.decided_at, Some(at(1, 12)));

    let status = |from, to| {
        support(SupportWrite::SetStatus {
            org: org.id,
            id: edna.id,
            from,
            to,
            reason: String::new(),
        })
    };
    store
        .apply(vec![status(
            Some(SupportStatus::Referred),
            SupportStatus::Assessed,
        )])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![status(
                Some(SupportStatus::Referred),
                SupportStatus::Closed,
            )])
            .await,
    );
    // The carer-only record has no status, and moves only from none.
    store
        .apply(vec![support(SupportWrite::SetStatus {
            org: org.id,
            id: carer.id,
            from: None,
            to: SupportStatus::Referred,
            reason: String::new(),
        })])
        .await
        .unwrap();
}
conformance!(people_carers_and_referrals_round_trip);

async fn invitations_never_exceed_capacity(store: Arc<dyn Store>) {
    let (org, volunteers, _) = set_up(&store, 1, &[]).await;
    let role = store.roles(org.id).await.unwrap()[0].id;
    let (a, b) = (service_user(org.id, "Ann"), service_user(org.id, "Bea"));
    store
        .apply(vec![
            support(SupportWrite::InsertPerson(a.clone())),
            support(SupportWrite::InsertPerson(b.clone())),
        ])
        .await
        .unwrap();
    let first = proposal(org.id, role, a.id, volunteers[0]);
    // No profile yet: the volunteer has not offered this kind of support.
    assert_conflict(
        store
            .apply(vec![support(SupportWrite::ProposeMatch(first.clone()))])
            .await,
    );
    store
        .apply(vec![support(SupportWrite::SetMatchProfile(profile(
            org.id,
            volunteers[0],
            1,
        )))])
        .await
        .unwrap();
    assert_eq!(
        store.match_profiles_of(volunteers[0]).await.unwrap(),
        vec![profile(org.id, volunteers[0], 1)]
    );
    store
        .apply(vec![support(SupportWrite::ProposeMatch(first.clone()))])
        .await
        .unwrap();
    let second = proposal(org.id, role, b.id, volunteers[0]);
    assert_conflict(
        store
            .apply(vec![support(SupportWrite::ProposeMatch(second.clone()))])
            .await,
    );

    let step = |id, from, to, started_on| {
        support(SupportWrite::SetMatchStatus {
            org: org.id,
            id,
            from,
            to,
            at: at(3, 9),
            started_on,
            end_reason: String::new(),
        })
    };
    store
        .apply(vec![step(
            first.id,
            MatchStatus::Proposed,
            MatchStatus::Declined,
            None,
        )])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![step(
                first.id,
                MatchStatus::Proposed,
                MatchStatus::Accepted,
                None,
            )])
            .await,
    );
    // The declined invitation frees the place.
    store
        .apply(vec![support(SupportWrite::ProposeMatch(second.clone()))])
        .await
        .unwrap();
    // Same two people, still open: refused.
    store
        .apply(vec![support(SupportWrite::SetMatchProfile(profile(
            org.id,
            volunteers[0],
            3,
        )))])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![support(SupportWrite::ProposeMatch(proposal(
                org.id,
                role,
                b.id,
                volunteers[0],
            )))])
            .await,
    );
    for (from, to) in [
        (MatchStatus::Proposed, MatchStatus::Accepted),
        (MatchStatus::Accepted, MatchStatus::Introduced),
    ] {
        store
            .apply(vec![step(second.id, from, to, None)])
            .await
            .unwrap();
    }
    store
        .apply(vec![step(
            second.id,
            MatchStatus::Introduced,
            MatchStatus::Active,
            Some(day(2026, 3, 3)),
        )])
        .await
        .unwrap();
    let stored = store.match_by_id(org.id, second.id).await.unwrap().unwrap();
    assert_eq!(stored.status, MatchStatus::Active);
    assert_eq!(stored.started_on, Some(day(2026, 3, 3)));
    assert_eq!(
        store
            .matches_of_volunteer(volunteers[0])
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(store.matches(org.id).await.unwrap().len(), 2);
    assert!(
        store
            .matches(OrganisationId::new())
            .await
            .unwrap()
            .is_empty()
    );

    let contact = |on| Contact {
        id: ContactId::new(),
        organisation_id: org.id,
        match_id: second.id,
        supported_person_id: b.id,
        volunteer_id: volunteers[0],
        on,
        minutes: 60,
        kind: ContactKind::Visit,
        note: "Tea and a chat".into(),
        concerns: false,
        logged_by: volunteers[0],
        logged_at: at(9, 9),
    };
    store
        .apply(vec![
            support(SupportWrite::InsertContact(contact(day(2026, 3, 4)))),
            support(SupportWrite::InsertContact(contact(day(2026, 3, 8)))),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.contacts(org.id, b.id).await.unwrap()[0].on,
        day(2026, 3, 8)
    );
    assert_eq!(
        store.last_contacts(org.id).await.unwrap(),
        vec![(second.id, day(2026, 3, 8))]
    );
}
conformance!(invitations_never_exceed_capacity);

async fn simultaneous_invitations_fill_capacity_exactly(url: String) {
    let store = alongside_store::open(&url).await.unwrap();
    let second_server = alongside_store::open(&url).await.unwrap();
    let (org, volunteers, _) = set_up(&store, 1, &[]).await;
    let role = store.roles(org.id).await.unwrap()[0].id;
    let people: Vec<SupportedPerson> = (0..12)
        .map(|i| service_user(org.id, &format!("P{i}")))
        .collect();
    let mut writes: Vec<Write> = people
        .iter()
        .map(|p| support(SupportWrite::InsertPerson(p.clone())))
        .collect();
    writes.push(support(SupportWrite::SetMatchProfile(profile(
        org.id,
        volunteers[0],
        3,
    ))));
    store.apply(writes).await.unwrap();
    let attempts = people.iter().enumerate().map(|(i, p)| {
        let s = if i % 2 == 0 {
            store.clone()
        } else {
            second_server.clone()
        };
        let m = proposal(org.id, role, p.id, volunteers[0]);
        tokio::spawn(async move { s.apply(vec![support(SupportWrite::ProposeMatch(m))]).await })
    });
    let handles: Vec<_> = attempts.collect();
    let mut results = Vec::new();
    for h in handles {
        results.push(h.await.unwrap());
    }
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Ok(()) | Err(StoreError::Conflict(_)))),
        "{results:?}"
    );
    assert_eq!(ok, 3);
    let open = store
        .matches(org.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.status.open())
        .count();
    assert_eq!(open, 3);
}
conformance_shared!(simultaneous_invitations_fill_capacity_exactly);

async fn postcode_locations_are_put_and_read(store: Arc<dyn Store>) {
    let leeds = Location {
        latitude: 53.7997,
        longitude: -1.5492,
    };
    store
        .apply(vec![support(SupportWrite::PutPostcodeLocations(vec![
            ("LS1 4AP".into(), leeds),
            (
                "YO1 7HH".into(),
                Location {
                    latitude: 53.96,
                    longitude: -1.08,
                },
            ),
        ]))])
        .await
        .unwrap();
    let moved = Location {
        latitude: 53.8,
        longitude: -1.55,
    };
    store
        .apply(vec![support(SupportWrite::PutPostcodeLocations(vec![(
            "LS1 4AP".into(),
            moved,
        )]))])
        .await
        .unwrap();
    let found = store
        .postcode_locations(&["LS1 4AP".into(), "ZZ9 9ZZ".into()])
        .await
        .unwrap();
    assert_eq!(found, vec![("LS1 4AP".to_owned(), moved)]);
}
conformance!(postcode_locations_are_put_and_read);
