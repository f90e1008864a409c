//! Overlapping shifts (touching ends do not overlap) and late cancellations.

use alongside_domain::Labelled;
use alongside_domain::rota::shift::LATE_CANCELLATION_HOURS;
use alongside_domain::rota::{CancellationNotice, overlaps};
use chrono::Duration;

use crate::fixtures::{links, shift, utc};

fn range(from: &str, to: &str) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    (utc(from), utc(to))
}

#[test]
fn edge_cases_either_way_round() {
    let morning = range("2027-06-01 09:00", "2027-06-01 12:00");
    for (other, expected, what) in [
        (
            range("2027-06-01 12:00", "2027-06-01 15:00"),
            false,
            "starts as it ends",
        ),
        (
            range("2027-06-01 06:00", "2027-06-01 09:00"),
            false,
            "ends as it starts",
        ),
        (
            range("2027-06-01 11:59", "2027-06-01 15:00"),
            true,
            "a minute's overlap",
        ),
        (
            range("2027-06-01 10:00", "2027-06-01 11:00"),
            true,
            "inside",
        ),
        (
            range("2027-06-01 08:00", "2027-06-01 13:00"),
            true,
            "around",
        ),
        (
            range("2027-06-01 09:00", "2027-06-01 12:00"),
            true,
            "the same",
        ),
        (
            range("2027-06-01 13:00", "2027-06-01 14:00"),
            false,
            "later",
        ),
        (
            range("2027-05-31 09:00", "2027-05-31 12:00"),
            false,
            "the day before",
        ),
    ] {
        assert_eq!(overlaps(morning, other), expected, "{what}");
        assert_eq!(overlaps(other, morning), expected, "{what}, reversed");
    }
}

#[test]
fn overlap_is_by_real_time_across_the_clock_changes() {
    let l = links();
    // Autumn: midnight–2am runs to 2am GMT; 1:30am–3am starts at the first 1:30am.
    let a = shift(l, "2027-10-31", "00:00", "02:00");
    let b = shift(l, "2027-10-31", "01:30", "03:00");
    assert!(a.overlaps(&b) && b.overlaps(&a));
    // Spring: midnight–1am ends as 2am–3am begins (1am UTC both): back to back.
    let c = shift(l, "2027-03-28", "00:00", "01:00");
    let d = shift(l, "2027-03-28", "02:00", "03:00");
    assert_eq!(c.ends_at, d.starts_at);
    assert!(!c.overlaps(&d) && !d.overlaps(&c));
    // An overnight shift overlaps the next morning's early shift.
    let night = shift(l, "2027-06-01", "22:00", "06:00");
    let early = shift(l, "2027-06-02", "05:00", "09:00");
    let later = shift(l, "2027-06-02", "06:00", "09:00");
    assert!(night.overlaps(&early));
    assert!(!night.overlaps(&later));
}

#[test]
fn cancelling_less_than_48_hours_before_is_late() {
    assert_eq!(LATE_CANCELLATION_HOURS, 48);
    let starts = utc("2027-06-10 09:00");
    let notice = |before: Duration| CancellationNotice::given(starts, starts - before);
    assert_eq!(notice(Duration::hours(48)), CancellationNotice::InGoodTime);
    assert_eq!(notice(Duration::days(30)), CancellationNotice::InGoodTime);
    assert_eq!(
        notice(Duration::hours(48) - Duration::seconds(1)),
        CancellationNotice::Late
    );
    assert_eq!(notice(Duration::zero()), CancellationNotice::Late);
    assert_eq!(
        notice(-Duration::hours(1)),
        CancellationNotice::Late,
        "after the start"
    );
    assert_eq!(
        CancellationNotice::from_code("late"),
        Some(CancellationNotice::Late)
    );
    assert_eq!(CancellationNotice::InGoodTime.code(), "in_good_time");
}

#[test]
fn forty_eight_hours_are_real_hours_over_the_clock_change() {
    // 10am Monday 29 March 2027 (BST) is 9am UTC. 10am Saturday (GMT) looks 48 hours before
    // on the clock but is only 47 real hours before.
    let s = shift(links(), "2027-03-29", "10:00", "12:00");
    let saturday_ten = utc("2027-03-27 10:00");
    assert_eq!(
        CancellationNotice::given(s.starts_at, saturday_ten),
        CancellationNotice::Late
    );
    assert_eq!(
        CancellationNotice::given(s.starts_at, utc("2027-03-27 09:00")),
        CancellationNotice::InGoodTime
    );
}
