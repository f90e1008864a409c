//! A shift's waiting list and its history, for managers and their systems.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::ShiftId;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::Id;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The waiting-list routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/shifts/{id}/waiting-list", get(shift_waiting_list))
}

/// One person's place on a shift's waiting list, and what happened to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WaitlistEntryView {
    /// Identifier.
    pub id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// The volunteer's name.
    pub name: String,
    /// `waiting`, `offered`, `accepted` (took the place), `passed` (passed it on), `expired`
    /// (did not answer in time) or `left`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// When they joined: the list's order.
    pub joined_at: DateTime<Utc>,
    /// When a place was offered to them.
    pub offered_at: Option<DateTime<Utc>>,
    /// When the offer runs (or ran) out.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When the entry closed.
    pub closed_at: Option<DateTime<Utc>>,
}

/// A shift's waiting list
///
/// Everyone who has waited for a place on the shift, in the order they joined, with what
/// happened: offered a place (held until `offer_expires_at`), took it, passed it on, did not
/// answer in time, or left.
#[utoipa::path(
    get,
    path = "/api/v1/shifts/{id}/waiting-list",
    tag = "shifts",
    params(("id" = Uuid, Path, description = "The shift's id")),
    responses(
        (status = 200, description = "The waiting list, in the order people joined", body = [WaitlistEntryView]),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such shift in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn shift_waiting_list(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<ShiftId>,
) -> Result<Json<Vec<WaitlistEntryView>>, ApiError> {
    let lines = state.app.shift_waitlist(&scope, id).await?;
    Ok(Json(
        lines
            .into_iter()
            .map(|l| WaitlistEntryView {
                id: l.entry.id.0,
                person_id: l.entry.person_id.0,
                name: l.name,
                status: l.entry.status.code().to_owned(),
                status_label: l.entry.status.label().to_owned(),
                joined_at: l.entry.joined_at,
                offered_at: l.entry.offered_at,
                offer_expires_at: l.entry.offer_expires_at,
                closed_at: l.entry.closed_at,
            })
            .collect(),
    ))
}
