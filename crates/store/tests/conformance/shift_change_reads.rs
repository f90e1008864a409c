//! The reads behind a manager's shift page (bookings with names, why a shift was cancelled, a
//! series' later shifts, who is active in a role), each within its organisation; and edits
//! racing bookings through two stores on one database.

use std::sync::Arc;

use app::{Store, StoreError, Write};
use domain::compliance::PlacementStatus;
use domain::ids::{SeriesId, ShiftId};
use domain::rota::shift_change::cancelled_by_team;
use domain::rota::{Booking, BookingStatus, Shift};

use crate::fixtures::{assert_conflict, organisation, placement};
use crate::shift_changes::{Rota, at, now};

async fn reads_behind_the_shift_page(store: Arc<dyn Store>) {
    let r = Rota::new(&store, 3).await;
    let series = SeriesId::new();
    let mut in_series = Vec::new();
    for week in 0..3 {
        let s = Shift {
            id: ShiftId::new(),
            organisation_id: r.org.id,
            role_id: r.role,
            site_id: r.site,
            starts_at: at(7 * week, 0),
            ends_at: at(7 * week, 3),
            min_volunteers: 1,
            max_volunteers: 3,
            notes: String::new(),
            supervisor: None,
            series_id: Some(series),
            cancelled: false,
        };
        store
            .apply(vec![Write::InsertShift(s.clone())])
            .await
            .unwrap();
        in_series.push(s);
    }
    // A shift outside the series is not part of it.
    r.shift(&store, 8, 0, 3, 3).await;
    let from_second = store
        .series_from(r.org.id, series, in_series[1].starts_at)
        .await
        .unwrap();
    let ids: Vec<_> = from_second.iter().map(|row| row.shift.id).collect();
    assert_eq!(ids, vec![in_series[1].id, in_series[2].id]);

    let s = &in_series[0];
    let a = r.book(&store, s, 1).await;
    let b = r.book(&store, s, 0).await;
    store
        .apply(vec![Write::CancelBooking(cancelled_by_team(
            &a,
            "Unwell",
            now(),
        ))])
        .await
        .unwrap();
    let listed = store.shift_bookings(r.org.id, s.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0].booking.id, listed[0].person_name.as_str()),
        (b.id, "Volunteer N0")
    );
    assert_eq!(listed[1].booking.status, BookingStatus::Cancelled);
    assert!(listed[0].email.contains('@'));

    store
        .apply(vec![
            Write::InsertPlacement(placement(
                r.org.id,
                r.people[2],
                r.role,
                PlacementStatus::Active,
                now(),
            )),
            Write::InsertPlacement(placement(
                r.org.id,
                r.people[1],
                r.role,
                PlacementStatus::Onboarding,
                now(),
            )),
        ])
        .await
        .unwrap();
    let active = store.active_in_role(r.org.id, r.role).await.unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].placement.person_id, r.people[2]);

    // Another organisation sees none of it.
    let other = organisation("Bramble Hospice");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert!(
        store
            .shift_bookings(other.id, s.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .series_from(other.id, series, at(-30, 0))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .active_in_role(other.id, r.role)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .shift_cancellation(other.id, s.id)
            .await
            .unwrap()
            .is_none()
    );
    assert_conflict(store.apply(vec![Write::LockShift(other.id, s.id)]).await);
}
conformance!(reads_behind_the_shift_page);

/// Volunteers booked on an afternoon race to book mornings while a manager moves the afternoon
/// into the morning, through two stores on one database: whatever the order, nobody ends up in
/// two overlapping shifts, and every booking's copied times match its shift.
async fn edits_racing_bookings_never_double_book(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let r = Rota::new(&a, 12).await;
    let afternoon = r.shift(&a, 1, 4, 3, 20).await; // 14:00–17:00
    let mornings: Vec<Shift> = {
        let mut v = Vec::new();
        for _ in 0..4 {
            v.push(r.shift(&a, 1, 0, 3, 20).await); // 10:00–13:00
        }
        v
    };
    for i in 0..r.people.len() {
        r.book(&a, &afternoon, i).await;
    }
    let earlier = Shift {
        starts_at: at(1, 2),
        ends_at: at(1, 5),
        ..afternoon.clone()
    };
    let mut tasks = Vec::new();
    for (i, person) in r.people.iter().enumerate() {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        let booking = Booking::new(&mornings[i % mornings.len()], *person, now());
        tasks.push(tokio::spawn(async move {
            store.apply(vec![Write::BookShift(booking)]).await
        }));
        if i % 4 == 0 {
            let store = if i % 8 == 0 { b.clone() } else { a.clone() };
            let edit = Write::UpdateShifts(vec![earlier.clone()]);
            tasks.push(tokio::spawn(async move { store.apply(vec![edit]).await }));
        }
    }
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) | Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a write failed other than by being refused: {e}"),
        }
    }
    let now_afternoon = a
        .shift(r.org.id, afternoon.id)
        .await
        .unwrap()
        .unwrap()
        .shift;
    for person in &r.people {
        let mine: Vec<Booking> = a
            .bookings_of_person(*person)
            .await
            .unwrap()
            .into_iter()
            .filter(|x| x.status == BookingStatus::Booked)
            .collect();
        for (i, x) in mine.iter().enumerate() {
            let shift = a.shift(r.org.id, x.shift_id).await.unwrap().unwrap().shift;
            assert_eq!(
                (x.starts_at, x.ends_at),
                shift.span(),
                "copied times in step"
            );
            for y in &mine[i + 1..] {
                assert!(
                    !domain::rota::overlaps((x.starts_at, x.ends_at), (y.starts_at, y.ends_at)),
                    "a volunteer in two overlapping shifts (afternoon now {:?})",
                    now_afternoon.span()
                );
            }
        }
    }
}
conformance_shared!(edits_racing_bookings_never_double_book);
