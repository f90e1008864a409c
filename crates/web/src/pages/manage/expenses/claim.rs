//! One claim for a manager: what was spent, the receipt, what happened so far, and the decision
//! form (approve, not approve with a reason, or ask the volunteer a question).

use app::AppError;
use app::expenses::manage::ClaimDecision;
use app::ports::ClaimRow;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use domain::FieldErrors;
use domain::expenses::ClaimStatus;
use domain::ids::ExpenseClaimId;

use super::super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date, nhs_datetime};
use crate::pages::my_expenses::view::ClaimLine;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// One line of a claim's history.
struct Event {
    at: String,
    what: &'static str,
}

/// What an audit action means, in words.
fn words(action: &str) -> &'static str {
    match action {
        "expense_claim.submitted" => "Sent by the volunteer",
        "expense_claim.recorded" => "Recorded by a manager for the volunteer",
        "expense_claim.answered" => "Question answered and claim sent again",
        "expense_claim.approved" => "Approved",
        "expense_claim.rejected" => "Not approved",
        "expense_claim.queried" => "Question asked",
        "expense_claim.paid" => "Marked paid",
        "expense_receipt.viewed" => "Receipt downloaded",
        _ => "Changed",
    }
}

#[derive(Template)]
#[template(path = "manage/expense.html")]
struct ClaimPage {
    layout: Layout,
    slug: String,
    c: ClaimLine,
    email: String,
    tax_year: String,
    miles_before: String,
    role: String,
    shift: String,
    history: Vec<Event>,
    /// Why this manager cannot decide ("" when they can).
    own: &'static str,
    /// Whether a decision can be made now.
    open: bool,
    /// Whether a question can be asked now.
    /// What the signed-in manager may decide now.
    decisions: domain::expenses::OpenDecisions,
    action: String,
    reason: String,
    question: String,
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    id: ExpenseClaimId,
    errors: FieldErrors,
    typed: (String, String, String),
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let row: ClaimRow = state.app.expense_claim(&scope, id).await?;
    let claim = &row.claim;
    let history = state
        .app
        .expense_claim_history(&scope, id)
        .await?
        .into_iter()
        .map(|e| Event {
            at: nhs_datetime(&e.at),
            what: words(&e.action),
        })
        .collect();
    let role = match claim.role_id {
        Some(r) => state
            .app
            .role(&scope, r)
            .await
            .map(|r| r.title)
            .unwrap_or_default(),
        None => String::new(),
    };
    let shift = match claim.shift_id {
        Some(s) => state
            .app
            .shift(&scope, s)
            .await
            .map(|r| {
                let start = domain::rota::from_utc(r.shift.starts_at);
                format!("{} at {}", nhs_date(&start.date()), start.format("%H:%M"))
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let me = user.person.id;
    let own = claim.barred_decider(me).unwrap_or_default();
    let decisions = claim.open_decisions(me);
    let miles_before = match claim.mileage {
        Some(m) if m.vehicle == domain::expenses::Vehicle::CarOrVan => format!(
            "{} car or van miles claimed earlier in the {} tax year",
            m.car_miles_before,
            claim.tax_year.label()
        ),
        _ => String::new(),
    };
    let layout = Layout::for_org("Expense claim", user, &scope).with_errors(errors);
    let (action, reason, question) = typed;
    let page = ClaimPage {
        slug: row.organisation_slug.clone(),
        email: row.claimant_email.clone(),
        tax_year: claim.tax_year.label(),
        miles_before,
        role,
        shift,
        history,
        own,
        open: matches!(claim.status, ClaimStatus::Submitted | ClaimStatus::Queried),
        decisions,
        action,
        reason,
        question,
        c: ClaimLine::from(&row),
        layout,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

pub(super) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let claim = id(&raw)?;
    let blank = (String::new(), String::new(), String::new());
    page(&state, &user, &org, claim, FieldErrors::new(), blank).await
}

pub(super) async fn decide(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let claim = id(&raw)?;
    let scope = scope(&state, &user, &org).await?;
    let (action, reason, question) = (
        form.get("decision"),
        form.get("reason"),
        form.get("question"),
    );
    let decided = match ClaimDecision::parse(&action, &reason, &question) {
        Ok(decision) => {
            state
                .app
                .decide_expense_claim(&scope, claim, &decision)
                .await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match decided {
        Ok(c) => Ok(to(format!(
            "/manage/{org}/expenses?done={}",
            match c.status {
                ClaimStatus::Queried => "queried",
                ClaimStatus::Rejected => "rejected",
                _ => "approved",
            }
        ))),
        Err(AppError::Invalid(errors)) => {
            page(
                &state,
                &user,
                &org,
                claim,
                errors,
                (action, reason, question),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn receipt(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let claim = id(&raw)?;
    let scope = scope(&state, &user, &org).await?;
    let receipt = state.app.expense_receipt(&scope, claim).await?;
    Ok(crate::api::expenses::receipt_response(claim, receipt))
}
