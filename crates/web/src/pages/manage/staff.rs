//! Staff and permissions: who in the organisation may do what.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::StaffMemberId;
use domain::person::Person;
use domain::site::Site;
use domain::staff::{Permission, StaffMember};

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/staff", get(list).post(grant))
        .route("/manage/{org}/staff/{id}/remove", post(remove))
}

#[derive(Template)]
#[template(path = "manage/staff.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    staff: Vec<(StaffMember, Person, String)>,
    sites: Vec<Site>,
    permissions: Vec<(&'static str, &'static str)>,
    typed: Grant,
}

/// The grant form as sent, kept when it comes back with errors.
#[derive(Default)]
struct Grant {
    email: String,
    permission: String,
    site_ids: Vec<String>,
}

impl Grant {
    fn has_site(&self, site: &Site) -> bool {
        self.site_ids.contains(&site.id.to_string())
    }
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    errors: FieldErrors,
    typed: Grant,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let sites = state.app.sites(&scope).await?;
    let staff = state
        .app
        .staff(&scope)
        .await?
        .into_iter()
        .map(|(m, p)| {
            let names = sites
                .iter()
                .filter(|s| m.site_ids.contains(&s.id))
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            (m, p, names)
        })
        .collect();
    let layout = Layout::for_org("Staff and permissions", user, &scope).with_errors(errors);
    let page = ListPage {
        layout,
        slug: org.to_owned(),
        staff,
        sites,
        permissions: options::<Permission>(),
        typed,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    page(&state, &user, &org, FieldErrors::new(), Grant::default()).await
}

async fn grant(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let mut errors = FieldErrors::new();
    let mut site_ids = Vec::new();
    for raw in form.all("site_ids") {
        match raw.parse() {
            Ok(s) => site_ids.push(s),
            Err(_) => errors.add("site_ids", "Select sites from the list"),
        }
    }
    let typed = Grant {
        email: form.get("email"),
        permission: form.get("permission"),
        site_ids: form.all("site_ids"),
    };
    if !errors.is_empty() {
        return page(&state, &user, &org, errors, typed).await;
    }
    match state
        .app
        .grant_permission(&scope, &typed.email, &typed.permission, site_ids)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{org}/staff"))),
        Err(AppError::Invalid(errors)) => page(&state, &user, &org, errors, typed).await,
        Err(e) => Err(e.into()),
    }
}

async fn remove(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, member)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let member: StaffMemberId = id(&member)?;
    let scope = scope(&state, &user, &org).await?;
    match state.app.revoke_permission(&scope, member).await {
        Ok(()) => Ok(to(format!("/manage/{org}/staff"))),
        Err(AppError::Invalid(errors)) => page(&state, &user, &org, errors, Grant::default()).await,
        Err(e) => Err(e.into()),
    }
}
