//! Waiting lists in the store: freed places offered in order and held for the person offered,
//! passed on when they pass or the offer runs out — and, under many concurrent cancellations,
//! offers and bookings from two stores on one database, never more places promised than exist.

use std::sync::Arc;

use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use domain::ids::{OrganisationId, PersonId, ShiftId, WaitlistEntryId};
use domain::notification::{Channel, NotificationKind};
use domain::rota::{Booking, WaitlistEntry, WaitlistStatus};

use crate::fixtures::assert_conflict;
use crate::rota::{morning, set_up};

fn offer(org: OrganisationId, shift: ShiftId, now: DateTime<Utc>) -> Write {
    Write::OfferFreedPlaces {
        organisation_id: org,
        shift_id: shift,
        now,
        link: "https://alongside.example/my/shifts".into(),
    }
}

fn close(org: OrganisationId, id: WaitlistEntryId, to: WaitlistStatus, at: DateTime<Utc>) -> Write {
    Write::CloseWaitlistEntry {
        organisation_id: org,
        id,
        from: WaitlistStatus::Offered,
        to,
        at,
    }
}

async fn status_of(
    store: &Arc<dyn Store>,
    org: OrganisationId,
    shift: ShiftId,
) -> Vec<(PersonId, WaitlistStatus)> {
    store
        .waitlist_of_shift(org, shift)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.person_id, e.status))
        .collect()
}

async fn freed_places_go_to_the_first_in_line(store: Arc<dyn Store>) {
    // One place on a shift five days ahead; volunteer 0 has it, 1–3 wait, 4 never joins.
    let (org, people, shifts) = set_up(&store, 5, &[(5, 3, 1)]).await;
    let shift = &shifts[0];
    let now = morning(0);
    let first = Booking::new(shift, people[0], now);
    store
        .apply(vec![Write::BookShift(first.clone())])
        .await
        .unwrap();
    let mut entries = Vec::new();
    for (i, p) in people[1..4].iter().enumerate() {
        let e = WaitlistEntry::join(org.id, shift.id, *p, now + Duration::minutes(i as i64));
        store
            .apply(vec![Write::JoinWaitlist(e.clone())])
            .await
            .unwrap();
        entries.push(e);
    }
    // Joining twice is refused.
    assert_conflict(
        store
            .apply(vec![Write::JoinWaitlist(WaitlistEntry::join(
                org.id, shift.id, people[1], now,
            ))])
            .await,
    );

    // The place frees: the first in line is offered it, by email, held for twelve hours.
    let later = now + Duration::hours(1);
    store
        .apply(vec![
            Write::CancelBooking(first.cancel("Unwell", later).unwrap()),
            offer(org.id, shift.id, later),
        ])
        .await
        .unwrap();
    let list = store.waitlist_of_shift(org.id, shift.id).await.unwrap();
    assert_eq!(list[0].status, WaitlistStatus::Offered);
    assert_eq!(list[0].offer_expires_at, Some(later + Duration::hours(12)));
    assert_eq!(list[1].status, WaitlistStatus::Waiting);
    let mail = store.recent_messages(5).await.unwrap();
    assert!(mail[0].to.starts_with("volunteer.n1."), "{:?}", mail[0].to);
    assert!(mail[0].subject.starts_with("A place has come up"));

    // The held place cannot be taken by someone else, even though nobody is booked.
    let outsider = store
        .apply(vec![Write::BookShift(Booking::new(
            shift, people[4], later,
        ))])
        .await;
    assert!(matches!(outsider, Err(StoreError::Conflict(m)) if m == "This shift is full"));

    // Volunteer 1 passes it on: volunteer 2, who wants no offer emails, is offered it unemailed.
    store
        .apply(vec![Write::PutNotificationPreferences(
            people[2],
            vec![(NotificationKind::WaitlistOffer, Channel::None)],
        )])
        .await
        .unwrap();
    let mail_before = store.recent_messages(100).await.unwrap().len();
    store
        .apply(vec![
            close(org.id, entries[0].id, WaitlistStatus::Passed, later),
            offer(org.id, shift.id, later),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.waitlist_of_shift(org.id, shift.id).await.unwrap()[1].status,
        WaitlistStatus::Offered
    );
    assert_eq!(store.recent_messages(100).await.unwrap().len(), mail_before);
    // Volunteer 2 does not answer in time; the sweep passes it to volunteer 3.
    let lapsed = later + Duration::hours(13);
    assert_eq!(
        store.shifts_with_lapsed_offers(lapsed).await.unwrap(),
        vec![(org.id, shift.id)]
    );
    store
        .apply(vec![offer(org.id, shift.id, lapsed)])
        .await
        .unwrap();
    // Volunteer 2's late answer is refused; volunteer 3 takes the place.
    assert_conflict(
        store
            .apply(vec![close(
                org.id,
                entries[1].id,
                WaitlistStatus::Accepted,
                lapsed,
            )])
            .await,
    );
    store
        .apply(vec![
            close(org.id, entries[2].id, WaitlistStatus::Accepted, lapsed),
            Write::BookShift(Booking::new(shift, people[3], lapsed)),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.shift(org.id, shift.id).await.unwrap().unwrap().booked,
        1
    );
    assert_eq!(
        status_of(&store, org.id, shift.id).await,
        vec![
            (people[1], WaitlistStatus::Passed),
            (people[2], WaitlistStatus::Expired),
            (people[3], WaitlistStatus::Accepted),
        ]
    );
    assert!(
        store
            .shifts_with_lapsed_offers(lapsed)
            .await
            .unwrap()
            .is_empty()
    );
    let mine = store.waitlist_of_person(people[2]).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, WaitlistStatus::Expired);
    assert_eq!(mine[0].closed_at, mine[0].offer_expires_at);
}
conformance!(freed_places_go_to_the_first_in_line);

async fn no_offer_too_close_to_the_start_or_on_a_full_shift(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 3, &[(1, 3, 1)]).await;
    let shift = &shifts[0];
    let now = morning(0);
    store
        .apply(vec![Write::BookShift(Booking::new(shift, people[0], now))])
        .await
        .unwrap();
    store
        .apply(vec![Write::JoinWaitlist(WaitlistEntry::join(
            org.id, shift.id, people[1], now,
        ))])
        .await
        .unwrap();
    // Still full: nothing to offer.
    store
        .apply(vec![offer(org.id, shift.id, now)])
        .await
        .unwrap();
    assert_eq!(
        status_of(&store, org.id, shift.id).await,
        vec![(people[1], WaitlistStatus::Waiting)]
    );
    // Freed ten minutes before the start: too late to hold it for anyone; anyone may book it.
    let late = shift.starts_at - Duration::minutes(10);
    let booking = store.bookings_on(org.id, shift.id).await.unwrap().remove(0);
    store
        .apply(vec![
            Write::CancelBooking(booking.cancel("Stuck in traffic", late).unwrap()),
            offer(org.id, shift.id, late),
        ])
        .await
        .unwrap();
    assert_eq!(
        status_of(&store, org.id, shift.id).await,
        vec![(people[1], WaitlistStatus::Waiting)]
    );
    // Booking directly while waiting takes them off the list.
    store
        .apply(vec![Write::BookShift(Booking::new(shift, people[1], late))])
        .await
        .unwrap();
    assert_eq!(
        status_of(&store, org.id, shift.id).await,
        vec![(people[1], WaitlistStatus::Accepted)]
    );
}
conformance!(no_offer_too_close_to_the_start_or_on_a_full_shift);

async fn concurrent_cancellations_never_promise_more_places_than_exist(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    // Three places, all booked; eight waiting; six outsiders trying to book as places free.
    let (org, people, shifts) = set_up(&a, 17, &[(4, 3, 3)]).await;
    let shift = shifts[0].clone();
    let now = morning(0);
    let mut bookings = Vec::new();
    for p in &people[..3] {
        let booking = Booking::new(&shift, *p, now);
        a.apply(vec![Write::BookShift(booking.clone())])
            .await
            .unwrap();
        bookings.push(booking);
    }
    for (i, p) in people[3..11].iter().enumerate() {
        let e = WaitlistEntry::join(org.id, shift.id, *p, now + Duration::seconds(i as i64));
        a.apply(vec![Write::JoinWaitlist(e)]).await.unwrap();
    }
    let at = now + Duration::hours(1);
    let mut tasks = Vec::new();
    for (i, booking) in bookings.into_iter().enumerate() {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        let cancelled = booking.cancel("Cannot come", at).unwrap();
        tasks.push(tokio::spawn(async move {
            store
                .apply(vec![
                    Write::CancelBooking(cancelled),
                    offer(org.id, shift.id, at),
                ])
                .await
        }));
    }
    for (i, p) in people[11..].iter().enumerate() {
        let store = if i % 2 == 0 { b.clone() } else { a.clone() };
        let booking = Booking::new(&shift, *p, at);
        tasks.push(tokio::spawn(async move {
            store.apply(vec![Write::BookShift(booking)]).await
        }));
    }
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a write failed other than by being refused: {e}"),
        }
    }
    let booked = a.shift(org.id, shift.id).await.unwrap().unwrap().booked;
    let list = a.waitlist_of_shift(org.id, shift.id).await.unwrap();
    let offered = list.iter().filter(|e| e.holds_place(at)).count();
    assert!(
        usize::from(booked) + offered <= 3,
        "{booked} booked and {offered} offers on 3 places"
    );
    // Offers went strictly in the order people joined.
    let statuses: Vec<_> = list.iter().map(|e| e.status).collect();
    let first_waiting = statuses.iter().position(|s| *s == WaitlistStatus::Waiting);
    if let Some(w) = first_waiting {
        assert!(
            statuses[w..].iter().all(|s| *s == WaitlistStatus::Waiting),
            "{statuses:?}"
        );
    }
    // Every freed place went to someone: an outsider or the next in line.
    assert_eq!(usize::from(booked) + offered, 3, "{statuses:?}");
}
conformance_shared!(concurrent_cancellations_never_promise_more_places_than_exist);
