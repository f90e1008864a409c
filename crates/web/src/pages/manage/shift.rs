//! A manager's page for one shift: its details and how full it is in words, who is booked and
//! who cancelled, and forms to add or remove a volunteer. Changing, cancelling and moving are in
//! `shift_edit` and `shift_move`.

use app::AppError;
use app::OrgScope;
use app::rota_manage::{Candidate, ShiftDetail};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::{BookingId, ShiftId};
use domain::rota::from_utc;
use domain::rota::shift_change::{fill_state, when};

use super::{id, scope, to};
use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The routes of this page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/shifts/{id}", get(show))
        .route("/manage/{org}/shifts/{id}/bookings", post(add))
        .route(
            "/manage/{org}/shifts/{id}/bookings/{booking}/remove",
            post(remove),
        )
}

/// One booked volunteer as listed.
struct BookedView {
    id: String,
    /// The reason box's id, which the error summary links to.
    field: String,
    name: String,
    booked_at: String,
    /// The reason typed, when sent back with an error.
    reason: String,
}

/// One cancelled place as listed.
struct CancelledView {
    name: String,
    cancelled_at: String,
    reason: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "manage/shift.html")]
struct ShiftPage {
    layout: Layout,
    slug: String,
    id: String,
    detail: ShiftDetail,
    when: String,
    ends_next_day: bool,
    fill: String,
    under_filled: bool,
    cancelled_on: String,
    /// Changes are possible: the scope may manage, and the shift is neither cancelled nor started.
    changeable: bool,
    /// No more places.
    full: bool,
    booked: Vec<BookedView>,
    cancelled: Vec<CancelledView>,
    candidates: Vec<Candidate>,
    chosen: String,
    done: &'static str,
}

/// What was typed into one of the page's forms, to show again beside its errors.
#[derive(Default)]
struct Typed {
    /// The booking whose removal reason was typed, and the reason.
    reason: Option<(BookingId, String)>,
    /// The volunteer chosen to add.
    person_id: String,
}

fn done_message(code: &str) -> &'static str {
    match code {
        "updated" => "The shift has been changed. Everyone booked has been told of any new times.",
        "series" => {
            "This shift and the later ones in its series have been changed. Everyone booked has been told of any new times."
        }
        "cancelled" => "The shift has been cancelled. Everyone who was booked has been emailed.",
        "added" => "The volunteer has a place on this shift. They have been emailed.",
        "removed" => "The volunteer's place has been cancelled. They have been emailed.",
        "moved" => "The volunteer has been moved to the other shift. They have been emailed.",
        _ => "",
    }
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    Query(done): Query<Done>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let message = done_message(&done.done);
    let none = (FieldErrors::new(), StatusCode::OK);
    render(
        &state,
        &user,
        &scope,
        shift,
        none,
        Typed::default(),
        message,
    )
    .await
}

/// The page, with any errors from a form on it (422, or 409 for a refusal by the rota).
async fn render(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    shift: ShiftId,
    (errors, status): (FieldErrors, StatusCode),
    typed: Typed,
    done: &'static str,
) -> Result<Response, WebError> {
    let detail = state.app.managed_shift(scope, shift).await?;
    let s = &detail.row.shift;
    let now = state.app.clock.now();
    let can_manage = scope.can(domain::staff::Capability::ManageVolunteering);
    let changeable = can_manage && !s.cancelled && s.starts_at > now;
    let full = s.places_left(detail.row.booked) == 0;
    let candidates = if changeable && !full {
        state.app.shift_candidates(scope, shift).await?
    } else {
        Vec::new()
    };
    let booked = detail
        .booked
        .iter()
        .map(|b| BookedView {
            id: b.booking.id.to_string(),
            field: format!("{}-reason", b.booking.id),
            name: b.person_name.clone(),
            booked_at: nhs_datetime(&b.booking.booked_at),
            reason: match &typed.reason {
                Some((id, reason)) if *id == b.booking.id => reason.clone(),
                _ => String::new(),
            },
        })
        .collect();
    let cancelled = detail
        .cancelled
        .iter()
        .map(|b| CancelledView {
            name: b.person_name.clone(),
            cancelled_at: b
                .booking
                .cancelled_at
                .map(|t| nhs_datetime(&t))
                .unwrap_or_default(),
            reason: b.booking.cancellation_reason.clone(),
            late: b.booking.late,
        })
        .collect();
    let title = format!("{} shift", detail.role_title);
    let layout = Layout::for_org(&title, user, scope).with_errors(errors);
    let status = if layout.errors.is_empty() {
        StatusCode::OK
    } else {
        status
    };
    let page = ShiftPage {
        slug: scope.organisation().slug.to_string(),
        id: shift.to_string(),
        when: when(s),
        ends_next_day: from_utc(s.ends_at).date() != from_utc(s.starts_at).date(),
        fill: fill_state(s, detail.row.booked),
        under_filled: s.is_under_filled(detail.row.booked),
        cancelled_on: detail
            .cancellation
            .as_ref()
            .map(|c| nhs_datetime(&c.cancelled_at))
            .unwrap_or_default(),
        changeable,
        full,
        booked,
        cancelled,
        candidates,
        chosen: typed.person_id,
        done,
        layout,
        detail,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// Errors from a form on the page, and the status to answer with: 422 for invalid input, 409
/// for a refusal by the rota (shown against `field`).
fn form_errors(error: AppError, field: &str) -> Result<(FieldErrors, StatusCode), WebError> {
    match error {
        AppError::Invalid(errors) => Ok((errors, StatusCode::UNPROCESSABLE_ENTITY)),
        AppError::Conflict(what) => Ok((FieldErrors::one(field, what), StatusCode::CONFLICT)),
        other => Err(other.into()),
    }
}

async fn add(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let person = form.get("person_id");
    match state.app.add_to_shift(&scope, shift, &person).await {
        Ok(_) => Ok(to(format!("/manage/{org}/shifts/{shift}?done=added"))),
        Err(e) => {
            let errors = form_errors(e, "person_id")?;
            let typed = Typed {
                person_id: person,
                ..Typed::default()
            };
            render(&state, &user, &scope, shift, errors, typed, "").await
        }
    }
}

async fn remove(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift, booking)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let booking: BookingId = id(&booking)?;
    let reason = form.get("reason");
    match state
        .app
        .remove_from_shift(&scope, shift, booking, &reason)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{org}/shifts/{shift}?done=removed"))),
        Err(e) => {
            let field = format!("{booking}-reason");
            let (found, status) = form_errors(e, "booked")?;
            let mut errors = FieldErrors::new();
            for e in found.0 {
                let name = if e.field == "reason" {
                    &field
                } else {
                    &e.field
                };
                errors.add(name, e.message);
            }
            let typed = Typed {
                reason: Some((booking, reason)),
                ..Typed::default()
            };
            render(&state, &user, &scope, shift, (errors, status), typed, "").await
        }
    }
}
