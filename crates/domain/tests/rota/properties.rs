//! Properties of any slot in 2026–2028: it lasts its wall-clock length, an hour less over the
//! spring change or an hour more over the autumn one, and comes back as typed.

use alongside_domain::rota::{LocalSlot, SlotError, is_skipped};
use chrono::{Datelike, Days, NaiveTime, Weekday};
use proptest::prelude::*;

use crate::fixtures::day;

fn slot() -> impl Strategy<Value = LocalSlot> {
    (0u64..3 * 366, 0u32..96, 0u32..96).prop_map(|(d, s, e)| {
        let time = |q: u32| NaiveTime::from_hms_opt(q / 4, q % 4 * 15, 0).unwrap();
        LocalSlot::new(day("2026-01-01") + Days::new(d), time(s), time(e))
    })
}

/// Whether `date` is the last Sunday of March or October.
fn change_day(date: chrono::NaiveDate, month: u32) -> bool {
    date.month() == month && date.weekday() == Weekday::Sun && date.day() + 7 > 31
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn real_length_is_wall_clock_length_give_or_take_the_hour(s in slot()) {
        let wall = s.wall_clock_minutes().unwrap();
        let end_date = s.local_end().unwrap().date();
        let spans = |month| change_day(s.date, month) || change_day(end_date, month);
        match s.to_utc() {
            Ok((a, b)) => {
                let real = (b - a).num_minutes();
                prop_assert!(real > 0);
                let allowed: &[i64] = if spans(3) {
                    &[0, -60, -45, -30, -15]
                } else if spans(10) {
                    &[0, 60]
                } else {
                    &[0]
                };
                prop_assert!(allowed.contains(&(real - wall)), "{s:?}: {real} vs {wall}");
                let back = LocalSlot::from_utc(a, b);
                if !is_skipped(s.local_start()) && !is_skipped(s.local_end().unwrap()) {
                    prop_assert_eq!(back, s);
                }
            }
            Err(e) => {
                prop_assert_eq!(e, SlotError::NoLength(s.date));
                prop_assert!(spans(3), "{s:?}");
            }
        }
    }
}
