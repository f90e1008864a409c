//! Checking in and out on the volunteer's own phone, from one of their bookings.

use app::AppError;
use app::attendance::{CHECK_IN_FIELD, MyAttendance};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::ids::BookingId;
use domain::rota::attendance::AttendanceStatus;
use domain::rota::from_utc;

use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The phone check-in pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/shifts/{id}/check-in", get(show).post(check_in))
        .route("/my/shifts/{id}/check-out", post(check_out))
}

#[derive(Template)]
#[template(path = "my/check_in.html")]
struct CheckInPage {
    layout: Layout,
    id: String,
    mine: MyAttendance,
    day: String,
    times: String,
    opens: String,
    /// What is recorded, in words ("", "Checked in at 09:58", …).
    recorded: String,
    done: &'static str,
    /// The id of the part of the page errors are about.
    field: &'static str,
}

fn clock(t: DateTime<Utc>) -> String {
    from_utc(t).format("%H:%M").to_string()
}

fn recorded(mine: &MyAttendance) -> String {
    let Some(a) = &mine.attendance else {
        return String::new();
    };
    match (a.status, a.arrived_at, a.left_at) {
        (AttendanceStatus::Attended, Some(arrived), Some(left)) => {
            format!(
                "You checked in at {} and out at {}.",
                clock(arrived),
                clock(left)
            )
        }
        (AttendanceStatus::Attended, Some(arrived), None) => {
            format!("You are checked in, since {}.", clock(arrived))
        }
        (AttendanceStatus::Attended, None, _) => "The team recorded that you came.".to_owned(),
        (status, _, _) => format!("The team recorded: {}.", status.to_string().to_lowercase()),
    }
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    id: BookingId,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let mine = state.app.my_attendance(user.person.id, id).await?;
    let layout = Layout::for_user("Check in to your shift", Some(user)).with_errors(errors);
    let status = layout.status();
    let start = from_utc(mine.booking.starts_at);
    let page = CheckInPage {
        layout,
        id: id.to_string(),
        day: format!("{} {}", start.format("%A"), nhs_date(&start.date())),
        times: format!(
            "{} to {}",
            clock(mine.booking.starts_at),
            clock(mine.booking.ends_at)
        ),
        opens: clock(mine.opens_at),
        recorded: recorded(&mine),
        mine,
        done,
        field: CHECK_IN_FIELD,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn booking_id(raw: &str) -> Result<BookingId, WebError> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, WebError> {
    let done = match done.done.as_str() {
        "in" => "You are checked in. Thank you for coming.",
        "out" => "You are checked out. Thank you for your time today.",
        _ => "",
    };
    page(&state, &user, booking_id(&id)?, FieldErrors::new(), done).await
}

async fn check_in(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let id = booking_id(&id)?;
    match state.app.check_in_on_phone(user.person.id, id).await {
        Ok(_) => Ok(Redirect::to(&format!("/my/shifts/{id}/check-in?done=in")).into_response()),
        Err(AppError::Invalid(errors)) => page(&state, &user, id, errors, "").await,
        Err(e) => Err(e.into()),
    }
}

async fn check_out(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let id = booking_id(&id)?;
    match state.app.check_out_on_phone(user.person.id, id).await {
        Ok(_) => Ok(Redirect::to(&format!("/my/shifts/{id}/check-in?done=out")).into_response()),
        Err(AppError::Invalid(errors)) => page(&state, &user, id, errors, "").await,
        Err(e) => Err(e.into()),
    }
}
