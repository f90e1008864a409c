use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::*;
use crate::ids::{BookingId, OrganisationId, PersonId, ShiftId};

/// 10:00 to 13:00 UK summer time on 1 June 2027 (09:00 to 12:00 UTC).
fn at(hh_mm: &str) -> DateTime<Utc> {
    format!("2027-06-01T{hh_mm}:00+01:00")
        .parse::<DateTime<chrono::FixedOffset>>()
        .unwrap()
        .with_timezone(&Utc)
}

fn booking() -> Booking {
    Booking {
        id: BookingId::new(),
        organisation_id: OrganisationId::new(),
        shift_id: ShiftId::new(),
        person_id: PersonId::new(),
        status: BookingStatus::Booked,
        starts_at: at("10:00"),
        ends_at: at("13:00"),
        booked_at: at("08:00") - Duration::days(3),
        cancelled_at: None,
        cancellation_reason: String::new(),
        late: false,
    }
}

fn message(r: Result<Attendance, FieldErrors>) -> String {
    r.unwrap_err().get("code").unwrap().to_owned()
}

#[test]
fn check_in_opens_early_and_closes_at_the_end() {
    let b = booking();
    let kiosk = |t| Attendance::check_in(&b, None, AttendanceMethod::Kiosk, 60, at(t), "code");
    assert!(message(kiosk("08:59")).contains("You can check in from 09:00, 60 minutes before"));
    let a = kiosk("09:00").unwrap();
    assert_eq!(a.arrived_at, Some(at("09:00")));
    assert_eq!(a.status, AttendanceStatus::Attended);
    assert!(a.is_checked_in());
    assert!(kiosk("12:59").is_ok());
    assert!(message(kiosk("13:00")).contains("This shift has ended"));
    let phone = |t| Attendance::check_in(&b, None, AttendanceMethod::Phone, 30, at(t), "code");
    assert!(message(phone("09:29")).contains("from 09:30, 30 minutes"));
    assert!(phone("09:30").is_ok());
}

#[test]
fn a_second_check_in_is_refused_with_a_clear_message() {
    let b = booking();
    let first =
        Attendance::check_in(&b, None, AttendanceMethod::Kiosk, 60, at("09:55"), "code").unwrap();
    let again = Attendance::check_in(
        &b,
        Some(&first),
        AttendanceMethod::Phone,
        30,
        at("10:05"),
        "code",
    );
    assert_eq!(
        message(again),
        "You are already checked in to this shift (since 09:55)"
    );
    let out = first
        .check_out(AttendanceMethod::Kiosk, at("13:02"), "code")
        .unwrap();
    let after = Attendance::check_in(
        &b,
        Some(&out),
        AttendanceMethod::Kiosk,
        60,
        at("12:00"),
        "code",
    );
    assert!(message(after).contains("you left at 13:02"));
    let no_show = Attendance::for_booking(
        &b,
        AttendanceStatus::NoShow,
        AttendanceMethod::Staff,
        at("10:30"),
    );
    let late = Attendance::check_in(
        &b,
        Some(&no_show),
        AttendanceMethod::Kiosk,
        60,
        at("10:40"),
        "code",
    );
    assert!(message(late).contains("already recorded your attendance"));
}

#[test]
fn a_cancelled_place_cannot_check_in() {
    let mut b = booking();
    b.status = BookingStatus::Cancelled;
    let r = Attendance::check_in(&b, None, AttendanceMethod::Kiosk, 60, at("10:00"), "code");
    assert_eq!(message(r), "This place was cancelled");
}

#[test]
fn check_out_needs_a_check_in_and_comes_after_it() {
    let b = booking();
    let staff = Attendance::for_booking(
        &b,
        AttendanceStatus::NoShow,
        AttendanceMethod::Staff,
        at("14:00"),
    );
    let r = staff.check_out(AttendanceMethod::Kiosk, at("14:00"), "code");
    assert!(message(r).contains("You have not checked in"));
    let a =
        Attendance::check_in(&b, None, AttendanceMethod::Kiosk, 60, at("10:00"), "code").unwrap();
    assert!(
        message(a.check_out(AttendanceMethod::Kiosk, at("09:59"), "code"))
            .contains("before you checked in")
    );
    let out = a
        .check_out(AttendanceMethod::Phone, at("12:30"), "code")
        .unwrap();
    assert_eq!(out.left_at, Some(at("12:30")));
    assert_eq!(out.method, AttendanceMethod::Phone);
    assert!(!out.is_checked_in());
    assert!(
        message(out.check_out(AttendanceMethod::Kiosk, at("12:40"), "code"))
            .contains("already checked out (at 12:30)")
    );
}

#[test]
fn minutes_come_from_actual_times_or_the_shift() {
    let b = booking();
    let (s, e) = (b.starts_at, b.ends_at);
    let mut a = Attendance::for_booking(&b, AttendanceStatus::Attended, AttendanceMethod::Staff, e);
    assert_eq!(a.minutes(s, e), 180);
    a.arrived_at = Some(at("09:45"));
    assert_eq!(a.minutes(s, e), 195);
    a.left_at = Some(at("12:00"));
    assert_eq!(a.minutes(s, e), 135);
    a.status = AttendanceStatus::NoShow;
    assert_eq!(a.minutes(s, e), 0);
}

fn mark(status: &str, arrived: &str, left: &str, now: &str) -> Result<Marked, FieldErrors> {
    MarkInput {
        status: status.into(),
        arrived: arrived.into(),
        left: left.into(),
    }
    .parse(at("10:00"), at("13:00"), at(now))
}

#[test]
fn marking_takes_a_status_and_optional_times_on_the_shift_day() {
    let m = mark("attended", "10:05", "1pm", "18:00").unwrap();
    assert_eq!(m.status, AttendanceStatus::Attended);
    assert_eq!(m.arrived_at, Some(at("10:05")));
    assert_eq!(m.left_at, Some(at("13:00")));
    let m = mark("attended", "", "", "18:00").unwrap();
    assert_eq!((m.arrived_at, m.left_at), (None, None));
    assert_eq!(
        mark("no_show", "", "", "18:00").unwrap().status,
        AttendanceStatus::NoShow
    );
}

#[test]
fn marking_refuses_bad_times_and_statuses() {
    let e = mark("", "", "", "18:00").unwrap_err();
    assert_eq!(e.get("status"), Some("Select whether they came"));
    let e = mark("paid", "", "", "18:00").unwrap_err();
    assert!(e.get("status").unwrap().contains("Select attended"));
    let e = mark("attended", "11:00", "10:30", "18:00").unwrap_err();
    assert_eq!(
        e.get("left"),
        Some("The time they left must be after the time they arrived")
    );
    let e = mark("attended", "ten", "", "18:00").unwrap_err();
    assert!(e.get("arrived").unwrap().contains("real time"));
    let e = mark("no_show", "10:00", "", "18:00").unwrap_err();
    assert!(e.get("arrived").unwrap().contains("unless they attended"));
    let e = mark("attended", "10:00", "12:30", "12:00").unwrap_err();
    assert_eq!(
        e.get("left"),
        Some("The time they left cannot be in the future")
    );
    let e = mark("attended", "", "", "09:59").unwrap_err();
    assert!(
        e.get("status")
            .unwrap()
            .contains("once the shift has started")
    );
}

#[test]
fn an_overnight_shift_takes_times_either_side_of_midnight() {
    let starts = at("22:00");
    let ends = starts + Duration::hours(8);
    let m = MarkInput {
        status: "attended".into(),
        arrived: "21:50".into(),
        left: "06:10".into(),
    }
    .parse(starts, ends, ends + Duration::hours(2))
    .unwrap();
    assert_eq!(m.arrived_at, Some(at("21:50")));
    assert_eq!(m.left_at, Some(ends + Duration::minutes(10)));
}

#[test]
fn the_follow_up_prompt_is_kind_and_only_after_a_pattern() {
    let today = NaiveDate::from_ymd_opt(2027, 9, 1).unwrap();
    let may = NaiveDate::from_ymd_opt(2027, 5, 14).unwrap();
    assert_eq!(follow_up_prompt("Sam", 1, may, today), None);
    assert_eq!(
        follow_up_prompt("Sam", 3, may, today).unwrap(),
        "Sam has missed 3 shifts since May — a friendly check-in call may help."
    );
    let last_year = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    assert!(
        follow_up_prompt("Sam", 2, last_year, today)
            .unwrap()
            .contains("since November 2026")
    );
}
