//! Equality monitoring in the store: a person's answers kept, replaced and removed; profiles
//! only of volunteers active with the organisation asking; population figures replaced whole.

use std::sync::Arc;

use app::{Store, Write};
use domain::engagement::EngagementStatus;
use domain::equality::{
    Disability, EqualityRecord, Ethnicity, PopulationShare, ReachDimension, Sex,
};

use crate::fixtures::{at, engagement};
use crate::rota::set_up;

async fn answers_and_population_round_trip(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 3, &[]).await;
    let mut writes = vec![
        Write::InsertEngagement(engagement(
            org.id,
            people[0],
            EngagementStatus::Active,
            at(1, 9),
        )),
        Write::InsertEngagement(engagement(
            org.id,
            people[1],
            EngagementStatus::Left,
            at(1, 9),
        )),
        Write::InsertEngagement(engagement(
            org.id,
            people[2],
            EngagementStatus::Active,
            at(1, 9),
        )),
    ];
    let record = EqualityRecord {
        person_id: people[0],
        sex: Some(Sex::Female),
        ethnicity: Some(Ethnicity::Caribbean),
        disability: None,
        recorded_at: at(2, 9),
    };
    writes.push(Write::PutEqualityRecord(record.clone()));
    writes.push(Write::PutEqualityRecord(EqualityRecord {
        person_id: people[1],
        ..record.clone()
    }));
    store.apply(writes).await.unwrap();
    assert_eq!(
        store.equality_record(people[0]).await.unwrap(),
        Some(record.clone())
    );
    assert_eq!(store.equality_record(people[2]).await.unwrap(), None);

    let changed = EqualityRecord {
        disability: Some(Disability::LimitedALittle),
        sex: Some(Sex::PreferNotToSay),
        ..record.clone()
    };
    store
        .apply(vec![Write::PutEqualityRecord(changed.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.equality_record(people[0]).await.unwrap(),
        Some(changed.clone())
    );

    // Only the two active volunteers, one with answers; the leaver is not counted. Everyone's
    // postcode is SW1A 1AA; its decile is known once postcode data is loaded.
    assert_eq!(store.postcode_deprivation_year().await.unwrap(), None);
    let mut profiles = store.active_volunteer_profiles(org.id).await.unwrap();
    profiles.sort_by_key(|p| p.answers.is_none());
    assert_eq!(profiles.len(), 2);
    assert_eq!(profiles[0].answers, Some(changed));
    assert_eq!(profiles[1].answers, None);
    assert!(
        profiles
            .iter()
            .all(|p| p.imd_decile.is_none() && p.born.is_some())
    );
    let many: Vec<(String, u8)> = (0..1000)
        .map(|i| (format!("ZZ{} {}AA", i / 10, i % 10), 3))
        .chain(std::iter::once(("SW1A 1AA".to_owned(), 7)))
        .collect();
    store
        .apply(vec![Write::ReplacePostcodeDeprivation(many, 2025)])
        .await
        .unwrap();
    assert_eq!(store.postcode_deprivation_year().await.unwrap(), Some(2025));
    let profiles = store.active_volunteer_profiles(org.id).await.unwrap();
    assert!(
        profiles.iter().all(|p| p.imd_decile == Some(7)),
        "{profiles:?}"
    );
    store
        .apply(vec![Write::ReplacePostcodeDeprivation(vec![], 2026)])
        .await
        .unwrap();
    assert_eq!(store.postcode_deprivation_year().await.unwrap(), Some(2026));
    let profiles = store.active_volunteer_profiles(org.id).await.unwrap();
    assert!(
        profiles.iter().all(|p| p.imd_decile.is_none()),
        "replaced, not added to"
    );

    store
        .apply(vec![Write::DeleteEqualityRecord(people[0])])
        .await
        .unwrap();
    assert_eq!(store.equality_record(people[0]).await.unwrap(), None);

    let first = vec![
        PopulationShare {
            dimension: ReachDimension::Sex,
            category: "Female",
            percent_tenths: 512,
        },
        PopulationShare {
            dimension: ReachDimension::Age,
            category: "75 and over",
            percent_tenths: 90,
        },
    ];
    store
        .apply(vec![Write::PutPopulationServed(org.id, first.clone())])
        .await
        .unwrap();
    let mut got = store.population_served(org.id).await.unwrap();
    got.sort_by_key(|p| p.percent_tenths);
    assert_eq!(got, vec![first[1].clone(), first[0].clone()]);
    store
        .apply(vec![Write::PutPopulationServed(
            org.id,
            vec![first[0].clone()],
        )])
        .await
        .unwrap();
    assert_eq!(
        store.population_served(org.id).await.unwrap(),
        vec![first[0].clone()]
    );
}
conformance!(answers_and_population_round_trip);
