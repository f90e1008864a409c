//! People: stored, found by email, updated, and unique by email.

use std::sync::Arc;

use app::{Store, Write};
use chrono::NaiveDate;
use domain::ids::*;
use domain::values::Email;

use crate::fixtures::{assert_conflict, person, unique};

async fn people(store: Arc<dyn Store>) {
    let asha = person("Asha", "Patel");
    assert_eq!(asha.languages, vec!["English", "Gujarati"]);
    assert!(asha.phone.is_some() && asha.date_of_birth.is_some() && asha.postcode.is_some());
    let mut ben = person("Ben", "Okafor");
    ben.preferred_name = "Benny".into();
    ben.languages = vec![];
    ben.phone = None;
    ben.date_of_birth = None;
    ben.postcode = None;
    store
        .apply(vec![
            Write::InsertPerson(asha.clone(), Some("hash-asha".into())),
            Write::InsertPerson(ben.clone(), None),
        ])
        .await
        .unwrap();

    assert_eq!(store.person(asha.id).await.unwrap(), Some(asha.clone()));
    assert_eq!(store.person(ben.id).await.unwrap(), Some(ben.clone()));
    assert_eq!(store.person(PersonId::new()).await.unwrap(), None);
    assert_eq!(
        store.person_by_email(asha.email.as_str()).await.unwrap(),
        Some((asha.clone(), Some("hash-asha".into())))
    );
    assert_eq!(
        store.person_by_email(ben.email.as_str()).await.unwrap(),
        Some((ben.clone(), None))
    );
    assert_eq!(
        store.person_by_email("nobody@example.org").await.unwrap(),
        None
    );
    assert_eq!(store.count_people().await.unwrap(), 2);

    // Email addresses are unique.
    let mut twin = person("Asha", "Twin");
    twin.email = asha.email.clone();
    assert_conflict(
        store
            .apply(vec![Write::InsertPerson(twin.clone(), None)])
            .await,
    );
    assert_eq!(store.person(twin.id).await.unwrap(), None);
    assert_eq!(store.count_people().await.unwrap(), 2);

    // Updating a profile keeps the password.
    let mut updated = asha.clone();
    updated.family_name = "Patel-Jones".into();
    updated.email = Email::parse(&format!("asha.{}@example.org", unique())).unwrap();
    updated.languages = vec!["Welsh".into()];
    updated.phone = None;
    updated.date_of_birth = NaiveDate::from_ymd_opt(1991, 12, 31);
    updated.postcode = None;
    updated.accessibility_needs = String::new();
    store
        .apply(vec![Write::UpdatePerson(updated.clone())])
        .await
        .unwrap();
    assert_eq!(store.person(asha.id).await.unwrap(), Some(updated.clone()));
    assert_eq!(
        store.person_by_email(updated.email.as_str()).await.unwrap(),
        Some((updated.clone(), Some("hash-asha".into())))
    );
    assert_eq!(
        store.person_by_email(asha.email.as_str()).await.unwrap(),
        None
    );

    // Taking someone else's email is a conflict; so is updating someone who does not exist.
    let mut taken = updated.clone();
    taken.email = ben.email.clone();
    assert_conflict(store.apply(vec![Write::UpdatePerson(taken)]).await);
    assert_eq!(store.person(asha.id).await.unwrap(), Some(updated.clone()));
    assert_conflict(
        store
            .apply(vec![Write::UpdatePerson(person("No", "One"))])
            .await,
    );

    store
        .apply(vec![Write::SetPassword(ben.id, "hash-ben".into())])
        .await
        .unwrap();
    assert_eq!(
        store.person_by_email(ben.email.as_str()).await.unwrap(),
        Some((ben, Some("hash-ben".into())))
    );
    assert_eq!(store.count_people().await.unwrap(), 2);
}
conformance!(people);
