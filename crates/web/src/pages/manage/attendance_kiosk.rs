//! A site's kiosk code: managers set their own or have one made, see it once, and change it
//! (which locks every kiosk unlocked with the old one).

use app::AppError;
use app::attendance::codes::KioskSite;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::SiteId;
use domain::rota::kiosk::spaced;

use super::{id, managing_scope};
use crate::form::FormData;
use crate::layout::{Layout, nhs_day};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The kiosk code page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/sites/{site}/kiosk", get(show).post(set))
}

#[derive(Template)]
#[template(path = "manage/kiosk_code.html")]
struct KioskPage {
    layout: Layout,
    slug: String,
    site: KioskSite,
    set_on: String,
    /// The new code, shown once after setting it.
    new_code: String,
    typed: String,
}

/// A code as shown: digits in threes ("123 456 78"), letters as they are.
fn shown(code: &str) -> String {
    if code.chars().all(|c| c.is_ascii_digit()) {
        spaced(code)
    } else {
        code.to_owned()
    }
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    site: SiteId,
    new_code: String,
    typed: String,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, org).await?;
    let site = state
        .app
        .kiosk_sites(&scope)
        .await?
        .into_iter()
        .find(|k| k.site.id == site)
        .ok_or(AppError::NotFound)?;
    let layout = Layout::for_org("Kiosk code", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = KioskPage {
        layout,
        slug: org.to_owned(),
        set_on: site
            .code
            .as_ref()
            .map(|c| nhs_day(&c.set_at))
            .unwrap_or_default(),
        site,
        new_code,
        typed,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, site)): Path<(String, String)>,
) -> Result<Response, WebError> {
    page(
        &state,
        &user,
        &org,
        id(&site)?,
        String::new(),
        String::new(),
        FieldErrors::new(),
    )
    .await
}

async fn set(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, site)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let site: SiteId = id(&site)?;
    let scope = managing_scope(&state, &user, &org).await?;
    let typed = form.get("kiosk_code");
    match state.app.set_kiosk_code(&scope, site, &typed).await {
        Ok(code) => {
            page(
                &state,
                &user,
                &org,
                site,
                shown(&code),
                String::new(),
                FieldErrors::new(),
            )
            .await
        }
        Err(AppError::Invalid(errors)) => {
            page(&state, &user, &org, site, String::new(), typed, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
