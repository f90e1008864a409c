//! The Notify client against a stand-in GOV.UK Notify: an axum app on a local port that checks
//! each request's JWT (signature under the secret, `iss`, `iat` within 30 seconds, header) and
//! body shape as Notify's API documents them, records what it received, and answers as Notify
//! does (201 with the notification's id; 400 for a recipient it refuses; 403 for a bad token).

use std::sync::{Arc, Mutex};

use app::ports::{NotifyWrite, OutboxMessage, Write};
use app::{App, Delivery, FixedClock, Notifier};
use async_trait::async_trait;
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{TimeZone, Utc};
use domain::ids::OrganisationId;
use domain::notification::NotificationKind;
use domain::notify::{Medium, NotificationSettings, NotifyApiKey, Provider};
use domain::organisation::OrganisationInput;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use uuid::Uuid;

use super::*;

const SERVICE: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";
const EMAIL_TEMPLATE: &str = "f33517ff-2a88-4f6e-b855-c550268ce08a";
const SMS_TEMPLATE: &str = "9a1c6b1e-8d35-48ac-975b-e847b4f122b0";

/// What the stand-in received: (notification type, body, Notify id it gave).
#[derive(Default)]
struct Received {
    requests: Mutex<Vec<(String, Value, String)>>,
}

struct StandIn {
    secret: String,
    received: Received,
}

fn error(status: StatusCode, kind: &str, message: &str) -> (StatusCode, Json<Value>) {
    (
        status,
        Json(json!({
            "status_code": status.as_u16(),
            "errors": [{ "error": kind, "message": message }],
        })),
    )
}

/// Checks the bearer JWT as Notify does; the reason it is refused, if it is.
fn check_jwt(headers: &HeaderMap, secret: &str) -> Result<(), String> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or("no bearer token")?;
    let parts: Vec<&str> = token.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        return Err("not a JWT".into());
    };
    let decode = |part: &str| -> Result<Value, String> {
        let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|e| e.to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    };
    let header = decode(header)?;
    if header["alg"] != "HS256" || header["typ"] != "JWT" {
        return Err(format!("header {header}"));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|e| e.to_string())?;
    mac.verify_slice(&signature)
        .map_err(|_| "signature".to_owned())?;
    let claims = decode(claims)?;
    if claims["iss"] != SERVICE {
        return Err(format!("iss {}", claims["iss"]));
    }
    let iat = claims["iat"].as_i64().ok_or("iat is not a number")?;
    if (Utc::now().timestamp() - iat).abs() > 30 {
        return Err(format!("iat {iat} is not within 30 seconds"));
    }
    Ok(())
}

/// The body's keys, sorted.
fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    k.sort();
    k
}

async fn notifications(
    State(stand_in): State<Arc<StandIn>>,
    Path(kind): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    if let Err(why) = check_jwt(&headers, &stand_in.secret) {
        return error(
            StatusCode::FORBIDDEN,
            "AuthError",
            &format!("Invalid token: {why}"),
        );
    }
    let (recipient, personalisation) = match kind.as_str() {
        "email" => ("email_address", vec!["body", "subject"]),
        "sms" => ("phone_number", vec!["body"]),
        _ => return error(StatusCode::NOT_FOUND, "NotFound", "no such type"),
    };
    let mut expected = vec![recipient, "personalisation", "reference", "template_id"];
    expected.sort_unstable();
    let shape_ok = keys(&body) == expected
        && keys(&body["personalisation"]) == personalisation
        && Uuid::parse_str(body["template_id"].as_str().unwrap_or("")).is_ok()
        && Uuid::parse_str(body["reference"].as_str().unwrap_or("")).is_ok();
    if !shape_ok {
        return error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            &format!("bad shape {body}"),
        );
    }
    if body[recipient].as_str().unwrap_or("").contains("refused") {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestError",
            "Can't send to this recipient using a team-only API key",
        );
    }
    let id = Uuid::new_v4().to_string();
    stand_in
        .received
        .requests
        .lock()
        .unwrap()
        .push((kind, body.clone(), id.clone()));
    (
        StatusCode::CREATED,
        Json(json!({
            "id": id,
            "reference": body["reference"],
            "content": {},
            "uri": format!("https://api.notifications.service.gov.uk/v2/notifications/{id}"),
            "template": { "id": body["template_id"], "version": 1, "uri": "" },
        })),
    )
}

/// Starts a stand-in that accepts tokens signed with `secret`; returns its address.
async fn stand_in(secret: &str) -> (String, Arc<StandIn>) {
    let state = Arc::new(StandIn {
        secret: secret.to_owned(),
        received: Received::default(),
    });
    let app = Router::new()
        .route("/v2/notifications/{kind}", post(notifications))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, state)
}

/// Records what this server's mailer was asked to send.
#[derive(Default)]
struct Mailer(Mutex<Vec<String>>);

#[async_trait]
impl Notifier for Mailer {
    async fn send(&self, m: &OutboxMessage) -> Result<Delivery, String> {
        self.0.lock().unwrap().push(m.to.clone());
        Ok(Delivery::Sent)
    }
}

async fn app() -> App {
    let path = std::env::temp_dir().join(format!("alongside-notify-{}.db", Uuid::now_v7()));
    let store = ::store::open(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    // Now, so the stand-in's 30-second window holds for the JWTs the client makes.
    let now = Utc::now();
    App::new(store, Arc::new(FixedClock(now)), "http://localhost")
}

/// An organisation with `provider` (Notify with both templates).
async fn organisation(app: &App, provider: Provider) -> OrganisationId {
    let org = OrganisationInput {
        name: "Leeds Hospice".into(),
        slug: format!("hospice-{}", Uuid::now_v7().simple()),
        sector: "nhs".into(),
        kind: "acute_trust".into(),
        ods_code: "rx1".into(),
        charity_number: String::new(),
        address: "1 Infirmary Street\nLeeds".into(),
        postcode: "ls1 4ap".into(),
    }
    .parse(OrganisationId::new())
    .unwrap();
    let settings = NotificationSettings {
        organisation_id: org.id,
        provider,
        api_key: Some(NotifyApiKey::parse(&format!("alongside-{SERVICE}-{SECRET}")).unwrap()),
        email_template_id: Some(Uuid::parse_str(EMAIL_TEMPLATE).unwrap()),
        sms_template_id: Some(Uuid::parse_str(SMS_TEMPLATE).unwrap()),
        callback_token_hash: None,
        updated_at: app.clock.now(),
    };
    let id = org.id;
    app.store
        .apply(vec![
            Write::InsertOrganisation(org),
            Write::Notify(NotifyWrite::PutSettings(settings)),
        ])
        .await
        .unwrap();
    id
}

async fn queue(app: &App, org: Option<OrganisationId>, medium: Medium, to: &str) -> OutboxMessage {
    let mut m = OutboxMessage::email(
        to,
        "Booked: Ward helper",
        "Hello Asha,\n\nSee https://localhost/my/shifts\n".into(),
        app.clock.now(),
    );
    if let Some(org) = org {
        m = m.from_organisation(org, Some(NotificationKind::BookingConfirmation));
    }
    m.medium = medium;
    app.store
        .apply(vec![Write::InsertMessage(m.clone())])
        .await
        .unwrap();
    m
}

#[test]
fn the_jwt_has_notify_header_and_claims_and_verifies() {
    let token = jwt(SERVICE, SECRET, 1_700_000_000);
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header, json!({ "alg": "HS256", "typ": "JWT" }));
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims, json!({ "iss": SERVICE, "iat": 1_700_000_000 }));
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{}.{}", parts[0], parts[1]).as_bytes());
    mac.verify_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap())
        .unwrap();
}

#[test]
fn the_jwt_matches_the_one_pyjwt_makes() {
    // Made with PyJWT 2.15 (which notifications-python-client signs with):
    // jwt.encode({"iss": SERVICE, "iat": 1700000000}, SECRET, headers={"typ": "JWT"},
    //            algorithm="HS256")
    assert_eq!(jwt(SERVICE, SECRET, 1_700_000_000), PYJWT_TOKEN);
}

const PYJWT_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
    eyJpc3MiOiIyNjc4NWEwOS1hYjE2LTRlYjAtODQwNy1hMzc0OTdhNTc1MDYiLCJpYXQiOjE3MDAwMDAwMDB9.\
    Kn-G9XSJxdSMk5GxZAwIpUFB7KL-ZpWDLUGVQeIZ4Ec";

#[tokio::test]
async fn emails_and_texts_go_to_notify_with_the_documented_shape() {
    let (url, stand_in) = stand_in(SECRET).await;
    let app = app().await;
    let org = organisation(&app, Provider::Notify).await;
    let email = queue(&app, Some(org), Medium::Email, "asha@example.org").await;
    let text = queue(&app, Some(org), Medium::Sms, "+447700900123").await;
    let mailer = Mailer::default();
    let client = NotifyClient::new(&url).unwrap();

    let report = app.deliver_due_via(&mailer, &client).await.unwrap();
    assert_eq!(report.sent, 2, "{report:?}");
    assert!(mailer.0.lock().unwrap().is_empty(), "nothing went by SMTP");

    let got = stand_in.received.requests.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    let (kind, body, email_id) = &got[0];
    assert_eq!(kind, "email");
    assert_eq!(body["email_address"], "asha@example.org");
    assert_eq!(body["template_id"], EMAIL_TEMPLATE);
    assert_eq!(body["reference"], email.id.0.to_string());
    assert_eq!(body["personalisation"]["subject"], "Booked: Ward helper");
    assert_eq!(body["personalisation"]["body"], email.body);
    let (kind, body, _) = &got[1];
    assert_eq!(kind, "sms");
    assert_eq!(body["phone_number"], "+447700900123");
    assert_eq!(body["template_id"], SMS_TEMPLATE);
    assert_eq!(body["reference"], text.id.0.to_string());

    // The log knows each went through Notify, under Notify's id, for its receipts.
    let log = app.store.message_log(org, 10).await.unwrap();
    let logged = log.iter().find(|l| l.message.id == email.id).unwrap();
    assert_eq!(logged.sent_via, "notify");
    assert_eq!(logged.provider_ref.as_deref(), Some(email_id.as_str()));
    assert!(logged.message.sent_at.is_some());
    assert_eq!(
        app.deliver_due_via(&mailer, &client)
            .await
            .unwrap()
            .handled(),
        0
    );
}

#[tokio::test]
async fn a_wrong_key_is_retried_and_a_refused_recipient_is_held() {
    // The stand-in knows a different secret: every token fails its check.
    let (url, strict) = stand_in("00000000-0000-0000-0000-000000000000").await;
    let app = app().await;
    let org = organisation(&app, Provider::Notify).await;
    queue(&app, Some(org), Medium::Email, "asha@example.org").await;
    let client = NotifyClient::new(&url).unwrap();
    let report = app
        .deliver_due_via(&Mailer::default(), &client)
        .await
        .unwrap();
    assert_eq!(report.failed, 1, "a bad key is worth retrying once fixed");
    let m = &app.store.recent_messages(1).await.unwrap()[0];
    assert!(
        m.last_error.contains("refused the API key"),
        "{}",
        m.last_error
    );
    assert!(m.sent_at.is_none());
    assert!(strict.received.requests.lock().unwrap().is_empty());

    let (url, _) = stand_in(SECRET).await;
    let app = self::app().await;
    let org = organisation(&app, Provider::Notify).await;
    queue(&app, Some(org), Medium::Email, "refused@example.org").await;
    let client = NotifyClient::new(&url).unwrap();
    let report = app
        .deliver_due_via(&Mailer::default(), &client)
        .await
        .unwrap();
    assert_eq!(report.held, 1, "{report:?}");
    let m = &app.store.recent_messages(1).await.unwrap()[0];
    assert!(
        m.last_error.contains("team-only API key"),
        "{}",
        m.last_error
    );
}

#[tokio::test]
async fn each_message_goes_by_its_organisations_provider() {
    let (url, stand_in) = stand_in(SECRET).await;
    let app = app().await;
    let smtp = organisation(&app, Provider::Smtp).await;
    let none = organisation(&app, Provider::None).await;
    queue(&app, None, Medium::Email, "account@example.org").await;
    queue(&app, Some(smtp), Medium::Email, "smtp@example.org").await;
    queue(&app, Some(smtp), Medium::Sms, "+447700900124").await;
    queue(&app, Some(none), Medium::Email, "nobody@example.org").await;
    let mailer = Mailer::default();
    let client = NotifyClient::new(&url).unwrap();
    let report = app.deliver_due_via(&mailer, &client).await.unwrap();
    assert_eq!((report.sent, report.held), (2, 2), "{report:?}");
    assert_eq!(
        *mailer.0.lock().unwrap(),
        ["account@example.org", "smtp@example.org"]
    );
    assert!(stand_in.received.requests.lock().unwrap().is_empty());
    let held = app.store.message_log(none, 10).await.unwrap();
    assert!(held[0].message.last_error.contains("turned messages off"));
    let text = app.store.message_log(smtp, 10).await.unwrap();
    assert!(text.iter().any(|l| {
        l.message.medium == Medium::Sms
            && l.message
                .last_error
                .contains("no longer sends text messages")
    }));
}

#[tokio::test]
async fn the_utc_clock_in_tests_is_real() {
    // The stand-in checks `iat` against the real clock: the client must use it, not the app's.
    let (url, stand_in) = stand_in(SECRET).await;
    let store_app = app().await;
    let past = App::new(
        store_app.store.clone(),
        Arc::new(FixedClock(
            Utc.with_ymd_and_hms(2020, 1, 1, 9, 0, 0).unwrap(),
        )),
        "http://localhost",
    );
    let org = organisation(&past, Provider::Notify).await;
    queue(&past, Some(org), Medium::Email, "asha@example.org").await;
    let client = NotifyClient::new(&url).unwrap();
    let report = past
        .deliver_due_via(&Mailer::default(), &client)
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    assert_eq!(stand_in.received.requests.lock().unwrap().len(), 1);
}
