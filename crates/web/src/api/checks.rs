//! People's checks and training: their checklists, a manager recording an item, naming
//! referees, and the list of items that are expiring. Every read of check data is audited.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::FieldErrors;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::RefereeInput;
use domain::ids::{CheckId, PersonId};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiScope;
use super::input::{Id, json, paging, query_value, text};
use super::people::DEFAULT_PER_PAGE;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::{
    CheckView, DbsLevelCode, DbsOutcomeCode, ExpiringPage, Paging, PersonChecklists,
    ReferenceRequestView, WorkforceCode, page_of,
};
use crate::AppState;

/// How far ahead the expiring list looks unless the query says otherwise.
pub const DEFAULT_EXPIRING_DAYS: u32 = 60;

/// The check routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/{id}/checklists", get(get_checklists))
        .route("/checks/{id}", post(record_check))
        .route("/checks/{id}/referees", post(name_referee))
        .route("/expiring", get(list_expiring))
}

/// What a manager records about a check or training item. Which fields count depends on the
/// action and the item's kind.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct CheckBody {
    /// `verify`, `fail`, `waive`, or `submit` (say it is done, for the volunteer).
    #[serde(default, deserialize_with = "text")]
    #[schema(schema_with = action_schema)]
    pub action: String,
    /// When it was done, issued or completed (a date, e.g. `2026-03-27`); needed for training,
    /// DBS checks and items that expire.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<String>, format = Date)]
    pub issued_on: String,
    /// The last day it is valid (a date); worked out from the catalogue's validity when blank.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: String,
    /// Certificate, licence or policy reference; up to 60 characters.
    #[serde(default, deserialize_with = "text")]
    pub reference: String,
    /// A note: why it did not pass (needed to fail), who gave parental consent, or the decision
    /// on information a DBS certificate disclosed.
    #[serde(default, deserialize_with = "text")]
    pub note: String,
    /// Why it is waived (needed to waive).
    #[serde(default, deserialize_with = "text")]
    pub waiver_reason: String,
    /// The last day a waiver holds (a date), or blank for as long as the role lasts.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<String>, format = Date)]
    pub waived_until: String,
    /// DBS checks: the level of the check.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<DbsLevelCode>)]
    pub dbs_level: String,
    /// DBS checks: the workforce it was for (needed for enhanced checks).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<WorkforceCode>)]
    pub dbs_workforce: String,
    /// DBS checks: the 12-digit certificate number.
    #[serde(default, deserialize_with = "text")]
    pub dbs_certificate_number: String,
    /// DBS checks: `clear` or `disclosed`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<DbsOutcomeCode>)]
    pub dbs_outcome: String,
    /// DBS checks: whether they subscribe to the DBS Update Service (`"yes"` and `"no"` are
    /// accepted too; blank is no).
    #[serde(default, deserialize_with = "yes_no")]
    #[schema(value_type = Option<bool>)]
    pub dbs_update_service: String,
    /// DBS checks: the last Update Service status check (a date).
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<String>, format = Date)]
    pub dbs_status_checked_on: String,
}

/// Deserialises a yes-or-no field leniently: true or false as `yes` or `no`, anything else as
/// [`text`] reads it.
fn yes_no<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Bool(yes) => Ok(if yes { "yes" } else { "no" }.to_owned()),
        other => text(other).map_err(D::Error::custom),
    }
}

/// The schema of a check action.
fn action_schema() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(
            "What to do: verify, fail (with a note), waive (with a reason), or submit for the volunteer.",
        ))
        .enum_values(Some(["verify", "fail", "waive", "submit"]))
        .build()
}

impl From<CheckBody> for CheckInput {
    fn from(b: CheckBody) -> Self {
        Self {
            action: b.action,
            issued_on: b.issued_on,
            expires_on: b.expires_on,
            reference: b.reference,
            note: b.note,
            waiver_reason: b.waiver_reason,
            waived_until: b.waived_until,
            dbs_level: b.dbs_level,
            dbs_workforce: b.dbs_workforce,
            dbs_certificate_number: b.dbs_certificate_number,
            dbs_outcome: b.dbs_outcome,
            dbs_update_service: b.dbs_update_service,
            dbs_status_checked_on: b.dbs_status_checked_on,
        }
    }
}

/// A referee to ask for a reference.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct RefereeBody {
    /// The referee's name; up to 120 characters.
    #[serde(default, deserialize_with = "text")]
    pub referee_name: String,
    /// The referee's email address: the link to the reference form goes there. It must not be
    /// the volunteer's own.
    #[serde(default, deserialize_with = "text")]
    pub referee_email: String,
    /// How the volunteer knows them, e.g. "Manager at my last job"; up to 200 characters.
    #[serde(default, deserialize_with = "text")]
    pub relationship: String,
}

impl From<RefereeBody> for RefereeInput {
    fn from(b: RefereeBody) -> Self {
        Self {
            referee_name: b.referee_name,
            referee_email: b.referee_email,
            relationship: b.relationship,
        }
    }
}

/// How far ahead to look, and paging, for the expiring list. Blank values are ignored.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "describes the parameters for the OpenAPI document; `parse` reads them leniently"
)]
pub struct ExpiringQuery {
    /// Items expiring in the next this many days, 0 to 730 (default 60). Items that expired
    /// in the last 30 days are always listed, to renew.
    #[param(minimum = 0, maximum = 730)]
    pub days: Option<u32>,
    /// The page, from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Items per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

impl ExpiringQuery {
    /// The days and paging of a query string, or every problem, each naming its parameter.
    fn parse(raw: &str) -> Result<(u32, Paging), FieldErrors> {
        let mut errors = FieldErrors::new();
        let max = app::expiring::MAX_EXPIRING_DAYS;
        let days = match query_value(raw, "days").map(|v| v.parse::<u32>()) {
            None => DEFAULT_EXPIRING_DAYS,
            Some(Ok(n)) if n <= max => n,
            Some(_) => {
                errors.add(
                    "days",
                    format!("Days must be a whole number from 0 to {max}"),
                );
                DEFAULT_EXPIRING_DAYS
            }
        };
        let (page, per_page) = paging(raw, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let paging = Paging {
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
        };
        Ok((days, paging))
    }
}

/// Get a volunteer's checklists
///
/// One checklist for each role they are onboarding or active in: each item the role needs,
/// their record of it (with DBS details and referees), and whether they can start. Needs a
/// permission that may see check details (administrators and volunteer managers); every read
/// is audited.
#[utoipa::path(
    get,
    path = "/api/v1/people/{id}/checklists",
    tag = "checks",
    params(("id" = Uuid, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The volunteer's checklists", body = PersonChecklists),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing check details", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such person engaged with this organisation", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn get_checklists(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<PersonId>,
) -> Result<Json<PersonChecklists>, ApiError> {
    let checklists = state.app.checklists(&scope, id).await?;
    Ok(Json(PersonChecklists {
        person_id: id.0,
        checklists: checklists.into_iter().map(Into::into).collect(),
    }))
}

/// Record a check or training item
///
/// Verify it (with its dates and, for a DBS check, the certificate details), fail it (with a
/// note), waive it (with a reason), or submit it for the volunteer. References are verified
/// only once every referee needed has replied. Nothing changes when anything is invalid.
#[utoipa::path(
    post,
    path = "/api/v1/checks/{id}",
    tag = "checks",
    params(("id" = Uuid, Path, description = "The check's id, from the volunteer's checklist")),
    request_body = CheckBody,
    responses(
        (status = 200, description = "The item as recorded", body = CheckView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering and seeing check details", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such check in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else changed the item first", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields or action, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn record_check(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<CheckId>,
    body: Bytes,
) -> Result<Json<CheckView>, ApiError> {
    let input = CheckInput::from(json::<CheckBody>(&body)?);
    Ok(Json(
        state.app.record_check(&scope, id, &input).await?.into(),
    ))
}

/// Ask a referee for a reference
///
/// For a references item: the referee is emailed a link to a short form that needs no
/// account. The link itself is never shown.
#[utoipa::path(
    post,
    path = "/api/v1/checks/{id}/referees",
    tag = "checks",
    params(("id" = Uuid, Path, description = "The references item's id, from the volunteer's checklist")),
    request_body = RefereeBody,
    responses(
        (status = 201, description = "The referee has been asked", body = ReferenceRequestView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such check in this organisation", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, a referee already asked, or an item that is not references; each named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn name_referee(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Id(id): Id<CheckId>,
    body: Bytes,
) -> Result<(StatusCode, Json<ReferenceRequestView>), ApiError> {
    let input = RefereeInput::from(json::<RefereeBody>(&body)?);
    let request = state.app.request_reference(&scope, id, &input).await?;
    Ok((StatusCode::CREATED, Json(request.into())))
}

/// List checks and training that are expiring
///
/// Verified items expiring in the next `days` days, and those that expired in the last 30
/// still to renew, soonest first, with whose they are. Needs a permission that may see check
/// details; every read is audited.
#[utoipa::path(
    get,
    path = "/api/v1/expiring",
    tag = "checks",
    params(ExpiringQuery),
    responses(
        (status = 200, description = "A page of expiring items", body = ExpiringPage),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow seeing check details", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "`days` or a paging value is invalid, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn list_expiring(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<ExpiringPage>, ApiError> {
    let (days, paging) = ExpiringQuery::parse(query.as_deref().unwrap_or_default())?;
    Ok(Json(page_of::<_, ExpiringPage>(
        state.app.expiring_checks(&scope, days).await?,
        paging,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiring_query_defaults_and_validates() {
        let (days, paging) = ExpiringQuery::parse("").unwrap();
        assert_eq!(
            (days, paging.page, paging.per_page),
            (DEFAULT_EXPIRING_DAYS, 1, 50)
        );
        let (days, _) = ExpiringQuery::parse("days=0").unwrap();
        assert_eq!(days, 0);
        assert_eq!(ExpiringQuery::parse("days=730").unwrap().0, 730);
        for bad in ["days=731", "days=-1", "days=soon", "days=1.5"] {
            let errors = ExpiringQuery::parse(bad).unwrap_err();
            assert!(errors.get("days").is_some(), "{bad}: {errors:?}");
        }
        let errors = ExpiringQuery::parse("days=x&page=0").unwrap_err();
        assert!(errors.get("days").is_some() && errors.get("page").is_some());
    }
}
