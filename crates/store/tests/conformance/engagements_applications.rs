//! Engagements and applications: one engagement per person and organisation, and
//! applications listed with their role and person.

use std::sync::Arc;

use app::{Store, Write};
use domain::application::ApplicationStatus;
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};

use crate::fixtures::{
    application, assert_conflict, at, engagement, organisation, person, role, site,
};

async fn engagements_and_applications(store: Arc<dyn Store>) {
    use EngagementStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let ward = site(org.id, "Ward 7");
    let companion = role(org.id, "Mealtime companion", &[ward.id]);
    let gardener = role(org.id, "Garden helper", &[]);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let e = engagement(org.id, asha.id, Applicant, at(1, 9));
    let enquired = EngagementEvent {
        from: None,
        to: Enquiry,
        at: at(1, 9),
        by: "Asha Patel".into(),
        note: "Asked about volunteering".into(),
    };
    let applied = EngagementEvent {
        from: Some(Enquiry),
        to: Applicant,
        at: at(2, 10),
        by: "Asha Patel".into(),
        note: "Applied".into(),
    };
    let first = application(&e, companion.id, at(2, 10));
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertOrganisation(other.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertRole(companion.clone()),
            Write::InsertRole(gardener.clone()),
            Write::InsertPerson(asha.clone(), None),
            Write::InsertPerson(ben.clone(), None),
            Write::InsertEngagement(e.clone()),
            // Written out of order: events are read back by time.
            Write::InsertEngagementEvent(org.id, e.id, applied.clone()),
            Write::InsertEngagementEvent(org.id, e.id, enquired.clone()),
            Write::InsertApplication(first.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(e.clone())
    );
    assert_eq!(store.engagement_of(other.id, asha.id).await.unwrap(), None);
    assert_eq!(store.engagement_of(org.id, ben.id).await.unwrap(), None);
    assert_eq!(
        store.engagement_events(org.id, e.id).await.unwrap(),
        vec![enquired.clone(), applied.clone()]
    );
    assert!(
        store
            .engagement_events(other.id, e.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.engagements_of_person(asha.id).await.unwrap(),
        vec![(e.clone(), org.clone())]
    );

    // The application, as each list shows it.
    let rows = store.applications(org.id, Some(asha.id)).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].application, first);
    assert_eq!(rows[0].role_title, "Mealtime companion");
    assert_eq!(rows[0].person_name, "Asha Patel");
    assert_eq!(rows[0].organisation_name, "Ashby Trust");
    assert_eq!(rows[0].organisation_slug, org.slug.as_str());
    assert_eq!(store.applications(org.id, None).await.unwrap().len(), 1);
    assert!(
        store
            .applications(org.id, Some(ben.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.applications(other.id, None).await.unwrap().is_empty());
    let mine = store.applications_of_person(asha.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].application, first);
    assert_eq!(mine[0].organisation_slug, org.slug.as_str());
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application),
        Some(first.clone())
    );
    assert!(
        store
            .application(other.id, first.id)
            .await
            .unwrap()
            .is_none()
    );

    // Inserting an application records its first event.
    let events = store.application_events(org.id, first.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].status, ApplicationStatus::Submitted);
    assert_eq!(events[0].at, first.submitted_at);
    assert!(
        store
            .application_events(other.id, first.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Moving from a status it is not in changes nothing.
    assert_conflict(
        store
            .apply(vec![Write::MoveApplication {
                organisation_id: org.id,
                id: first.id,
                from: ApplicationStatus::Screening,
                to: ApplicationStatus::Accepted,
                note: "Welcome".into(),
                by: "Manager".into(),
                at: at(3, 9),
            }])
            .await,
    );
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application.status),
        Some(ApplicationStatus::Submitted)
    );
    assert_eq!(
        store
            .application_events(org.id, first.id)
            .await
            .unwrap()
            .len(),
        1
    );

    store
        .apply(vec![Write::MoveApplication {
            organisation_id: org.id,
            id: first.id,
            from: ApplicationStatus::Submitted,
            to: ApplicationStatus::Screening,
            note: "Call booked for Tuesday".into(),
            by: "Morgan Manager".into(),
            at: at(3, 9),
        }])
        .await
        .unwrap();
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application.status),
        Some(ApplicationStatus::Screening)
    );
    let events = store.application_events(org.id, first.id).await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].status, ApplicationStatus::Submitted);
    assert_eq!(events[1].status, ApplicationStatus::Screening);
    assert_eq!(events[1].note, "Call booked for Tuesday");
    assert_eq!(events[1].by, "Morgan Manager");
    assert_eq!(events[1].at, at(3, 9));

    // Lists are newest first.
    let second = application(&e, gardener.id, at(4, 9));
    store
        .apply(vec![Write::InsertApplication(second.clone())])
        .await
        .unwrap();
    let ids = |rows: Vec<app::ports::ApplicationRow>| {
        rows.into_iter()
            .map(|r| r.application.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(store.applications(org.id, Some(asha.id)).await.unwrap()),
        vec![second.id, first.id]
    );
    assert_eq!(
        ids(store.applications_of_person(asha.id).await.unwrap()),
        vec![second.id, first.id]
    );

    // Engagement moves are conditional too.
    let move_to = |from, to, leaving_reason, note: &str| Write::MoveEngagement {
        organisation_id: org.id,
        id: e.id,
        from,
        to,
        leaving_reason,
        leaving_note: note.into(),
    };
    assert_conflict(store.apply(vec![move_to(Active, Paused, None, "")]).await);
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(e.clone())
    );
    store
        .apply(vec![move_to(Applicant, Onboarding, None, "")])
        .await
        .unwrap();
    assert_eq!(
        store
            .engagement_of(org.id, asha.id)
            .await
            .unwrap()
            .map(|e| e.status),
        Some(Onboarding)
    );
    store
        .apply(vec![move_to(
            Onboarding,
            Left,
            Some(LeavingReason::MovedAway),
            "Moved to Glasgow",
        )])
        .await
        .unwrap();
    let left = Engagement {
        status: Left,
        leaving_reason: Some(LeavingReason::MovedAway),
        leaving_note: "Moved to Glasgow".into(),
        ..e.clone()
    };
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(left.clone())
    );

    // One engagement per person per organisation.
    assert_conflict(
        store
            .apply(vec![Write::InsertEngagement(engagement(
                org.id,
                asha.id,
                Enquiry,
                at(5, 9),
            ))])
            .await,
    );
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(left)
    );
    // …but the same person may engage with another organisation.
    let elsewhere = engagement(other.id, asha.id, Enquiry, at(5, 9));
    store
        .apply(vec![Write::InsertEngagement(elsewhere.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.engagement_of(other.id, asha.id).await.unwrap(),
        Some(elsewhere)
    );
}
conformance!(engagements_and_applications);
