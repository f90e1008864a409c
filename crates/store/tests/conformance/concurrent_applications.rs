//! The Apply use case under concurrent requests: one person applying to several roles of one
//! organisation at the same moment. Whatever interleaving the database chooses, each attempt is
//! all or nothing, and the person ends with exactly one engagement.

use std::sync::Arc;

use app::{App, AppError, Store, SystemClock, Write};
use domain::application::ApplicationInput;

use crate::fixtures::{organisation, person, role};

async fn concurrent_applications_never_half_apply(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let p = person("Asha", "Patel");
    let roles: Vec<_> = (0..6)
        .map(|i| role(org.id, &format!("Role {i}"), &[]))
        .collect();
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertPerson(p.clone(), None),
    ];
    writes.extend(roles.iter().cloned().map(Write::InsertRole));
    store.apply(writes).await.unwrap();

    let app = Arc::new(App::new(
        store.clone(),
        Arc::new(SystemClock),
        "http://localhost",
    ));
    let input = ApplicationInput {
        motivation: "I would like to help".into(),
        availability: "Mornings".into(),
    };
    let attempts: Vec<_> = roles
        .iter()
        .map(|r| {
            let (app, input, role) = (app.clone(), input.clone(), r.id);
            tokio::spawn(async move { app.apply(p.id, role, &input).await })
        })
        .collect();
    let mut accepted = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(_) => accepted += 1,
            Err(AppError::Conflict(message)) => {
                assert!(
                    !message.contains('_'),
                    "a conflict speaks plain English: {message}"
                )
            }
            Err(other) => panic!("an attempt failed other than by conflict: {other:?}"),
        }
    }
    assert!(accepted >= 1, "at least one application goes through");

    let applications = store.applications_of_person(p.id).await.unwrap();
    assert_eq!(
        applications.len(),
        accepted,
        "each accepted attempt saved one application, the rest nothing"
    );
    let engagement = store
        .engagement_of(org.id, p.id)
        .await
        .unwrap()
        .expect("an engagement");
    assert!(
        applications
            .iter()
            .all(|a| a.application.engagement_id == engagement.id)
    );
    assert_eq!(
        store
            .engagement_events(org.id, engagement.id)
            .await
            .unwrap()
            .len(),
        1,
        "one engagement, begun once"
    );
    let emails = store.recent_messages(100).await.unwrap();
    assert_eq!(
        emails.len(),
        accepted,
        "a confirmation for each application saved, none for the rest"
    );
}

conformance!(concurrent_applications_never_half_apply);

async fn one_open_application_per_role_however_many_clicks(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let p = person("Ben", "Okafor");
    let r = role(org.id, "Ward visitor", &[]);
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::InsertRole(r.clone()),
        ])
        .await
        .unwrap();
    let app = Arc::new(App::new(
        store.clone(),
        Arc::new(SystemClock),
        "http://localhost",
    ));
    // Already engaged, so every attempt gets past the engagement and races on the application.
    let input = ApplicationInput {
        motivation: "I would like to help".into(),
        availability: "Mornings".into(),
    };
    let other = role(org.id, "Garden helper", &[]);
    store
        .apply(vec![Write::InsertRole(other.clone())])
        .await
        .unwrap();
    app.apply(p.id, other.id, &input).await.unwrap();

    let attempts: Vec<_> = (0..5)
        .map(|_| {
            let (app, input, role) = (app.clone(), input.clone(), r.id);
            tokio::spawn(async move { app.apply(p.id, role, &input).await })
        })
        .collect();
    let mut accepted = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(_) => accepted += 1,
            Err(AppError::Conflict(_) | AppError::Invalid(_)) => {}
            Err(other) => panic!("an attempt failed other than by conflict: {other:?}"),
        }
    }
    assert_eq!(accepted, 1);
    let for_role = store
        .applications_of_person(p.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.application.role_id == r.id)
        .count();
    assert_eq!(for_role, 1, "one open application for the role");
}

conformance!(one_open_application_per_role_however_many_clicks);
