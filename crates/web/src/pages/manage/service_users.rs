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

#[derive(Template)]
#[template(path = "support/new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    p: SupportedPersonInput,
    age_bands: Vec<(String, String)>,
    genders: Vec<(String, String)>,
    methods: Vec<(String, String)>,
    days: Vec<(&'static str, &'static str, bool)>,
}

/// The age bands, the gender choices and the consent methods for the person forms.
pub(crate) fn person_choices() -> [Vec<(String, String)>; 3] {
    [
        AGE_BANDS
            .iter()
            .map(|b| ((*b).to_owned(), (*b).to_owned()))
            .collect(),
        choices::<Gender>(),
        choices::<ConsentMethod>(),
    ]
}

async fn render_new(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    p: SupportedPersonInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let layout = Layout::for_org("Add a service user or carer", user, &scope).with_errors(errors);
    let status = layout.status();
    let [age_bands, genders, methods] = person_choices();
    let page = NewPage {
        layout,
        slug: slug.to_owned(),
        days: Days::from_codes(p.days.iter().map(String::as_str)).choices(),
        p,
        age_bands,
        genders,
        methods,
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
    render_new(&state, &user, &slug, p, FieldErrors::new()).await
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
            render_new(&state, &user, &slug, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
