//! Onboarding: the board of everyone onboarding, whether a placement's volunteer can start,
//! starting them, and how long onboarding takes.

use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::FieldErrors;
use domain::ids::PlacementId;
use utoipa::IntoParams;

use super::auth::ApiScope;
use super::input::{Id, PagingQuery, list_paging, query_value};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{
    OnboardingPage, PlacementEligibilityView, PlacementView, TimeToOnboardView, page_of,
};
use crate::AppState;

/// How many months the time-to-onboard report covers unless the query says otherwise.
pub const DEFAULT_REPORT_MONTHS: u32 = 12;
/// The most months the report can cover (ten years).
pub const MAX_REPORT_MONTHS: u32 = 120;

/// The onboarding routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/onboarding", get(onboarding_board))
        .route("/placements/{id}/eligibility", get(get_eligibility))
        .route("/placements/{id}/activate", post(activate_placement))
        .route("/reports/time-to-onboard", get(time_to_onboard))
}

/// The period the time-to-onboard report covers.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `parse` reads them leniently"
)]
pub struct ReportQuery {
    /// People who started in the last this many months, 1 to 120 (default 12).
    #[param(minimum = 1, maximum = 120)]
    pub months: Option<u32>,
}

impl ReportQuery {
    /// The months of a query string, or a problem naming `months`.
    fn parse(raw: &str) -> Result<u32, FieldErrors> {
        match query_value(raw, "months").map(|v| v.parse::<u32>()) {
            None => Ok(DEFAULT_REPORT_MONTHS),
            Some(Ok(n)) if (1..=MAX_REPORT_MONTHS).contains(&n) => Ok(n),
            Some(_) => Err(FieldErrors::one(
                "months",
                format!("Months must be a whole number from 1 to {MAX_REPORT_MONTHS}"),
            )),
        }
    }
}

/// The onboarding board
///
/// A page of everyone onboarding, longest waiting first: where each has got to
/// (`with_volunteer`, `to_verify` or `ready_to_start`), what blocks them, and how many days
/// since they were accepted. Supervisors' tokens see only roles at their sites.
#[utoipa::path(
    get,
    path = "/api/v1/onboarding",
    tag = "onboarding",
    params(PagingQuery),
    responses(
        (status = 200, description = "A page of the onboarding board", body = OnboardingPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn onboarding_board(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<OnboardingPage>, ApiError> {
    let paging = list_paging(query.as_deref())?;
    Ok(Json(page_of::<_, OnboardingPage>(
        state.app.onboarding_board(&scope).await?,
        paging,
    )))
}

/// Whether a volunteer can start in a role
///
/// The placement, and whether its volunteer is eligible for the role today or what blocks
/// them.
#[utoipa::path(
    get,
    path = "/api/v1/placements/{id}/eligibility",
    tag = "onboarding",
    params(("id" = Uuid, Path, description = "The placement's id, from the volunteer's checklist or the onboarding board")),
    responses(
        (status = 200, description = "The placement and its volunteer's eligibility", body = PlacementEligibilityView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such placement in this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_eligibility(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PlacementId>,
) -> Result<Json<PlacementEligibilityView>, ApiError> {
    let (row, eligibility) = state.app.placement_eligibility(&scope, id).await?;
    Ok(Json(PlacementEligibilityView {
        placement: row.into(),
        eligibility: eligibility.into(),
    }))
}

/// Start a volunteer in a role
///
/// Makes the placement active, and the volunteer's engagement too if it was onboarding. Only
/// someone eligible today can start: otherwise nothing changes and each thing that blocks them
/// is listed in `errors` under the field `eligibility`.
#[utoipa::path(
    post,
    path = "/api/v1/placements/{id}/activate",
    tag = "onboarding",
    params(("id" = Uuid, Path, description = "The placement's id, from the volunteer's checklist or the onboarding board")),
    responses(
        (status = 200, description = "The placement, now active", body = PlacementView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such placement in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else moved the placement first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Not eligible (each block under `eligibility`), or the placement is not onboarding (`placement`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn activate_placement(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PlacementId>,
) -> Result<Json<PlacementView>, ApiError> {
    state.app.activate_placement(&scope, id).await?;
    let (row, _) = state.app.placement_eligibility(&scope, id).await?;
    Ok(Json(row.into()))
}

/// Time to onboard
///
/// For people who started in the last `months` months: the median days from application to
/// starting and how they spread, per role, and the median of each stage (deciding the
/// application, checks and training, starting after checks), with the slowest.
#[utoipa::path(
    get,
    path = "/api/v1/reports/time-to-onboard",
    tag = "onboarding",
    params(ReportQuery),
    responses(
        (status = 200, description = "The report", body = TimeToOnboardView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`months` is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn time_to_onboard(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<TimeToOnboardView>, ApiError> {
    let months = ReportQuery::parse(query.as_deref().unwrap_or_default())?;
    let report = state.app.time_to_onboard(&scope, months).await?;
    Ok(Json(TimeToOnboardView::new(report, months)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_months_default_and_validate() {
        assert_eq!(ReportQuery::parse(""), Ok(DEFAULT_REPORT_MONTHS));
        assert_eq!(ReportQuery::parse("months=1"), Ok(1));
        assert_eq!(ReportQuery::parse("months=120"), Ok(120));
        for bad in ["months=0", "months=121", "months=a", "months=-3"] {
            let errors = ReportQuery::parse(bad).unwrap_err();
            assert!(errors.get("months").is_some(), "{bad}");
        }
    }
}
