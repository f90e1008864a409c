//! Networks in the store: networks, coordinators, members and their renewals (a renewal moves
//! the date on only from the one it was worked out from), and one current membership per
//! organisation or email. Agreements and the passport are in `networks/passport.rs`; roles
//! listed to a network and volunteers referred between members in `networks/sharing.rs`.

mod passport;
mod sharing;

use std::sync::Arc;

use app::ports::NetworkWrite;
use app::{Store, Write};
use chrono::{DateTime, NaiveDate, Utc};
use domain::expenses::Pence;
use domain::ids::{NetworkId, NetworkMemberId, OrganisationId, PersonId};
use domain::network::membership::{Member, NetworkMember, Renewal};
use domain::network::{Network, NetworkInput};
use domain::organisation::Organisation;
use domain::values::Email;

use crate::fixtures::{assert_conflict, at, day, organisation, person, unique};

/// A network with every field filled and a unique slug, set up on 1 March 2026.
pub fn network(name: &str) -> Network {
    NetworkInput {
        name: name.into(),
        slug: format!("net-{}", unique()),
        kind: "care_partnership".into(),
        description: "Volunteering across the county".into(),
        contact_email: "hello@partnership.example".into(),
    }
    .parse(NetworkId::new(), at(1, 9))
    .expect("a valid network")
}

/// `org` as a member of `network` since 1 January 2026, renewing on 1 January 2027.
pub fn org_member(network: &Network, org: &Organisation) -> NetworkMember {
    NetworkMember {
        id: NetworkMemberId::new(),
        network_id: network.id,
        member: Member::Organisation {
            organisation_id: org.id,
            name: org.name.clone(),
        },
        joined_on: day(2026, 1, 1),
        renews_on: Some(day(2027, 1, 1)),
        annual_fee: Some(Pence(4500)),
        ended_on: None,
        in_directory: true,
        directory_note: "Ask us about ward volunteering".into(),
    }
}

/// A person as an individual member of `network`, with their account if they have one.
pub fn individual(network: &Network, person: Option<PersonId>, email: &str) -> NetworkMember {
    NetworkMember {
        id: NetworkMemberId::new(),
        network_id: network.id,
        member: Member::Individual {
            person_id: person,
            name: "Rowan Manager".into(),
            email: Email::parse(email).expect("an email"),
            job_title: "Voluntary services manager".into(),
            employer: "Northshire Council".into(),
        },
        joined_on: day(2026, 2, 1),
        renews_on: None,
        annual_fee: None,
        ended_on: None,
        in_directory: false,
        directory_note: String::new(),
    }
}

/// A renewal of `member` paid on `paid_on`, as the app works it out, recorded at `recorded_at`.
pub fn renewal(member: &NetworkMember, paid_on: NaiveDate, recorded_at: DateTime<Utc>) -> Renewal {
    Renewal {
        member_id: member.id,
        paid_on,
        amount: Pence(4500),
        previous_renews_on: member.renews_on,
        renews_on: member.next_renewal_date(paid_on),
        recorded_by: "Casey Coordinator".into(),
        recorded_at,
    }
}

fn net(w: NetworkWrite) -> Write {
    Write::Network(w)
}

async fn networks_members_and_renewals_round_trip(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let bramble = organisation("Bramble Hospice");
    let casey = person("Casey", "Coordinator");
    let n = network("Northshire Volunteering Partnership");
    let other = network("Another Network");
    let ashby_member = org_member(&n, &ashby);
    let rowan = individual(&n, Some(casey.id), "rowan@council.example");
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertPerson(casey.clone(), None),
            net(NetworkWrite::InsertNetwork(n.clone())),
            net(NetworkWrite::InsertNetwork(other.clone())),
            net(NetworkWrite::SetCoordinator(n.id, casey.id, true)),
            // Naming a coordinator twice is the same as once.
            net(NetworkWrite::SetCoordinator(n.id, casey.id, true)),
            net(NetworkWrite::InsertMember(ashby_member.clone())),
            net(NetworkWrite::InsertMember(rowan.clone())),
        ])
        .await
        .unwrap();

    assert_eq!(store.network(n.id).await.unwrap(), Some(n.clone()));
    assert_eq!(
        store.network_by_slug(n.slug.as_str()).await.unwrap(),
        Some(n.clone())
    );
    assert_eq!(
        store.network_by_slug("no-such-network").await.unwrap(),
        None
    );
    assert_eq!(
        store.networks().await.unwrap(),
        vec![other.clone(), n.clone()]
    );
    assert_eq!(
        store.network_coordinators(n.id).await.unwrap(),
        vec![casey.id]
    );
    assert!(
        store
            .network_coordinators(other.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.networks_coordinated_by(casey.id).await.unwrap(),
        vec![n.id]
    );
    // By name: Ashby Trust before Rowan Manager.
    assert_eq!(
        store.network_members(n.id).await.unwrap(),
        vec![ashby_member.clone(), rowan.clone()]
    );
    assert!(store.network_members(other.id).await.unwrap().is_empty());
    assert_eq!(
        store.network_member(n.id, rowan.id).await.unwrap(),
        Some(rowan.clone())
    );
    assert_eq!(
        store.network_member(other.id, rowan.id).await.unwrap(),
        None
    );
    assert_eq!(
        store.memberships_of_organisation(ashby.id).await.unwrap(),
        vec![ashby_member.clone()]
    );
    assert!(
        store
            .memberships_of_organisation(bramble.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.memberships_of_person(casey.id).await.unwrap(),
        vec![rowan.clone()]
    );

    // The network's details change.
    let renamed = Network {
        name: "Northshire Partnership".into(),
        description: String::new(),
        contact_email: None,
        ..n.clone()
    };
    store
        .apply(vec![net(NetworkWrite::UpdateNetwork(renamed.clone()))])
        .await
        .unwrap();
    assert_eq!(store.network(n.id).await.unwrap(), Some(renamed));

    // A renewal on time moves the date on a year from the old one.
    let paid = renewal(&ashby_member, day(2026, 12, 20), at(20, 9));
    assert_eq!(paid.renews_on, day(2028, 1, 1));
    store
        .apply(vec![net(NetworkWrite::RecordRenewal(n.id, paid.clone()))])
        .await
        .unwrap();
    let renewed = store
        .network_member(n.id, ashby_member.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(renewed.renews_on, Some(day(2028, 1, 1)));
    assert_eq!(
        store.renewals(n.id, ashby_member.id).await.unwrap(),
        vec![paid.clone()]
    );
    // The same payment recorded again, worked out from the same old date, is refused: it would
    // add a second year.
    let again = renewal(&ashby_member, day(2026, 12, 20), at(20, 10));
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::RecordRenewal(n.id, again))])
            .await,
    );
    assert_eq!(
        store
            .network_member(n.id, ashby_member.id)
            .await
            .unwrap()
            .unwrap()
            .renews_on,
        Some(day(2028, 1, 1))
    );
    // The next one, from the new date, is fine; renewals are newest first.
    let next = renewal(&renewed, day(2027, 12, 1), at(21, 9));
    store
        .apply(vec![net(NetworkWrite::RecordRenewal(n.id, next.clone()))])
        .await
        .unwrap();
    assert_eq!(
        store.renewals(n.id, ashby_member.id).await.unwrap(),
        vec![next, paid]
    );
    assert!(store.renewals(n.id, rowan.id).await.unwrap().is_empty());

    // An ended membership cannot be renewed.
    let mut ended = store.network_member(n.id, rowan.id).await.unwrap().unwrap();
    ended.ended_on = Some(day(2026, 3, 31));
    ended.in_directory = true;
    ended.directory_note = "Moving on".into();
    store
        .apply(vec![net(NetworkWrite::UpdateMember(ended.clone()))])
        .await
        .unwrap();
    assert_eq!(
        store.network_member(n.id, rowan.id).await.unwrap(),
        Some(ended.clone())
    );
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::RecordRenewal(
                n.id,
                renewal(&ended, day(2026, 3, 20), at(22, 9)),
            ))])
            .await,
    );

    // Stopping the coordinator.
    store
        .apply(vec![net(NetworkWrite::SetCoordinator(
            n.id, casey.id, false,
        ))])
        .await
        .unwrap();
    assert!(store.network_coordinators(n.id).await.unwrap().is_empty());
    assert!(
        store
            .networks_coordinated_by(casey.id)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(networks_members_and_renewals_round_trip);

async fn one_current_membership_per_organisation_and_email(store: Arc<dyn Store>) {
    let ashby = organisation("Ashby Trust");
    let n = network("Northshire Volunteering Partnership");
    let other = network("Another Network");
    let first = org_member(&n, &ashby);
    let rowan = individual(&n, None, "rowan@council.example");
    store
        .apply(vec![
            Write::InsertOrganisation(ashby.clone()),
            net(NetworkWrite::InsertNetwork(n.clone())),
            net(NetworkWrite::InsertNetwork(other.clone())),
            net(NetworkWrite::InsertMember(first.clone())),
            net(NetworkWrite::InsertMember(rowan.clone())),
        ])
        .await
        .unwrap();
    // A second current membership of the same organisation, or the same email, is refused,
    // and nothing of the batch is kept.
    let marker = organisation("Marker Trust");
    assert_conflict(
        store
            .apply(vec![
                Write::InsertOrganisation(marker.clone()),
                net(NetworkWrite::InsertMember(org_member(&n, &ashby))),
            ])
            .await,
    );
    assert_eq!(store.organisation(marker.id).await.unwrap(), None);
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::InsertMember(individual(
                &n,
                None,
                "rowan@council.example",
            )))])
            .await,
    );
    assert_eq!(store.network_members(n.id).await.unwrap().len(), 2);
    // The same organisation may belong to another network.
    store
        .apply(vec![net(NetworkWrite::InsertMember(org_member(
            &other, &ashby,
        )))])
        .await
        .unwrap();
    // Once the membership has ended, the organisation can join again.
    let ended = NetworkMember {
        ended_on: Some(day(2026, 2, 28)),
        ..first
    };
    let rejoined = org_member(&n, &ashby);
    store
        .apply(vec![
            net(NetworkWrite::UpdateMember(ended.clone())),
            net(NetworkWrite::InsertMember(rejoined.clone())),
        ])
        .await
        .unwrap();
    let mut ids: Vec<NetworkMemberId> = store
        .network_members(n.id)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.organisation_id() == Some(ashby.id))
        .map(|m| m.id)
        .collect();
    ids.sort();
    let mut expected = vec![ended.id, rejoined.id];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(
        store
            .memberships_of_organisation(ashby.id)
            .await
            .unwrap()
            .len(),
        3
    );
    // Updating a membership that does not exist is a conflict, not a silent no-op.
    assert_conflict(
        store
            .apply(vec![net(NetworkWrite::UpdateMember(org_member(
                &n, &ashby,
            )))])
            .await,
    );
    let unknown: OrganisationId = OrganisationId::new();
    assert!(
        store
            .memberships_of_organisation(unknown)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(one_current_membership_per_organisation_and_email);
