//! Managers' changes to shifts in the store: new times and capacity that carry the bookings'
//! copied times with them and never overfill or double-book; cancelling a shift with every
//! place on it; and moves that are all or nothing.

use std::sync::Arc;

use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use domain::ids::{PersonId, RoleId, ShiftId, SiteId};
use domain::organisation::Organisation;
use domain::rota::shift_change::cancelled_by_team;
use domain::rota::{Booking, BookingStatus, Shift};

use crate::fixtures::{assert_conflict, organisation, person, role, site};

/// Ten in the morning (UTC), `days` after 1 June 2027, plus `hours`.
pub(crate) fn at(days: i64, hours: i64) -> DateTime<Utc> {
    "2027-06-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap()
        + Duration::days(days)
        + Duration::hours(hours)
}

/// A week before the shifts.
pub(crate) fn now() -> DateTime<Utc> {
    at(-7, 0)
}

pub(crate) struct Rota {
    pub(crate) org: Organisation,
    pub(crate) role: RoleId,
    pub(crate) site: SiteId,
    pub(crate) people: Vec<PersonId>,
}

impl Rota {
    pub(crate) async fn new(store: &Arc<dyn Store>, people: usize) -> Self {
        let org = organisation("Ashby Trust");
        let ward = site(org.id, "Ward 9");
        let visitor = role(org.id, "Ward visitor", &[ward.id]);
        let volunteers: Vec<_> = (0..people)
            .map(|i| person("Volunteer", &format!("N{i}")))
            .collect();
        let mut writes = vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertRole(visitor.clone()),
        ];
        writes.extend(
            volunteers
                .iter()
                .map(|p| Write::InsertPerson(p.clone(), None)),
        );
        store.apply(writes).await.unwrap();
        Self {
            role: visitor.id,
            site: ward.id,
            people: volunteers.iter().map(|p| p.id).collect(),
            org,
        }
    }

    /// A shift `days` on from 1 June, from `start` hours after 10:00 for `hours`, taking `max`.
    pub(crate) async fn shift(
        &self,
        store: &Arc<dyn Store>,
        days: i64,
        start: i64,
        hours: i64,
        max: u16,
    ) -> Shift {
        let s = Shift {
            id: ShiftId::new(),
            organisation_id: self.org.id,
            role_id: self.role,
            site_id: self.site,
            starts_at: at(days, start),
            ends_at: at(days, start + hours),
            min_volunteers: 1,
            max_volunteers: max,
            notes: String::new(),
            supervisor: None,
            series_id: None,
            cancelled: false,
        };
        store
            .apply(vec![Write::InsertShift(s.clone())])
            .await
            .unwrap();
        s
    }

    pub(crate) async fn book(&self, store: &Arc<dyn Store>, s: &Shift, who: usize) -> Booking {
        let b = Booking::new(s, self.people[who], now());
        store
            .apply(vec![Write::BookShift(b.clone())])
            .await
            .unwrap();
        b
    }
}

fn message(result: Result<(), StoreError>) -> String {
    match result {
        Err(StoreError::Conflict(m)) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn booked(store: &Arc<dyn Store>, r: &Rota, s: &Shift) -> u16 {
    store.shift(r.org.id, s.id).await.unwrap().unwrap().booked
}

async fn edits_carry_bookings_and_refuse_overfill_and_overlap(store: Arc<dyn Store>) {
    let r = Rota::new(&store, 3).await;
    let morning = r.shift(&store, 1, 0, 3, 2).await; // 10:00–13:00
    let afternoon = r.shift(&store, 1, 4, 3, 2).await; // 14:00–17:00
    let first = r.book(&store, &morning, 0).await;
    r.book(&store, &morning, 1).await;
    r.book(&store, &afternoon, 0).await;

    // Two are booked, so the maximum cannot drop to one; nothing changes.
    let smaller = Shift {
        max_volunteers: 1,
        ..morning.clone()
    };
    let refused = message(store.apply(vec![Write::UpdateShifts(vec![smaller])]).await);
    assert!(refused.contains("2 volunteers are booked"), "{refused}");
    // Moving the morning to 13:00–16:00 would overlap N0's afternoon: refused, naming them.
    let later = Shift {
        starts_at: at(1, 3),
        ends_at: at(1, 6),
        ..morning.clone()
    };
    let refused = message(store.apply(vec![Write::UpdateShifts(vec![later])]).await);
    assert!(
        refused.starts_with("Volunteer N0 already has a place"),
        "{refused}"
    );
    let unchanged = store.shift(r.org.id, morning.id).await.unwrap().unwrap();
    assert_eq!(unchanged.shift, morning);
    assert_eq!(
        store.bookings_of_person(r.people[0]).await.unwrap()[0].starts_at,
        morning.starts_at
    );

    // An hour earlier, with room for three, notes and a supervisor: the bookings move too.
    let earlier = Shift {
        starts_at: at(1, -1),
        ends_at: at(1, 2),
        max_volunteers: 3,
        min_volunteers: 2,
        notes: "Ask at the desk".into(),
        supervisor: Some(r.people[2]),
        ..morning.clone()
    };
    store
        .apply(vec![Write::UpdateShifts(vec![earlier.clone()])])
        .await
        .unwrap();
    let row = store.shift(r.org.id, morning.id).await.unwrap().unwrap();
    assert_eq!((row.shift.clone(), row.booked), (earlier.clone(), 2));
    let moved = store.bookings_of_person(r.people[0]).await.unwrap();
    let moved = moved.iter().find(|b| b.id == first.id).unwrap();
    assert_eq!((moved.starts_at, moved.ends_at), earlier.span());
    // The copied times are what overlap checks use: 12:00–13:00 is now free for N0, and
    // 11:00–12:00 is not.
    let noon = r.shift(&store, 1, 2, 1, 2).await;
    let eleven = r.shift(&store, 1, 1, 1, 2).await;
    r.book(&store, &noon, 0).await;
    assert_conflict(
        store
            .apply(vec![Write::BookShift(Booking::new(
                &eleven,
                r.people[0],
                now(),
            ))])
            .await,
    );
    // A cancelled shift cannot be changed.
    store
        .apply(vec![Write::CancelShift {
            organisation_id: r.org.id,
            id: eleven.id,
            reason: "Ward closed".into(),
            at: now(),
            bookings: vec![],
        }])
        .await
        .unwrap();
    let refused = message(
        store
            .apply(vec![Write::UpdateShifts(vec![eleven.clone()])])
            .await,
    );
    assert!(refused.contains("has been cancelled"), "{refused}");
}
conformance!(edits_carry_bookings_and_refuse_overfill_and_overlap);

async fn cancelling_a_shift_cancels_every_place(store: Arc<dyn Store>) {
    let r = Rota::new(&store, 3).await;
    let s = r.shift(&store, 2, 0, 3, 3).await;
    let a = r.book(&store, &s, 0).await;
    let b = r.book(&store, &s, 1).await;
    let when = at(2, -2);
    let reason = "Shift cancelled: Ward closed for cleaning";
    let cancel = |bookings: Vec<Booking>| Write::CancelShift {
        organisation_id: r.org.id,
        id: s.id,
        reason: "Ward closed for cleaning".into(),
        at: when,
        bookings,
    };
    // Leaving anyone out fails, and changes nothing.
    let one = vec![cancelled_by_team(&a, reason, when)];
    assert_conflict(store.apply(vec![cancel(one)]).await);
    assert!(
        !store
            .shift(r.org.id, s.id)
            .await
            .unwrap()
            .unwrap()
            .shift
            .cancelled
    );
    assert!(
        store
            .shift_cancellation(r.org.id, s.id)
            .await
            .unwrap()
            .is_none()
    );

    let both = vec![
        cancelled_by_team(&a, reason, when),
        cancelled_by_team(&b, reason, when),
    ];
    store.apply(vec![cancel(both.clone())]).await.unwrap();
    let row = store.shift(r.org.id, s.id).await.unwrap().unwrap();
    assert!(row.shift.cancelled);
    assert_eq!(row.booked, 0);
    let why = store
        .shift_cancellation(r.org.id, s.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (why.reason.as_str(), why.cancelled_at),
        ("Ward closed for cleaning", when)
    );
    let listed = store.shift_bookings(r.org.id, s.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    for l in &listed {
        assert_eq!(l.booking.status, BookingStatus::Cancelled);
        assert_eq!(l.booking.cancellation_reason, reason);
        assert!(
            !l.booking.late,
            "cancelled by the team two hours before: not late"
        );
    }
    // No one can book it now, and it cannot be cancelled twice.
    let refused = message(
        store
            .apply(vec![Write::BookShift(Booking::new(&s, r.people[2], now()))])
            .await,
    );
    assert_eq!(refused, "This shift has been cancelled");
    assert_conflict(store.apply(vec![cancel(vec![])]).await);
}
conformance!(cancelling_a_shift_cancels_every_place);

/// The writes of a move: both shifts locked in id order, then cancel and book.
fn move_writes(from: &Booking, to: &Shift, person: PersonId) -> Vec<Write> {
    let (x, y) = if from.shift_id.0 < to.id.0 {
        (from.shift_id, to.id)
    } else {
        (to.id, from.shift_id)
    };
    vec![
        Write::LockShift(from.organisation_id, x),
        Write::LockShift(from.organisation_id, y),
        Write::CancelBooking(cancelled_by_team(from, "Moved", now())),
        Write::BookShift(Booking::new(to, person, now())),
    ]
}

async fn a_move_is_all_or_nothing(store: Arc<dyn Store>) {
    let r = Rota::new(&store, 2).await;
    let here = r.shift(&store, 3, 0, 3, 2).await;
    let full = r.shift(&store, 4, 0, 3, 1).await;
    let roomy = r.shift(&store, 5, 0, 3, 2).await;
    let mine = r.book(&store, &here, 0).await;
    r.book(&store, &full, 1).await;

    let refused = message(store.apply(move_writes(&mine, &full, r.people[0])).await);
    assert_eq!(refused, "This shift is full");
    let still = store.bookings_of_person(r.people[0]).await.unwrap();
    assert_eq!(still.len(), 1);
    assert_eq!(
        (still[0].id, still[0].status),
        (mine.id, BookingStatus::Booked)
    );
    assert_eq!(booked(&store, &r, &here).await, 1);

    store
        .apply(move_writes(&mine, &roomy, r.people[0]))
        .await
        .unwrap();
    assert_eq!(booked(&store, &r, &here).await, 0);
    assert_eq!(booked(&store, &r, &roomy).await, 1);
    // A shift that does not exist (or is another organisation's) cannot be locked.
    assert_conflict(
        store
            .apply(vec![Write::LockShift(r.org.id, ShiftId::new())])
            .await,
    );
}
conformance!(a_move_is_all_or_nothing);
