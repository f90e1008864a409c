//! Expenses: the organisation's claims, recording a volunteer's paper claim, decisions on a
//! claim (approve, reject with a reason, query with a question), marking one paid, its receipt
//! (downloaded, or added by a manager), and the CSV of approved claims for payment.

mod files;
mod view;

use app::expenses::manage::ClaimDecision;
use app::ports::ClaimRow;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, NaiveDate};
use domain::FieldErrors;
use domain::expenses::{ClaimInput, ClaimStatus};
use domain::ids::{ExpenseClaimId, PersonId};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiScope;
use super::input::{Id, json, paging, query_code, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{Paging, page_of};
use crate::AppState;
pub use files::*;
pub use view::{ClaimPage, ClaimView};

/// The expense routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/expenses", get(list_expenses).post(record_expense))
        .route("/expenses/{id}", get(get_expense))
        .route("/expenses/{id}/approve", post(approve_expense))
        .route("/expenses/{id}/reject", post(reject_expense))
        .route("/expenses/{id}/query", post(query_expense))
        .route("/expenses/{id}/paid", post(mark_expense_paid))
        .route(
            "/expenses/{id}/receipt",
            get(expense_receipt).put(upload_expense_receipt),
        )
        .route("/reports/expenses", get(expenses_report))
}

/// The filter and paging of the claims list. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document"
)]
pub struct ClaimsQuery {
    /// Only claims in this status: submitted, queried, approved, rejected or paid (default all).
    pub status: Option<String>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Claims per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

/// The range of the payment CSV. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document"
)]
pub struct ReportQuery {
    /// `approved` (default) or `paid`.
    pub status: Option<String>,
    /// The first UK date a claim was decided on, `YYYY-MM-DD` (default 30 days before `to`).
    pub from: Option<NaiveDate>,
    /// The last UK date, included, `YYYY-MM-DD` (default today).
    pub to: Option<NaiveDate>,
}

/// A paper claim recorded for a volunteer.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ClaimBody {
    /// The volunteer, who must be active in the organisation.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub person_id: String,
    /// What the cost was for: fares, mileage, parking, meals or other. There is no allowance or
    /// flat-rate category.
    #[serde(default, deserialize_with = "text")]
    pub category: String,
    /// The UK date of the cost or journey, like "2027-03-05"; today or in the last 12 months.
    #[serde(default, deserialize_with = "text")]
    pub date: String,
    /// What it was.
    #[serde(default, deserialize_with = "text")]
    pub description: String,
    /// What was spent, like "4.50" or "£4.50", more than £0 and at most £1,000 (ignored for
    /// mileage, which is worked out from the miles at HMRC's rates).
    #[serde(default, deserialize_with = "text")]
    pub amount: String,
    /// For mileage: car, motorcycle or bicycle.
    #[serde(default, deserialize_with = "text")]
    pub vehicle: String,
    /// For mileage: whole miles, 1 to 1,000.
    #[serde(default, deserialize_with = "text")]
    pub miles: String,
    /// Optionally, one of the volunteer's active roles.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub role_id: String,
    /// Optionally, one of the volunteer's shifts in the last 90 days.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub shift_id: String,
}

/// A decision's words: the reason (reject) or the question (query).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NoteBody {
    /// Why the claim is not approved (reject).
    #[serde(default, deserialize_with = "text")]
    pub reason: String,
    /// What the volunteer is asked (query).
    #[serde(default, deserialize_with = "text")]
    pub question: String,
}

/// List expense claims
///
/// A page of the organisation's claims, oldest sent first, optionally in one status.
#[utoipa::path(get, path = "/api/v1/expenses", tag = "expenses", params(ClaimsQuery),
    responses(
        (status = 200, description = "A page of claims", body = ClaimPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A status or paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn list_expenses(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<ClaimPage>, ApiError> {
    let raw = query.as_deref().unwrap_or_default();
    let mut errors = FieldErrors::new();
    let status = query_code::<ClaimStatus>(raw, "status", &mut errors);
    let (page, per_page) = paging(raw, &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let rows = state.app.expense_queue(&scope, status).await?;
    let paging = Paging {
        page: page.unwrap_or(1),
        per_page: per_page.unwrap_or(super::people::DEFAULT_PER_PAGE),
    };
    Ok(Json(page_of::<ClaimRow, ClaimPage>(rows, paging)))
}

/// Record a paper claim for a volunteer
///
/// One actual cost, or one journey's mileage at HMRC's rates, for a volunteer active in the
/// organisation. Whoever records it cannot then decide on it.
#[utoipa::path(post, path = "/api/v1/expenses", tag = "expenses", request_body = ClaimBody,
    responses(
        (status = 201, description = "The new claim, waiting for a decision", body = ClaimView,
            headers(("location" = String, description = "The new claim's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Another mileage claim for the volunteer was saved at the same moment; send it again", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (a flat rate or allowance is refused); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn record_expense(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: ClaimBody = json(&body)?;
    let person: Option<PersonId> = b.person_id.trim().parse().ok();
    let input = ClaimInput {
        category: b.category,
        date: b.date,
        description: b.description,
        amount: b.amount,
        vehicle: b.vehicle,
        miles: b.miles,
        role_id: b.role_id,
        shift_id: b.shift_id,
    };
    let claim = state
        .app
        .record_expense_claim(&scope, person, &input)
        .await?;
    let view = ClaimView::from(state.app.expense_claim(&scope, claim.id).await?);
    let location = format!("/api/v1/expenses/{}", claim.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(view),
    )
        .into_response())
}

/// Get one expense claim
#[utoipa::path(get, path = "/api/v1/expenses/{id}", tag = "expenses",
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim", body = ClaimView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_expense(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
) -> Result<Json<ClaimView>, ApiError> {
    Ok(Json(state.app.expense_claim(&scope, id).await?.into()))
}

async fn decide(
    state: &AppState,
    scope: &app::OrgScope,
    id: ExpenseClaimId,
    decision: ClaimDecision,
) -> Result<Json<ClaimView>, ApiError> {
    state.app.decide_expense_claim(scope, id, &decision).await?;
    Ok(Json(state.app.expense_claim(scope, id).await?.into()))
}

/// Approve an expense claim
///
/// The volunteer is told by email. Nobody can approve a claim they made or recorded.
#[utoipa::path(post, path = "/api/v1/expenses/{id}/approve", tag = "expenses",
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The approved claim", body = ClaimView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the claim first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The claim is not waiting for a decision, or is the token holder's own (`decision`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn approve_expense(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
) -> Result<Json<ClaimView>, ApiError> {
    decide(&state, &scope, id, ClaimDecision::Approve).await
}

/// Reject an expense claim, with the reason
#[utoipa::path(post, path = "/api/v1/expenses/{id}/reject", tag = "expenses", request_body = NoteBody,
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim, not approved; the volunteer is told why", body = ClaimView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No `reason`, or the claim cannot be decided on (`decision`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn reject_expense(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
    body: Bytes,
) -> Result<Json<ClaimView>, ApiError> {
    state.app.expense_claim(&scope, id).await?;
    let note: NoteBody = json(&body)?;
    decide(&state, &scope, id, ClaimDecision::Reject(note.reason)).await
}

/// Ask the volunteer a question about an expense claim
///
/// The claim goes back to the volunteer, who can answer, amend it and send it again.
#[utoipa::path(post, path = "/api/v1/expenses/{id}/query", tag = "expenses", request_body = NoteBody,
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim, waiting for the volunteer's answer", body = ClaimView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No `question`, or the claim cannot be queried now (`decision`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn query_expense(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
    body: Bytes,
) -> Result<Json<ClaimView>, ApiError> {
    state.app.expense_claim(&scope, id).await?;
    let note: NoteBody = json(&body)?;
    decide(&state, &scope, id, ClaimDecision::Query(note.question)).await
}

/// Mark an approved expense claim paid
#[utoipa::path(post, path = "/api/v1/expenses/{id}/paid", tag = "expenses",
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim, paid; the volunteer is told", body = ClaimView),
        (status = 404, description = "No such claim in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The claim is not approved (`claims`)", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn mark_expense_paid(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
) -> Result<Json<ClaimView>, ApiError> {
    state.app.mark_expense_claims_paid(&scope, &[id]).await?;
    Ok(Json(state.app.expense_claim(&scope, id).await?.into()))
}

/// Download an expense claim's receipt
///
/// The file as uploaded: a PDF, JPEG or PNG. Each download is audited.
#[utoipa::path(get, path = "/api/v1/expenses/{id}/receipt", tag = "expenses",
    params(("id" = Uuid, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The receipt file", content_type = "application/octet-stream"),
        (status = 404, description = "No such claim in this organisation, or it has no receipt", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn expense_receipt(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ExpenseClaimId>,
) -> Result<Response, ApiError> {
    let receipt = state.app.expense_receipt(&scope, id).await?;
    Ok(receipt_response(id, receipt))
}

/// Approved expense claims for payment, as CSV
///
/// Claims approved (or paid) on UK dates `from` to `to`, oldest sent first: claimant, claim id,
/// date, category, description, miles, amount in pounds, who approved it and when. Cells that a
/// spreadsheet would run as formulas start with an apostrophe. Each export is audited.
#[utoipa::path(get, path = "/api/v1/reports/expenses", tag = "expenses", params(ReportQuery),
    responses(
        (status = 200, description = "The claims as CSV", content_type = "text/csv"),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A status or date is invalid, or the range is longer than a year", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn expenses_report(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let raw = query.as_deref().unwrap_or_default();
    let mut errors = FieldErrors::new();
    let status = match query_value(raw, "status").as_deref() {
        None | Some("approved") => ClaimStatus::Approved,
        Some("paid") => ClaimStatus::Paid,
        Some(_) => {
            errors.add("status", "Status must be approved or paid");
            ClaimStatus::Approved
        }
    };
    let mut date = |name: &str| {
        query_value(raw, name).and_then(|v| {
            let d = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
            if d.is_none() {
                errors.add(
                    name,
                    format!("{name} must be a real date written YYYY-MM-DD"),
                );
            }
            d
        })
    };
    let to = date("to");
    let from = date("from");
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let to = to.unwrap_or_else(|| domain::rota::from_utc(state.app.clock.now()).date());
    let from = from.unwrap_or(to - Duration::days(30));
    let rows = state
        .app
        .export_expense_claims(&scope, status, from, to)
        .await?;
    let body = payment_csv(&rows)?;
    Ok(crate::csv_export::csv_response(
        body,
        &format!("expenses-{from}-to-{to}.csv"),
    ))
}
