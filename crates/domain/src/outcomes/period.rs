//! The period and hourly rate of a quality report, as typed into the page or the API's query:
//! one parser, so both refuse the same things with the same field names.

use super::{HourlyRate, RateSource};
use crate::FieldErrors;
use crate::expenses::Pence;
use chrono::{Duration, NaiveDate};

/// The longest period a report covers.
const MAX_DAYS: i64 = 3 * 366;

/// The period `[from, to]` and rate asked for: `to` defaults to `today`, `from` to a year
/// before `to`, the rate to the National Living Wage. Errors name `from`, `to` and `rate`.
pub fn parse_period(
    from: &str,
    to: &str,
    rate: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate, HourlyRate), FieldErrors> {
    let mut errors = FieldErrors::new();
    let date = |errors: &mut FieldErrors, field: &str, raw: &str, default: NaiveDate| {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(default);
        }
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .map_err(|_| errors.add(field, "Enter a date, for example 2026-04-01"))
            .ok()
    };
    let to = date(&mut errors, "to", to, today);
    let from = date(
        &mut errors,
        "from",
        from,
        to.unwrap_or(today) - Duration::days(364),
    );
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            errors.add("from", "The start of the period must be before its end");
        } else if (t - f).num_days() > MAX_DAYS {
            errors.add("from", "A report can cover at most three years");
        }
    }
    let rate = if rate.trim().is_empty() {
        Some(HourlyRate::national_living_wage_april_2026())
    } else {
        match Pence::parse(rate) {
            Ok(p) if (1..=100_000).contains(&p.0) => Some(HourlyRate {
                pence_per_hour: u32::try_from(p.0).unwrap_or(0),
                source: RateSource::Custom,
                applies: String::new(),
            }),
            _ => {
                errors.add(
                    "rate",
                    "Enter an hourly rate in pounds and pence, for example 12.71",
                );
                None
            }
        }
    };
    errors.finish(|| Some((from?, to?, rate?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn defaults_to_the_year_to_today_at_the_living_wage() {
        let (from, to, rate) = parse_period("", "", "", day("2026-11-29")).unwrap();
        assert_eq!((from, to), (day("2025-11-30"), day("2026-11-29")));
        assert_eq!(rate.pence_per_hour, 1271);
    }

    #[test]
    fn bad_periods_and_rates_name_their_fields() {
        let today = day("2026-11-29");
        let fields = |f, t, r| {
            parse_period(f, t, r, today)
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields("2026-02-30", "", "x"), ["from", "rate"]);
        assert_eq!(fields("2026-06-01", "2026-05-01", ""), ["from"]);
        assert_eq!(fields("2020-01-01", "2026-01-01", "0"), ["from", "rate"]);
        let (_, _, rate) = parse_period("", "", "£13.50", today).unwrap();
        assert_eq!(rate.pence_per_hour, 1350);
        assert_eq!(rate.source, RateSource::Custom);
    }
}
