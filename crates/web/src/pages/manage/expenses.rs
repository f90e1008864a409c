//! Managers' expenses: the queue of claims (oldest first, by status), the CSV of approved claims
//! for payment, and marking paid the claims that have been paid. One claim's page is in
//! [`claim`].

mod claim;

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Duration, NaiveDate};
use domain::expenses::ClaimStatus;
use domain::ids::ExpenseClaimId;
use domain::person::parse_date;
use domain::{FieldErrors, Labelled};
use serde::Deserialize;

use super::{scope, to};
use crate::csv_export::{Format, download};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::my_expenses::view::ClaimLine;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The expenses queue, its CSV, and one claim's pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/expenses", get(list))
        .route("/manage/{org}/expenses.csv", get(export))
        .route("/manage/{org}/expenses.xlsx", get(export))
        .route("/manage/{org}/expenses/paid", post(mark_paid))
        .route(
            "/manage/{org}/expenses/{id}",
            get(claim::show).post(claim::decide),
        )
        .route("/manage/{org}/expenses/{id}/receipt", get(claim::receipt))
}

/// The queue's filter and the export's range, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct Filters {
    /// A status code, "all", or blank (waiting for a decision).
    status: String,
    /// The export's first UK date.
    from: String,
    /// The export's last UK date.
    to: String,
    /// What the page says after a change.
    done: String,
}

impl Filters {
    /// The status to list: blank is those waiting for a decision; "all" is every claim.
    fn status(&self) -> Result<Option<ClaimStatus>, FieldErrors> {
        match self.status.trim() {
            "" => Ok(Some(ClaimStatus::Submitted)),
            "all" => Ok(None),
            code => ClaimStatus::from_code(code)
                .map(Some)
                .ok_or_else(|| FieldErrors::one("status", "Choose a status from the list")),
        }
    }

    /// The export's status (approved unless "paid") and UK date range (the last 30 days unless
    /// given).
    pub(crate) fn export(
        &self,
        today: NaiveDate,
    ) -> Result<(ClaimStatus, NaiveDate, NaiveDate), FieldErrors> {
        let mut e = FieldErrors::new();
        let status = match self.status.trim() {
            "" | "approved" => Some(ClaimStatus::Approved),
            "paid" => Some(ClaimStatus::Paid),
            _ => {
                e.add("status", "Export approved claims, or paid ones");
                None
            }
        };
        let mut date = |field: &str, raw: &str, default: NaiveDate| {
            if raw.trim().is_empty() {
                return Some(default);
            }
            let parsed = parse_date(raw);
            if parsed.is_none() {
                e.add(field, "Enter a real date, like 5 3 2027");
            }
            parsed
        };
        let from = date("from", &self.from, today - Duration::days(30));
        let to = date("to", &self.to, today);
        e.finish(|| Some((status?, from?, to?)))
    }
}

#[derive(Template)]
#[template(path = "manage/expenses.html")]
struct QueuePage {
    layout: Layout,
    slug: String,
    status: String,
    statuses: Vec<(&'static str, &'static str)>,
    claims: Vec<ClaimLine>,
    approved: Vec<ClaimLine>,
    from: String,
    to: String,
    done: &'static str,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    filters: Filters,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let status = filters.status().unwrap_or(Some(ClaimStatus::Submitted));
    let claims = state.app.expense_queue(&scope, status).await?;
    let approved = state
        .app
        .expense_queue(&scope, Some(ClaimStatus::Approved))
        .await?;
    let today = domain::rota::from_utc(state.app.clock.now()).date();
    let done = match filters.done.as_str() {
        "approved" => "The claim is approved. The volunteer has been told.",
        "rejected" => "The claim is not approved. The volunteer has been told why.",
        "queried" => "Your question has been sent to the volunteer.",
        "paid" => "The claims are marked paid. The volunteers have been told.",
        _ => "",
    };
    let layout = Layout::for_org("Expenses", user, &scope).with_errors(errors);
    let page = QueuePage {
        slug: scope.organisation().slug.to_string(),
        status: match status {
            None => "all".to_owned(),
            Some(s) => s.code().to_owned(),
        },
        statuses: ClaimStatus::ALL
            .iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        claims: claims.iter().map(ClaimLine::from).collect(),
        approved: approved.iter().map(ClaimLine::from).collect(),
        from: if filters.from.trim().is_empty() {
            (today - Duration::days(30))
                .format("%-d %-m %Y")
                .to_string()
        } else {
            filters.from
        },
        to: if filters.to.trim().is_empty() {
            today.format("%-d %-m %Y").to_string()
        } else {
            filters.to
        },
        done,
        layout,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, WebError> {
    let errors = filters.status().err().unwrap_or_default();
    render(&state, &user, &org, filters, errors).await
}

/// Approved (or paid) claims for payment, as CSV or Excel; errors in the range show on the
/// queue's page.
async fn export(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
    format: Format,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    match crate::exports::expense_table(&state.app, &scope, &filters).await {
        Ok(table) => download(&table, format, &format!("{org}-{}", table.file)),
        Err(AppError::Invalid(errors)) => render(&state, &user, &org, filters, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn mark_paid(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let mut ids = Vec::new();
    for raw in form.all("claim") {
        ids.push(
            raw.trim()
                .parse::<ExpenseClaimId>()
                .map_err(|_| AppError::NotFound)?,
        );
    }
    match state.app.mark_expense_claims_paid(&scope, &ids).await {
        Ok(_) => Ok(to(format!("/manage/{org}/expenses?status=paid&done=paid"))),
        Err(AppError::Invalid(errors)) => {
            let filters = Filters {
                status: "approved".into(),
                ..Filters::default()
            };
            render(&state, &user, &org, filters, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
