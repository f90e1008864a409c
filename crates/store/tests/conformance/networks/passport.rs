//! Mutual recognition agreements and the volunteer passport in the store: agreements keep their
//! parties and terms, nothing is signed after an agreement ends, a person has one live consent
//! per pair of organisations and stops it once, nothing is recognised under a stopped consent,
//! and time to onboard knows who came through the passport.

use std::sync::Arc;

use app::ports::NetworkWrite;
use app::{Store, Write};
use chrono::{DateTime, Utc};
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::{CheckStatus, PlacementStatus};
use domain::ids::{AgreementId, PassportConsentId, PersonId};
use domain::network::recognition::{Agreement, Party, PassportConsent, Recognition, Term};
use domain::organisation::Organisation;

use super::{net, network};
use crate::fixtures::{
    assert_conflict, at, check, day, organisation, person, placement, role, training,
};

fn term(code: &str, name: &str, months: Option<u32>) -> Term {
    Term {
        code: code.into(),
        name: name.into(),
        max_age_months: months,
    }
}

fn party(org: &Organisation, accepts: Vec<Term>, signed_at: Option<DateTime<Utc>>) -> Party {
    Party {
        organisation_id: org.id,
        organisation_name: org.name.clone(),
        accepts,
        signed_by: if signed_at.is_some() {
            "Ada Admin".into()
        } else {
            String::new()
        },
        signed_at,
    }
}

fn consent(person: PersonId, from: &Organisation, to: &Organisation, day: u32) -> PassportConsent {
    PassportConsent {
        id: PassportConsentId::new(),
        person_id: person,
        from_organisation_id: from.id,
        to_organisation_id: to.id,
        granted_at: at(day, 9),
        revoked_at: None,
    }
}

async fn agreements_keep_parties_and_terms_and_refuse_signing_after_they_end(
    store: Arc<dyn Store>,
) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let cedar = organisation("Cedar House");
    let n = network("Northshire Volunteering Partnership");
    // Parties come back by organisation name, and each party's terms by name.
    let named = Agreement {
        id: AgreementId::new(),
        name: "Ashby and Bramble".into(),
        network_id: None,
        mou_reference: "MOU-2026-04".into(),
        parties: vec![
            party(
                &ashby,
                vec![
                    term("cstf-fire-safety", "Fire safety", Some(12)),
                    term("identity", "Identity check", None),
                ],
                Some(at(2, 9)),
            ),
            party(&bramble, vec![], None),
        ],
        created_at: at(2, 9),
        ended_at: None,
    };
    let open = Agreement {
        id: AgreementId::new(),
        name: "Northshire passport".into(),
        network_id: Some(n.id),
        mou_reference: String::new(),
        parties: vec![party(
            &cedar,
            vec![term("dbs", "DBS check", Some(36))],
            Some(at(3, 9)),
        )],
        created_at: at(3, 9),
        ended_at: None,
    };
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertOrganisation(cedar.clone()),
            net(NetworkWrite::InsertNetwork(n.clone())),
            net(NetworkWrite::InsertAgreement(named.clone())),
            net(NetworkWrite::InsertAgreement(open.clone())),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.agreement(named.id).await.unwrap(),
        Some(named.clone())
    );
    assert_eq!(store.agreement(AgreementId::new()).await.unwrap(), None);
    assert_eq!(
        store.agreements_of(ashby.id).await.unwrap(),
        vec![named.clone()]
    );
    assert_eq!(
        store.agreements_of(bramble.id).await.unwrap(),
        vec![named.clone()]
    );
    assert_eq!(
        store.agreements_of(cedar.id).await.unwrap(),
        vec![open.clone()]
    );
    assert_eq!(
        store.agreements_in_network(n.id).await.unwrap(),
        vec![open.clone()]
    );

    // Bramble signs with its own terms; Ashby's stay as they were.
    let bramble_signs = party(
        &bramble,
        vec![term("identity", "Identity check", None)],
        Some(at(4, 9)),
    );
    store
        .apply(vec![net(NetworkWrite::SignAgreement(
            named.id,
            bramble_signs.clone(),
        ))])
        .await
        .unwrap();
    let signed = store.agreement(named.id).await.unwrap().unwrap();
    assert_eq!(signed.parties[0], named.parties[0]);
    assert_eq!(signed.parties[1], bramble_signs);
    // Signing again replaces what it accepts.
    let changed = party(
        &bramble,
        vec![
            term("identity", "Identity check", Some(24)),
            term("cstf-safeguarding-adults", "Safeguarding adults", None),
        ],
        Some(at(5, 9)),
    );
    store
        .apply(vec![net(NetworkWrite::SignAgreement(
            named.id,
            changed.clone(),
        ))])
        .await
        .unwrap();
    assert_eq!(
        store.agreement(named.id).await.unwrap().unwrap().parties[1],
        changed
    );

    // A member joins the open network agreement by signing it.
    let ashby_joins = party(&ashby, vec![term("dbs", "DBS check", None)], Some(at(6, 9)));
    store
        .apply(vec![net(NetworkWrite::SignAgreement(
            open.id,
            ashby_joins.clone(),
        ))])
        .await
        .unwrap();
    let joined = store.agreement(open.id).await.unwrap().unwrap();
    assert_eq!(joined.parties, vec![ashby_joins, open.parties[0].clone()]);
    assert_eq!(store.agreements_of(ashby.id).await.unwrap().len(), 2);

    // Ending it: once only, and nobody signs after.
    store
        .apply(vec![net(NetworkWrite::EndAgreement(named.id, at(7, 9)))])
        .await
        .unwrap();
    let ended = store.agreement(named.id).await.unwrap().unwrap();
    assert_eq!(ended.ended_at, Some(at(7, 9)));
    assert_eq!(ended.parties[1], changed);
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::EndAgreement(named.id, at(8, 9)))])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::SignAgreement(
                named.id,
                party(
                    &bramble,
                    vec![term("dbs", "DBS check", None)],
                    Some(at(8, 9)),
                ),
            ))])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::SignAgreement(
                named.id,
                party(&cedar, vec![], Some(at(8, 9))),
            ))])
            .await,
    );
    assert_eq!(store.agreement(named.id).await.unwrap(), Some(ended));
    // An agreement that does not exist cannot be signed either.
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::SignAgreement(
                AgreementId::new(),
                party(&cedar, vec![], Some(at(8, 9))),
            ))])
            .await,
    );
}
conformance!(agreements_keep_parties_and_terms_and_refuse_signing_after_they_end);

async fn one_live_consent_per_pair_stopped_once(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let pat = person("Pat", "Passport");
    let sam = person("Sam", "Other");
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertPerson(pat.clone(), None),
            Write::InsertPerson(sam.clone(), None),
        ])
        .await
        .unwrap();
    let first = consent(pat.id, &bramble, &ashby, 2);
    let back = consent(pat.id, &ashby, &bramble, 3);
    store
        .apply(vec![
            net(NetworkWrite::GrantConsent(first.clone())),
            net(NetworkWrite::GrantConsent(back.clone())),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.passport_consents_of(pat.id).await.unwrap(),
        vec![back.clone(), first.clone()]
    );
    assert_eq!(
        store.live_consents_to(ashby.id, pat.id).await.unwrap(),
        vec![first.clone()]
    );
    assert!(
        store
            .live_consents_to(ashby.id, sam.id)
            .await
            .unwrap()
            .is_empty()
    );
    // A second live consent for the same pair is refused.
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::GrantConsent(consent(
                pat.id, &bramble, &ashby, 4,
            )))])
            .await,
    );
    // Only its own volunteer can stop it, and only once.
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::RevokeConsent(
                sam.id,
                first.id,
                at(5, 9),
            ))])
            .await,
    );
    store
        .apply(vec![net(NetworkWrite::RevokeConsent(
            pat.id,
            first.id,
            at(5, 9),
        ))])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::RevokeConsent(
                pat.id,
                first.id,
                at(6, 9),
            ))])
            .await,
    );
    let stopped = store.passport_consents_of(pat.id).await.unwrap();
    assert_eq!(stopped[1].revoked_at, Some(at(5, 9)));
    assert!(!stopped[1].is_live());
    assert!(
        store
            .live_consents_to(ashby.id, pat.id)
            .await
            .unwrap()
            .is_empty()
    );
    // After stopping, they may consent again.
    let renewed = consent(pat.id, &bramble, &ashby, 7);
    store
        .apply(vec![net(NetworkWrite::GrantConsent(renewed.clone()))])
        .await
        .unwrap();
    assert_eq!(
        store.live_consents_to(ashby.id, pat.id).await.unwrap(),
        vec![renewed]
    );
}
conformance!(one_live_consent_per_pair_stopped_once);

/// Pat active at Ashby since the 20th, with two of Ashby's training items pending and Bramble's
/// first training item verified; Ashby and Bramble in an agreement; Pat's consent to share
/// from Bramble to Ashby.
async fn recognitions_need_a_live_consent_and_mark_passport_onboarding(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let ashby_cat = standard_catalogue(ashby.id);
    let bramble_cat = standard_catalogue(bramble.id);
    let companion = role(ashby.id, "Mealtime companion", &[]);
    let pat = person("Pat", "Passport");
    let ned = person("Ned", "Direct");
    let late = person("Lou", "Late");
    let mut writes = vec![
        Write::InsertOrganisation(ashby.clone()),
        Write::InsertOrganisation(bramble.clone()),
        Write::InsertRole(companion.clone()),
    ];
    writes.extend([&pat, &ned, &late].map(|p| Write::InsertPerson(p.clone(), None)));
    writes.extend(ashby_cat.iter().cloned().map(Write::InsertRequirementType));
    writes.extend(
        bramble_cat
            .iter()
            .cloned()
            .map(Write::InsertRequirementType),
    );
    let started = |p: PersonId, active: u32| {
        let mut pl = placement(ashby.id, p, companion.id, PlacementStatus::Active, at(2, 9));
        pl.activated_at = Some(at(active, 9));
        Write::InsertPlacement(pl)
    };
    writes.extend([
        started(pat.id, 20),
        started(ned.id, 21),
        started(late.id, 22),
    ]);
    let mine = check(pat.id, training(&ashby_cat)[0], CheckStatus::Verified, None);
    let second = check(pat.id, training(&ashby_cat)[1], CheckStatus::Pending, None);
    let lou_check = check(
        late.id,
        training(&ashby_cat)[0],
        CheckStatus::Verified,
        None,
    );
    let theirs = check(
        pat.id,
        training(&bramble_cat)[0],
        CheckStatus::Verified,
        None,
    );
    let lou_theirs = check(
        late.id,
        training(&bramble_cat)[0],
        CheckStatus::Verified,
        None,
    );
    writes.extend(
        [&mine, &second, &lou_check, &theirs, &lou_theirs].map(|c| Write::InsertCheck(c.clone())),
    );
    let agreement = Agreement {
        id: AgreementId::new(),
        name: "Ashby and Bramble".into(),
        network_id: None,
        mou_reference: String::new(),
        parties: vec![
            party(&ashby, vec![], Some(at(2, 9))),
            party(&bramble, vec![], Some(at(2, 9))),
        ],
        created_at: at(2, 9),
        ended_at: None,
    };
    let pats = consent(pat.id, &bramble, &ashby, 3);
    let lous = consent(late.id, &bramble, &ashby, 3);
    writes.push(net(NetworkWrite::InsertAgreement(agreement.clone())));
    writes.push(net(NetworkWrite::GrantConsent(pats.clone())));
    writes.push(net(NetworkWrite::GrantConsent(lous.clone())));
    store.apply(writes).await.unwrap();

    let recognition = |check: &domain::compliance::Check,
                       source: &domain::compliance::Check,
                       consent: &PassportConsent,
                       at: DateTime<Utc>| Recognition {
        organisation_id: ashby.id,
        check_id: check.id,
        from_organisation_id: bramble.id,
        from_organisation_name: bramble.name.clone(),
        source_check_id: source.id,
        agreement_id: agreement.id,
        consent_id: consent.id,
        verified_on: day(2026, 3, 3),
        recognised_at: at,
    };
    // Pat's first item taken on before they started; Lou's after.
    let taken = recognition(&mine, &theirs, &pats, at(10, 9));
    store
        .apply(vec![
            net(NetworkWrite::InsertRecognition(taken.clone())),
            net(NetworkWrite::InsertRecognition(recognition(
                &lou_check,
                &lou_theirs,
                &lous,
                at(25, 9),
            ))),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.recognitions(ashby.id, pat.id).await.unwrap(),
        vec![taken.clone()]
    );
    assert!(
        store
            .recognitions(bramble.id, pat.id)
            .await
            .unwrap()
            .is_empty()
    );
    let mut people = store.people_with_recognitions(ashby.id).await.unwrap();
    people.sort();
    let mut expected = vec![pat.id, late.id];
    expected.sort();
    assert_eq!(people, expected);

    // Once Pat stops sharing, nothing more is taken on under that consent.
    store
        .apply(vec![net(NetworkWrite::RevokeConsent(
            pat.id,
            pats.id,
            at(11, 9),
        ))])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::InsertRecognition(recognition(
                &second,
                &theirs,
                &pats,
                at(12, 9),
            )))])
            .await,
    );
    // Nor under a consent given to another organisation.
    let to_bramble = Recognition {
        organisation_id: bramble.id,
        ..recognition(&second, &theirs, &lous, at(12, 9))
    };
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::InsertRecognition(to_bramble))])
            .await,
    );
    assert_eq!(
        store.recognitions(ashby.id, pat.id).await.unwrap(),
        vec![taken]
    );

    // Time to onboard: Pat came through the passport (before starting); Ned did not; Lou's
    // item was taken on only after starting.
    let times = store.onboarding_times(ashby.id, at(1, 9)).await.unwrap();
    let flags: Vec<(DateTime<Utc>, bool)> =
        times.iter().map(|t| (t.activated_at, t.passport)).collect();
    assert_eq!(
        flags,
        vec![(at(20, 9), true), (at(21, 9), false), (at(22, 9), false)]
    );
}
conformance!(recognitions_need_a_live_consent_and_mark_passport_onboarding);
