//! Expense claims as the API answers with them.

use app::ports::{ClaimRow, Page};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::expenses::{ClaimStatus, ExpenseCategory, Vehicle};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::views::code_schemas;

code_schemas!(
    /// The codes of [`ExpenseCategory`].
    CategoryCode: ExpenseCategory = "What a cost was for. There is no allowance or flat-rate category: volunteers are paid back only what they actually spent."
);
code_schemas!(
    /// The codes of [`ClaimStatus`].
    ClaimStatusCode: ClaimStatus = "Where a claim has got to: waiting for a decision (submitted), sent back with a question (queried), approved, not approved (rejected) or paid."
);
code_schemas!(
    /// The codes of [`Vehicle`].
    VehicleCode: Vehicle = "What a volunteer travelled in: car (or van: 45p a mile for the first 10,000 miles in the tax year, 25p after), motorcycle (24p) or bicycle (20p)."
);

/// A claim's receipt, without the file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReceiptView {
    /// The name it was uploaded with.
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u32,
}

/// A volunteer's expense claim: one actual cost, or one journey's mileage.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClaimView {
    /// Identifier.
    pub id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// The volunteer's name.
    pub claimant_name: String,
    /// What the cost was for.
    #[schema(value_type = CategoryCode)]
    pub category: &'static str,
    /// The UK date of the cost or journey.
    pub date: NaiveDate,
    /// What it was, in the volunteer's words.
    pub description: String,
    /// What is to be paid back, in pence.
    pub amount_pence: i64,
    /// The same in pounds, like "12.50".
    pub amount: String,
    /// For mileage: what they travelled in.
    #[schema(value_type = Option<VehicleCode>)]
    pub vehicle: Option<&'static str>,
    /// For mileage: whole miles.
    pub miles: Option<u32>,
    /// For mileage: car or van miles claimed earlier in the tax year with this organisation.
    pub car_miles_before: Option<u32>,
    /// For mileage: the rates applied, like "50 miles at 45p and 50 miles at 25p".
    pub mileage_rates: Option<String>,
    /// The tax year of the date, by the year it starts (6 April).
    pub tax_year: i32,
    /// The role it was for, if said.
    pub role_id: Option<Uuid>,
    /// The shift it was for, if said.
    pub shift_id: Option<Uuid>,
    /// The receipt, if one was uploaded.
    pub receipt: Option<ReceiptView>,
    /// Where it has got to.
    #[schema(value_type = ClaimStatusCode)]
    pub status: &'static str,
    /// When it was (last) sent.
    pub submitted_at: DateTime<Utc>,
    /// Who entered it: the volunteer, or a manager for them.
    pub recorded_by: Uuid,
    /// When the latest decision or question was made.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who made it.
    pub decided_by_name: String,
    /// The reason it was not approved, or the question asked.
    pub note: String,
    /// The volunteer's answer to the question.
    pub answer: String,
    /// When it was marked paid.
    pub paid_at: Option<DateTime<Utc>>,
}

impl From<ClaimRow> for ClaimView {
    fn from(row: ClaimRow) -> Self {
        let c = row.claim;
        let m = c.mileage;
        Self {
            id: c.id.0,
            person_id: c.person_id.0,
            claimant_name: row.claimant_name,
            category: c.category.code(),
            date: c.spent_on,
            description: c.description,
            amount_pence: c.amount.0,
            amount: c.amount.plain(),
            vehicle: m.map(|m| m.vehicle.code()),
            miles: m.map(|m| m.miles),
            car_miles_before: m.map(|m| m.car_miles_before),
            mileage_rates: m.map(|m| m.payment().describe()),
            tax_year: c.tax_year.0,
            role_id: c.role_id.map(|r| r.0),
            shift_id: c.shift_id.map(|s| s.0),
            receipt: c.receipt.map(|r| ReceiptView {
                file_name: r.file_name,
                content_type: r.kind.code().to_owned(),
                size: r.size,
            }),
            status: c.status.code(),
            submitted_at: c.submitted_at,
            recorded_by: c.recorded_by.0,
            decided_at: c.decided_at,
            decided_by_name: c.decided_by_name,
            note: c.note,
            answer: c.answer,
            paid_at: c.paid_at,
        }
    }
}

/// A page of expense claims, oldest sent first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClaimPage {
    /// The claims on this page, oldest sent first.
    pub items: Vec<ClaimView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Claims in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl From<Page<ClaimRow>> for ClaimPage {
    fn from(p: Page<ClaimRow>) -> Self {
        let pages = p.pages();
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
            pages,
        }
    }
}
