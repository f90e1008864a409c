//! Attendance: a shift's register, marking a volunteer's attendance afterwards, and volunteers
//! who missed shifts. Hours are in [`hours`].

mod hours;
mod views;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::BookingId;
use domain::rota::ShiftId;
use domain::rota::attendance::MarkInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{Id, json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
pub use hours::*;
pub use views::*;

/// The attendance and hours routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/shifts/{id}/attendance",
            get(get_attendance).post(mark_attendance),
        )
        .route("/reports/no-shows", get(no_shows_report))
        .merge(hours::routes())
}

/// A volunteer's attendance as marked by staff.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MarkBody {
    /// The booking (one of the shift's standing places).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub booking_id: String,
    /// attended, no_show or cancelled_late.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = AttendanceStatusCode)]
    pub status: String,
    /// The UK clock time they arrived, like "10:05" (attended only; optional).
    #[serde(default, deserialize_with = "text")]
    pub arrived: String,
    /// The UK clock time they left, after they arrived (attended only; optional).
    #[serde(default, deserialize_with = "text")]
    pub left: String,
}

/// Get a shift's register
///
/// Everyone with a standing place on the shift, with their attendance once recorded (by a
/// check-in, by staff, or as a no-show after the shift).
#[utoipa::path(
    get,
    path = "/api/v1/shifts/{id}/attendance",
    tag = "attendance",
    params(("id" = Uuid, Path, description = "The shift's id")),
    responses(
        (status = 200, description = "The shift's register", body = RegisterView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation (or, for a supervisor, not at their sites)", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_attendance(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
) -> Result<Json<RegisterView>, ApiError> {
    let register = state.app.shift_register(&scope, id).await?;
    Ok(Json(RegisterView {
        shift_id: id.0,
        lines: register.lines.into_iter().map(Into::into).collect(),
    }))
}

/// Mark a volunteer's attendance
///
/// After the shift has started, records (or changes) whether a volunteer with a place came:
/// attended (with the UK clock times they arrived and left, if known; without them their hours
/// are the shift's), did not attend, or cancelled late. Every change is audited.
#[utoipa::path(
    post,
    path = "/api/v1/shifts/{id}/attendance",
    tag = "attendance",
    params(("id" = Uuid, Path, description = "The shift's id")),
    request_body = MarkBody,
    responses(
        (status = 200, description = "The attendance as recorded", body = AttendanceView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow marking attendance on this shift", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation, or no such place on it", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed this attendance first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn mark_attendance(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
    body: Bytes,
) -> Result<Json<AttendanceView>, ApiError> {
    let body = json::<MarkBody>(&body)?;
    let input = MarkInput {
        status: body.status,
        arrived: body.arrived,
        left: body.left,
    };
    let Ok(booking) = body.booking_id.trim().parse::<BookingId>() else {
        let mut errors = FieldErrors::one("booking_id", "Give the id of a place on this shift");
        // Report the rest of the body's problems too, as if the place were right.
        let row = state.app.shift(&scope, id).await?;
        let now = state.app.clock.now();
        if let Err(more) = input.parse(row.shift.starts_at, row.shift.ends_at, now) {
            errors.0.extend(more.0);
        }
        return Err(errors.into());
    };
    let attendance = state
        .app
        .mark_attendance(&scope, id, booking, &input)
        .await?;
    Ok(Json(attendance.into()))
}

/// List volunteers who missed shifts
///
/// Volunteers who missed shifts in the last twelve months (nobody checked in and staff did not
/// record them coming), most first. From two missed shifts each has a kind prompt to get in
/// touch: missing shifts is often a sign something has changed for someone.
#[utoipa::path(
    get,
    path = "/api/v1/reports/no-shows",
    tag = "attendance",
    responses(
        (status = 200, description = "Volunteers with missed shifts, most first", body = [NoShowView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing volunteers", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn no_shows_report(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<Vec<NoShowView>>, ApiError> {
    Ok(Json(
        state
            .app
            .no_shows(&scope)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}
