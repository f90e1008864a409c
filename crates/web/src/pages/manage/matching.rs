//! Finding volunteers for service users: suggestions for one person with the reasons for
//! each (and who was ruled out, and why), inviting one; and matching the whole waiting list
//! at once, reviewed before any invitation is sent.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::support::SupportType;
use domain::{FieldErrors, Labelled};
use serde::Deserialize;

use super::{id, managing_scope, scope, to};
use crate::form::{FormData, choices};
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/manage/{org}/service-users/{id}/suggestions",
            get(suggestions),
        )
        .route("/manage/{org}/service-users/{id}/matches", post(propose))
        .route("/manage/{org}/matching", get(plan).post(confirm))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Choice {
    role: String,
    support_type: String,
}

struct SuggestionRow {
    volunteer_id: String,
    /// The first form's box is the one the error summary links to.
    every_id: String,
    name: String,
    score: i64,
    reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "support/suggestions.html")]
struct SuggestionsPage {
    layout: Layout,
    slug: String,
    id: String,
    name: String,
    role: String,
    role_title: String,
    support_type: String,
    support_label: String,
    suggested: Vec<SuggestionRow>,
    ruled_out: Vec<(String, String)>,
}

fn parse_choice(c: &Choice) -> Result<(domain::ids::RoleId, SupportType), FieldErrors> {
    let mut e = FieldErrors::new();
    let role = c.role.trim().parse().ok();
    if role.is_none() {
        e.add("role", "Choose a role");
    }
    let support = SupportType::from_code(c.support_type.trim());
    if support.is_none() {
        e.add("support_type", "Choose the support needed");
    }
    e.finish(|| Some((role?, support?)))
}

async fn render_suggestions(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    choice: &Choice,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let (role, support) = match parse_choice(choice) {
        Ok(ok) => ok,
        Err(errors) => return Err(app::AppError::Invalid(errors).into()),
    };
    let found = state
        .app
        .suggest_volunteers(&scope, id(raw)?, role, support)
        .await?;
    let role_title = state
        .app
        .roles(&scope)
        .await?
        .into_iter()
        .find(|r| r.id == role)
        .map(|r| r.title)
        .unwrap_or_default();
    let layout = Layout::for_org("Suggested volunteers", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = SuggestionsPage {
        layout,
        slug: slug.to_owned(),
        id: raw.to_owned(),
        name: found.person.full_name(),
        role: role.to_string(),
        role_title,
        support_type: support.code().to_owned(),
        support_label: support.label().to_lowercase(),
        suggested: found
            .suggested
            .into_iter()
            .enumerate()
            .map(|(i, s)| SuggestionRow {
                every_id: if i == 0 {
                    "contact_every_days".to_owned()
                } else {
                    format!("every-{}", s.volunteer_id)
                },
                volunteer_id: s.volunteer_id.to_string(),
                name: s.name,
                score: s.fit.score,
                reasons: s.fit.reasons,
            })
            .collect(),
        ruled_out: found.ruled_out,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn suggestions(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    Query(choice): Query<Choice>,
) -> Result<Response, WebError> {
    render_suggestions(&state, &user, &slug, &raw, &choice, FieldErrors::new()).await
}

async fn propose(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let choice = Choice {
        role: form.get("role"),
        support_type: form.get("support_type"),
    };
    let (role, support) = parse_choice(&choice).map_err(app::AppError::Invalid)?;
    let every = form.get("contact_every_days").trim().parse().unwrap_or(0);
    let volunteer = id(&form.get("volunteer"))?;
    match state
        .app
        .propose_match(&scope, id(&raw)?, volunteer, role, support, every)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{slug}/service-users/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render_suggestions(&state, &user, &slug, &raw, &choice, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

struct PairRow {
    person_id: String,
    person: String,
    volunteer_id: String,
    volunteer: String,
    score: i64,
    reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "support/matching.html")]
struct PlanPage {
    layout: Layout,
    slug: String,
    roles: Vec<(String, String)>,
    support_types: Vec<(String, String)>,
    role: String,
    support_type: String,
    planned: bool,
    pairs: Vec<PairRow>,
    unmatched: Vec<String>,
    total_fit: i64,
    greedy_fit: i64,
    sent: String,
    problems: Vec<String>,
}

async fn render_plan(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    choice: &Choice,
    outcome: (String, Vec<String>),
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let roles = state
        .app
        .roles(&scope)
        .await?
        .into_iter()
        .map(|r| (r.id.to_string(), r.title))
        .collect();
    let mut page = PlanPage {
        layout: Layout::for_org("Match the waiting list", user, &scope),
        slug: slug.to_owned(),
        roles,
        support_types: choices::<SupportType>(),
        role: choice.role.clone(),
        support_type: choice.support_type.clone(),
        planned: false,
        pairs: Vec::new(),
        unmatched: Vec::new(),
        total_fit: 0,
        greedy_fit: 0,
        sent: outcome.0,
        problems: outcome.1,
    };
    if !choice.role.is_empty() || !choice.support_type.is_empty() {
        match parse_choice(choice) {
            Ok((role, support)) => {
                let plan = state.app.plan_batch_matching(&scope, role, support).await?;
                page.planned = true;
                page.total_fit = plan.total_fit;
                page.greedy_fit = plan.greedy_fit;
                page.unmatched = plan.unmatched.iter().map(|p| p.full_name()).collect();
                page.pairs = plan
                    .pairs
                    .into_iter()
                    .map(|(p, s)| PairRow {
                        person_id: p.id.to_string(),
                        person: p.full_name(),
                        volunteer_id: s.volunteer_id.to_string(),
                        volunteer: s.name,
                        score: s.fit.score,
                        reasons: s.fit.reasons,
                    })
                    .collect();
            }
            Err(errors) => page.layout = page.layout.with_errors(errors),
        }
    }
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn plan(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(choice): Query<Choice>,
) -> Result<Response, WebError> {
    render_plan(&state, &user, &slug, &choice, (String::new(), vec![])).await
}

async fn confirm(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let choice = Choice {
        role: form.get("role"),
        support_type: form.get("support_type"),
    };
    let (role, support) = parse_choice(&choice).map_err(app::AppError::Invalid)?;
    let mut pairs = Vec::new();
    for pair in form.all("pair") {
        let Some((person, volunteer)) = pair.split_once(':') else {
            continue;
        };
        pairs.push((id(person)?, id(volunteer)?));
    }
    let (sent, problems) = state
        .app
        .confirm_batch_matching(&scope, role, support, &pairs, 7)
        .await?;
    render_plan(&state, &user, &slug, &choice, (sent.to_string(), problems)).await
}
