//! Outcome frameworks: each role's indicators (what its volunteers' activity counts towards,
//! with units, and minutes of staff time each releases), added and retired by managers.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::{OutcomeIndicatorId, RoleId};
use domain::outcome_framework::{IndicatorInput, OutcomeIndicator};

use super::scope;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/outcomes", get(show))
        .route("/manage/{org}/outcomes/roles/{role}", post(add))
        .route(
            "/manage/{org}/outcomes/indicators/{id}/retired",
            post(retire),
        )
}

struct RoleView {
    id: String,
    title: String,
    indicators: Vec<OutcomeIndicator>,
    input: IndicatorInput,
}

#[derive(Template)]
#[template(path = "manage/outcomes.html")]
struct OutcomesPage {
    layout: Layout,
    slug: String,
    roles: Vec<RoleView>,
    can_manage: bool,
    done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    failed: Option<(RoleId, IndicatorInput)>,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let roles = state
        .app
        .outcome_framework(&scope)
        .await?
        .into_iter()
        .map(|f| RoleView {
            id: f.role.id.to_string(),
            input: match &failed {
                Some((r, input)) if *r == f.role.id => input.clone(),
                _ => IndicatorInput::default(),
            },
            title: f.role.title,
            indicators: f.indicators,
        })
        .collect();
    let layout = Layout::for_org("Outcomes", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = OutcomesPage {
        layout,
        slug: slug.to_owned(),
        roles,
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render(
        &state,
        &user,
        &slug,
        None,
        FieldErrors::new(),
        q.done == "saved",
    )
    .await
}

async fn add(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, role)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let role: RoleId = role.parse().map_err(|_| AppError::NotFound)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = IndicatorInput {
        name: form.get("name"),
        unit: form.get("unit"),
        minutes_each: form.get("minutes_each"),
    };
    match state.app.add_outcome_indicator(&scope, role, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/outcomes?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut named = FieldErrors::new();
            for e in errors.0 {
                named.add(&format!("{role}-{}", e.field), e.message);
            }
            render(&state, &user, &slug, Some((role, input)), named, false).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn retire(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: OutcomeIndicatorId = id.parse().map_err(|_| AppError::NotFound)?;
    let scope = scope(&state, &user, &slug).await?;
    let retired = form.get("retired") == "yes";
    state
        .app
        .set_outcome_indicator_retired(&scope, id, retired)
        .await?;
    Ok(Redirect::to(&format!("/manage/{slug}/outcomes?done=saved")).into_response())
}
