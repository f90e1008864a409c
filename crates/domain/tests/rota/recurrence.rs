//! Recurring series: chosen days, every N weeks, until a date or for a count, and the same
//! clock time across the clock changes.

use alongside_domain::rota::recurrence::MAX_OCCURRENCES;
use alongside_domain::rota::{LocalSlot, Recurrence, RecurrenceEnd, ShiftId};
use chrono::Weekday::{self, Fri, Mon, Thu, Tue, Wed};
use chrono::{Datelike, NaiveDate};

use crate::fixtures::{day, links, template, time};

fn days(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|d| day(d)).collect()
}

fn rule(start: &str, weekdays: &[Weekday], every: u8, end: RecurrenceEnd) -> Recurrence {
    Recurrence::new(day(start), weekdays, every, end).unwrap()
}

#[test]
fn weekly_on_two_days_for_a_count() {
    // Monday 1 March 2027.
    let r = rule("2027-03-01", &[Thu, Mon], 1, RecurrenceEnd::Count(5));
    assert_eq!(r.weekdays(), &[Mon, Thu]);
    assert_eq!(r.weekday_codes(), "mon,thu");
    assert_eq!(
        r.occurrences(),
        days(&[
            "2027-03-01",
            "2027-03-04",
            "2027-03-08",
            "2027-03-11",
            "2027-03-15"
        ])
    );
}

#[test]
fn a_first_date_mid_week_starts_on_the_next_chosen_day() {
    // Wednesday 3 March: that week's Monday is before the first date.
    let r = rule("2027-03-03", &[Mon, Wed], 1, RecurrenceEnd::Count(3));
    assert_eq!(
        r.occurrences(),
        days(&["2027-03-03", "2027-03-08", "2027-03-10"])
    );
    // Every two weeks, the next Monday is in an off week.
    let r = rule("2027-03-03", &[Mon, Fri], 2, RecurrenceEnd::Count(4));
    assert_eq!(
        r.occurrences(),
        days(&["2027-03-05", "2027-03-15", "2027-03-19", "2027-03-29"])
    );
}

#[test]
fn every_two_weeks_until_a_date_keeps_its_clock_time_across_both_changes() {
    let r = rule(
        "2027-03-16",
        &[Tue],
        2,
        RecurrenceEnd::Until(day("2027-11-09")),
    );
    let dates = r.occurrences();
    assert_eq!(dates.first(), Some(&day("2027-03-16")));
    assert_eq!(dates.last(), Some(&day("2027-11-09")), "until is included");
    assert_eq!(dates.len(), 18);
    assert!(dates.windows(2).all(|w| (w[1] - w[0]).num_days() == 14));
    let t = template("10:00", "13:00");
    for date in dates {
        let shift = t.shift_on(date, ShiftId::new(), links()).unwrap();
        let summer = date > day("2027-03-28") && date < day("2027-10-31");
        let utc_hour = shift.starts_at.time().format("%H:%M").to_string();
        assert_eq!(utc_hour, if summer { "09:00" } else { "10:00" }, "{date}");
        assert_eq!(shift.duration_minutes(), 180);
        assert_eq!(
            shift.local_slot(),
            LocalSlot::new(date, time("10:00"), time("13:00"))
        );
    }
}

#[test]
fn a_series_on_change_nights_keeps_the_typed_times_where_it_can() {
    // Sundays 01:00–03:00, every week through March 2027: the clocks go forward on the 28th.
    let r = rule(
        "2027-03-07",
        &[Weekday::Sun],
        1,
        RecurrenceEnd::Until(day("2027-04-04")),
    );
    let t = template("01:00", "03:00");
    let lengths: Vec<i64> = r
        .occurrences()
        .into_iter()
        .map(|d| t.shift_on(d, ShiftId::new(), links()).unwrap())
        .map(|s| s.duration_minutes())
        .collect();
    assert_eq!(lengths, vec![120, 120, 120, 60, 120]);
}

#[test]
fn the_largest_series_and_one_too_many() {
    let r = rule("2027-01-04", &[Mon], 1, RecurrenceEnd::Count(520));
    let dates = r.occurrences();
    assert_eq!(dates.len(), MAX_OCCURRENCES);
    assert_eq!(dates.last(), Some(&day("2036-12-15")));
    assert!(dates.iter().all(|d| d.weekday() == Mon));
    let e = Recurrence::new(day("2027-01-04"), &[Mon], 1, RecurrenceEnd::Count(521)).unwrap_err();
    assert_eq!(
        e.get("count"),
        Some("The number of shifts must be between 1 and 520")
    );
    // Ten years of weekly shifts on two days is too many, by date too.
    let e = Recurrence::new(
        day("2027-01-04"),
        &[Mon, Wed],
        1,
        RecurrenceEnd::Until(day("2036-12-31")),
    )
    .unwrap_err();
    assert_eq!(
        e.get("until"),
        Some("A series can have at most 520 shifts. Choose an earlier last date")
    );
    // The same every eight weeks is fine.
    let r = rule(
        "2027-01-04",
        &[Mon, Wed],
        8,
        RecurrenceEnd::Until(day("2036-12-31")),
    );
    assert_eq!(r.occurrences().len(), 2 * 66);
}

#[test]
fn this_and_future_occurrences_count_from_the_series_start() {
    let r = rule("2027-03-01", &[Mon, Wed, Fri], 1, RecurrenceEnd::Count(6));
    assert_eq!(
        r.occurrences_from(day("2027-03-05")),
        days(&["2027-03-05", "2027-03-08", "2027-03-10", "2027-03-12"])
    );
    // A date that is not an occurrence gives the ones after it.
    assert_eq!(
        r.occurrences_from(day("2027-03-06")),
        days(&["2027-03-08", "2027-03-10", "2027-03-12"])
    );
    assert_eq!(
        r.occurrences_from(day("2027-04-01")),
        Vec::<NaiveDate>::new()
    );
    assert!(r.occurs_on(day("2027-03-12")));
    assert!(!r.occurs_on(day("2027-03-15")), "past the count");
    assert!(!r.occurs_on(day("2027-03-02")));
}

#[test]
fn bad_rules_name_their_fields() {
    let e = Recurrence::new(day("2027-03-01"), &[], 0, RecurrenceEnd::Count(0)).unwrap_err();
    assert_eq!(
        e.get("weekdays"),
        Some("Select at least one day of the week")
    );
    assert_eq!(e.get("interval_weeks"), Some("Repeat every 1 to 8 weeks"));
    assert_eq!(
        e.get("count"),
        Some("The number of shifts must be between 1 and 520")
    );
    let e = Recurrence::new(day("2027-03-01"), &[Mon], 9, RecurrenceEnd::Count(1)).unwrap_err();
    assert_eq!(e.get("interval_weeks"), Some("Repeat every 1 to 8 weeks"));
    let e = Recurrence::new(
        day("2027-03-10"),
        &[Mon],
        1,
        RecurrenceEnd::Until(day("2027-03-09")),
    )
    .unwrap_err();
    assert_eq!(
        e.get("until"),
        Some("The last date must be the same as or after the first date")
    );
    // Wednesday to the next Tuesday, Mondays every other week: none.
    let e = Recurrence::new(
        day("2027-03-03"),
        &[Mon],
        2,
        RecurrenceEnd::Until(day("2027-03-09")),
    )
    .unwrap_err();
    assert_eq!(
        e.get("until"),
        Some(
            "No shifts fall between the first and last dates. Choose a later last date or other days"
        )
    );
}
