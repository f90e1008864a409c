//! The value of time given, at an hourly rate, with its method stated.

use alongside_domain::expenses::Pence;
use alongside_domain::outcomes::{HourlyRate, RateSource, value_of_time};

#[test]
fn ninety_minutes_at_the_national_living_wage() {
    let value = value_of_time(90, &HourlyRate::national_living_wage_april_2025());
    // 1.5 hours × 1221p = 1831.5p, rounded half up.
    assert_eq!(value.value, Pence(1832));
    assert_eq!(value.minutes, 90);
    assert_eq!(
        value.method,
        "Hours given × £12.21 an hour (the National Living Wage, from April 2025): a \
         replacement-cost proxy for the time volunteers give; not a social value or impact figure."
    );
}

#[test]
fn pennies_round_half_up_and_no_time_is_worth_nothing() {
    let rate = HourlyRate {
        pence_per_hour: 1000,
        source: RateSource::Custom,
        applies: String::new(),
    };
    assert_eq!(value_of_time(0, &rate).value, Pence(0));
    // 1 minute = 16.67p → 17p; 3 minutes = 50p exactly; 13 hours 1 minute = 13,016.67p.
    assert_eq!(value_of_time(1, &rate).value, Pence(17));
    assert_eq!(value_of_time(3, &rate).value, Pence(50));
    assert_eq!(value_of_time(781, &rate).value, Pence(13_017));
    let half = HourlyRate {
        pence_per_hour: 2,
        ..rate.clone()
    };
    // 15 minutes at 2p an hour is half a penny: rounds up to 1p; 14 minutes rounds down.
    assert_eq!(value_of_time(15, &half).value, Pence(1));
    assert_eq!(value_of_time(14, &half).value, Pence(0));
}

#[test]
fn a_year_of_hours_across_a_big_trust_stays_exact() {
    // 13 million hours (King's Fund, all acute trusts) at £12.21.
    let minutes = 13_000_000 * 60;
    let value = value_of_time(minutes, &HourlyRate::national_living_wage_april_2025());
    assert_eq!(value.value, Pence(15_873_000_000));
    assert_eq!(value.value.display(), "£158,730,000.00");
    assert_eq!(
        value_of_time(u64::MAX, &HourlyRate::national_living_wage_april_2025()).value,
        Pence(i64::MAX)
    );
}

#[test]
fn the_method_names_the_rate_and_its_source() {
    let rate = HourlyRate {
        pence_per_hour: 1500,
        source: RateSource::AgendaForChange,
        applies: " a similar paid role ".to_owned(),
    };
    let value = value_of_time(60, &rate);
    assert_eq!(value.value, Pence(1500));
    assert!(value.method.starts_with(
        "Hours given × £15.00 an hour (an NHS Agenda for Change pay point, a similar paid role):"
    ));
    assert!(value.method.contains("not a social value"));
    let custom = HourlyRate {
        source: RateSource::Custom,
        applies: String::new(),
        ..rate
    };
    assert!(
        value_of_time(60, &custom)
            .method
            .contains("£15.00 an hour (a rate chosen by the organisation):")
    );
}
