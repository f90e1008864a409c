//! Standing commitments and absences in the store: kept exactly, ended, and removed only by
//! their own volunteer.

use std::sync::Arc;

use app::{Store, Write};
use chrono::{NaiveDate, NaiveTime, Weekday};
use domain::ids::{AbsenceId, CommitmentId};
use domain::rota::{Absence, AbsencePeriod, Commitment};

use crate::fixtures::assert_conflict;
use crate::rota::set_up;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn commitments_and_absences_round_trip(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 2, &[]).await;
    assert!(shifts.is_empty());
    let role = store.roles(org.id).await.unwrap()[0].id;
    let site = store.sites(org.id).await.unwrap()[0].id;
    let c = Commitment {
        id: CommitmentId::new(),
        organisation_id: org.id,
        person_id: people[0],
        role_id: role,
        site_id: site,
        weekday: Weekday::Tue,
        start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(13, 30, 0).unwrap(),
        interval_weeks: 2,
        starts_on: day("2027-03-01"),
        ends_on: None,
    };
    store
        .apply(vec![Write::InsertCommitment(c.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.commitment(org.id, c.id).await.unwrap(),
        Some(c.clone())
    );
    assert_eq!(
        store.commitments_of_person(people[0]).await.unwrap(),
        vec![c.clone()]
    );
    assert_eq!(
        store
            .commitments_for_slot(org.id, role, site)
            .await
            .unwrap(),
        vec![c.clone()]
    );
    assert!(
        store
            .commitments_of_person(people[1])
            .await
            .unwrap()
            .is_empty()
    );

    store
        .apply(vec![Write::EndCommitment {
            organisation_id: org.id,
            id: c.id,
            ends_on: day("2027-06-01"),
        }])
        .await
        .unwrap();
    assert_eq!(
        store
            .commitment(org.id, c.id)
            .await
            .unwrap()
            .unwrap()
            .ends_on,
        Some(day("2027-06-01"))
    );
    assert_conflict(
        store
            .apply(vec![Write::EndCommitment {
                organisation_id: org.id,
                id: CommitmentId::new(),
                ends_on: day("2027-06-01"),
            }])
            .await,
    );

    let away = Absence {
        id: AbsenceId::new(),
        person_id: people[0],
        period: AbsencePeriod {
            starts_on: day("2027-04-01"),
            ends_on: day("2027-04-14"),
        },
    };
    store.apply(vec![Write::InsertAbsence(away)]).await.unwrap();
    assert_eq!(
        store.absences_of_person(people[0]).await.unwrap(),
        vec![away]
    );
    // Someone else cannot remove it.
    assert_conflict(
        store
            .apply(vec![Write::DeleteAbsence(people[1], away.id)])
            .await,
    );
    store
        .apply(vec![Write::DeleteAbsence(people[0], away.id)])
        .await
        .unwrap();
    assert!(
        store
            .absences_of_person(people[0])
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(commitments_and_absences_round_trip);
