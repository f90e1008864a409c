//! Recording an enquiry: adding someone new as an enquiry with the organisation.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use domain::person::PersonInput;
use serde::Deserialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use super::views::VolunteerRecordView;
use crate::AppState;

/// The enquiry route (the list of people shares its path).
pub fn routes() -> Router<AppState> {
    Router::new().route("/people", axum::routing::post(record_enquiry))
}

/// A person who got in touch, as a manager records them.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EnquiryBody {
    /// Given name.
    #[serde(default, deserialize_with = "text")]
    pub given_name: String,
    /// Family name.
    #[serde(default, deserialize_with = "text")]
    pub family_name: String,
    /// What they like to be called.
    #[serde(default, deserialize_with = "text")]
    pub preferred_name: String,
    /// Email address; must not already belong to someone on Alongside.
    #[serde(default, deserialize_with = "text")]
    pub email: String,
    /// UK phone number.
    #[serde(default, deserialize_with = "text")]
    pub phone: String,
    /// Date of birth, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "text")]
    pub date_of_birth: String,
    /// Postcode.
    #[serde(default, deserialize_with = "text")]
    pub postcode: String,
    /// Languages, comma-separated.
    #[serde(default, deserialize_with = "text")]
    pub languages: String,
    /// Skills, comma-separated.
    #[serde(default, deserialize_with = "text")]
    pub skills: String,
    /// Interests, comma-separated.
    #[serde(default, deserialize_with = "text")]
    pub interests: String,
    /// Access needs.
    #[serde(default, deserialize_with = "text")]
    pub accessibility_needs: String,
}

impl From<EnquiryBody> for PersonInput {
    fn from(b: EnquiryBody) -> Self {
        Self {
            given_name: b.given_name,
            family_name: b.family_name,
            preferred_name: b.preferred_name,
            email: b.email,
            phone: b.phone,
            date_of_birth: b.date_of_birth,
            postcode: b.postcode,
            languages: b.languages,
            skills: b.skills,
            interests: b.interests,
            accessibility_needs: b.accessibility_needs,
        }
    }
}

/// Record an enquiry
///
/// Adds someone who got in touch as an enquiry with the organisation. Someone who already uses
/// Alongside is refused (422 on `email`): they apply themselves, choosing what to share.
#[utoipa::path(
    post,
    path = "/api/v1/people",
    tag = "people",
    request_body = EnquiryBody,
    responses(
        (status = 201, description = "Their new record", body = VolunteerRecordView,
            headers(("location" = String, description = "The record's address"))),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's permission does not allow managing volunteering", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid fields, each named in `errors`; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn record_enquiry(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Response, ApiError> {
    let input: PersonInput = json::<EnquiryBody>(&body)?.into();
    let person = state.app.record_enquiry(&scope, &input).await?;
    let record = state.app.volunteer_record(&scope, person.id).await?;
    let location = format!("/api/v1/people/{}", person.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(VolunteerRecordView::from(record)),
    )
        .into_response())
}
