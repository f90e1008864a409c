//! The kiosk: a shared device at a site. A manager unlocks it with the site's kiosk code; then
//! volunteers check in and out with their personal code. The kiosk's cookie works only for that
//! site's kiosk pages (its path), and carries no one's staff powers.

use app::AppError;
use app::attendance::kiosk::{CODE_FIELD, Kiosk, KioskAction, KioskOutcome};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::SiteId;
use domain::rota::from_utc;
use domain::rota::kiosk::KIOSK_SESSION_HOURS;

use crate::form::FormData;
use crate::layout::Layout;
use crate::{AppState, WebError};

/// The kiosk cookie's name.
const KIOSK_COOKIE: &str = "alongside_kiosk";

/// The kiosk pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kiosk/{org}/{site}", get(show).post(check))
        .route("/kiosk/{org}/{site}/unlock", post(unlock))
        .route("/kiosk/{org}/{site}/lock", post(lock))
}

#[derive(Template)]
#[template(path = "kiosk/locked.html")]
struct LockedPage {
    layout: Layout,
    action: String,
    organisation: String,
    site: String,
    notice: &'static str,
}

#[derive(Template)]
#[template(path = "kiosk/ready.html")]
struct ReadyPage {
    layout: Layout,
    base: String,
    site: String,
    organisation: String,
    /// "Welcome, Sam. You are checked in …", after a check-in or out.
    done: String,
}

fn site_id(raw: &str) -> Result<SiteId, WebError> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

fn kiosk_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == KIOSK_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// The kiosk cookie, for this kiosk's pages only (or cleared, with `None`).
fn kiosk_cookie(org: &str, site: SiteId, token: Option<&str>, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let path = format!("/kiosk/{org}/{site}");
    let value = match token {
        Some(t) => format!(
            "{KIOSK_COOKIE}={t}; Path={path}; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
            KIOSK_SESSION_HOURS * 3600
        ),
        None => {
            format!("{KIOSK_COOKIE}=; Path={path}; Max-Age=0; HttpOnly; SameSite=Strict{secure}")
        }
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

/// The unlock form, with any errors, in the organisation's theme.
async fn locked(
    state: &AppState,
    org: &str,
    site: SiteId,
    status: StatusCode,
    errors: FieldErrors,
    notice: &'static str,
) -> Result<Response, WebError> {
    let (organisation, site_name, nhs) = state.app.kiosk_place_names(org, site).await?;
    let mut layout = Layout::plain("Unlock this kiosk").with_errors(errors);
    layout.theme = if nhs { "nhs" } else { "neutral" };
    let page = LockedPage {
        layout,
        action: format!("/kiosk/{org}/{site}/unlock"),
        organisation,
        site: site_name,
        notice,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn ready(
    kiosk: &Kiosk,
    org: &str,
    errors: FieldErrors,
    done: String,
) -> Result<Response, WebError> {
    let mut layout = Layout::plain("Check in or out").with_errors(errors);
    layout.theme = if kiosk.organisation.uses_nhs_identity() {
        "nhs"
    } else {
        "neutral"
    };
    layout.csrf = kiosk.session.csrf_token.clone();
    let status = layout.status();
    let page = ReadyPage {
        layout,
        base: format!("/kiosk/{org}/{}", kiosk.site.id),
        site: kiosk.site.name.clone(),
        organisation: kiosk.organisation.name.clone(),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The unlocked kiosk for this request, or `None` when it is locked.
async fn unlocked(
    state: &AppState,
    headers: &HeaderMap,
    org: &str,
    site: SiteId,
) -> Result<Option<Kiosk>, WebError> {
    let Some(token) = kiosk_token(headers) else {
        return Ok(None);
    };
    match state.app.kiosk(&token, org, site).await {
        Ok(kiosk) => Ok(Some(kiosk)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn show(
    State(state): State<AppState>,
    Path((org, site)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let site = site_id(&site)?;
    match unlocked(&state, &headers, &org, site).await? {
        Some(kiosk) => ready(&kiosk, &org, FieldErrors::new(), String::new()),
        None => locked(&state, &org, site, StatusCode::OK, FieldErrors::new(), "").await,
    }
}

async fn unlock(
    State(state): State<AppState>,
    Path((org, site)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let site = site_id(&site)?;
    let form = FormData::parse(&body);
    match state
        .app
        .unlock_kiosk(&org, site, &form.get("kiosk_code"))
        .await
    {
        Ok(token) => {
            let cookie = kiosk_cookie(&org, site, Some(&token), state.secure_cookies);
            Ok((
                [(SET_COOKIE, cookie)],
                Redirect::to(&format!("/kiosk/{org}/{site}")),
            )
                .into_response())
        }
        Err(AppError::Invalid(errors)) => {
            locked(
                &state,
                &org,
                site,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                "",
            )
            .await
        }
        Err(AppError::RateLimited) => {
            let errors = FieldErrors::one(
                "kiosk_code",
                "Too many wrong kiosk codes. Wait 15 minutes, then try again",
            );
            locked(
                &state,
                &org,
                site,
                StatusCode::TOO_MANY_REQUESTS,
                errors,
                "",
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// What the kiosk says after a check-in or out.
fn welcome(outcome: &KioskOutcome) -> String {
    let b = &outcome.booking;
    let times = format!(
        "{} to {}",
        from_utc(b.starts_at).format("%H:%M"),
        from_utc(b.ends_at).format("%H:%M")
    );
    match outcome.action {
        KioskAction::CheckIn => format!(
            "Welcome, {}. You are checked in for your {times} shift. Thank you for coming.",
            outcome.name
        ),
        KioskAction::CheckOut => format!(
            "Goodbye, {}. You are checked out of your {times} shift. Thank you for your time today.",
            outcome.name
        ),
    }
}

async fn check(
    State(state): State<AppState>,
    Path((org, site)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let site = site_id(&site)?;
    let notice = "This kiosk is locked. A manager needs to unlock it with the site's kiosk code.";
    let Some(kiosk) = unlocked(&state, &headers, &org, site).await? else {
        return locked(
            &state,
            &org,
            site,
            StatusCode::UNAUTHORIZED,
            FieldErrors::new(),
            notice,
        )
        .await;
    };
    let form = FormData::parse(&body);
    if form.get("_csrf") != kiosk.session.csrf_token {
        return Err(WebError::Csrf);
    }
    let action = match form.get("action").as_str() {
        "out" => KioskAction::CheckOut,
        _ => KioskAction::CheckIn,
    };
    match state
        .app
        .kiosk_check(&kiosk, &form.get(CODE_FIELD), action)
        .await
    {
        Ok(outcome) => ready(&kiosk, &org, FieldErrors::new(), welcome(&outcome)),
        Err(AppError::Invalid(errors)) => ready(&kiosk, &org, errors, String::new()),
        Err(AppError::RateLimited) => {
            let notice = "Too many wrong codes were typed, so this kiosk has locked itself. A manager needs to unlock it with the site's kiosk code.";
            let mut response = locked(
                &state,
                &org,
                site,
                StatusCode::TOO_MANY_REQUESTS,
                FieldErrors::new(),
                notice,
            )
            .await?;
            let cookie = kiosk_cookie(&org, site, None, state.secure_cookies);
            response.headers_mut().insert(SET_COOKIE, cookie);
            Ok(response)
        }
        Err(e) => Err(e.into()),
    }
}

async fn lock(
    State(state): State<AppState>,
    Path((org, site)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let site = site_id(&site)?;
    if let Some(kiosk) = unlocked(&state, &headers, &org, site).await? {
        if FormData::parse(&body).get("_csrf") != kiosk.session.csrf_token {
            return Err(WebError::Csrf);
        }
        if let Some(token) = kiosk_token(&headers) {
            state.app.lock_kiosk(&token).await?;
        }
    }
    let cookie = kiosk_cookie(&org, site, None, state.secure_cookies);
    Ok((
        [(SET_COOKIE, cookie)],
        Redirect::to(&format!("/kiosk/{org}/{site}")),
    )
        .into_response())
}
