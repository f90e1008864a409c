//! The clock changes with exact UTC instants and real durations: 28 March and 31 October 2027,
//! 29 March and 25 October 2026.

use alongside_domain::rota::{Edge, LocalSlot, SlotError, from_utc, to_instant};

use crate::fixtures::{day, local, slot, time, utc};

/// Checks a table of slots, one a line:
/// `date start-end | UTC start → UTC end | real minutes | shown start-end`.
fn check(table: &str) {
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let [typed, instants, minutes, shown] = cols.as_slice() else {
            panic!("bad line {line}");
        };
        let (date, times) = typed.split_once(' ').unwrap();
        let (start, end) = times.split_once('-').unwrap();
        let (from, to) = instants.split_once(" → ").unwrap();
        let (shown_start, shown_end) = shown.split_once('-').unwrap();
        let s = slot(date, start, end);
        assert_eq!(s.to_utc(), Ok((utc(from), utc(to))), "{line}");
        assert_eq!(s.duration_minutes(), Ok(minutes.parse().unwrap()), "{line}");
        let back = LocalSlot::from_utc(utc(from), utc(to));
        assert_eq!(
            (back.date, back.start, back.end),
            (day(date), time(shown_start), time(shown_end)),
            "{line}: as shown"
        );
    }
}

#[test]
fn one_till_three_on_the_night_the_clocks_go_forward_lasts_one_hour() {
    // 1am does not happen: the volunteer starts when the clock reaches 2am BST (1am UTC).
    check(
        "
        2027-03-28 01:00-03:00 | 2027-03-28 01:00 → 2027-03-28 02:00 | 60 | 02:00-03:00
        2026-03-29 01:00-03:00 | 2026-03-29 01:00 → 2026-03-29 02:00 | 60 | 02:00-03:00
        ",
    );
    let s = slot("2027-03-28", "01:00", "03:00");
    assert_eq!(s.wall_clock_minutes(), Ok(120));
}

#[test]
fn one_till_three_on_the_night_the_clocks_go_back_lasts_three_hours() {
    // 1am BST is midnight UTC; 3am GMT is 3am UTC.
    check(
        "
        2027-10-31 01:00-03:00 | 2027-10-31 00:00 → 2027-10-31 03:00 | 180 | 01:00-03:00
        2026-10-25 01:00-03:00 | 2026-10-25 00:00 → 2026-10-25 03:00 | 180 | 01:00-03:00
        ",
    );
    let s = slot("2026-10-25", "01:00", "03:00");
    assert_eq!(s.wall_clock_minutes(), Ok(120));
}

#[test]
fn days_either_side_keep_their_clock_times() {
    check(
        "
        2027-03-27 10:00-13:00 | 2027-03-27 10:00 → 2027-03-27 13:00 | 180 | 10:00-13:00
        2027-03-28 10:00-13:00 | 2027-03-28 09:00 → 2027-03-28 12:00 | 180 | 10:00-13:00
        2027-10-30 10:00-13:00 | 2027-10-30 09:00 → 2027-10-30 12:00 | 180 | 10:00-13:00
        2027-10-31 10:00-13:00 | 2027-10-31 10:00 → 2027-10-31 13:00 | 180 | 10:00-13:00
        ",
    );
}

#[test]
fn overnight_shifts_lose_or_gain_the_hour() {
    check(
        "
        2027-03-27 22:00-06:00 | 2027-03-27 22:00 → 2027-03-28 05:00 | 420 | 22:00-06:00
        2027-10-30 22:00-06:00 | 2027-10-30 21:00 → 2027-10-31 06:00 | 540 | 22:00-06:00
        2026-03-28 22:00-06:00 | 2026-03-28 22:00 → 2026-03-29 05:00 | 420 | 22:00-06:00
        2026-10-24 22:00-06:00 | 2026-10-24 21:00 → 2026-10-25 06:00 | 540 | 22:00-06:00
        ",
    );
}

#[test]
fn repeated_hour_start_is_the_first_and_end_the_second() {
    // Ends in the repeated hour: works on until 1:30am comes round again. Starts in it: starts
    // the first time the clock shows 1:30am. Ends as it ends. Both in it: keeps its wall-clock
    // length, in the first pass.
    check(
        "
        2027-10-31 00:00-01:30 | 2027-10-30 23:00 → 2027-10-31 01:30 | 150 | 00:00-01:30
        2027-10-31 01:30-02:30 | 2027-10-31 00:30 → 2027-10-31 02:30 | 120 | 01:30-02:30
        2027-10-31 00:00-02:00 | 2027-10-30 23:00 → 2027-10-31 02:00 | 180 | 00:00-02:00
        2027-10-31 01:15-01:45 | 2027-10-31 00:15 → 2027-10-31 00:45 |  30 | 01:15-01:45
        2026-10-25 01:15-01:45 | 2026-10-25 00:15 → 2026-10-25 00:45 |  30 | 01:15-01:45
        ",
    );
}

#[test]
fn skipped_hour_moves_forward_to_two_am() {
    // Starting, or ending, in the gap (or just as it starts) means when the clock reaches 2am.
    check(
        "
        2027-03-28 01:30-03:00 | 2027-03-28 01:00 → 2027-03-28 02:00 | 60 | 02:00-03:00
        2027-03-28 00:00-01:30 | 2027-03-28 00:00 → 2027-03-28 01:00 | 60 | 00:00-02:00
        2027-03-28 00:00-01:00 | 2027-03-28 00:00 → 2027-03-28 01:00 | 60 | 00:00-02:00
        2027-03-28 00:30-02:30 | 2027-03-28 00:30 → 2027-03-28 01:30 | 60 | 00:30-02:30
        2026-03-29 00:30-02:30 | 2026-03-29 00:30 → 2026-03-29 01:30 | 60 | 00:30-02:30
        ",
    );
}

#[test]
fn a_shift_wholly_in_the_skipped_hour_is_refused_naming_the_end_time() {
    for (date, words) in [
        ("2027-03-28", "28 March 2027"),
        ("2026-03-29", "29 March 2026"),
    ] {
        let e = slot(date, "01:15", "01:45").to_utc().unwrap_err();
        assert_eq!(e, SlotError::NoLength(day(date)));
        assert_eq!(e.field(), "end_time");
        assert_eq!(
            e.to_string(),
            format!(
                "This shift would last no time at all, because the clocks go forward an hour at \
                 1am on {words}. Choose an end time of 2am or later"
            )
        );
    }
    // Ending at 2am or later gives it a length again.
    let s = slot("2027-03-28", "01:15", "02:15");
    assert_eq!(s.duration_minutes(), Ok(15));
}

#[test]
fn single_readings_follow_the_edge_rule() {
    let repeated = local("2027-10-31 01:30");
    assert_eq!(
        to_instant(repeated, Edge::Start),
        Some(utc("2027-10-31 00:30"))
    );
    assert_eq!(
        to_instant(repeated, Edge::End),
        Some(utc("2027-10-31 01:30"))
    );
    assert_eq!(from_utc(utc("2027-10-31 00:30")), repeated);
    assert_eq!(from_utc(utc("2027-10-31 01:30")), repeated);
    let skipped = local("2026-03-29 01:45");
    for edge in [Edge::Start, Edge::End] {
        assert_eq!(to_instant(skipped, edge), Some(utc("2026-03-29 01:00")));
    }
    assert_eq!(from_utc(utc("2026-03-29 01:00")), local("2026-03-29 02:00"));
    assert_eq!(from_utc(utc("2026-03-29 00:59")), local("2026-03-29 00:59"));
}

#[test]
fn whole_day_and_overnight_slots_end_the_next_day() {
    let s = slot("2027-06-01", "09:00", "09:00");
    assert_eq!(s.local_end(), Ok(local("2027-06-02 09:00")));
    assert_eq!(s.duration_minutes(), Ok(24 * 60));
    // A whole day over the spring change is 23 real hours, over the autumn one 25.
    let spring = slot("2027-03-27", "12:00", "12:00");
    assert_eq!(spring.duration_minutes(), Ok(23 * 60));
    let autumn = slot("2027-10-30", "12:00", "12:00");
    assert_eq!(autumn.duration_minutes(), Ok(25 * 60));
}
