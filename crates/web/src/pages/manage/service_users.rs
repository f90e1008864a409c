//! Service users and carers: the list (by status) and the form to add one.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::equality::AGE_BANDS;
use domain::support::{ConsentMethod, Days, Gender, SupportStatus, SupportedPersonInput};
use domain::{FieldErrors, Labelled};
use serde::Deserialize;

use super::{managing_scope, scope, to};
use crate::form::{FormData, choices, supported_person_input};
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/service-users", get(list))
        .route("/manage/{org}/service-users/new", get(blank).post(add))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Filter {
    status: String,
}

struct Row {
    id: String,
    name: String,
    status: String,
    since: String,
    postcode: String,
}

#[derive(Template)]
#[template(path = "support/list.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    rows: Vec<Row>,
    statuses: Vec<(String, String)>,
    status: String,
    can_manage: bool,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let wanted = filter.status.trim().to_owned();
    let rows = state
        .app
        .supported_people(&scope)
        .await?
        .into_iter()
        .filter(|p| match wanted.as_str() {
            "" => true,
            "carer" => p.status.is_none(),
            code => p.status.map(|s| s.code()) == Some(code),
        })
        .map(|p| Row {
            id: p.id.to_string(),
            name: p.full_name(),
            status: p
                .status
                .map_or("Carer (not supported themselves)", |s| s.label())
                .to_owned(),
            since: nhs_date(&p.created_at.date_naive()),
            postcode: p.postcode.map(|c| c.to_string()).unwrap_or_default(),
        })
        .collect();
    let mut statuses = choices::<SupportStatus>();
    statuses.push(("carer".into(), "Carers (not supported themselves)".into()));
    let page = ListPage {
        layout: Layout::for_org("Service users and carers", &user, &scope),
        slug,
        rows,
        statuses,
        status: wanted,
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
    };
    Ok(Html(page.render()?).into_response())
}

/// The choices the person forms offer: age bands, volunteer genders, consent methods, and the
/// days with those already chosen.
pub(crate) struct PersonChoices {
    pub(crate) age_bands: Vec<(String, String)>,
    pub(crate) genders: Vec<(String, String)>,
    pub(crate) methods: Vec<(String, String)>,
    pub(crate) days: Vec<(&'static str, &'static str, bool)>,
}

impl PersonChoices {
    /// The choices, with `p`'s days ticked.
    pub(crate) fn for_input(p: &SupportedPersonInput) -> Self {
        Self {
            age_bands: AGE_BANDS
                .iter()
                .map(|b| ((*b).to_owned(), (*b).to_owned()))
                .collect(),
            genders: choices::<Gender>(),
            methods: choices::<ConsentMethod>(),
            days: Days::from_codes(p.days.iter().map(String::as_str)).choices(),
        }
    }
}

/// The form that adds someone, or (with `existing`, their id) changes their details.
#[derive(Template)]
#[template(path = "support/person_form.html")]
struct PersonFormPage {
    layout: Layout,
    slug: String,
    existing: String,
    p: SupportedPersonInput,
    c: PersonChoices,
}

/// The add or change form, with what was typed and any errors.
pub(super) async fn render_person_form(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    existing: Option<&str>,
    p: SupportedPersonInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let title = if existing.is_some() {
        "Change their details"
    } else {
        "Add a service user or carer"
    };
    let layout = Layout::for_org(title, user, &scope).with_errors(errors);
    let status = layout.status();
    let page = PersonFormPage {
        layout,
        slug: slug.to_owned(),
        existing: existing.unwrap_or_default().to_owned(),
        c: PersonChoices::for_input(&p),
        p,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn blank(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let p = SupportedPersonInput {
        receives_support: true,
        ..Default::default()
    };
    render_person_form(&state, &user, &slug, None, p, FieldErrors::new()).await
}

async fn add(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = supported_person_input(&form);
    match state.app.add_supported_person(&scope, &input).await {
        Ok(p) => Ok(to(format!("/manage/{slug}/service-users/{}", p.id))),
        Err(app::AppError::Invalid(errors)) => {
            render_person_form(&state, &user, &slug, None, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
