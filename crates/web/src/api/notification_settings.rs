//! The organisation's notification provider over the API: who sends its messages (this
//! server's email, GOV.UK Notify, or nothing) and Notify's templates. Organisation admins only.
//! The Notify API key is a secret: it can be sent, never read back; the answer says only
//! whether one is set.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use domain::Labelled;
use domain::notify::{NotificationSettings, NotificationSettingsInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::ApiScope;
use super::input::{json, text};
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;

/// The notification settings routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/organisation/notification-settings",
        get(get_notification_settings).put(put_notification_settings),
    )
}

/// Who sends the organisation's messages, without the API key.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationSettingsView {
    /// `smtp` (this server's email, the default), `notify` (GOV.UK Notify) or `none`.
    pub provider: String,
    /// Whether a GOV.UK Notify API key is stored (the key itself is never returned).
    pub api_key_set: bool,
    /// The Notify email template's id.
    pub email_template_id: Option<Uuid>,
    /// The Notify text message template's id; without it no texts are sent.
    pub sms_template_id: Option<Uuid>,
    /// Whether the organisation sends text messages now.
    pub sends_text_messages: bool,
    /// Whether a bearer token for Notify's delivery receipts has been made.
    pub receipt_token_set: bool,
}

impl From<&NotificationSettings> for NotificationSettingsView {
    fn from(s: &NotificationSettings) -> Self {
        Self {
            provider: s.provider.code().to_owned(),
            api_key_set: s.api_key.is_some(),
            email_template_id: s.email_template_id,
            sms_template_id: s.sms_template_id,
            sends_text_messages: s.sends_sms(),
            receipt_token_set: s.callback_token_hash.is_some(),
        }
    }
}

/// New settings. (No `Debug`: it can hold the API key.)
#[derive(Default, Deserialize, ToSchema)]
pub struct NotificationSettingsBody {
    /// `smtp`, `notify` or `none`.
    #[serde(default, deserialize_with = "text")]
    pub provider: String,
    /// A new GOV.UK Notify API key (`{key name}-{service id}-{secret key}`); blank or absent
    /// keeps the stored one. Needed for `notify` unless one is stored.
    #[serde(default, deserialize_with = "text")]
    pub api_key: String,
    /// The Notify email template's id (needed for `notify`).
    #[serde(default, deserialize_with = "text")]
    pub email_template_id: String,
    /// The Notify text message template's id (optional).
    #[serde(default, deserialize_with = "text")]
    pub sms_template_id: String,
}

/// Get who sends the organisation's messages
///
/// The provider and Notify templates; of the API key, only whether one is set. Organisation
/// admins only.
#[utoipa::path(get, path = "/api/v1/organisation/notification-settings", tag = "organisation",
    responses(
        (status = 200, description = "The settings", body = NotificationSettingsView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token is not an organisation admin's", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn get_notification_settings(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
) -> Result<Json<NotificationSettingsView>, ApiError> {
    let view = state.app.notification_settings(&scope).await?;
    Ok(Json((&view.settings).into()))
}

/// Change who sends the organisation's messages
///
/// Nothing is saved unless every field is valid; the change is audited without the key.
/// Organisation admins only.
#[utoipa::path(put, path = "/api/v1/organisation/notification-settings", tag = "organisation",
    request_body = NotificationSettingsBody,
    responses(
        (status = 200, description = "The settings now", body = NotificationSettingsView),
        (status = 400, description = "The body is not JSON of the expected shape", body = Problem, content_type = PROBLEM_JSON),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token is not an organisation admin's", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "Invalid (`provider`, `api_key`, `email_template_id`, `sms_template_id`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn put_notification_settings(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    body: Bytes,
) -> Result<Json<NotificationSettingsView>, ApiError> {
    let body: NotificationSettingsBody = json(&body)?;
    let input = NotificationSettingsInput {
        provider: body.provider,
        api_key: body.api_key,
        email_template_id: body.email_template_id,
        sms_template_id: body.sms_template_id,
    };
    let settings = state.app.set_notification_settings(&scope, &input).await?;
    Ok(Json((&settings).into()))
}
