//! A claim as typed, checked: actual costs only, each with a date and an itemised amount (or
//! miles), and no path for allowances, flat rates or daily payments.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ExpenseCategory;
use super::mileage::Vehicle;
use super::money::{MoneyError, Pence};
use crate::person::parse_date;
use crate::{FieldErrors, Labelled};

/// The most one item may be: a bigger cost is arranged with the manager, not claimed.
pub const MAX_ITEM: Pence = Pence(100_000);
/// The most miles one claim may have: one claim per journey.
pub const MAX_MILES: u32 = 1_000;
/// How far back a cost may be claimed, in months (to the same date).
pub const MAX_AGE_MONTHS: u32 = 12;
/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 500;

/// Why Alongside never pays a flat rate, in plain words for forms and the API.
pub const WHY_NO_FLAT_RATE: &str = "We pay back only what you actually spent. A flat rate, \
     allowance or daily payment could make a volunteer count as an employee, with a right to the \
     minimum wage, and could affect their benefits and tax";

/// Words that describe a payment for volunteering rather than a cost.
const FLAT_RATE_WORDS: &[&str] = &[
    "allowance",
    "flat rate",
    "flat-rate",
    "flatrate",
    "per diem",
    "daily rate",
    "day rate",
    "daily payment",
    "per shift",
    "per session",
    "honorarium",
    "wage",
    "salary",
    "lump sum",
    "for my time",
];

/// A claim as typed into the form or sent to the API. Every field is text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ClaimInput {
    /// What the cost was for: a code of [`ExpenseCategory`].
    pub category: String,
    /// The date of the cost or journey.
    pub date: String,
    /// What it was, in the volunteer's words.
    pub description: String,
    /// What was spent, like "£4.50" (not for mileage, which is worked out from the miles).
    pub amount: String,
    /// For mileage: a code of [`Vehicle`].
    pub vehicle: String,
    /// For mileage: whole miles.
    pub miles: String,
    /// Optionally, the role it was for (an id).
    pub role_id: String,
    /// Optionally, the shift it was for (an id).
    pub shift_id: String,
}

/// What a valid claim says was spent (links and mileage rates are added by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimItem {
    /// What the cost was for.
    pub category: ExpenseCategory,
    /// When it was spent, or the journey made.
    pub spent_on: NaiveDate,
    /// What it was.
    pub description: String,
    /// The cost, for everything except mileage.
    pub amount: Option<Pence>,
    /// For mileage: the vehicle and the whole miles.
    pub mileage: Option<(Vehicle, u32)>,
}

impl ClaimInput {
    /// The item, or every problem with the input, on `today` (a UK date).
    pub fn parse(&self, today: NaiveDate) -> Result<ClaimItem, FieldErrors> {
        let mut e = FieldErrors::new();
        let category = category(&mut e, &self.category);
        let spent_on = date(&mut e, &self.date, today);
        let description = e.text(
            "description",
            "what the cost was",
            &self.description,
            MAX_DESCRIPTION,
        );
        if let Some(d) = &description
            && is_flat_rate(d)
        {
            e.add(
                "description",
                format!(
                    "Describe the actual cost, like \"Return bus fare to the hospital\". {WHY_NO_FLAT_RATE}"
                ),
            );
        }
        let (amount, mileage) = match category {
            Some(ExpenseCategory::Mileage) => (None, mileage(&mut e, &self.vehicle, &self.miles)),
            Some(_) => (amount(&mut e, &self.amount), None),
            None => (None, None),
        };
        e.finish(|| {
            let category = category?;
            if category == ExpenseCategory::Mileage {
                mileage?;
            } else {
                amount?;
            }
            Some(ClaimItem {
                category,
                spent_on: spent_on?,
                description: description?,
                amount,
                mileage,
            })
        })
    }
}

/// Whether a description asks for a payment for volunteering rather than a cost.
pub fn is_flat_rate(description: &str) -> bool {
    let text = description.to_lowercase();
    FLAT_RATE_WORDS.iter().any(|w| text.contains(w))
}

fn category(e: &mut FieldErrors, value: &str) -> Option<ExpenseCategory> {
    let value = value.trim();
    if value.is_empty() {
        e.add("category", "Choose what the cost was for");
        return None;
    }
    let found = ExpenseCategory::from_code(&value.to_lowercase());
    if found.is_none() {
        let codes: Vec<&str> = ExpenseCategory::ALL.iter().map(|c| c.code()).collect();
        e.add(
            "category",
            format!(
                "Choose what the cost was for ({}). There is no allowance or flat-rate option. {WHY_NO_FLAT_RATE}",
                codes.join(", ")
            ),
        );
    }
    found
}

fn date(e: &mut FieldErrors, value: &str, today: NaiveDate) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        e.add(
            "date",
            "Enter the date you spent the money or made the journey",
        );
        return None;
    }
    let Some(d) = parse_date(value) else {
        e.add("date", "Enter the date as a real date, like 5 3 2027");
        return None;
    };
    if d > today {
        e.add("date", "The date must be today or in the past");
        None
    } else if today
        .checked_sub_months(Months::new(MAX_AGE_MONTHS))
        .is_some_and(|oldest| d < oldest)
    {
        e.add(
            "date",
            "The date must be in the last 12 months; ask your volunteer manager about older costs",
        );
        None
    } else {
        Some(d)
    }
}

fn amount(e: &mut FieldErrors, value: &str) -> Option<Pence> {
    let message = match Pence::parse(value) {
        Ok(p) if p.0 > 0 && p <= MAX_ITEM => return Some(p),
        Ok(p) if p.0 > 0 => {
            "The amount must be £1,000 or less; for a bigger cost, ask your volunteer manager to pay the supplier directly"
        }
        Ok(_) | Err(MoneyError::Negative) => "The amount must be more than £0",
        Err(MoneyError::Empty) => "Enter the amount you spent, like £4.50",
        Err(MoneyError::TooPrecise) => "Enter the amount to the nearest penny, like £4.50",
        Err(MoneyError::NotMoney) => "Enter the amount in pounds and pence, like £4.50",
    };
    e.add("amount", message);
    None
}

fn mileage(e: &mut FieldErrors, vehicle: &str, miles: &str) -> Option<(Vehicle, u32)> {
    let vehicle = match vehicle.trim() {
        "" => {
            e.add("vehicle", "Choose what you travelled in");
            None
        }
        code => {
            let found = Vehicle::from_code(&code.to_lowercase());
            if found.is_none() {
                e.add("vehicle", "Choose car or van, motorcycle or bicycle");
            }
            found
        }
    };
    let miles = miles.trim();
    let miles = if miles.is_empty() {
        e.add("miles", "Enter how many miles you travelled");
        None
    } else {
        match miles.parse::<i64>() {
            Ok(n) if (1..=i64::from(MAX_MILES)).contains(&n) => u32::try_from(n).ok(),
            Ok(n) if n < 1 => {
                e.add("miles", "The miles must be 1 or more");
                None
            }
            Ok(_) => {
                e.add(
                    "miles",
                    "The miles must be 1,000 or fewer; make one claim for each journey",
                );
                None
            }
            Err(_) => {
                e.add("miles", "Enter the miles as a whole number, like 12");
                None
            }
        }
    };
    Some((vehicle?, miles?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 4, 10).unwrap()
    }

    fn input(category: &str, amount: &str) -> ClaimInput {
        ClaimInput {
            category: category.into(),
            date: "2027-04-09".into(),
            description: "Return bus fare to the hospital".into(),
            amount: amount.into(),
            ..ClaimInput::default()
        }
    }

    #[test]
    fn an_actual_cost_with_a_date_and_amount_is_accepted() {
        let item = input("fares", "£4.80").parse(today()).unwrap();
        assert_eq!(item.category, ExpenseCategory::Fares);
        assert_eq!(item.amount, Some(Pence(480)));
        assert_eq!(item.spent_on, NaiveDate::from_ymd_opt(2027, 4, 9).unwrap());
    }

    #[test]
    fn flat_rate_categories_do_not_exist() {
        for code in ["allowance", "flat_rate", "per_day", "daily"] {
            let e = input(code, "10").parse(today()).unwrap_err();
            let message = e.get("category").unwrap();
            assert!(
                message.contains("no allowance or flat-rate option"),
                "{message}"
            );
            assert!(message.contains("minimum wage"), "{message}");
        }
    }

    #[test]
    fn a_flat_rate_described_as_a_cost_is_refused() {
        let mut claim = input("other", "10");
        claim.description = "Daily rate for volunteering on Saturday".into();
        let e = claim.parse(today()).unwrap_err();
        assert!(e.get("description").unwrap().contains("minimum wage"));
        claim.description = "My volunteer ALLOWANCE".into();
        assert!(claim.parse(today()).is_err());
    }

    #[test]
    fn a_claim_without_date_or_amount_is_refused_field_by_field() {
        let e = ClaimInput {
            category: "parking".into(),
            ..ClaimInput::default()
        }
        .parse(today())
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["date", "description", "amount"]);
    }

    #[test]
    fn amounts_must_be_real_positive_and_not_absurd() {
        for (typed, message) in [
            ("0", "The amount must be more than £0"),
            ("-4", "The amount must be more than £0"),
            ("1000.01", "The amount must be £1,000 or less"),
            ("4.505", "Enter the amount to the nearest penny, like £4.50"),
            ("lots", "Enter the amount in pounds and pence, like £4.50"),
        ] {
            let e = input("fares", typed).parse(today()).unwrap_err();
            assert!(e.get("amount").unwrap().starts_with(message), "{typed}");
        }
        assert!(input("fares", "£1,000").parse(today()).is_ok());
    }

    #[test]
    fn dates_must_be_real_not_future_and_recent() {
        let mut claim = input("fares", "3");
        for (date, ok) in [
            ("2027-04-10", true),
            ("2027-04-11", false),
            ("31 2 2027", false),
            ("2026-04-10", true),
            ("2026-04-09", false),
        ] {
            claim.date = date.into();
            assert_eq!(claim.parse(today()).is_ok(), ok, "{date}");
        }
        // Twelve months back is the same date a year ago, leap years or not.
        claim.date = "2027-04-05".into();
        assert!(
            claim
                .parse(NaiveDate::from_ymd_opt(2028, 4, 5).unwrap())
                .is_ok()
        );
    }

    #[test]
    fn mileage_needs_a_vehicle_and_whole_miles_and_ignores_any_amount() {
        let mut claim = input("mileage", "999");
        claim.vehicle = "car".into();
        claim.miles = "12".into();
        let item = claim.parse(today()).unwrap();
        assert_eq!(
            (item.amount, item.mileage),
            (None, Some((Vehicle::CarOrVan, 12)))
        );
        for (miles, message) in [
            ("", "Enter how many miles you travelled"),
            ("0", "The miles must be 1 or more"),
            ("12.5", "Enter the miles as a whole number, like 12"),
            (
                "1001",
                "The miles must be 1,000 or fewer; make one claim for each journey",
            ),
        ] {
            claim.miles = miles.into();
            assert_eq!(
                claim.parse(today()).unwrap_err().get("miles"),
                Some(message)
            );
        }
        claim.miles = "5".into();
        claim.vehicle = "horse".into();
        assert!(claim.parse(today()).unwrap_err().get("vehicle").is_some());
    }
}
