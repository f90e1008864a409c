//! The GOV.UK Notify client: sends an organisation's emails and text messages through Notify's
//! HTTP API (`POST /v2/notifications/email` and `/v2/notifications/sms`), each request carrying
//! a fresh JWT (HS256; `iss` the service id, `iat` now in seconds) signed with the API key's
//! secret. Templates are generic, one per channel, filled with `subject` and `body`
//! (docs/adr/0007-gov-uk-notify.md).

use std::time::Duration;

use app::notify::{Delivery, NotifyAccount, NotifyGateway};
use app::ports::OutboxMessage;
use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::notify::Medium;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

/// GOV.UK Notify's API.
pub const NOTIFY_API: &str = "https://api.notifications.service.gov.uk";

/// A JWT for GOV.UK Notify: header `{"alg":"HS256","typ":"JWT"}`, claims `iss` (the service
/// id) and `iat` (seconds since 1970), signed with HMAC-SHA256 under the key's secret.
pub fn jwt(service_id: &str, secret: &str, issued_at: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    // Written out rather than through a map, so the claims keep Notify's documented order
    // (`iss`, then `iat`) as its own clients send them.
    let claims = format!(r#"{{"iss":{},"iat":{issued_at}}}"#, Value::from(service_id));
    let claims = URL_SAFE_NO_PAD.encode(claims.as_bytes());
    let signing_input = format!("{header}.{claims}");
    // HMAC takes a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// The request body Notify expects for `message` sent with `template_id`: the recipient, the
/// template, its personalisation, and our message id as the reference that delivery receipts
/// quote back.
pub fn payload(message: &OutboxMessage, template_id: &str) -> (&'static str, Value) {
    let reference = message.id.0.to_string();
    match message.medium {
        Medium::Email => (
            "/v2/notifications/email",
            json!({
                "email_address": message.to,
                "template_id": template_id,
                "personalisation": { "subject": message.subject, "body": message.body },
                "reference": reference,
            }),
        ),
        Medium::Sms => (
            "/v2/notifications/sms",
            json!({
                "phone_number": message.to,
                "template_id": template_id,
                "personalisation": { "body": message.body },
                "reference": reference,
            }),
        ),
    }
}

/// Sends through GOV.UK Notify (or any server speaking its API, such as a test's stand-in).
pub struct NotifyClient {
    http: reqwest::Client,
    base_url: String,
}

impl NotifyClient {
    /// A client for the API at `base_url` (normally [`NOTIFY_API`]).
    pub fn new(base_url: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .user_agent(concat!("alongside/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
        })
    }
}

/// The first error message in a Notify error body (`{"errors":[{"error":..,"message":..}]}`).
fn notify_error(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v["errors"][0]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| body.chars().take(200).collect())
}

#[async_trait]
impl NotifyGateway for NotifyClient {
    async fn send(
        &self,
        account: NotifyAccount<'_>,
        message: &OutboxMessage,
    ) -> Result<Delivery, String> {
        let (path, body) = payload(message, &account.template_id.to_string());
        let token = jwt(
            account.api_key.service_id(),
            account.api_key.secret(),
            chrono::Utc::now().timestamp(),
        );
        let response = self
            .http
            .post(format!("{}{path}", self.base_url))
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| format!("GOV.UK Notify could not be reached: {e}"))?;
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        match status.as_u16() {
            200..=299 => {
                let id = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["id"].as_str().map(str::to_owned));
                Ok(id.map_or(Delivery::Sent, Delivery::Accepted))
            }
            // A bad recipient or template: sending again would be refused again.
            400 => Ok(Delivery::Held(format!(
                "GOV.UK Notify refused it: {}",
                notify_error(&text)
            ))),
            // A wrong or revoked key is retried, so messages go once an admin fixes it.
            403 => Err(format!(
                "GOV.UK Notify refused the API key: {}",
                notify_error(&text)
            )),
            _ => Err(format!(
                "GOV.UK Notify answered {status}: {}",
                notify_error(&text)
            )),
        }
    }
}

#[cfg(test)]
#[path = "notify_client_tests.rs"]
mod tests;
