//! Attendance and hours in the store: one attendance record per booking (also under many
//! check-ins at once, from two stores on one database), changes that expect what they change,
//! the shifts the no-show job must look at, logged hours, kiosk codes and sessions, and personal
//! codes unique within an organisation — each read within its organisation only.

mod kiosks;

use std::sync::Arc;

use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use domain::ids::{HoursLogId, OrganisationId, PersonId, RoleId};
use domain::organisation::Organisation;
use domain::rota::attendance::{Attendance, AttendanceMethod, AttendanceStatus};
use domain::rota::hours::{HoursLog, HoursStatus};
use domain::rota::{Booking, Shift, ShiftId};
use domain::site::Site;

use crate::fixtures::{assert_conflict, at, day, organisation, person, role, site};

/// An organisation with a site, a role, `people` volunteers and one shift (1 March 2026, 10:00
/// to 13:00 UTC) each of them is booked on.
struct Set {
    org: Organisation,
    ward: Site,
    role: RoleId,
    people: Vec<PersonId>,
    shift: Shift,
    bookings: Vec<Booking>,
}

async fn set_up(store: &Arc<dyn Store>, people: usize) -> Set {
    let org = organisation("Ashby Trust");
    let ward = site(org.id, "Ward 7");
    let visitor = role(org.id, "Ward visitor", &[ward.id]);
    let volunteers: Vec<_> = (0..people)
        .map(|i| person("Volunteer", &format!("N{i}")))
        .collect();
    let shift = Shift {
        id: ShiftId::new(),
        organisation_id: org.id,
        role_id: visitor.id,
        site_id: ward.id,
        starts_at: at(1, 10),
        ends_at: at(1, 13),
        min_volunteers: 1,
        max_volunteers: 20,
        notes: String::new(),
        supervisor: None,
        series_id: None,
        cancelled: false,
    };
    let bookings: Vec<_> = volunteers
        .iter()
        .map(|p| Booking::new(&shift, p.id, at(1, 8) - Duration::days(5)))
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
    writes.push(Write::InsertShift(shift.clone()));
    writes.extend(bookings.iter().cloned().map(Write::BookShift));
    store.apply(writes).await.unwrap();
    Set {
        org,
        ward,
        role: visitor.id,
        people: volunteers.iter().map(|p| p.id).collect(),
        shift,
        bookings,
    }
}

fn checked_in(b: &Booking, when: DateTime<Utc>) -> Attendance {
    Attendance::check_in(b, None, AttendanceMethod::Kiosk, 60, when, "code").unwrap()
}

async fn attendance_is_recorded_once_per_booking(store: Arc<dyn Store>) {
    let s = set_up(&store, 2).await;
    let first = checked_in(&s.bookings[0], at(1, 10));
    store
        .apply(vec![Write::InsertAttendance(first.clone())])
        .await
        .unwrap();
    // A second record for the same booking is refused, saying why, and nothing else in its batch lands.
    let again = checked_in(&s.bookings[0], at(1, 10) + Duration::minutes(5));
    let other = checked_in(&s.bookings[1], at(1, 10));
    match store
        .apply(vec![
            Write::InsertAttendance(other.clone()),
            Write::InsertAttendance(again),
        ])
        .await
    {
        Err(StoreError::Conflict(m)) => {
            assert_eq!(m, "Attendance at this shift has already been recorded")
        }
        r => panic!("expected a conflict, got {r:?}"),
    }
    let on = store.attendance_on(s.org.id, s.shift.id).await.unwrap();
    assert_eq!(on, vec![first.clone()]);
    assert_eq!(
        store
            .attendance_for_booking(s.org.id, s.bookings[0].id)
            .await
            .unwrap(),
        Some(first.clone())
    );
    // Checking out expects the record as it was read; a stale expectation fails.
    let out = first
        .check_out(AttendanceMethod::Phone, at(1, 13), "code")
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::UpdateAttendance(out.clone(), at(1, 9))])
            .await,
    );
    store
        .apply(vec![Write::UpdateAttendance(
            out.clone(),
            first.recorded_at,
        )])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::UpdateAttendance(
                out.clone(),
                first.recorded_at,
            )])
            .await,
    );
    // Joined to the shift: its role, site and times.
    let rows = store
        .attendance_between(s.org.id, at(1, 0), at(2, 0))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].attendance, out);
    assert_eq!((rows[0].role_id, rows[0].site_id), (s.role, s.ward.id));
    assert_eq!((rows[0].starts_at, rows[0].ends_at), (at(1, 10), at(1, 13)));
    assert!(
        store
            .attendance_between(s.org.id, at(1, 11), at(2, 0))
            .await
            .unwrap()
            .is_empty()
    );
    let mine = store
        .attendance_of_person(s.people[0], at(1, 0), at(2, 0))
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    // Another organisation sees none of it.
    let elsewhere = OrganisationId::new();
    assert!(
        store
            .attendance_on(elsewhere, s.shift.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .attendance_for_booking(elsewhere, s.bookings[0].id)
            .await
            .unwrap(),
        None
    );
    assert!(
        store
            .attendance_between(elsewhere, at(1, 0), at(2, 0))
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(attendance_is_recorded_once_per_booking);

/// Many check-ins for one place at once, from two stores on one database: exactly one lands.
async fn concurrent_check_ins_land_once(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let s = set_up(&a, 1).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        let record = checked_in(&s.bookings[0], at(1, 10) + Duration::seconds(i));
        tasks.push(tokio::spawn(async move {
            store.apply(vec![Write::InsertAttendance(record)]).await
        }));
    }
    let mut landed = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => landed += 1,
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("a check-in failed other than by being refused: {e}"),
        }
    }
    assert_eq!(landed, 1);
    assert_eq!(
        a.attendance_on(s.org.id, s.shift.id).await.unwrap().len(),
        1
    );
}
conformance_shared!(concurrent_check_ins_land_once);

async fn unrecorded_shifts_are_those_with_places_left_unrecorded(store: Arc<dyn Store>) {
    let s = set_up(&store, 2).await;
    let later = Shift {
        id: ShiftId::new(),
        starts_at: at(3, 10),
        ends_at: at(3, 13),
        ..s.shift.clone()
    };
    // On the later shift, only a cancelled place at first.
    let place = Booking::new(&later, s.people[1], at(1, 0));
    store
        .apply(vec![
            Write::InsertShift(later.clone()),
            Write::BookShift(place.clone()),
            Write::CancelBooking(place.cancel("Unwell", at(2, 0)).unwrap()),
        ])
        .await
        .unwrap();
    let listed = |from, to| {
        let store = store.clone();
        async move {
            store
                .unrecorded_shifts(from, to)
                .await
                .unwrap()
                .into_iter()
                .map(|u| (u.organisation_id, u.shift_id))
                .collect::<Vec<_>>()
        }
    };
    // Ends at 13:00 on the 1st: in [13:00, 14:00), not in [14:00, …).
    assert_eq!(
        listed(at(1, 13), at(1, 14)).await,
        vec![(s.org.id, s.shift.id)]
    );
    assert!(listed(at(1, 14), at(2, 0)).await.is_empty());
    // One place recorded: still listed; both: not.
    store
        .apply(vec![Write::InsertAttendance(checked_in(
            &s.bookings[0],
            at(1, 10),
        ))])
        .await
        .unwrap();
    assert_eq!(
        listed(at(1, 0), at(2, 0)).await,
        vec![(s.org.id, s.shift.id)]
    );
    let no_show = Attendance::for_booking(
        &s.bookings[1],
        AttendanceStatus::NoShow,
        AttendanceMethod::Automatic,
        at(1, 14),
    );
    store
        .apply(vec![Write::InsertAttendance(no_show)])
        .await
        .unwrap();
    assert!(listed(at(1, 0), at(2, 0)).await.is_empty());
    // A cancelled place does not count; a standing one does.
    assert!(listed(at(3, 0), at(4, 0)).await.is_empty());
    store
        .apply(vec![Write::BookShift(Booking::new(
            &later,
            s.people[0],
            at(1, 0),
        ))])
        .await
        .unwrap();
    assert_eq!(listed(at(3, 0), at(4, 0)).await, vec![(s.org.id, later.id)]);
}
conformance!(unrecorded_shifts_are_those_with_places_left_unrecorded);

fn log(s: &Set, person: usize, worked_on: chrono::NaiveDate, minutes: u32) -> HoursLog {
    HoursLog {
        id: HoursLogId::new(),
        organisation_id: s.org.id,
        person_id: s.people[person],
        role_id: s.role,
        worked_on,
        minutes,
        description: "Phoned the befriending list".into(),
        status: HoursStatus::Submitted,
        submitted_at: at(5, 9),
        decided_at: None,
        decided_by: None,
        message: String::new(),
    }
}

async fn hours_logs_round_trip_and_are_decided_once(store: Arc<dyn Store>) {
    let s = set_up(&store, 2).await;
    let march = log(&s, 0, day(2026, 3, 4), 90);
    let april = log(&s, 1, day(2026, 4, 1), 30);
    store
        .apply(vec![
            Write::InsertHoursLog(march.clone()),
            Write::InsertHoursLog(april.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.hours_log(s.org.id, march.id).await.unwrap(),
        Some(march.clone())
    );
    assert_eq!(
        store
            .hours_log(OrganisationId::new(), march.id)
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.hours_logs(s.org.id, None).await.unwrap().len(), 2);
    assert!(
        store
            .hours_logs(OrganisationId::new(), None)
            .await
            .unwrap()
            .is_empty()
    );
    let between = store
        .hours_logs_between(s.org.id, day(2026, 3, 1), day(2026, 4, 1))
        .await
        .unwrap();
    assert_eq!(between, vec![march.clone()]);
    assert_eq!(
        store.hours_logs_of_person(s.people[1]).await.unwrap(),
        vec![april.clone()]
    );
    let approved = HoursLog {
        status: HoursStatus::Approved,
        decided_at: Some(at(6, 9)),
        decided_by: Some(s.people[1]),
        ..march.clone()
    };
    store
        .apply(vec![Write::UpdateHoursLog(
            approved.clone(),
            HoursStatus::Submitted,
        )])
        .await
        .unwrap();
    // A second decision expecting it still waiting finds it decided.
    let queried = HoursLog {
        status: HoursStatus::Queried,
        message: "Which day was this?".into(),
        ..march.clone()
    };
    assert_conflict(
        store
            .apply(vec![Write::UpdateHoursLog(queried, HoursStatus::Submitted)])
            .await,
    );
    assert_eq!(
        store
            .hours_logs(s.org.id, Some(HoursStatus::Approved))
            .await
            .unwrap(),
        vec![approved]
    );
    assert_eq!(
        store
            .hours_logs(s.org.id, Some(HoursStatus::Submitted))
            .await
            .unwrap(),
        vec![april]
    );
    // Nothing, or more than a day, is refused by the database too.
    for minutes in [0, 1441] {
        assert!(
            store
                .apply(vec![Write::InsertHoursLog(log(
                    &s,
                    0,
                    day(2026, 3, 4),
                    minutes
                ))])
                .await
                .is_err()
        );
    }
}
conformance!(hours_logs_round_trip_and_are_decided_once);
