//! Moving a booked volunteer to another of the organisation's shifts: a page listing the shifts
//! with room in roles they are active in, and the move itself (all or nothing).

use app::AppError;
use app::OrgScope;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::{BookingId, ShiftId};
use domain::rota::shift_change::{fill_state, when};

use super::{id, managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The routes of this page.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/manage/{org}/shifts/{id}/bookings/{booking}/move",
        get(move_form).post(move_volunteer),
    )
}

/// A shift to choose.
struct TargetView {
    id: String,
    label: String,
}

#[derive(Template)]
#[template(path = "manage/shift_move.html")]
struct MovePage {
    layout: Layout,
    slug: String,
    id: String,
    booking: String,
    name: String,
    when: String,
    targets: Vec<TargetView>,
    chosen: String,
    reason: String,
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    shift: ShiftId,
    booking: BookingId,
    (chosen, reason): (String, String),
    errors: FieldErrors,
    status: StatusCode,
) -> Result<Response, WebError> {
    let d = state.app.managed_shift(scope, shift).await?;
    let name = d
        .booked
        .iter()
        .find(|b| b.booking.id == booking)
        .map(|b| b.person_name.clone())
        .ok_or(AppError::NotFound)?;
    let targets = state
        .app
        .move_targets(scope, shift, booking)
        .await?
        .into_iter()
        .map(|t| TargetView {
            id: t.row.shift.id.to_string(),
            label: format!(
                "{} at {}, {} ({})",
                t.role_title,
                t.site_name,
                when(&t.row.shift),
                fill_state(&t.row.shift, t.row.booked)
            ),
        })
        .collect();
    let title = format!("Move {name} to another shift");
    let layout = Layout::for_org(&title, user, scope).with_errors(errors);
    let status = if layout.errors.is_empty() {
        StatusCode::OK
    } else {
        status
    };
    let page = MovePage {
        layout,
        slug: scope.organisation().slug.to_string(),
        id: shift.to_string(),
        booking: booking.to_string(),
        name,
        when: when(&d.row.shift),
        targets,
        chosen,
        reason,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn move_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift, booking)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let (shift, booking) = (id(&shift)?, id(&booking)?);
    let typed = (String::new(), String::new());
    page(
        &state,
        &user,
        &scope,
        shift,
        booking,
        typed,
        FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn move_volunteer(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift, booking)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let (shift, booking): (ShiftId, BookingId) = (id(&shift)?, id(&booking)?);
    let (to_shift, reason) = (form.get("to_shift_id"), form.get("reason"));
    let result = state
        .app
        .move_booking(&scope, shift, booking, &to_shift, &reason)
        .await;
    let (errors, status) = match result {
        Ok(_) => return Ok(to(format!("/manage/{org}/shifts/{shift}?done=moved"))),
        Err(AppError::Invalid(errors)) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        // A refusal by the rota (the other shift filled up, say): nothing moved.
        Err(AppError::Conflict(what)) => (
            FieldErrors::one("to_shift_id", format!("They have not been moved. {what}")),
            StatusCode::CONFLICT,
        ),
        Err(e) => return Err(e.into()),
    };
    let typed = (to_shift, reason);
    page(&state, &user, &scope, shift, booking, typed, errors, status).await
}
