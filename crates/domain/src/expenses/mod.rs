//! Volunteers' expenses: actual out-of-pocket costs (fares, parking, meals on long shifts, other
//! costs) and mileage at HMRC's approved rates, with managers' decisions on each claim.
//!
//! Volunteering is not employment, so there is no allowance, flat rate or daily payment here:
//! every claim is one actual cost with a date and an amount (or miles). Pure: callers pass
//! `today` and `now`.

pub mod decision;
pub mod input;
pub mod mileage;
pub mod money;
pub mod receipt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::{ExpenseClaimId, OrganisationId, PersonId, RoleId, ShiftId};
use crate::labelled_enum;

pub use decision::{Decider, OpenDecisions};
pub use input::{ClaimInput, ClaimItem, WHY_NO_FLAT_RATE, is_flat_rate};
pub use mileage::{MileagePayment, TaxYear, Vehicle, mileage_payment};
pub use money::{MoneyError, Pence};
pub use receipt::{MAX_RECEIPT_BYTES, Receipt, ReceiptKind};

labelled_enum!(
    /// What a cost was for. There is deliberately no allowance or flat-rate category.
    ExpenseCategory {
        /// Bus, train, tram or taxi fares.
        Fares = "fares": "Travel fares (bus, train, taxi)",
        /// Driving or riding your own vehicle, paid per mile at HMRC's approved rates.
        Mileage = "mileage": "Mileage in your own vehicle",
        /// Parking while volunteering.
        Parking = "parking": "Parking",
        /// A meal when volunteering through a long shift.
        Meals = "meals": "Meal on a long shift",
        /// Another cost actually paid, such as postage or phone calls.
        Other = "other": "Other actual cost",
    }
);

labelled_enum!(
    /// Where a claim has got to.
    ClaimStatus {
        /// Sent, waiting for a manager's decision.
        Submitted = "submitted": "Waiting for a decision",
        /// A manager asked a question; the volunteer can answer and send it again.
        Queried = "queried": "Question asked",
        /// Approved for payment.
        Approved = "approved": "Approved",
        /// Not approved, with the reason.
        Rejected = "rejected": "Not approved",
        /// Paid (exported for payment and marked paid).
        Paid = "paid": "Paid",
    }
);

impl ClaimStatus {
    /// Whether claims in this status count towards the year's mileage (pending or approved).
    pub fn counts_towards_mileage(self) -> bool {
        self != Self::Rejected
    }
}

/// A mileage claim's journey and how the tax year's threshold applied to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mileage {
    /// What the volunteer travelled in.
    pub vehicle: Vehicle,
    /// Whole miles.
    pub miles: u32,
    /// Car and van miles the volunteer had already claimed (pending or approved) in the same
    /// tax year with the same organisation when this claim was worked out.
    pub car_miles_before: u32,
}

impl Mileage {
    /// What it pays, at which rates.
    pub fn payment(&self) -> MileagePayment {
        mileage_payment(self.vehicle, self.miles, self.car_miles_before)
    }

    /// The car and van miles it adds to the year's count.
    pub fn car_miles(&self) -> u32 {
        if self.vehicle == Vehicle::CarOrVan {
            self.miles
        } else {
            0
        }
    }
}

/// What is known about a claim's receipt without its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptInfo {
    /// The name it was uploaded with.
    pub file_name: String,
    /// What it is.
    pub kind: ReceiptKind,
    /// Its size in bytes.
    pub size: u32,
}

impl From<&Receipt> for ReceiptInfo {
    fn from(r: &Receipt) -> Self {
        Self {
            file_name: r.file_name.clone(),
            kind: r.kind,
            size: u32::try_from(r.size()).unwrap_or(u32::MAX),
        }
    }
}

/// A volunteer's claim for one actual cost (or one journey's mileage) from one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpenseClaim {
    /// Identifier.
    pub id: ExpenseClaimId,
    /// The organisation asked to pay.
    pub organisation_id: OrganisationId,
    /// The volunteer who spent the money.
    pub person_id: PersonId,
    /// What the cost was for.
    pub category: ExpenseCategory,
    /// When it was spent, or the journey made.
    pub spent_on: NaiveDate,
    /// What it was, in the volunteer's words.
    pub description: String,
    /// What is to be paid back: the cost, or the mileage payment.
    pub amount: Pence,
    /// For mileage: the journey and the rates.
    pub mileage: Option<Mileage>,
    /// The tax year of `spent_on`.
    pub tax_year: TaxYear,
    /// The role it was for, if said.
    pub role_id: Option<RoleId>,
    /// The shift it was for, if said.
    pub shift_id: Option<ShiftId>,
    /// The receipt, if one was uploaded.
    pub receipt: Option<ReceiptInfo>,
    /// Where it has got to.
    pub status: ClaimStatus,
    /// When it was (last) sent.
    pub submitted_at: DateTime<Utc>,
    /// Who entered it: the volunteer, or a manager recording a paper claim for them.
    pub recorded_by: PersonId,
    /// When the latest decision (or question) was made.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who made it.
    pub decided_by: Option<PersonId>,
    /// Their name, as it was then.
    pub decided_by_name: String,
    /// The reason it was not approved, or the question asked.
    pub note: String,
    /// The volunteer's answer to the question.
    pub answer: String,
    /// When it was marked paid.
    pub paid_at: Option<DateTime<Utc>>,
}

/// What a new claim is linked to and who entered it: checked by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimLinks {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// Who entered it.
    pub recorded_by: PersonId,
    /// The role, if said.
    pub role_id: Option<RoleId>,
    /// The shift, if said.
    pub shift_id: Option<ShiftId>,
}

impl ExpenseClaim {
    /// A new claim for `item`, with the car miles already claimed this tax year.
    pub fn new(
        item: &ClaimItem,
        links: ClaimLinks,
        car_miles_before: u32,
        receipt: Option<ReceiptInfo>,
        now: DateTime<Utc>,
    ) -> Self {
        let mut claim = Self {
            id: ExpenseClaimId::new(),
            organisation_id: links.organisation_id,
            person_id: links.person_id,
            category: item.category,
            spent_on: item.spent_on,
            description: String::new(),
            amount: Pence(0),
            mileage: None,
            tax_year: TaxYear::containing(item.spent_on),
            role_id: None,
            shift_id: None,
            receipt,
            status: ClaimStatus::Submitted,
            submitted_at: now,
            recorded_by: links.recorded_by,
            decided_at: None,
            decided_by: None,
            decided_by_name: String::new(),
            note: String::new(),
            answer: String::new(),
            paid_at: None,
        };
        claim.set_item(item, links, car_miles_before);
        claim
    }

    /// Sets what was spent (working mileage out at the rates) and what it is linked to.
    fn set_item(&mut self, item: &ClaimItem, links: ClaimLinks, car_miles_before: u32) {
        self.category = item.category;
        self.spent_on = item.spent_on;
        self.tax_year = TaxYear::containing(item.spent_on);
        self.description = item.description.clone();
        self.role_id = links.role_id;
        self.shift_id = links.shift_id;
        self.mileage = item.mileage.map(|(vehicle, miles)| Mileage {
            vehicle,
            miles,
            car_miles_before,
        });
        self.amount = match (&self.mileage, item.amount) {
            (Some(m), _) => m.payment().amount,
            (None, Some(amount)) => amount,
            (None, None) => Pence(0),
        };
    }

    /// The car and van miles it counts towards its tax year's threshold.
    pub fn car_miles(&self) -> u32 {
        self.mileage.map_or(0, |m| m.car_miles())
    }

    /// Whether it has no receipt although it is not mileage (a manager may want to ask).
    pub fn lacks_receipt(&self) -> bool {
        self.receipt.is_none() && self.category != ExpenseCategory::Mileage
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(
        category: ExpenseCategory,
        amount: Option<Pence>,
        mileage: Option<(Vehicle, u32)>,
    ) -> ClaimItem {
        ClaimItem {
            category,
            spent_on: NaiveDate::from_ymd_opt(2027, 4, 6).unwrap(),
            description: "Journey to the ward".into(),
            amount,
            mileage,
        }
    }

    fn links() -> ClaimLinks {
        let person = PersonId::new();
        ClaimLinks {
            organisation_id: OrganisationId::new(),
            person_id: person,
            recorded_by: person,
            role_id: None,
            shift_id: None,
        }
    }

    #[test]
    fn a_cost_claims_its_amount_and_mileage_is_worked_out_at_the_rates() {
        let now = Utc::now();
        let fare = ExpenseClaim::new(
            &item(ExpenseCategory::Fares, Some(Pence(480)), None),
            links(),
            0,
            None,
            now,
        );
        assert_eq!(
            (fare.amount, fare.car_miles(), fare.lacks_receipt()),
            (Pence(480), 0, true)
        );
        assert_eq!(fare.tax_year, TaxYear(2027));
        let drive = item(
            ExpenseCategory::Mileage,
            None,
            Some((Vehicle::CarOrVan, 100)),
        );
        let claim = ExpenseClaim::new(&drive, links(), 9_950, None, now);
        assert_eq!(claim.amount, Pence(50 * 45 + 50 * 25));
        assert_eq!((claim.car_miles(), claim.lacks_receipt()), (100, false));
    }
}
