//! One of a volunteer's own claims: where it has got to, the manager's question with a form to
//! answer it (amending the claim), and its receipt.

use app::AppError;
use askama::Template;
use axum::extract::{Path, Request, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::expenses::{ClaimInput, ExpenseClaim};
use domain::ids::ExpenseClaimId;

use super::upload::Posted;
use super::view::{ClaimForm, ClaimLine};
use super::{place, unreadable};
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "my/expense.html")]
struct ClaimPage {
    layout: Layout,
    c: ClaimLine,
    /// The answer form, when a question is waiting.
    form: Option<ClaimForm>,
}

/// A claim's fields as the form shows them.
fn typed(c: &ExpenseClaim) -> ClaimInput {
    let m = c.mileage;
    ClaimInput {
        category: domain::Labelled::code(c.category).into(),
        date: c.spent_on.format("%-d %-m %Y").to_string(),
        description: c.description.clone(),
        amount: if m.is_some() {
            String::new()
        } else {
            c.amount.plain()
        },
        vehicle: m
            .map(|m| domain::Labelled::code(m.vehicle).to_owned())
            .unwrap_or_default(),
        miles: m.map(|m| m.miles.to_string()).unwrap_or_default(),
        role_id: c.role_id.map(|r| r.to_string()).unwrap_or_default(),
        shift_id: c.shift_id.map(|s| s.to_string()).unwrap_or_default(),
    }
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    id: ExpenseClaimId,
    layout: Layout,
    typed_back: Option<(ClaimInput, String)>,
) -> Result<String, WebError> {
    let row = state.app.my_expense_claim(user.person.id, org, id).await?;
    let c = ClaimLine::from(&row);
    let form = if c.queried {
        let place = match place(state, user, org).await {
            Ok(p) => p,
            Err(_) => app::expenses::ClaimPlace {
                organisation_id: row.claim.organisation_id,
                organisation_slug: row.organisation_slug.clone(),
                organisation_name: row.organisation_name.clone(),
                roles: Vec::new(),
                shifts: Vec::new(),
                car_miles_this_year: 0,
            },
        };
        let (input, answer) = typed_back.unwrap_or_else(|| (typed(&row.claim), String::new()));
        let mut form = ClaimForm::new(&place, input);
        form.answer = answer;
        Some(form)
    } else {
        None
    };
    Ok(ClaimPage { layout, c, form }.render()?)
}

fn claim_id(raw: &str) -> Result<ExpenseClaimId, WebError> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

pub(super) async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let id = claim_id(&id)?;
    let layout = Layout::for_user("Expense claim", Some(&user));
    Ok(Html(page(&state, &user, &org, id, layout, None).await?))
}

pub(super) async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
    request: Request,
) -> Result<Response, WebError> {
    let posted = Posted::read(request).await;
    // A body cut off (too large) changes nothing, so it is answered with the form and an error
    // even though its anti-forgery token may not have been read.
    if !posted.unreadable {
        user.check_csrf(&posted.form())?;
    }
    let id = claim_id(&id)?;
    let input = posted.claim();
    let answer = posted.get("answer");
    let errors = if posted.unreadable {
        unreadable()
    } else {
        match state
            .app
            .answer_expense_query(user.person.id, &org, id, &input, &answer, posted.receipt)
            .await
        {
            Ok(_) => return Ok(Redirect::to("/my/expenses?done=answered").into_response()),
            Err(AppError::Invalid(errors)) => errors,
            Err(e) => return Err(e.into()),
        }
    };
    let layout = Layout::for_user("Expense claim", Some(&user)).with_errors(errors);
    let status = layout.status();
    let html = page(&state, &user, &org, id, layout, Some((input, answer))).await?;
    Ok((status, Html(html)).into_response())
}

pub(super) async fn receipt(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = claim_id(&id)?;
    let receipt = state
        .app
        .my_expense_receipt(user.person.id, &org, id)
        .await?;
    Ok(crate::api::expenses::receipt_response(id, receipt))
}
