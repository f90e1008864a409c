//! Expense claim rows as the database returns them, and their conversion into domain types.

use app::StoreError;
use app::ports::ClaimRow;
use chrono::{DateTime, NaiveDate, Utc};
use domain::expenses::{ExpenseClaim, Mileage, Pence, Receipt, ReceiptInfo, TaxYear};
use domain::ids::*;
use uuid::Uuid;

use crate::rows::code;

/// Columns of [`ClaimDbRow`] from `expense_claims c` joined to `people p` and
/// `organisations o`.
pub(crate) const CLAIM_SELECT: &str = "SELECT c.organisation_id, c.id, c.person_id, c.category, c.spent_on, \
     c.description, c.amount_pence, c.vehicle, c.miles, c.car_miles_before, c.tax_year, c.role_id, c.shift_id, \
     c.receipt_name, c.receipt_type, c.receipt_size, c.status, c.submitted_at, c.recorded_by, c.decided_at, \
     c.decided_by, c.decided_by_name, c.note, c.answer, c.paid_at, \
     p.given_name, p.family_name, p.email, o.name AS organisation_name, o.slug AS organisation_slug \
     FROM expense_claims c JOIN people p ON p.id = c.person_id \
     JOIN organisations o ON o.id = c.organisation_id ";

fn other(e: impl ToString) -> StoreError {
    StoreError::Other(e.to_string())
}

#[derive(sqlx::FromRow)]
pub(crate) struct ClaimDbRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    category: String,
    spent_on: NaiveDate,
    description: String,
    amount_pence: i64,
    vehicle: Option<String>,
    miles: Option<i32>,
    car_miles_before: i32,
    tax_year: i32,
    role_id: Option<Uuid>,
    shift_id: Option<Uuid>,
    receipt_name: Option<String>,
    receipt_type: Option<String>,
    receipt_size: Option<i32>,
    status: String,
    submitted_at: DateTime<Utc>,
    recorded_by: Uuid,
    decided_at: Option<DateTime<Utc>>,
    decided_by: Option<Uuid>,
    decided_by_name: String,
    note: String,
    answer: String,
    paid_at: Option<DateTime<Utc>>,
    given_name: String,
    family_name: String,
    email: String,
    organisation_name: String,
    organisation_slug: String,
}

impl ClaimDbRow {
    pub(crate) fn into_domain(self) -> Result<ClaimRow, StoreError> {
        let mileage = match (self.vehicle, self.miles) {
            (Some(vehicle), Some(miles)) => Some(Mileage {
                vehicle: code(&vehicle)?,
                miles: u32::try_from(miles).map_err(other)?,
                car_miles_before: u32::try_from(self.car_miles_before).map_err(other)?,
            }),
            _ => None,
        };
        let receipt = match (self.receipt_name, self.receipt_type, self.receipt_size) {
            (Some(file_name), Some(kind), Some(size)) => Some(ReceiptInfo {
                file_name,
                kind: code(&kind)?,
                size: u32::try_from(size).map_err(other)?,
            }),
            _ => None,
        };
        Ok(ClaimRow {
            claim: ExpenseClaim {
                id: ExpenseClaimId(self.id),
                organisation_id: OrganisationId(self.organisation_id),
                person_id: PersonId(self.person_id),
                category: code(&self.category)?,
                spent_on: self.spent_on,
                description: self.description,
                amount: Pence(self.amount_pence),
                mileage,
                tax_year: TaxYear(self.tax_year),
                role_id: self.role_id.map(RoleId),
                shift_id: self.shift_id.map(ShiftId),
                receipt,
                status: code(&self.status)?,
                submitted_at: self.submitted_at,
                recorded_by: PersonId(self.recorded_by),
                decided_at: self.decided_at,
                decided_by: self.decided_by.map(PersonId),
                decided_by_name: self.decided_by_name,
                note: self.note,
                answer: self.answer,
                paid_at: self.paid_at,
            },
            claimant_name: format!("{} {}", self.given_name, self.family_name)
                .trim()
                .to_owned(),
            claimant_email: self.email,
            organisation_name: self.organisation_name,
            organisation_slug: self.organisation_slug,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReceiptDbRow {
    content_type: String,
    file_name: String,
    content: Vec<u8>,
}

impl ReceiptDbRow {
    pub(crate) fn into_domain(self) -> Result<Receipt, StoreError> {
        Ok(Receipt {
            file_name: self.file_name,
            kind: code(&self.content_type)?,
            bytes: self.content,
        })
    }
}
