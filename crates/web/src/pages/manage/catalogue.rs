//! The organisation's catalogue of checks and training modules: list, add its own, and change
//! how long each stays valid.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::Labelled;
use domain::compliance::{CheckKind, RequirementType, RequirementTypeInput};
use domain::ids::RequirementTypeId;

use super::{id, managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The catalogue list and its add and change forms.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/catalogue", get(list))
        .route("/manage/{org}/catalogue/new", get(new_form).post(create))
        .route("/manage/{org}/catalogue/{id}", get(edit_form).post(update))
}

/// One line of the catalogue, in words.
struct Row {
    id: RequirementTypeId,
    name: String,
    kind: &'static str,
    framework: &'static str,
    validity: String,
    source: &'static str,
}

/// How long an item stays valid, in words (the page and its download).
pub(crate) fn validity(months: Option<u32>) -> String {
    match months {
        Some(1) => "Renew every month".to_owned(),
        Some(m) => format!("Renew every {m} months"),
        None => "Does not expire".to_owned(),
    }
}

/// Where an item came from, in words.
pub(crate) fn source(t: &RequirementType) -> &'static str {
    if t.built_in { "Built in" } else { "Our own" }
}

impl From<RequirementType> for Row {
    fn from(t: RequirementType) -> Self {
        Self {
            id: t.id,
            kind: t.kind.label(),
            framework: t.framework.map_or("", |f| f.label()),
            validity: validity(t.validity_months),
            source: source(&t),
            name: t.name,
        }
    }
}

#[derive(Template)]
#[template(path = "manage/catalogue.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    checks: Vec<Row>,
    training: Vec<Row>,
}

impl ListPage {
    /// Checks, then training, each with its heading.
    fn groups(&self) -> [(&'static str, &[Row]); 2] {
        [("Checks", &self.checks), ("Training", &self.training)]
    }
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let (training, checks): (Vec<RequirementType>, Vec<RequirementType>) = state
        .app
        .catalogue(&scope)
        .await?
        .into_iter()
        .partition(|t| t.kind.is_training());
    Ok(Html(
        ListPage {
            layout: Layout::for_org("Checks and training", &user, &scope),
            slug: org,
            checks: checks.into_iter().map(Row::from).collect(),
            training: training.into_iter().map(Row::from).collect(),
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "manage/requirement_form.html")]
struct FormPage {
    layout: Layout,
    slug: String,
    action: String,
    input: RequirementTypeInput,
    /// The item being changed; none when adding one.
    existing: Option<RequirementType>,
    kinds: Vec<(&'static str, &'static str)>,
}

impl FormPage {
    /// Whether the name can be typed (own items, and new ones).
    fn name_editable(&self) -> bool {
        self.existing.as_ref().is_none_or(|t| !t.built_in)
    }
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    existing: Option<RequirementType>,
    input: RequirementTypeInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let (title, action) = match &existing {
        Some(t) => (
            "Change a check or training module",
            format!("/manage/{org}/catalogue/{}", t.id),
        ),
        None => (
            "Add a check or training module",
            format!("/manage/{org}/catalogue/new"),
        ),
    };
    let layout = Layout::for_org(title, user, &scope).with_errors(errors);
    let page = FormPage {
        layout,
        slug: org.to_owned(),
        action,
        input,
        existing,
        kinds: [CheckKind::Training, CheckKind::Other]
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

fn typed(form: &FormData) -> RequirementTypeInput {
    RequirementTypeInput {
        name: form.get("name"),
        kind: form.get("kind"),
        description: form.get("description"),
        validity_months: form.get("validity_months"),
    }
}

async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    managing_scope(&state, &user, &org).await?;
    let input = RequirementTypeInput {
        kind: CheckKind::Training.code().into(),
        ..RequirementTypeInput::default()
    };
    form_page(&state, &user, &org, None, input, FieldErrors::new()).await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let input = typed(&form);
    match state.app.add_requirement_type(&scope, &input).await {
        Ok(_) => Ok(to(format!("/manage/{org}/catalogue"))),
        Err(AppError::Invalid(errors)) => form_page(&state, &user, &org, None, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, item)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let t = state.app.requirement_type(&scope, id(&item)?).await?;
    let input = RequirementTypeInput::from_type(&t);
    form_page(&state, &user, &org, Some(t), input, FieldErrors::new()).await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, item)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let item: RequirementTypeId = id(&item)?;
    let scope = scope(&state, &user, &org).await?;
    let input = typed(&form);
    match state
        .app
        .update_requirement_type(&scope, item, &input)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{org}/catalogue"))),
        Err(AppError::Invalid(errors)) => {
            // The form shows the item as it is stored beside what was typed.
            let t = state.app.requirement_type(&scope, item).await?;
            form_page(&state, &user, &org, Some(t), input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
