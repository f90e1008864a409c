//! Files the expense routes take and send: a receipt uploaded by a manager, a receipt as a
//! download, and approved claims as a spreadsheet for payment. Every cell that a spreadsheet
//! would run as a formula (starting = + - @, a tab or a carriage return) gets a leading
//! apostrophe.

use crate::csv_export::{Cell, Table};
use app::AppError;
use app::expenses::ReceiptUpload;
use app::ports::ClaimRow;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use domain::expenses::{MAX_RECEIPT_BYTES, Receipt, ReceiptKind};
use domain::ids::ExpenseClaimId;
use domain::{FieldErrors, Labelled};

use super::ClaimView;
use crate::AppState;
use crate::api::auth::ApiScope;
use crate::api::input::Id;
use crate::api::problem::{ApiError, PROBLEM_JSON, Problem};
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

/// The claims as a table for payment, one line each.
pub fn payment_table(rows: &[ClaimRow]) -> Table {
    let mut table = Table::new("Expense claims", &HEADER);
    for row in rows {
        let c = &row.claim;
        let m = c.mileage;
        table.push(vec![
            Cell::text(row.claimant_name.clone()),
            Cell::text(row.claimant_email.clone()),
            Cell::text(c.id.to_string()),
            Cell::Date(c.spent_on),
            Cell::text(c.category.label()),
            Cell::text(c.description.clone()),
            Cell::text(m.map(|m| m.vehicle.label().to_owned()).unwrap_or_default()),
            m.map_or(Cell::Blank, |m| Cell::Integer(i64::from(m.miles))),
            Cell::text(m.map(|m| m.payment().describe()).unwrap_or_default()),
            Cell::Pence(c.amount.0),
            Cell::text(c.status.label()),
            Cell::text(c.decided_by_name.clone()),
            Cell::text(c.decided_at.map(|t| nhs_datetime(&t)).unwrap_or_default()),
            Cell::text(c.paid_at.map(|t| nhs_datetime(&t)).unwrap_or_default()),
        ]);
    }
    table
}

/// The claims as CSV, one line each.
pub fn payment_csv(rows: &[ClaimRow]) -> Result<Vec<u8>, AppError> {
    payment_table(rows).to_csv()
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

/// The field a receipt upload's problems are named by.
const RECEIPT: &str = "receipt";

/// Add or replace an expense claim's receipt
///
/// Send the file itself as the body (not JSON, not a form), with its `Content-Type`:
/// `application/pdf`, `image/jpeg` or `image/png` (or `application/octet-stream` to have the
/// kind worked out from the file), at most 5 MB, and optionally
/// `Content-Disposition: attachment; filename="…"` for the name it is kept under. The file is
/// checked as a volunteer's upload is: by its first bytes, which must match the type sent. A
/// claim can have its receipt added or replaced while it is waiting for a decision or for the
/// volunteer's answer. Audited.
#[utoipa::path(put, path = "/api/v1/expenses/{id}/receipt", tag = "expenses",
    params(("id" = Uuid, Path, description = "The claim's id")),
    request_body(description = "The receipt file, at most 5 MB",
        content(("application/pdf"), ("image/jpeg"), ("image/png"), ("application/octet-stream"))),
    responses(
        (status = 200, description = "The claim, with its receipt's details", body = ClaimView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the claim first", body = Problem, content_type = PROBLEM_JSON),
        (status = 415, description = "The `Content-Type` is not a PDF, JPEG or PNG (`receipt`)", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The file is empty, larger than 5 MB, not what its type says, or the claim has been decided (`receipt`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn upload_expense_receipt(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ClaimView>, ApiError> {
    // Another organisation's claim is not found, whatever was sent.
    state.app.expense_claim(&scope, id).await?;
    let declared = declared_kind(&headers)?;
    let too_large = || FieldErrors::one(RECEIPT, "The receipt must be 5 MB or smaller");
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if length.is_some_and(|n| n > MAX_RECEIPT_BYTES) {
        return Err(too_large().into());
    }
    let bytes = axum::body::to_bytes(body, MAX_RECEIPT_BYTES)
        .await
        .map_err(|_| too_large())?;
    let upload = ReceiptUpload {
        file_name: file_name(&headers),
        bytes: bytes.to_vec(),
    };
    state
        .app
        .attach_expense_receipt(&scope, id, upload, declared)
        .await?;
    Ok(Json(state.app.expense_claim(&scope, id).await?.into()))
}

/// The kind of file the `Content-Type` says the body is: `None` when it does not say
/// (missing, or `application/octet-stream`), or a 415 naming `receipt` for any other type.
fn declared_kind(headers: &HeaderMap) -> Result<Option<ReceiptKind>, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let media = value
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "" | "application/octet-stream" => Ok(None),
        "image/jpg" | "image/pjpeg" => Ok(Some(ReceiptKind::Jpeg)),
        other => ReceiptKind::from_code(other).map(Some).ok_or_else(|| {
            ApiError::UnsupportedMediaType(FieldErrors::one(
                RECEIPT,
                "Send the receipt as application/pdf, image/jpeg or image/png",
            ))
        }),
    }
}

/// The `filename` of a `Content-Disposition` header, or "" (the receipt is then named by its
/// kind). The name is only ever shown; the domain cleans it.
pub(crate) fn file_name(headers: &HeaderMap) -> String {
    let value = headers
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    value
        .split(';')
        .filter_map(|part| part.trim().split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("filename"))
        .map(|(_, name)| name.trim().trim_matches('"').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn reads_the_declared_kind_and_file_name() {
        let kind = |v| declared_kind(&headers(&[(header::CONTENT_TYPE, v)])).ok();
        assert_eq!(
            kind("image/PNG; charset=binary"),
            Some(Some(ReceiptKind::Png))
        );
        assert_eq!(kind("image/jpg"), Some(Some(ReceiptKind::Jpeg)));
        assert_eq!(kind("application/octet-stream"), Some(None));
        assert_eq!(kind("text/html"), None);
        assert_eq!(declared_kind(&HeaderMap::new()).ok(), Some(None));
        let named = headers(&[(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"bus ticket.pdf\"",
        )]);
        assert_eq!(file_name(&named), "bus ticket.pdf");
        assert_eq!(file_name(&HeaderMap::new()), "");
    }
}
