//! Typed input: a shift, a recurrence rule, a commitment and an absence, with field errors
//! that name the field and say how to put it right.

use alongside_domain::ids::{OrganisationId, PersonId, RoleId, SiteId};
use alongside_domain::rota::{
    AbsenceInput, CommitmentFor, CommitmentId, CommitmentInput, RecurrenceEnd, RecurrenceInput,
    ShiftId, ShiftInput,
};
use chrono::Weekday;

use crate::fixtures::{day, links, time, utc};

fn shift_input(date: &str, start: &str, end: &str, min: &str, max: &str) -> ShiftInput {
    ShiftInput {
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: min.into(),
        max_volunteers: max.into(),
        notes: String::new(),
    }
}

#[test]
fn a_shift_typed_the_usual_ways() {
    let l = links();
    let s = shift_input("5 3 2027", "10am", "1pm", "2", "4")
        .parse(ShiftId::new(), l)
        .unwrap();
    assert_eq!(s.span(), (utc("2027-03-05 10:00"), utc("2027-03-05 13:00")));
    assert_eq!((s.min_volunteers, s.max_volunteers), (2, 4));
    assert_eq!(
        (s.role_id, s.site_id, s.cancelled),
        (l.role_id, l.site_id, false)
    );
    // In summer, and overnight.
    let s = shift_input("2027-07-01", "22:00", "06:00", "0", "1")
        .parse(ShiftId::new(), l)
        .unwrap();
    assert_eq!(s.span(), (utc("2027-07-01 21:00"), utc("2027-07-02 05:00")));
    // The night the clocks go back.
    let s = shift_input("2027-10-31", "01:00", "03:00", "1", "1")
        .parse(ShiftId::new(), l)
        .unwrap();
    assert_eq!(s.duration_minutes(), 180);
}

#[test]
fn a_blank_shift_says_what_to_enter() {
    let e = ShiftInput::default()
        .parse(ShiftId::new(), links())
        .unwrap_err();
    assert_eq!(e.get("date"), Some("Enter the date"));
    assert_eq!(e.get("start_time"), Some("Enter the start time"));
    assert_eq!(e.get("end_time"), Some("Enter the end time"));
    assert_eq!(
        e.get("min_volunteers"),
        Some("Enter the minimum number of volunteers")
    );
    assert_eq!(
        e.get("max_volunteers"),
        Some("Enter the maximum number of volunteers")
    );
    assert_eq!(e.0.len(), 5);
}

#[test]
fn bad_shift_values_name_their_fields() {
    let parse = |input: ShiftInput| input.parse(ShiftId::new(), links()).unwrap_err();
    let e = parse(shift_input("31 2 2027", "25:00", "10", "x", "0"));
    assert_eq!(
        e.get("date"),
        Some("Enter the date as a real date, like 5 3 2027")
    );
    assert_eq!(
        e.get("start_time"),
        Some("Enter the start time as a real time, like 10:00 or 10am")
    );
    assert_eq!(
        e.get("end_time"),
        Some("Enter the end time as a real time, like 10:00 or 10am")
    );
    assert_eq!(
        e.get("min_volunteers"),
        Some("Enter the minimum number of volunteers as a whole number, like 4")
    );
    assert_eq!(
        e.get("max_volunteers"),
        Some("The maximum number of volunteers must be between 1 and 500")
    );
    let e = parse(shift_input("2027-03-05", "10:00", "10am", "-1", "501"));
    assert_eq!(
        e.get("end_time"),
        Some("The end time must be different from the start time")
    );
    assert_eq!(
        e.get("min_volunteers"),
        Some("The minimum number of volunteers must be between 0 and 500")
    );
    assert_eq!(
        e.get("max_volunteers"),
        Some("The maximum number of volunteers must be between 1 and 500")
    );
    let e = parse(shift_input("2027-03-05", "10:00", "12:00", "5", "4"));
    assert_eq!(
        e.get("min_volunteers"),
        Some("The minimum number of volunteers must be no more than the maximum (4)")
    );
    let mut long = shift_input("2027-03-05", "10:00", "12:00", "1", "4");
    long.notes = "a".repeat(2001);
    let e = parse(long);
    assert_eq!(
        e.get("notes"),
        Some("Notes must be 2000 characters or fewer")
    );
    assert_eq!(e.0.len(), 1);
}

#[test]
fn a_shift_lost_to_the_clocks_going_forward_is_refused_on_the_end_time() {
    let e = shift_input("28 3 2027", "1:15am", "1:45am", "1", "2")
        .parse(ShiftId::new(), links())
        .unwrap_err();
    assert_eq!(e.0.len(), 1);
    assert!(e.get("end_time").unwrap().contains("28 March 2027"));
}

#[test]
fn a_template_repeats_on_other_dates() {
    let t = shift_input("2027-03-05", "10:00", "13:00", "1", "3")
        .parse_template()
        .unwrap();
    assert_eq!(
        (t.date, t.start, t.end),
        (day("2027-03-05"), time("10:00"), time("13:00"))
    );
    let s = t
        .shift_on(day("2027-07-02"), ShiftId::new(), links())
        .unwrap();
    assert_eq!(s.span(), (utc("2027-07-02 09:00"), utc("2027-07-02 12:00")));
}

fn rule_input(weekdays: &[&str], every: &str, until: &str, count: &str) -> RecurrenceInput {
    RecurrenceInput {
        weekdays: weekdays.iter().map(|w| w.to_string()).collect(),
        interval_weeks: every.into(),
        until: until.into(),
        count: count.into(),
    }
}

#[test]
fn a_recurrence_typed_the_usual_ways() {
    let start = day("2027-03-01");
    let r = rule_input(&["mon,thu", "Friday"], "", "", "6")
        .parse(start)
        .unwrap();
    assert_eq!(r.weekdays(), &[Weekday::Mon, Weekday::Thu, Weekday::Fri]);
    assert_eq!(r.interval_weeks(), 1);
    assert_eq!(r.end(), RecurrenceEnd::Count(6));
    let r = rule_input(&["tue"], "2", "30/3/2027", "")
        .parse(start)
        .unwrap();
    assert_eq!(r.end(), RecurrenceEnd::Until(day("2027-03-30")));
    assert_eq!(r.occurrences().len(), 3);
}

#[test]
fn bad_recurrences_name_their_fields() {
    let start = day("2027-03-01");
    let parse = |input: RecurrenceInput| input.parse(start).unwrap_err();
    let e = parse(rule_input(&[], "0", "", ""));
    assert_eq!(
        e.get("weekdays"),
        Some("Select at least one day of the week")
    );
    assert_eq!(e.get("interval_weeks"), Some("Repeat every 1 to 8 weeks"));
    assert_eq!(
        e.get("until"),
        Some("Enter the last date, or how many times the shift repeats")
    );
    let e = parse(rule_input(&["someday"], "nine", "1 4 2027", "3"));
    assert_eq!(
        e.get("weekdays"),
        Some("Select days of the week from the list")
    );
    assert_eq!(e.0.iter().filter(|f| f.field == "weekdays").count(), 1);
    assert_eq!(e.get("interval_weeks"), Some("Repeat every 1 to 8 weeks"));
    assert_eq!(
        e.get("count"),
        Some("Enter either the last date or how many times the shift repeats, not both")
    );
    let e = parse(rule_input(&["mon"], "1", "", "600"));
    assert_eq!(
        e.get("count"),
        Some("The number of shifts must be between 1 and 520")
    );
    let e = parse(rule_input(&["mon"], "1", "soon", ""));
    assert_eq!(
        e.get("until"),
        Some("Enter the last date as a real date, like 5 3 2027")
    );
    let e = parse(rule_input(&["mon"], "1", "2027-02-01", ""));
    assert_eq!(
        e.get("until"),
        Some("The last date must be the same as or after the first date")
    );
}

fn owner() -> CommitmentFor {
    CommitmentFor {
        organisation_id: OrganisationId::new(),
        person_id: PersonId::new(),
        role_id: RoleId::new(),
        site_id: SiteId::new(),
    }
}

#[test]
fn a_commitment_typed_and_refused() {
    let input = CommitmentInput {
        weekday: "Tuesday".into(),
        start_time: "10am".into(),
        end_time: "1pm".into(),
        interval_weeks: String::new(),
        starts_on: "1 3 2027".into(),
        ends_on: String::new(),
    };
    let c = input.parse(CommitmentId::new(), owner()).unwrap();
    assert_eq!(
        (c.weekday, c.start, c.end),
        (Weekday::Tue, time("10:00"), time("13:00"))
    );
    assert_eq!(
        (c.interval_weeks, c.starts_on, c.ends_on),
        (1, day("2027-03-01"), None)
    );

    let e = CommitmentInput::default()
        .parse(CommitmentId::new(), owner())
        .unwrap_err();
    assert_eq!(e.get("weekday"), Some("Select the day of the week"));
    assert_eq!(e.get("start_time"), Some("Enter the start time"));
    assert_eq!(e.get("end_time"), Some("Enter the end time"));
    assert_eq!(e.get("starts_on"), Some("Enter the first date"));
    assert_eq!(e.get("interval_weeks"), None, "empty means every week");

    let bad = CommitmentInput {
        interval_weeks: "9".into(),
        end_time: "10:00".into(),
        ends_on: "2027-02-01".into(),
        ..input
    };
    let e = bad.parse(CommitmentId::new(), owner()).unwrap_err();
    assert_eq!(e.get("interval_weeks"), Some("Repeat every 1 to 8 weeks"));
    assert_eq!(
        e.get("end_time"),
        Some("The end time must be different from the start time")
    );
    assert_eq!(
        e.get("ends_on"),
        Some("The last date must be the same as or after the first date")
    );
}

#[test]
fn an_absence_typed_and_refused() {
    let input = AbsenceInput {
        starts_on: "1 8 2027".into(),
        ends_on: "14 8 2027".into(),
    };
    let a = input.parse().unwrap();
    assert!(a.contains(day("2027-08-01")) && a.contains(day("2027-08-14")));
    assert!(!a.contains(day("2027-08-15")));
    let backwards = AbsenceInput {
        starts_on: "14 8 2027".into(),
        ends_on: "1 8 2027".into(),
    };
    assert_eq!(
        backwards.parse().unwrap_err().get("ends_on"),
        Some("The last day away must be the same as or after the first day away")
    );
    let too_long = AbsenceInput {
        starts_on: "1 1 2027".into(),
        ends_on: "1 1 2029".into(),
    };
    assert_eq!(
        too_long.parse().unwrap_err().get("ends_on"),
        Some("An absence can last at most 400 days")
    );
    let e = AbsenceInput::default().parse().unwrap_err();
    assert_eq!(e.get("starts_on"), Some("Enter the first day away"));
    assert_eq!(e.get("ends_on"), Some("Enter the last day away"));
}
