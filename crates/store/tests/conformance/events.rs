//! Learning events in the store: places and the waiting list decided under the event's lock,
//! a second registration refused, freed places offered in order, lapsed offers passed on,
//! attendance and feedback — and, under many concurrent sign-ups and cancellations from two
//! stores on one database, never more places taken than the event has.

use std::sync::Arc;

use app::ports::{EventWrite, Registrant};
use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, TimeZone, Utc};
use domain::events::{EventInput, EventOwner, LearningEvent, Registration, RegistrationStatus};
use domain::ids::{EventId, PersonId};

use crate::fixtures::{assert_conflict, organisation, person};

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap()
}

/// An organisation, `n` people and an event on 5 March 2027 with `capacity` places.
pub(crate) async fn set_up(
    store: &Arc<dyn Store>,
    n: usize,
    capacity: u32,
) -> (LearningEvent, Vec<PersonId>) {
    let org = organisation("Northshire Hospice");
    let mut writes = vec![Write::InsertOrganisation(org.clone())];
    let mut people = Vec::new();
    for i in 0..n {
        let p = person("Sam", &format!("Lee{i}"));
        people.push(p.id);
        writes.push(Write::InsertPerson(p, None));
    }
    let event = EventInput {
        title: "Recruiting younger volunteers".into(),
        visibility: "public".into(),
        format: "online".into(),
        joining_link: "https://meet.example.org/abc".into(),
        date: "5 3 2027".into(),
        start_time: "10:00".into(),
        end_time: "12:00".into(),
        capacity: capacity.to_string(),
        member_price: "0".into(),
        non_member_price: "25".into(),
        ..EventInput::default()
    }
    .parse(EventId::new(), EventOwner::Organisation(org.id), now())
    .unwrap()
    .event;
    writes.push(Write::Events(EventWrite::InsertEvent(event.clone())));
    store.apply(writes).await.unwrap();
    (event, people)
}

pub(crate) fn register(event: &LearningEvent, person: PersonId, at: DateTime<Utc>) -> Write {
    Write::Events(EventWrite::Register(
        Registration::new(event, person, false, at),
        "https://alongside.example/events/x".into(),
    ))
}

fn offer(event: &LearningEvent, at: DateTime<Utc>) -> Write {
    Write::Events(EventWrite::OfferFreedPlaces {
        event_id: event.id,
        now: at,
        link: "https://alongside.example/events/x".into(),
    })
}

async fn statuses(store: &Arc<dyn Store>, event: EventId) -> Vec<(PersonId, RegistrationStatus)> {
    store
        .event_registrants(event)
        .await
        .unwrap()
        .into_iter()
        .map(|r: Registrant| (r.registration.person_id, r.registration.status))
        .collect()
}

async fn registration_of(store: &Arc<dyn Store>, event: EventId, p: PersonId) -> Registration {
    store
        .event_registrants(event)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.registration)
        .rfind(|r| r.person_id == p)
        .unwrap()
}

async fn places_then_waiting_list_and_no_second_registration(store: Arc<dyn Store>) {
    let (event, people) = set_up(&store, 4, 2).await;
    for (i, p) in people.iter().enumerate() {
        store
            .apply(vec![register(
                &event,
                *p,
                now() + Duration::seconds(i as i64),
            )])
            .await
            .unwrap();
    }
    use RegistrationStatus::*;
    assert_eq!(
        statuses(&store, event.id).await,
        vec![
            (people[0], Registered),
            (people[1], Registered),
            (people[2], Waitlisted),
            (people[3], Waitlisted)
        ]
    );
    // A second registration by the same person is refused, whatever its status.
    assert_conflict(store.apply(vec![register(&event, people[0], now())]).await);
    assert_conflict(store.apply(vec![register(&event, people[3], now())]).await);
    // The price is kept as it was when they registered.
    let first = registration_of(&store, event.id, people[0]).await;
    assert_eq!(first.price, domain::expenses::Pence(2500));
    // Nobody registers for a cancelled event.
    let (other, more) = set_up(&store, 1, 5).await;
    store
        .apply(vec![Write::Events(EventWrite::CancelEvent(other.id))])
        .await
        .unwrap();
    assert_conflict(store.apply(vec![register(&other, more[0], now())]).await);
    let listed = store.learning_events(other.owner).await.unwrap();
    assert!(listed[0].cancelled);
    assert_eq!(
        store.learning_event(event.id).await.unwrap().unwrap(),
        event
    );
}
conformance!(places_then_waiting_list_and_no_second_registration);

async fn a_cancelled_place_is_offered_in_order_and_lapses_to_the_next(store: Arc<dyn Store>) {
    let (event, people) = set_up(&store, 4, 1).await;
    for (i, p) in people.iter().enumerate() {
        store
            .apply(vec![register(
                &event,
                *p,
                now() + Duration::seconds(i as i64),
            )])
            .await
            .unwrap();
    }
    let first = registration_of(&store, event.id, people[0]).await;
    let at = now() + Duration::hours(1);
    store
        .apply(vec![
            Write::Events(EventWrite::CancelRegistration(first.id, at)),
            offer(&event, at),
        ])
        .await
        .unwrap();
    use RegistrationStatus::*;
    assert_eq!(
        statuses(&store, event.id).await,
        vec![
            (people[0], Cancelled),
            (people[1], Offered),
            (people[2], Waitlisted),
            (people[3], Waitlisted)
        ]
    );
    let offered = registration_of(&store, event.id, people[1]).await;
    assert_eq!(offered.offer_expires_at, Some(at + Duration::hours(48)));
    let emails = store.recent_messages(10).await.unwrap();
    assert!(
        emails
            .iter()
            .any(|m| m.subject.starts_with("A place has come up"))
    );
    // The held place is not taken by a newcomer: they wait.
    store
        .apply(vec![register(&event, people[0], at + Duration::minutes(1))])
        .await
        .unwrap();
    assert_eq!(
        registration_of(&store, event.id, people[0]).await.status,
        Waitlisted
    );
    // The offer runs out: the sweep sees it and passes the place on.
    let later = at + Duration::hours(49);
    assert_eq!(
        store.events_with_lapsed_offers(later).await.unwrap(),
        vec![event.id]
    );
    assert_conflict(
        store
            .apply(vec![Write::Events(EventWrite::AcceptOffer(
                offered.id, later,
            ))])
            .await,
    );
    store.apply(vec![offer(&event, later)]).await.unwrap();
    assert_eq!(
        registration_of(&store, event.id, people[1]).await.status,
        Lapsed
    );
    let next = registration_of(&store, event.id, people[2]).await;
    assert_eq!(next.status, Offered);
    store
        .apply(vec![Write::Events(EventWrite::AcceptOffer(
            next.id,
            later + Duration::minutes(5),
        ))])
        .await
        .unwrap();
    assert_eq!(
        registration_of(&store, event.id, people[2]).await.status,
        Registered
    );
    assert!(
        store
            .events_with_lapsed_offers(later)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(a_cancelled_place_is_offered_in_order_and_lapses_to_the_next);

async fn attendance_feedback_and_fewer_places_than_taken(store: Arc<dyn Store>) {
    let (event, people) = set_up(&store, 3, 3).await;
    for p in &people {
        store
            .apply(vec![register(&event, *p, now())])
            .await
            .unwrap();
    }
    let mut smaller = event.clone();
    smaller.capacity = 2;
    assert_conflict(
        store
            .apply(vec![Write::Events(EventWrite::UpdateEvent(smaller, now()))])
            .await,
    );
    let r = registration_of(&store, event.id, people[0]).await;
    let after = event.ends_at;
    store
        .apply(vec![Write::Events(EventWrite::MarkAttendance(
            r.id,
            RegistrationStatus::Attended,
            after,
        ))])
        .await
        .unwrap();
    let feedback = domain::events::FeedbackInput {
        useful: "5".into(),
        comments: "Practical".into(),
        will_do_differently: "Use short roles".into(),
    }
    .parse(r.id, event.id, after)
    .unwrap();
    store
        .apply(vec![Write::Events(EventWrite::InsertFeedback(
            feedback.clone(),
        ))])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::Events(EventWrite::InsertFeedback(
                feedback.clone(),
            ))])
            .await,
    );
    assert_eq!(
        store.feedback_on(r.id).await.unwrap(),
        Some(feedback.clone())
    );
    assert_eq!(
        store.event_feedback(event.id).await.unwrap(),
        vec![feedback]
    );
    // A cancelled registration cannot have attendance marked.
    let gone = registration_of(&store, event.id, people[1]).await;
    store
        .apply(vec![Write::Events(EventWrite::CancelRegistration(
            gone.id,
            now(),
        ))])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::Events(EventWrite::MarkAttendance(
                gone.id,
                RegistrationStatus::Attended,
                after,
            ))])
            .await,
    );
    let mine = store.event_registrations_of(people[0]).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, RegistrationStatus::Attended);
}
conformance!(attendance_feedback_and_fewer_places_than_taken);

async fn concurrent_sign_ups_never_exceed_capacity(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    // Five places; 24 people sign up at once through two stores, while two of the first
    // five (registered beforehand) give their places up.
    let (event, people) = set_up(&a, 26, 5).await;
    for p in &people[..5] {
        a.apply(vec![register(&event, *p, now())]).await.unwrap();
    }
    let leaving: Vec<Registration> = {
        let mut v = Vec::new();
        for p in &people[..2] {
            v.push(registration_of(&a, event.id, *p).await);
        }
        v
    };
    let mut tasks = Vec::new();
    for (i, p) in people[5..].iter().enumerate() {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        let at = now() + Duration::seconds(1 + i as i64);
        let writes = vec![register(&event, *p, at), offer(&event, at)];
        tasks.push(tokio::spawn(async move { store.apply(writes).await }));
    }
    for (i, r) in leaving.into_iter().enumerate() {
        let store = if i % 2 == 0 { b.clone() } else { a.clone() };
        let at = now() + Duration::seconds(5);
        let writes = vec![
            Write::Events(EventWrite::CancelRegistration(r.id, at)),
            offer(&event, at),
        ];
        tasks.push(tokio::spawn(async move { store.apply(writes).await }));
    }
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a write failed other than by being refused: {e}"),
        }
    }
    let at = now() + Duration::minutes(1);
    let all: Vec<Registration> = a
        .event_registrants(event.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.registration)
        .collect();
    let held = all.iter().filter(|r| r.holds_place(at)).count();
    assert_eq!(held, 5, "every place is taken or offered, and no more");
    // Everyone who signed up has exactly one registration.
    assert_eq!(all.len(), 26);
    // The waiting list is in sign-up order: nobody waiting signed up before someone offered.
    let mut waiting: Vec<&Registration> = all
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                RegistrationStatus::Waitlisted | RegistrationStatus::Offered
            )
        })
        .collect();
    waiting.sort_by_key(|r| (r.registered_at, r.id));
    let first_waiting = waiting
        .iter()
        .position(|r| r.status == RegistrationStatus::Waitlisted);
    if let Some(w) = first_waiting {
        assert!(
            waiting[w..]
                .iter()
                .all(|r| r.status == RegistrationStatus::Waitlisted),
            "an offer went to someone behind a person still waiting"
        );
    }
}
conformance_shared!(concurrent_sign_ups_never_exceed_capacity);
