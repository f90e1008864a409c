//! API errors as RFC 9457 problem details (`application/problem+json`). Every failure is mapped
//! to a status and a body here, in one place; internal details are logged, never sent.

use app::AppError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldErrors;
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem document (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `urn:alongside:problem:invalid-input`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, in plain English.
    pub detail: String,
    /// For invalid input: every problem found, each naming its field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One problem with one field of a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name, as in the request body or query.
    pub field: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

/// Why an API request failed.
#[derive(Debug)]
pub enum ApiError {
    /// A use case (or the API's own checks) failed.
    App(AppError),
    /// The request body is not JSON of the expected shape; says why.
    MalformedBody(String),
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// The request body's `Content-Type` is not one this request takes; the errors name the
    /// field the body stands for (e.g. `receipt`) and the types it may be.
    UnsupportedMediaType(FieldErrors),
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self::App(error)
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::App(AppError::Invalid(errors))
    }
}

impl ApiError {
    /// The problem document for this error (logging internal failures).
    pub fn problem(&self) -> Problem {
        let (status, kind, title, detail, errors) = match self {
            Self::App(AppError::NotFound) => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Not found",
                "There is no such record in this organisation.".to_owned(),
                &[][..],
            ),
            Self::App(AppError::Forbidden) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "Not allowed",
                "This token's permission in the organisation does not allow this.".to_owned(),
                &[][..],
            ),
            Self::App(AppError::Unauthenticated) => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Authentication required",
                "Send a valid API token in the Authorization header: `Bearer <token>`.".to_owned(),
                &[][..],
            ),
            Self::App(AppError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-input",
                "Invalid input",
                invalid_detail(errors),
                &errors.0[..],
            ),
            Self::App(AppError::Conflict(what)) => (
                StatusCode::CONFLICT,
                "conflict",
                "Conflict",
                what.clone(),
                &[][..],
            ),
            Self::App(AppError::RateLimited) => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                "Too many attempts; wait 15 minutes, then try again.".to_owned(),
                &[][..],
            ),
            Self::App(AppError::Internal(why)) => {
                tracing::error!(error = %why, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Internal error",
                    "Something went wrong on our side. Try again later.".to_owned(),
                    &[][..],
                )
            }
            Self::MalformedBody(why) => (
                StatusCode::BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                format!(
                    "The request body could not be read as the JSON this request expects: {why}"
                ),
                &[][..],
            ),
            Self::UnsupportedMediaType(errors) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "The request body's Content-Type is not one this request takes; see `errors`."
                    .to_owned(),
                &errors.0[..],
            ),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                "This address does not accept this HTTP method.".to_owned(),
                &[][..],
            ),
        };
        Problem {
            kind: format!("urn:alongside:problem:{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors: errors
                .iter()
                .map(|e| FieldProblem {
                    field: e.field.clone(),
                    message: e.message.clone(),
                })
                .collect(),
        }
    }
}

fn invalid_detail(errors: &FieldErrors) -> String {
    let mut fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    fields.dedup();
    format!("Check these fields: {}.", fields.join(", "))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            body,
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// The answer for an address under `/api/v1` that does not exist.
pub async fn not_found() -> ApiError {
    ApiError::App(AppError::NotFound)
}

/// The answer for a method an address does not accept.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
