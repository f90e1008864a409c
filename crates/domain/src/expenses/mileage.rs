//! Mileage at HMRC's approved mileage allowance payment (AMAP) rates, worked out per tax year.
//!
//! The rates, from HMRC's "Expenses and benefits: business travel mileage for employees' own
//! vehicles — rules for tax" (<https://www.gov.uk/expenses-and-benefits-business-travel-mileage/rules-for-tax>)
//! and HMRC's "Travel — mileage and fuel rates and allowances": cars and vans 45p a mile for the
//! first 10,000 business miles in the tax year and 25p a mile after that; motorcycles 24p and
//! bicycles 20p a mile, whatever the distance. Paying volunteers no more than these rates keeps
//! mileage a reimbursement of costs, not a profit (HMRC EIM71153). The UK tax year runs from
//! 6 April to the next 5 April.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::money::Pence;
use crate::labelled_enum;

/// Car and van miles in a tax year paid at the higher rate before the lower rate applies.
pub const CAR_THRESHOLD_MILES: u32 = 10_000;
/// Cars and vans: the first 10,000 business miles in a tax year.
pub const CAR_RATE: Pence = Pence(45);
/// Cars and vans: each business mile after the first 10,000 in a tax year.
pub const CAR_RATE_AFTER_THRESHOLD: Pence = Pence(25);
/// Motorcycles: every business mile.
pub const MOTORCYCLE_RATE: Pence = Pence(24);
/// Bicycles: every business mile.
pub const BICYCLE_RATE: Pence = Pence(20);

labelled_enum!(
    /// What a volunteer travelled in, which sets the mileage rate.
    Vehicle {
        /// A car or van: 45p a mile for the first 10,000 miles in the tax year, then 25p.
        CarOrVan = "car": "Car or van",
        /// A motorcycle: 24p a mile.
        Motorcycle = "motorcycle": "Motorcycle",
        /// A bicycle: 20p a mile.
        Bicycle = "bicycle": "Bicycle",
    }
);

/// A UK tax year, named by the calendar year it starts in: `TaxYear(2026)` runs from
/// 6 April 2026 to 5 April 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TaxYear(pub i32);

impl TaxYear {
    /// The tax year a date falls in: 5 April belongs to the year before, 6 April starts a new one.
    pub fn containing(date: NaiveDate) -> Self {
        let starts_this_year = (date.month(), date.day()) >= (4, 6);
        Self(if starts_this_year {
            date.year()
        } else {
            date.year() - 1
        })
    }

    /// Its first day, 6 April.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.0, 4, 6)
    }

    /// Its last day, 5 April of the next year.
    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.0 + 1, 4, 5)
    }

    /// "2026 to 2027", as HMRC writes it.
    pub fn label(self) -> String {
        format!("{} to {}", self.0, self.0 + 1)
    }
}

/// What a mileage claim pays, and at which rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MileagePayment {
    /// Miles paid at the first rate (45p for cars and vans; the only rate for the others).
    pub miles_at_first_rate: u32,
    /// The first rate.
    pub first_rate: Pence,
    /// Car and van miles beyond the 10,000 threshold, paid at 25p.
    pub miles_at_second_rate: u32,
    /// The second rate.
    pub second_rate: Pence,
    /// The whole payment.
    pub amount: Pence,
}

impl MileagePayment {
    /// In words: "100 miles at 45p", "50 miles at 45p and 50 miles at 25p".
    pub fn describe(&self) -> String {
        let part = |miles: u32, rate: Pence| {
            let unit = if miles == 1 { "mile" } else { "miles" };
            format!("{miles} {unit} at {}p", rate.0)
        };
        match (self.miles_at_first_rate, self.miles_at_second_rate) {
            (first, 0) => part(first, self.first_rate),
            (0, second) => part(second, self.second_rate),
            (first, second) => format!(
                "{} and {}",
                part(first, self.first_rate),
                part(second, self.second_rate)
            ),
        }
    }
}

/// The payment for `miles` travelled by `vehicle`, when the volunteer has already claimed
/// `car_miles_before` car or van miles in the same tax year with the same organisation. A car
/// journey that crosses the 10,000-mile threshold is split: the miles up to it at 45p, the rest
/// at 25p. Motorcycles and bicycles have one rate and do not count towards the threshold.
pub fn mileage_payment(vehicle: Vehicle, miles: u32, car_miles_before: u32) -> MileagePayment {
    let (first, first_rate, second, second_rate) = match vehicle {
        Vehicle::CarOrVan => {
            let left_at_first_rate = CAR_THRESHOLD_MILES.saturating_sub(car_miles_before);
            let first = miles.min(left_at_first_rate);
            (first, CAR_RATE, miles - first, CAR_RATE_AFTER_THRESHOLD)
        }
        Vehicle::Motorcycle => (miles, MOTORCYCLE_RATE, 0, Pence(0)),
        Vehicle::Bicycle => (miles, BICYCLE_RATE, 0, Pence(0)),
    };
    MileagePayment {
        miles_at_first_rate: first,
        first_rate,
        miles_at_second_rate: second,
        second_rate,
        amount: Pence(i64::from(first) * first_rate.0 + i64::from(second) * second_rate.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_tax_year_turns_on_6_april() {
        assert_eq!(TaxYear::containing(day(2027, 4, 5)), TaxYear(2026));
        assert_eq!(TaxYear::containing(day(2027, 4, 6)), TaxYear(2027));
        assert_eq!(TaxYear::containing(day(2027, 1, 1)), TaxYear(2026));
        assert_eq!(TaxYear::containing(day(2026, 12, 31)), TaxYear(2026));
        assert_eq!(TaxYear(2026).first_day(), Some(day(2026, 4, 6)));
        assert_eq!(TaxYear(2026).last_day(), Some(day(2027, 4, 5)));
        assert_eq!(TaxYear(2026).label(), "2026 to 2027");
    }

    #[test]
    fn car_miles_below_the_threshold_are_paid_at_45p() {
        let p = mileage_payment(Vehicle::CarOrVan, 100, 0);
        assert_eq!(p.amount, Pence(4500));
        assert_eq!(p.describe(), "100 miles at 45p");
    }

    #[test]
    fn exactly_10000_miles_are_all_at_45p_and_the_next_mile_is_at_25p() {
        let p = mileage_payment(Vehicle::CarOrVan, 100, 9_900);
        assert_eq!((p.miles_at_first_rate, p.miles_at_second_rate), (100, 0));
        assert_eq!(p.amount, Pence(4500));
        let next = mileage_payment(Vehicle::CarOrVan, 1, 10_000);
        assert_eq!(
            (next.miles_at_first_rate, next.miles_at_second_rate),
            (0, 1)
        );
        assert_eq!(next.amount, Pence(25));
        assert_eq!(next.describe(), "1 mile at 25p");
    }

    #[test]
    fn a_journey_crossing_the_threshold_is_split() {
        let p = mileage_payment(Vehicle::CarOrVan, 100, 9_950);
        assert_eq!((p.miles_at_first_rate, p.miles_at_second_rate), (50, 50));
        assert_eq!(p.amount, Pence(50 * 45 + 50 * 25));
        assert_eq!(p.describe(), "50 miles at 45p and 50 miles at 25p");
        let well_past = mileage_payment(Vehicle::CarOrVan, 10, 25_000);
        assert_eq!(well_past.amount, Pence(250));
    }

    #[test]
    fn motorcycles_and_bicycles_have_one_rate() {
        assert_eq!(
            mileage_payment(Vehicle::Motorcycle, 10, 20_000).amount,
            Pence(240)
        );
        assert_eq!(mileage_payment(Vehicle::Bicycle, 10, 0).amount, Pence(200));
        assert_eq!(
            mileage_payment(Vehicle::Bicycle, 3, 0).describe(),
            "3 miles at 20p"
        );
    }
}
