//! How the organisation's messages to volunteers are sent (this server's mailer, GOV.UK Notify,
//! or not at all), the bearer token for Notify's delivery receipts, and the message log: set by
//! the organisation's admins at `/manage/{org}/settings/notifications`.

use app::AppError;
use app::notify_settings::SettingsView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::notify::{NotificationSettingsInput, Provider};
use domain::staff::Capability;
use domain::{FieldErrors, Labelled};

use super::scope;
use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The notification settings pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/manage/{org}/settings/notifications",
            get(form).post(update),
        )
        .route(
            "/manage/{org}/settings/notifications/callback-token",
            post(new_token),
        )
}

/// One provider, as a radio button.
struct ProviderView {
    id: String,
    code: &'static str,
    label: &'static str,
    hint: &'static str,
    chosen: bool,
}

/// One message in the log, in words (on the page and in its download).
pub(crate) struct LogRow {
    /// When it was queued.
    pub(crate) when: String,
    /// What kind of message it was.
    pub(crate) kind: String,
    /// Email or text message.
    pub(crate) channel: &'static str,
    /// Who it went to, until that is removed after 7 days.
    pub(crate) to: String,
    /// Whether it was sent, and whether it arrived.
    pub(crate) status: String,
}

#[derive(Template)]
#[template(path = "manage/notifications.html")]
struct SettingsPage {
    layout: Layout,
    slug: String,
    providers: Vec<ProviderView>,
    input: NotificationSettingsInput,
    masked_key: Option<String>,
    callback_url: String,
    has_callback_token: bool,
    new_token: Option<String>,
    log: Vec<LogRow>,
    done: &'static str,
}

fn hint(p: Provider) -> &'static str {
    match p {
        Provider::Smtp => "Emails go from this Alongside server. Text messages are not sent.",
        Provider::Notify => {
            "For public bodies that use GOV.UK Notify: emails, and text messages to volunteers \
             who choose them, go through your own Notify service."
        }
        Provider::None => {
            "Nothing is sent to volunteers. Their messages are kept in the log below, marked not sent."
        }
    }
}

/// The log's messages, newest first, in words.
pub(crate) fn log_rows(view: &SettingsView) -> Vec<LogRow> {
    view.log
        .iter()
        .map(|l| {
            let m = &l.message;
            let status = if let Some(receipt) = l.receipt {
                receipt.label().to_owned()
            } else if m.sent_at.is_some() {
                if l.sent_via == "notify" {
                    "Sent to GOV.UK Notify".to_owned()
                } else {
                    "Sent".to_owned()
                }
            } else if m.last_error.is_empty() {
                "Waiting to send".to_owned()
            } else {
                format!(
                    "Not sent: {}",
                    m.last_error.trim_start_matches("not sent: ")
                )
            };
            LogRow {
                when: nhs_datetime(&m.created_at),
                kind: m
                    .kind
                    .map_or("Other message".to_owned(), |k| k.label().to_owned()),
                channel: m.medium.label(),
                to: if l.redacted_at.is_some() {
                    "Removed after 7 days".to_owned()
                } else {
                    m.to.clone()
                },
                status,
            }
        })
        .collect()
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    input: Option<NotificationSettingsInput>,
    errors: FieldErrors,
    new_token: Option<String>,
    done: &'static str,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    if !scope.can(Capability::Administer) {
        return Err(AppError::Forbidden.into());
    }
    let view = state.app.notification_settings(&scope).await?;
    let input = input.unwrap_or_else(|| NotificationSettingsInput::from_settings(&view.settings));
    let providers = Provider::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| ProviderView {
            id: if i == 0 {
                "provider".to_owned()
            } else {
                format!("provider-{}", p.code())
            },
            code: p.code(),
            label: p.label(),
            hint: hint(*p),
            chosen: input.provider == p.code(),
        })
        .collect();
    let layout = Layout::for_org("Messages to volunteers", user, &scope).with_errors(errors);
    let status = layout.status();
    let slug = scope.organisation().slug.as_str().to_owned();
    let html = SettingsPage {
        layout,
        callback_url: format!("{}/callbacks/notify/{slug}", state.app.base_url),
        slug,
        providers,
        input,
        masked_key: view.masked_key.clone(),
        has_callback_token: view.settings.callback_token_hash.is_some(),
        new_token,
        log: log_rows(&view),
        done,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

async fn form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, WebError> {
    let done = match done.done.as_str() {
        "saved" => "Your settings have been saved.",
        _ => "",
    };
    page(&state, &user, &org, None, FieldErrors::new(), None, done).await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let input = NotificationSettingsInput {
        provider: form.get("provider"),
        api_key: form.get("api_key"),
        email_template_id: form.get("email_template_id"),
        sms_template_id: form.get("sms_template_id"),
    };
    match state.app.set_notification_settings(&scope, &input).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/manage/{}/settings/notifications?done=saved",
            scope.organisation().slug.as_str()
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            // Never echo a key back into the page, even a malformed one.
            let input = NotificationSettingsInput {
                api_key: String::new(),
                ..input
            };
            page(&state, &user, &org, Some(input), errors, None, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// Makes a new bearer token for delivery receipts and shows it, this once.
async fn new_token(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let scope = scope(&state, &user, &org).await?;
    let token = state.app.new_callback_token(&scope).await?;
    page(
        &state,
        &user,
        &org,
        None,
        FieldErrors::new(),
        Some(token),
        "",
    )
    .await
}
