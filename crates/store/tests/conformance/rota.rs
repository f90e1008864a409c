//! The rota in the store: shifts with their fill, and bookings that never overfill a shift or put
//! one volunteer in two overlapping shifts — one at a time, and under many concurrent requests
//! from two stores on one database (as two servers would be).

use std::sync::Arc;

use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use domain::ids::{PersonId, ShiftId};
use domain::organisation::Organisation;
use domain::rota::{Booking, BookingStatus, Shift};

use crate::fixtures::{assert_conflict, organisation, person, role, site};

/// Ten in the morning, `days` from 1 June 2027.
pub(crate) fn morning(days: i64) -> DateTime<Utc> {
    "2027-06-01T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::days(days)
}

fn shift(
    org: &Organisation,
    role: domain::ids::RoleId,
    site: domain::ids::SiteId,
    starts: DateTime<Utc>,
    hours: i64,
    max: u16,
) -> Shift {
    Shift {
        id: ShiftId::new(),
        organisation_id: org.id,
        role_id: role,
        site_id: site,
        starts_at: starts,
        ends_at: starts + Duration::hours(hours),
        min_volunteers: 1,
        max_volunteers: max,
        notes: String::new(),
        supervisor: None,
        series_id: None,
        cancelled: false,
    }
}

/// An organisation with a site and role, `people` volunteers, and the given shifts.
pub(crate) async fn set_up(
    store: &Arc<dyn Store>,
    people: usize,
    shifts: &[(i64, i64, u16)],
) -> (Organisation, Vec<PersonId>, Vec<Shift>) {
    let org = organisation("Ashby Trust");
    let ward = site(org.id, "Ward 7");
    let visitor = role(org.id, "Ward visitor", &[ward.id]);
    let volunteers: Vec<_> = (0..people)
        .map(|i| person("Volunteer", &format!("N{i}")))
        .collect();
    let shifts: Vec<Shift> = shifts
        .iter()
        .map(|&(day, hours, max)| shift(&org, visitor.id, ward.id, morning(day), hours, max))
        .collect();
    let mut writes = vec![
        Write::InsertOrganisation(org.clone()),
        Write::InsertSite(ward),
        Write::InsertRole(visitor),
    ];
    writes.extend(
        volunteers
            .iter()
            .map(|p| Write::InsertPerson(p.clone(), None)),
    );
    writes.extend(shifts.iter().cloned().map(Write::InsertShift));
    store.apply(writes).await.unwrap();
    (org, volunteers.iter().map(|p| p.id).collect(), shifts)
}

fn conflict_message(result: Result<(), StoreError>) -> String {
    match result {
        Err(StoreError::Conflict(m)) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn bookings_fill_and_refuse(store: Arc<dyn Store>) {
    // Two places on Tuesday 10–13; Tuesday 12–15 overlaps it; Tuesday 13–16 only touches it.
    let (org, people, shifts) = set_up(&store, 3, &[(1, 3, 2)]).await;
    let ward = &shifts[0];
    let overlapping = Shift {
        id: ShiftId::new(),
        starts_at: ward.starts_at + Duration::hours(2),
        ends_at: ward.ends_at + Duration::hours(2),
        ..ward.clone()
    };
    let after = Shift {
        id: ShiftId::new(),
        starts_at: ward.ends_at,
        ends_at: ward.ends_at + Duration::hours(3),
        ..ward.clone()
    };
    store
        .apply(vec![
            Write::InsertShift(overlapping.clone()),
            Write::InsertShift(after.clone()),
        ])
        .await
        .unwrap();
    let now = morning(-7);

    let first = Booking::new(ward, people[0], now);
    store
        .apply(vec![Write::BookShift(first.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.shift(org.id, ward.id).await.unwrap().unwrap().booked,
        1
    );
    // The same person again: refused.
    assert_conflict(
        store
            .apply(vec![Write::BookShift(Booking::new(ward, people[0], now))])
            .await,
    );
    // An overlapping shift: refused, saying why; one that only touches: fine.
    assert_eq!(
        conflict_message(
            store
                .apply(vec![Write::BookShift(Booking::new(
                    &overlapping,
                    people[0],
                    now
                ))])
                .await
        ),
        "You already have a place on a shift at that time"
    );
    store
        .apply(vec![Write::BookShift(Booking::new(&after, people[0], now))])
        .await
        .unwrap();
    // Fill it, then it is full.
    store
        .apply(vec![Write::BookShift(Booking::new(ward, people[1], now))])
        .await
        .unwrap();
    assert_eq!(
        conflict_message(
            store
                .apply(vec![Write::BookShift(Booking::new(ward, people[2], now))])
                .await
        ),
        "This shift is full"
    );
    // A cancellation frees the place; cancelling twice is refused.
    let cancelled = first
        .cancel(
            "My car has broken down",
            ward.starts_at - Duration::hours(3),
        )
        .unwrap();
    assert!(cancelled.late);
    store
        .apply(vec![Write::CancelBooking(cancelled.clone())])
        .await
        .unwrap();
    assert_conflict(store.apply(vec![Write::CancelBooking(cancelled)]).await);
    store
        .apply(vec![Write::BookShift(Booking::new(ward, people[2], now))])
        .await
        .unwrap();
    let on = store.bookings_on(org.id, ward.id).await.unwrap();
    assert_eq!(
        on.iter().map(|b| b.person_id).collect::<Vec<_>>(),
        vec![people[1], people[2]]
    );
    let mine = store.bookings_of_person(people[0]).await.unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].status, BookingStatus::Cancelled);
    assert_eq!(mine[0].cancellation_reason, "My car has broken down");
    assert_eq!(mine[1].shift_id, after.id);
    // Another organisation sees none of it.
    let other = organisation("Bramble Hospice");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert!(store.shift(other.id, ward.id).await.unwrap().is_none());
    assert!(
        store
            .bookings_on(other.id, ward.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .shifts_between(other.id, morning(0), morning(10))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .shifts_between(org.id, morning(0), morning(10))
            .await
            .unwrap()
            .len(),
        3
    );
}
conformance!(bookings_fill_and_refuse);

/// Many volunteers race for few places through two stores on one database: never more booked
/// than the maximum, and every place taken.
async fn concurrent_bookings_never_overfill(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let (org, people, shifts) = set_up(&a, 40, &[(1, 3, 3), (2, 3, 5)]).await;
    let now = morning(-7);
    let mut tasks = Vec::new();
    for (i, person) in people.iter().enumerate() {
        for s in &shifts {
            let store = if i % 2 == 0 { a.clone() } else { b.clone() };
            let booking = Booking::new(s, *person, now);
            tasks.push(tokio::spawn(async move {
                store.apply(vec![Write::BookShift(booking)]).await
            }));
        }
    }
    let mut booked = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => booked += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a booking failed other than by being refused: {e}"),
        }
    }
    assert_eq!(booked, 3 + 5);
    for (s, max) in shifts.iter().zip([3, 5]) {
        assert_eq!(a.shift(org.id, s.id).await.unwrap().unwrap().booked, max);
        assert_eq!(
            b.bookings_on(org.id, s.id).await.unwrap().len(),
            usize::from(max)
        );
    }
}
conformance_shared!(concurrent_bookings_never_overfill);

/// One volunteer sends many requests at once for overlapping shifts: they get exactly one.
async fn concurrent_bookings_never_overlap(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    // Six shifts on the same morning, each overlapping the next, with room for everyone.
    let (_, people, base) = set_up(&a, 1, &[(3, 4, 10)]).await;
    let mut shifts = vec![base[0].clone()];
    for h in 1..6 {
        let s = Shift {
            id: ShiftId::new(),
            starts_at: base[0].starts_at + Duration::minutes(30 * h),
            ends_at: base[0].ends_at + Duration::minutes(30 * h),
            ..base[0].clone()
        };
        a.apply(vec![Write::InsertShift(s.clone())]).await.unwrap();
        shifts.push(s);
    }
    let now = morning(-7);
    let mut tasks = Vec::new();
    for (i, s) in shifts.iter().enumerate() {
        for store in [a.clone(), b.clone()] {
            let booking = Booking::new(s, people[0], now);
            let _ = i;
            tasks.push(tokio::spawn(async move {
                store.apply(vec![Write::BookShift(booking)]).await
            }));
        }
    }
    let mut booked = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => booked += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a booking failed other than by being refused: {e}"),
        }
    }
    assert_eq!(booked, 1);
    let mine = a.bookings_of_person(people[0]).await.unwrap();
    assert_eq!(mine.len(), 1);
}
conformance_shared!(concurrent_bookings_never_overlap);
