//! Changing a shift (one, or it and the later ones in its series) and cancelling it, each a
//! page of its own under `/manage/{organisation}/shifts/{id}`.

use app::AppError;
use app::OrgScope;
use app::rota_manage::{ShiftDetail, ShiftEdit};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::Datelike;
use domain::FieldErrors;
use domain::ids::ShiftId;
use domain::rota::ShiftInput;
use domain::rota::shift_change::{local_date, when};

use super::{id, managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The routes of this page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/shifts/{id}/edit", get(edit_form).post(edit))
        .route(
            "/manage/{org}/shifts/{id}/series",
            get(series_form).post(series),
        )
        .route(
            "/manage/{org}/shifts/{id}/cancel",
            get(cancel_form).post(cancel),
        )
}

#[derive(Template)]
#[template(path = "manage/shift_form.html")]
struct FormPage {
    layout: Layout,
    slug: String,
    id: String,
    /// Changing the series: no date fields.
    series: bool,
    when: String,
    booked: u16,
    /// Day, month and year as typed.
    date: (String, String, String),
    input: ShiftInput,
    supervisor_id: String,
    supervisors: Vec<(String, String)>,
}

/// The form as it is sent.
fn edit_input(form: &FormData) -> ShiftEdit {
    ShiftEdit {
        shift: ShiftInput {
            date: form.date("date"),
            start_time: form.get("start_time"),
            end_time: form.get("end_time"),
            min_volunteers: form.get("min_volunteers"),
            max_volunteers: form.get("max_volunteers"),
            notes: form.get("notes"),
        },
        supervisor_id: form.get("supervisor_id"),
    }
}

/// The shift as it stands, as the form shows it.
fn current(d: &ShiftDetail) -> ((String, String, String), ShiftEdit) {
    let s = &d.row.shift;
    let date = local_date(s);
    let slot = s.local_slot();
    let edit = ShiftEdit {
        shift: ShiftInput {
            date: date.to_string(),
            start_time: slot.start.format("%H:%M").to_string(),
            end_time: slot.end.format("%H:%M").to_string(),
            min_volunteers: s.min_volunteers.to_string(),
            max_volunteers: s.max_volunteers.to_string(),
            notes: s.notes.clone(),
        },
        supervisor_id: s.supervisor.map(|p| p.to_string()).unwrap_or_default(),
    };
    let parts = (
        date.day().to_string(),
        date.month().to_string(),
        date.year().to_string(),
    );
    (parts, edit)
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    shift: ShiftId,
    series: bool,
    date: (String, String, String),
    edit: ShiftEdit,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let d = state.app.managed_shift(scope, shift).await?;
    let supervisors = state
        .app
        .supervisor_options(scope, d.row.shift.site_id)
        .await?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let title = if series {
        "Change this and the later shifts in the series"
    } else {
        "Change the shift"
    };
    let layout = Layout::for_org(title, user, scope).with_errors(errors);
    let status = layout.status();
    let page = FormPage {
        layout,
        slug: scope.organisation().slug.to_string(),
        id: shift.to_string(),
        series,
        when: when(&d.row.shift),
        booked: d.row.booked,
        date,
        input: edit.shift,
        supervisor_id: edit.supervisor_id,
        supervisors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show_form(
    state: AppState,
    user: SignedIn,
    org: String,
    shift: String,
    series: bool,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let d = state.app.managed_shift(&scope, shift).await?;
    if series && d.row.shift.series_id.is_none() {
        return Err(AppError::NotFound.into());
    }
    let (date, edit) = current(&d);
    form_page(
        &state,
        &user,
        &scope,
        shift,
        series,
        date,
        edit,
        FieldErrors::new(),
    )
    .await
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
) -> Result<Response, WebError> {
    show_form(state, user, org, shift, false).await
}

async fn series_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
) -> Result<Response, WebError> {
    show_form(state, user, org, shift, true).await
}

async fn save(
    state: AppState,
    user: SignedIn,
    org: String,
    shift: String,
    series: bool,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let edit = edit_input(&form);
    let result = if series {
        state
            .app
            .edit_series(&scope, shift, &edit)
            .await
            .map(|_| "series")
    } else {
        state
            .app
            .edit_shift(&scope, shift, &edit)
            .await
            .map(|_| "updated")
    };
    let errors = match result {
        Ok(done) => return Ok(to(format!("/manage/{org}/shifts/{shift}?done={done}"))),
        Err(AppError::Invalid(errors)) => errors,
        Err(e) => return Err(e.into()),
    };
    let date = (
        form.get("date-day"),
        form.get("date-month"),
        form.get("date-year"),
    );
    form_page(&state, &user, &scope, shift, series, date, edit, errors).await
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    save(state, user, org, shift, false, body).await
}

async fn series(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    save(state, user, org, shift, true, body).await
}

#[derive(Template)]
#[template(path = "manage/shift_cancel.html")]
struct CancelPage {
    layout: Layout,
    slug: String,
    id: String,
    role_title: String,
    site_name: String,
    when: String,
    /// The names of everyone who will be told.
    booked: Vec<String>,
    reason: String,
}

async fn cancel_page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    shift: ShiftId,
    reason: String,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let d = state.app.managed_shift(scope, shift).await?;
    let layout = Layout::for_org("Cancel this shift", user, scope).with_errors(errors);
    let status = layout.status();
    let page = CancelPage {
        layout,
        slug: scope.organisation().slug.to_string(),
        id: shift.to_string(),
        when: when(&d.row.shift),
        booked: d.booked.iter().map(|b| b.person_name.clone()).collect(),
        role_title: d.role_title,
        site_name: d.site_name,
        reason,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn cancel_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    cancel_page(
        &state,
        &user,
        &scope,
        shift,
        String::new(),
        FieldErrors::new(),
    )
    .await
}

async fn cancel(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let shift: ShiftId = id(&shift)?;
    let reason = form.get("reason");
    match state.app.cancel_shift(&scope, shift, &reason).await {
        Ok(_) => Ok(to(format!("/manage/{org}/shifts/{shift}?done=cancelled"))),
        Err(AppError::Invalid(errors)) => {
            cancel_page(&state, &user, &scope, shift, reason, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
