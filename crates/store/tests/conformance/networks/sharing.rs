//! Sharing across a network in the store: roles listed to a network (listed once, taken off),
//! and volunteers referred between members, seen by both organisations and no other.

use std::sync::Arc;

use app::ports::{NetworkWrite, RoleListing, VolunteerReferral};
use app::{Store, Write};
use domain::engagement::EngagementStatus;
use domain::ids::VolunteerReferralId;

use super::{net, network, org_member};
use crate::fixtures::{application, at, day, engagement, organisation, person, role};

async fn roles_listed_to_a_network(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let n = network("Northshire Volunteering Partnership");
    let other = network("Another Network");
    let companion = role(ashby.id, "Mealtime companion", &[]);
    let gardener = role(ashby.id, "Garden helper", &[]);
    let befriender = role(bramble.id, "Hospice befriender", &[]);
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertRole(companion.clone()),
            Write::InsertRole(gardener.clone()),
            Write::InsertRole(befriender.clone()),
            net(NetworkWrite::InsertNetwork(n.clone())),
            net(NetworkWrite::InsertNetwork(other.clone())),
            net(NetworkWrite::InsertMember(org_member(&n, &ashby))),
            net(NetworkWrite::InsertMember(org_member(&n, &bramble))),
        ])
        .await
        .unwrap();
    let listing = |org: &domain::organisation::Organisation,
                   role: &domain::role::Role,
                   network: &domain::network::Network,
                   day: u32| RoleListing {
        organisation_id: org.id,
        role_id: role.id,
        network_id: network.id,
        listed_at: at(day, 9),
    };
    let companion_n = listing(&ashby, &companion, &n, 2);
    let gardener_n = listing(&ashby, &gardener, &n, 3);
    let companion_other = listing(&ashby, &companion, &other, 4);
    let befriender_n = listing(&bramble, &befriender, &n, 5);
    store
        .apply(
            [&companion_n, &gardener_n, &companion_other, &befriender_n]
                .map(|l| net(NetworkWrite::ListRole(l.clone(), true)))
                .to_vec(),
        )
        .await
        .unwrap();
    // Newest first.
    assert_eq!(
        store.role_listings(n.id).await.unwrap(),
        vec![
            befriender_n.clone(),
            gardener_n.clone(),
            companion_n.clone()
        ]
    );
    assert_eq!(
        store.role_listings_of(ashby.id).await.unwrap(),
        vec![
            companion_other.clone(),
            gardener_n.clone(),
            companion_n.clone()
        ]
    );
    // Listing again keeps the first listing.
    store
        .apply(vec![net(NetworkWrite::ListRole(
            listing(&ashby, &companion, &n, 6),
            true,
        ))])
        .await
        .unwrap();
    assert_eq!(store.role_listings(n.id).await.unwrap().len(), 3);
    assert!(
        store
            .role_listings(n.id)
            .await
            .unwrap()
            .contains(&companion_n)
    );
    // Taking a role off one network leaves it on the other.
    store
        .apply(vec![net(NetworkWrite::ListRole(
            listing(&ashby, &companion, &n, 7),
            false,
        ))])
        .await
        .unwrap();
    assert_eq!(
        store.role_listings(n.id).await.unwrap(),
        vec![befriender_n, gardener_n.clone()]
    );
    assert_eq!(
        store.role_listings_of(ashby.id).await.unwrap(),
        vec![companion_other.clone(), gardener_n]
    );
    assert_eq!(
        store.role_listings(other.id).await.unwrap(),
        vec![companion_other]
    );
}
conformance!(roles_listed_to_a_network);

async fn volunteer_referrals_round_trip(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let cedar = organisation("Cedar House");
    let n = network("Northshire Volunteering Partnership");
    let befriender = role(bramble.id, "Hospice befriender", &[]);
    let pat = person("Pat", "Referred");
    let at_bramble = engagement(bramble.id, pat.id, EngagementStatus::Applicant, at(3, 9));
    let applied = application(&at_bramble, befriender.id, at(3, 9));
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertOrganisation(cedar.clone()),
            Write::InsertRole(befriender.clone()),
            Write::InsertPerson(pat.clone(), None),
            Write::InsertEngagement(at_bramble),
            Write::InsertApplication(applied.clone()),
            net(NetworkWrite::InsertNetwork(n.clone())),
        ])
        .await
        .unwrap();
    let referral = |day_of_march: u32, application| VolunteerReferral {
        id: VolunteerReferralId::new(),
        network_id: n.id,
        from_organisation_id: ashby.id,
        to_organisation_id: bramble.id,
        person_id: pat.id,
        role_id: befriender.id,
        application_id: application,
        note: "Pat has been a great ward companion".into(),
        consent_on: day(2026, 3, 1),
        referred_by: "Morgan Manager".into(),
        created_at: at(day_of_march, 9),
    };
    let first = referral(3, Some(applied.id));
    let second = referral(4, None);
    store
        .apply(vec![
            net(NetworkWrite::InsertVolunteerReferral(first.clone())),
            net(NetworkWrite::InsertVolunteerReferral(second.clone())),
        ])
        .await
        .unwrap();
    // Both the referrer and the receiver see them, newest first; nobody else does.
    assert_eq!(
        store.volunteer_referrals(ashby.id).await.unwrap(),
        vec![second.clone(), first.clone()]
    );
    assert_eq!(
        store.volunteer_referrals(bramble.id).await.unwrap(),
        vec![second, first]
    );
    assert!(
        store
            .volunteer_referrals(cedar.id)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(volunteer_referrals_round_trip);
