//! Managers' changes to shifts: change one shift or every later one in its series, cancel one,
//! and see, add, remove and move the volunteers booked on it.

mod views;

use app::OrgScope;
use app::rota_manage::{ShiftDetail, ShiftEdit};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use domain::ids::{BookingId, ShiftId};
use domain::rota::ShiftInput;
use serde::Deserialize;
use utoipa::ToSchema;

pub use views::{ManagedShiftView, ShiftBookingList, ShiftBookingView, ShiftSeriesView};

use super::auth::ApiScope;
use super::input::{Id, json, query_value, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The routes (`GET /shifts/{id}` is in `shifts`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/shifts/{id}", put(update_shift))
        .route("/shifts/{id}/series", put(update_series))
        .route("/shifts/{id}/cancel", post(cancel_shift))
        .route(
            "/shifts/{id}/bookings",
            get(list_bookings).post(add_booking),
        )
        .route("/shifts/{id}/bookings/{booking_id}", delete(remove_booking))
        .route(
            "/shifts/{id}/bookings/{booking_id}/move",
            post(move_booking),
        )
}

/// New details for a shift. Every field is needed, as for adding one; `supervisor_id` may be
/// blank or null for none.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ShiftChangeBody {
    /// The UK date, like "2027-03-05" or "5 3 2027". Ignored when changing a series (each
    /// shift keeps its own date).
    #[serde(default, deserialize_with = "text")]
    pub date: String,
    /// The UK clock time it starts, like "10:00" or "10am".
    #[serde(default, deserialize_with = "text")]
    pub start_time: String,
    /// The UK clock time it ends; at or before the start means the next day.
    #[serde(default, deserialize_with = "text")]
    pub end_time: String,
    /// Fewest volunteers needed, 0 to 500.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub min_volunteers: String,
    /// Most volunteers taken, 1 to 500, and no fewer than are booked.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = u32)]
    pub max_volunteers: String,
    /// Notes for volunteers; up to 2000 characters.
    #[serde(default, deserialize_with = "text")]
    pub notes: String,
    /// The person id of a member of the organisation's staff who supervises it (supervisors
    /// only at sites they look after), or blank or null for none.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub supervisor_id: String,
}

impl From<ShiftChangeBody> for ShiftEdit {
    fn from(b: ShiftChangeBody) -> Self {
        Self {
            shift: ShiftInput {
                date: b.date,
                start_time: b.start_time,
                end_time: b.end_time,
                min_volunteers: b.min_volunteers,
                max_volunteers: b.max_volunteers,
                notes: b.notes,
            },
            supervisor_id: b.supervisor_id,
        }
    }
}

/// A reason, for cancelling a shift or removing a volunteer.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReasonBody {
    /// Why, in a few words; up to 500 characters.
    #[serde(default, deserialize_with = "text")]
    pub reason: String,
}

/// The volunteer to add.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AddBookingBody {
    /// The person id of a volunteer active in the shift's role and eligible on its day.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub person_id: String,
}

/// Where to move a volunteer.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MoveBody {
    /// Another of the organisation's shifts, in a role the volunteer is active in.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub to_shift_id: String,
    /// An optional note, kept with the cancelled place and sent to the volunteer.
    #[serde(default, deserialize_with = "text")]
    pub reason: String,
}

/// A shift and one of its bookings from the path; anything that is not an id is not found.
fn ids(raw: &(String, String)) -> Result<(ShiftId, BookingId), ApiError> {
    match (raw.0.trim().parse(), raw.1.trim().parse()) {
        (Ok(shift), Ok(booking)) => Ok((shift, booking)),
        _ => Err(app::AppError::NotFound.into()),
    }
}

async fn detail(state: &AppState, scope: &OrgScope, id: ShiftId) -> Result<ShiftDetail, ApiError> {
    Ok(state.app.managed_shift(scope, id).await?)
}

/// One booking of a shift, as the API shows it.
async fn booking_view(
    state: &AppState,
    scope: &OrgScope,
    shift: ShiftId,
    id: BookingId,
) -> Result<ShiftBookingView, ApiError> {
    let d = detail(state, scope, shift).await?;
    d.booked
        .iter()
        .chain(&d.cancelled)
        .find(|b| b.booking.id == id)
        .map(ShiftBookingView::from)
        .ok_or_else(|| app::AppError::NotFound.into())
}

/// Change a shift
///
/// New date, UK clock times, capacity, notes and supervisor for one shift. The maximum cannot
/// drop below the number booked. New times move everyone's place with the shift, are refused
/// if they would put a booked volunteer (named) in two overlapping shifts, and are emailed to
/// everyone booked. Cancelled and started shifts cannot be changed.
#[utoipa::path(
    put,
    path = "/api/v1/shifts/{id}",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    request_body = ShiftChangeBody,
    responses(
        (status = 200, description = "The changed shift", body = ManagedShiftView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The shift is cancelled or has started, or changed at the same moment", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_shift(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
    body: Bytes,
) -> Result<Json<ManagedShiftView>, ApiError> {
    let edit: ShiftEdit = json::<ShiftChangeBody>(&body)?.into();
    state.app.edit_shift(&scope, id, &edit).await?;
    Ok(Json(ManagedShiftView::from(
        &detail(&state, &scope, id).await?,
    )))
}

/// Change this and every later shift in its series
///
/// The same UK clock times, capacity, notes and supervisor for this shift and every later one
/// in its series that is not cancelled; each keeps its own date (`date` is ignored). All are
/// changed or none, with the same rules as changing one shift.
#[utoipa::path(
    put,
    path = "/api/v1/shifts/{id}/series",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The id of the first shift to change")),
    request_body = ShiftChangeBody,
    responses(
        (status = 200, description = "Every shift changed", body = ShiftSeriesView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The shift is not in a series, is cancelled or has started, or changed at the same moment", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors` (with the date it concerns); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn update_series(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
    body: Bytes,
) -> Result<Json<ShiftSeriesView>, ApiError> {
    let edit: ShiftEdit = json::<ShiftChangeBody>(&body)?.into();
    let shifts = state.app.edit_series(&scope, id, &edit).await?;
    let mut items = Vec::new();
    for s in shifts {
        items.push(ManagedShiftView::from(&detail(&state, &scope, s.id).await?));
    }
    Ok(Json(ShiftSeriesView { items }))
}

/// Cancel a shift
///
/// Cancels one shift (one occurrence of a series), saying why. Every place on it is cancelled
/// ("Shift cancelled: " and the reason; never counted as a late cancellation by the volunteer)
/// and everyone booked is emailed. A cancelled shift takes no bookings.
#[utoipa::path(
    post,
    path = "/api/v1/shifts/{id}/cancel",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    request_body = ReasonBody,
    responses(
        (status = 200, description = "The cancelled shift", body = ManagedShiftView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Already cancelled or started, or someone booked at the same moment", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No reason, or one too long, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn cancel_shift(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
    body: Bytes,
) -> Result<Json<ManagedShiftView>, ApiError> {
    let body = json::<ReasonBody>(&body)?;
    state.app.cancel_shift(&scope, id, &body.reason).await?;
    Ok(Json(ManagedShiftView::from(
        &detail(&state, &scope, id).await?,
    )))
}

/// List a shift's bookings
///
/// Who has a place on the shift (oldest first), and the places cancelled, with reasons and
/// whether the volunteer cancelled at late notice. Supervisors see only shifts at their sites.
#[utoipa::path(
    get,
    path = "/api/v1/shifts/{id}/bookings",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    responses(
        (status = 200, description = "The shift's bookings", body = ShiftBookingList),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_bookings(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
) -> Result<Json<ShiftBookingList>, ApiError> {
    Ok(Json(ShiftBookingList::from(
        &detail(&state, &scope, id).await?,
    )))
}

/// Add a volunteer to a shift
///
/// Gives a volunteer a place. They must be active in the shift's role and eligible on its UK
/// day (each block is named), and not on another shift at that time. They are emailed.
#[utoipa::path(
    post,
    path = "/api/v1/shifts/{id}/bookings",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    request_body = AddBookingBody,
    responses(
        (status = 201, description = "The new place", body = ShiftBookingView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The shift is full, cancelled or started", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The person cannot have a place, saying why, in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn add_booking(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = json::<AddBookingBody>(&body)?;
    // The new place is answered from what the booking already knew, without reading the
    // shift's whole list again: a sign-up surge pays for every read.
    let added = state.app.add_to_shift(&scope, id, &body.person_id).await?;
    Ok((StatusCode::CREATED, Json(ShiftBookingView::from(&added))).into_response())
}

/// Remove a volunteer from a shift
///
/// Cancels a volunteer's place, with the manager's reason (in the body, or as `?reason=`).
/// It is not counted as a late cancellation by them; they are emailed, and the place is
/// offered to the waiting list.
#[utoipa::path(
    delete,
    path = "/api/v1/shifts/{id}/bookings/{booking_id}",
    tag = "shifts",
    params(
        ("id" = Uuid, Path, description = "The shift's id"),
        ("booking_id" = Uuid, Path, description = "The booking's id"),
        ("reason" = Option<String>, Query, description = "Why, when not sent in the body"),
    ),
    request_body(content = ReasonBody, description = "Why (or send `?reason=`)"),
    responses(
        (status = 200, description = "The cancelled place", body = ShiftBookingView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift or booking in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Already cancelled, or the shift has started", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "No reason, or one too long, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn remove_booking(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(raw): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Json<ShiftBookingView>, ApiError> {
    let (shift, id) = ids(&raw)?;
    let reason = if body.iter().all(u8::is_ascii_whitespace) {
        query_value(query.as_deref().unwrap_or_default(), "reason").unwrap_or_default()
    } else {
        json::<ReasonBody>(&body)?.reason
    };
    state
        .app
        .remove_from_shift(&scope, shift, id, &reason)
        .await?;
    Ok(Json(booking_view(&state, &scope, shift, id).await?))
}

/// Move a volunteer to another shift
///
/// Cancels their place here and books one on another of the organisation's shifts, together:
/// if the other shift is full, cancelled, or not one they can do, nothing changes. They are
/// emailed, and the place freed here is offered to the waiting list.
#[utoipa::path(
    post,
    path = "/api/v1/shifts/{id}/bookings/{booking_id}/move",
    tag = "shifts",
    params(
        ("id" = Uuid, Path, description = "The shift they are on"),
        ("booking_id" = Uuid, Path, description = "Their booking's id"),
    ),
    request_body = MoveBody,
    responses(
        (status = 201, description = "Their new place", body = ShiftBookingView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift or booking in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "The other shift is full, the place was already cancelled, or this shift has started", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The other shift is not one they can have a place on, saying why, in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn move_booking(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(raw): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (shift, id) = ids(&raw)?;
    let body = json::<MoveBody>(&body)?;
    let booking = state
        .app
        .move_booking(&scope, shift, id, &body.to_shift_id, &body.reason)
        .await?;
    let view = booking_view(&state, &scope, booking.shift_id, booking.id).await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}
