//! Safeguarding for an organisation's staff: who the leads and deputies are (admins name
//! them); and, for leads only, the concerns and each concern's record, which they add to.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::ids::{ConcernId, PersonId};
use domain::safeguarding::{ConcernStatus, status};
use domain::staff::Capability;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/safeguarding", get(show))
        .route("/manage/{org}/safeguarding/leads", post(set_leads))
        .route(
            "/manage/{org}/safeguarding/concerns/{id}",
            get(concern).post(add_entry),
        )
}

struct ConcernRow {
    id: String,
    about: String,
    raised: String,
    status: String,
    urgent: bool,
    waiting: bool,
}

struct StaffChoice {
    person_id: String,
    name: String,
    role: &'static str,
}

#[derive(Template)]
#[template(path = "support/safeguarding.html")]
struct SafeguardingPage {
    layout: Layout,
    slug: String,
    leads: Vec<(String, bool)>,
    is_lead: bool,
    concerns: Vec<ConcernRow>,
    staff: Vec<StaffChoice>,
    can_admin: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let leads = state.app.safeguarding_leads(&scope).await?;
    let is_lead = state.app.is_safeguarding_lead(&scope).await?;
    let concerns = if is_lead {
        state
            .app
            .concerns_for_leads(&scope)
            .await?
            .into_iter()
            .map(|(c, record)| {
                let s = status(&record);
                ConcernRow {
                    id: c.id.to_string(),
                    about: format!("{} ({})", c.subject_name, c.subject.label().to_lowercase()),
                    raised: nhs_datetime(&c.raised_at),
                    status: s.label().to_owned(),
                    urgent: c.urgent,
                    waiting: s == ConcernStatus::Raised,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let can_admin = scope.can(Capability::Administer);
    let staff = if can_admin {
        state
            .app
            .staff(&scope)
            .await?
            .into_iter()
            .map(|(s, p)| StaffChoice {
                person_id: p.id.to_string(),
                name: p.full_name(),
                role: match leads.iter().find(|l| l.person_id == s.person_id) {
                    Some(l) if l.deputy => "deputy",
                    Some(_) => "lead",
                    None => "",
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    let layout = Layout::for_org("Safeguarding", user, &scope).with_errors(errors);
    let code = layout.status();
    let page = SafeguardingPage {
        layout,
        slug: slug.to_owned(),
        leads: leads.into_iter().map(|l| (l.name, l.deputy)).collect(),
        is_lead,
        concerns,
        staff,
        can_admin,
    };
    Ok((code, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    render(&state, &user, &slug, FieldErrors::new()).await
}

async fn set_leads(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let mut leads: Vec<(PersonId, bool)> = Vec::new();
    for (person, _) in state
        .app
        .staff(&scope)
        .await?
        .into_iter()
        .map(|(s, p)| (p.id, s))
    {
        match form.get(&format!("role-{person}")).as_str() {
            "lead" => leads.push((person, false)),
            "deputy" => leads.push((person, true)),
            _ => {}
        }
    }
    match state.app.set_safeguarding_leads(&scope, &leads).await {
        Ok(()) => Ok(to(format!("/manage/{slug}/safeguarding"))),
        Err(app::AppError::Invalid(errors)) => render(&state, &user, &slug, errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "support/concern.html")]
struct ConcernPage {
    layout: Layout,
    slug: String,
    id: String,
    about: String,
    urgent: bool,
    status: String,
    record: Vec<(String, String, String, String)>,
    closed: bool,
    acknowledged: bool,
}

async fn render_concern(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let concern_id: ConcernId = id(raw)?;
    let (c, record) = state.app.concern_for_leads(&scope, concern_id).await?;
    let s = status(&record);
    let mut rows = Vec::new();
    for e in &record {
        let by = match e.by {
            Some(p) => state.app.full_name_of(p).await?,
            None => "Alongside (automatic)".to_owned(),
        };
        rows.push((
            nhs_datetime(&e.at),
            e.kind.label().to_owned(),
            by,
            e.text.clone(),
        ));
    }
    let layout = Layout::for_org("Safeguarding concern", user, &scope).with_errors(errors);
    let code = layout.status();
    let page = ConcernPage {
        layout,
        slug: slug.to_owned(),
        id: raw.to_owned(),
        about: format!("{} ({})", c.subject_name, c.subject.label().to_lowercase()),
        urgent: c.urgent,
        status: s.label().to_owned(),
        record: rows,
        closed: s == ConcernStatus::Closed,
        acknowledged: s != ConcernStatus::Raised,
    };
    Ok((code, Html(page.render()?)).into_response())
}

async fn concern(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render_concern(&state, &user, &slug, &raw, FieldErrors::new()).await
}

async fn add_entry(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    match state
        .app
        .add_concern_entry(&scope, id(&raw)?, &form.get("kind"), &form.get("text"))
        .await
    {
        Ok(()) => Ok(to(format!("/manage/{slug}/safeguarding/concerns/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render_concern(&state, &user, &slug, &raw, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
