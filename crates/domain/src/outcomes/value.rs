//! The value of the time volunteers give, costed at an hourly wage: what the hours would have
//! cost at that rate (the replacement-cost method of the ONS Household Satellite Account).
//!
//! This is an input, not an outcome (standards §3.3): it says nothing about the difference
//! volunteers make and must be reported apart from outcomes, never as "impact" or social value.
//! The rate is chosen by the organisation and named in every result's [`ValueOfTime::method`].
//! HACT Social Value Bank values are not used: their licence forbids including them in a tool.

use serde::Serialize;

use crate::expenses::Pence;
use crate::{Labelled, labelled_enum};

labelled_enum!(
    /// Where an hourly rate comes from (standards §3.3).
    RateSource {
        /// The statutory National Living Wage.
        NationalLivingWage = "national_living_wage": "the National Living Wage",
        /// ONS median hourly pay, overall or for equivalent paid work.
        OnsMedianPay = "ons_median_pay": "ONS median hourly pay",
        /// An NHS Agenda for Change pay point.
        AgendaForChange = "agenda_for_change": "an NHS Agenda for Change pay point",
        /// A rate the organisation chose for its own reasons.
        Custom = "custom": "a rate chosen by the organisation",
    }
);

/// The National Living Wage from 1 April 2025 (workers aged 21 and over), in pence an hour.
pub const NATIONAL_LIVING_WAGE_APRIL_2025: u32 = 1221;

/// The National Living Wage from 1 April 2026 (workers aged 21 and over), in pence an hour
/// (GOV.UK, "National Minimum Wage and National Living Wage rates").
pub const NATIONAL_LIVING_WAGE_APRIL_2026: u32 = 1271;

/// The hourly rate the time is costed at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HourlyRate {
    /// Pence an hour.
    pub pence_per_hour: u32,
    /// Where the rate comes from.
    pub source: RateSource,
    /// Which year or pay point it is, in words, e.g. "from April 2025" or "band 2, 2025/26".
    pub applies: String,
}

impl HourlyRate {
    /// The National Living Wage from April 2025: £12.21 an hour.
    pub fn national_living_wage_april_2025() -> Self {
        Self {
            pence_per_hour: NATIONAL_LIVING_WAGE_APRIL_2025,
            source: RateSource::NationalLivingWage,
            applies: "from April 2025".to_owned(),
        }
    }

    /// The National Living Wage from April 2026: £12.71 an hour (the default for reports).
    pub fn national_living_wage_april_2026() -> Self {
        Self {
            pence_per_hour: NATIONAL_LIVING_WAGE_APRIL_2026,
            source: RateSource::NationalLivingWage,
            applies: "from April 2026".to_owned(),
        }
    }

    /// The rate in words, e.g. "£12.21 an hour (the National Living Wage, from April 2025)".
    pub fn describe(&self) -> String {
        let rate = Pence(i64::from(self.pence_per_hour));
        let applies = self.applies.trim();
        if applies.is_empty() {
            format!("{rate} an hour ({})", self.source.label())
        } else {
            format!("{rate} an hour ({}, {applies})", self.source.label())
        }
    }
}

/// The time given, costed at an hourly rate, with the method stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueOfTime {
    /// The time given, in minutes.
    pub minutes: u64,
    /// What that time would have cost at the rate, to the nearest penny (half a penny rounds up).
    pub value: Pence,
    /// How the figure was worked out, to print beside it.
    pub method: String,
}

/// The value of `minutes` of volunteers' time at `rate`: minutes × pence an hour ÷ 60, to the
/// nearest penny, with a sentence saying how it was worked out and what it is not.
pub fn value_of_time(minutes: u64, rate: &HourlyRate) -> ValueOfTime {
    let pence = (u128::from(minutes) * u128::from(rate.pence_per_hour) + 30) / 60;
    ValueOfTime {
        minutes,
        value: Pence(i64::try_from(pence).unwrap_or(i64::MAX)),
        method: format!(
            "Hours given × {}: a replacement-cost proxy for the time volunteers give; not a \
             social value or impact figure.",
            rate.describe()
        ),
    }
}
