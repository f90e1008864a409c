//! Round trips over every half hour of whole years, both ways: local → UTC → local, and
//! UTC → local → UTC.

use alongside_domain::rota::{Edge, LocalSlot, from_utc, is_repeated, is_skipped, to_instant};
use chrono::{Duration, NaiveDateTime};

use crate::fixtures::{local, utc};

/// Every half hour from midnight on 1 January of `year` to the last half hour of the year.
fn half_hours(year: i32) -> impl Iterator<Item = NaiveDateTime> {
    let first = local(&format!("{year}-01-01 00:00"));
    let next = local(&format!("{}-01-01 00:00", year + 1));
    (0..)
        .map(move |n| first + Duration::minutes(30 * n))
        .take_while(move |t| *t < next)
}

#[test]
fn every_local_half_hour_comes_back_as_itself_except_the_skipped_hour() {
    for (year, spring, autumn) in [(2026, "03-29", "10-25"), (2027, "03-28", "10-31")] {
        let (mut skipped, mut repeated, mut total) = (Vec::new(), Vec::new(), 0);
        for reading in half_hours(year) {
            total += 1;
            let start = to_instant(reading, Edge::Start).unwrap();
            let end = to_instant(reading, Edge::End).unwrap();
            if is_skipped(reading) {
                skipped.push(reading);
                // Moved forward to 2am BST, 1am UTC.
                assert_eq!(start, end);
                assert_eq!(from_utc(start), local(&format!("{year}-{spring} 02:00")));
                continue;
            }
            if is_repeated(reading) {
                repeated.push(reading);
                assert_eq!(end - start, Duration::hours(1), "{reading}");
            } else {
                assert_eq!(start, end, "{reading}");
            }
            assert_eq!(from_utc(start), reading, "{reading} as a start");
            assert_eq!(from_utc(end), reading, "{reading} as an end");
            // A half-hour slot starting there comes back unchanged, and lasts half an hour
            // unless it runs into the skipped hour.
            let slot = LocalSlot::new(
                reading.date(),
                reading.time(),
                (reading + Duration::minutes(30)).time(),
            );
            let (a, b) = slot.to_utc().unwrap();
            let after = reading + Duration::minutes(30);
            if !is_skipped(after) {
                assert_eq!(LocalSlot::from_utc(a, b), slot, "{reading}");
            }
        }
        assert_eq!(total, 365 * 48);
        let at = |hm: &str, md: &str| local(&format!("{year}-{md} {hm}"));
        assert_eq!(skipped, vec![at("01:00", spring), at("01:30", spring)]);
        assert_eq!(repeated, vec![at("01:00", autumn), at("01:30", autumn)]);
    }
}

#[test]
fn every_utc_half_hour_comes_back_as_a_start_or_an_end() {
    for year in [2026, 2027] {
        let mut missed_as_start = Vec::new();
        let mut missed_as_end = Vec::new();
        for instant in half_hours(year).map(|t| t.and_utc()) {
            let reading = from_utc(instant);
            if to_instant(reading, Edge::Start) != Some(instant) {
                missed_as_start.push(instant);
            }
            if to_instant(reading, Edge::End) != Some(instant) {
                missed_as_end.push(instant);
            }
        }
        // Only the repeated hour is ambiguous: its second pass is only an end, its first only a
        // start.
        let autumn = if year == 2026 { "10-25" } else { "10-31" };
        let at = |hm: &str| utc(&format!("{year}-{autumn} {hm}"));
        assert_eq!(missed_as_start, vec![at("01:00"), at("01:30")]);
        assert_eq!(missed_as_end, vec![at("00:00"), at("00:30")]);
    }
}
