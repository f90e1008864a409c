//! Files the expense routes send: a receipt as a download, and approved claims as a
//! spreadsheet for payment. Every cell that a spreadsheet would run as a
//! formula (starting = + - @, a tab or a carriage return) gets a leading apostrophe.

use crate::csv_export::csv_safe;
use app::AppError;
use app::ports::ClaimRow;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::Labelled;
use domain::expenses::Receipt;
use domain::ids::ExpenseClaimId;

use crate::layout::nhs_datetime;

/// The CSV's header.
const HEADER: [&str; 14] = [
    "Claimant",
    "Email",
    "Claim ID",
    "Date",
    "Category",
    "Description",
    "Vehicle",
    "Miles",
    "Mileage rates",
    "Amount (£)",
    "Status",
    "Approved by",
    "Approved on",
    "Paid on",
];

/// The claims as CSV, one line each.
pub fn payment_csv(rows: &[ClaimRow]) -> Result<Vec<u8>, AppError> {
    let fail = |e: csv::Error| AppError::Internal(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).map_err(fail)?;
    for row in rows {
        let c = &row.claim;
        let m = c.mileage;
        let line = [
            row.claimant_name.clone(),
            row.claimant_email.clone(),
            c.id.to_string(),
            c.spent_on.to_string(),
            c.category.label().to_owned(),
            c.description.clone(),
            m.map(|m| m.vehicle.label().to_owned()).unwrap_or_default(),
            m.map(|m| m.miles.to_string()).unwrap_or_default(),
            m.map(|m| m.payment().describe()).unwrap_or_default(),
            c.amount.plain(),
            c.status.label().to_owned(),
            c.decided_by_name.clone(),
            c.decided_at.map(|t| nhs_datetime(&t)).unwrap_or_default(),
            c.paid_at.map(|t| nhs_datetime(&t)).unwrap_or_default(),
        ];
        w.write_record(line.iter().map(|v| csv_safe(v)))
            .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// A receipt as a download, named by its claim (never by what was uploaded).
pub fn receipt_response(id: ExpenseClaimId, receipt: Receipt) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                domain::Labelled::code(receipt.kind).to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"receipt-{id}.{}\"",
                    receipt.kind.extension()
                ),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        receipt.bytes,
    )
        .into_response()
}
