//! Roles: list, write, edit, publish (with the non-substitution statement) and close.

use app::AppError;
use app::role_library::TemplateOrigin;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::compliance::{CheckKind, RequirementType, Workforce};
use domain::ids::RoleId;
use domain::network::Network;
use domain::role::{DbsLevel, Role, RoleInput, Setting};
use domain::site::Site;
use domain::staff::Capability;

use super::{id, managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/roles", get(list))
        .route("/manage/{org}/roles/new", get(new_form).post(create))
        .route("/manage/{org}/roles/{id}", get(show))
        .route("/manage/{org}/roles/{id}/edit", get(edit_form).post(update))
        .route("/manage/{org}/roles/{id}/publish", post(publish))
        .route("/manage/{org}/roles/{id}/close", post(close))
}

#[derive(Template)]
#[template(path = "manage/roles.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    roles: Vec<Role>,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let roles = state.app.roles(&scope).await?;
    Ok(Html(
        ListPage {
            layout: Layout::for_org("Roles", &user, &scope),
            slug: org,
            roles,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "manage/role.html")]
struct ShowPage {
    layout: Layout,
    slug: String,
    role: Role,
    sites: Vec<String>,
    /// Networks the organisation belongs to, where a manager may share the role.
    networks: Vec<Network>,
    /// The role library template it was copied from, if it was.
    origin: Option<TemplateOrigin>,
}

async fn show_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    role_id: RoleId,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let role = state.app.role(&scope, role_id).await?;
    let sites = state
        .app
        .sites(&scope)
        .await?
        .into_iter()
        .filter(|s| role.site_ids.contains(&s.id))
        .map(|s| s.name)
        .collect();
    let networks = if scope.can(Capability::ManageVolunteering) {
        state.app.networks_of_organisation(&scope).await?
    } else {
        vec![]
    };
    let origin = state.app.template_origin(&scope, role_id).await?;
    let layout = Layout::for_org(&role.title, user, &scope).with_errors(errors);
    let status = layout.status();
    Ok((
        status,
        Html(
            ShowPage {
                layout,
                slug: org.to_owned(),
                role,
                sites,
                networks,
                origin,
            }
            .render()?,
        ),
    )
        .into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
) -> Result<Response, WebError> {
    show_page(&state, &user, &org, id(&role)?, FieldErrors::new()).await
}

#[derive(Template)]
#[template(path = "manage/role_form.html")]
struct FormPage {
    layout: Layout,
    action: String,
    input: RoleInput,
    sites: Vec<Site>,
    settings: Vec<(&'static str, &'static str)>,
    dbs_levels: Vec<(&'static str, &'static str)>,
    workforces: Vec<(&'static str, &'static str)>,
    catalogue: Vec<RequirementType>,
    /// For a role copied from a role library template: where from, and what the catalogue lacks.
    origin: Option<TemplateOrigin>,
}

impl FormPage {
    fn has_site(&self, site: &Site) -> bool {
        self.input.site_ids.contains(&site.id)
    }

    fn needs(&self, t: &RequirementType) -> bool {
        self.input.requirement_type_ids.contains(&t.id)
    }

    /// Catalogue items a role chooses directly (the DBS check, references and parental consent
    /// have their own questions).
    fn choosable(&self) -> Vec<&RequirementType> {
        self.catalogue
            .iter()
            .filter(|t| {
                !matches!(
                    t.kind,
                    CheckKind::Dbs | CheckKind::References | CheckKind::GuardianConsent
                )
            })
            .collect()
    }
}

/// The form for a new role (`role` none) or for changing one.
async fn form_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    role: Option<RoleId>,
    input: RoleInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let (title, action, origin) = match role {
        None => ("Write a role", format!("/manage/{org}/roles/new"), None),
        Some(id) => (
            "Change the role",
            format!("/manage/{org}/roles/{id}/edit"),
            state.app.template_origin(&scope, id).await?,
        ),
    };
    let sites = state.app.sites(&scope).await?;
    let catalogue = state.app.catalogue(&scope).await?;
    let layout = Layout::for_org(title, user, &scope).with_errors(errors);
    let page = FormPage {
        layout,
        action,
        input,
        sites,
        settings: options::<Setting>(),
        dbs_levels: options::<DbsLevel>(),
        workforces: std::iter::once(("", "Not needed (basic or standard check)"))
            .chain(options::<Workforce>())
            .collect(),
        catalogue,
        origin,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

fn role_input(form: &FormData) -> (RoleInput, FieldErrors) {
    let mut errors = FieldErrors::new();
    let mut site_ids = Vec::new();
    for raw in form.all("site_ids") {
        match raw.parse() {
            Ok(id) => site_ids.push(id),
            Err(_) => errors.add("site_ids", "Select sites from the list"),
        }
    }
    let mut requirement_type_ids = Vec::new();
    for raw in form.all("requirement_type_ids") {
        match raw.parse() {
            Ok(id) => requirement_type_ids.push(id),
            Err(_) => errors.add(
                "requirement_type_ids",
                "Select checks and training from the list",
            ),
        }
    }
    let input = RoleInput {
        title: form.get("title"),
        summary: form.get("summary"),
        description: form.get("description"),
        setting: form.get("setting"),
        activities: form.get("activities"),
        site_ids,
        time_commitment: form.get("time_commitment"),
        minimum_age: form.get("minimum_age"),
        dbs_level: form.get("dbs_level"),
        dbs_workforce: form.get("dbs_workforce"),
        references_required: form.get("references_required"),
        requirement_type_ids,
        non_substitution_statement: form.get("non_substitution_statement"),
    };
    (input, errors)
}

async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    managing_scope(&state, &user, &org).await?;
    let input = RoleInput {
        minimum_age: "18".into(),
        ..RoleInput::default()
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
    let (input, errors) = role_input(&form);
    if !errors.is_empty() {
        return form_page(&state, &user, &org, None, input, errors).await;
    }
    match state.app.create_role(&scope, &input).await {
        Ok(role) => Ok(to(format!("/manage/{org}/roles/{}", role.id))),
        Err(AppError::Invalid(errors)) => form_page(&state, &user, &org, None, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let role = state.app.role(&scope, id(&role)?).await?;
    form_page(
        &state,
        &user,
        &org,
        Some(role.id),
        RoleInput::from_role(&role),
        FieldErrors::new(),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let role_id: RoleId = id(&role)?;
    let scope = scope(&state, &user, &org).await?;
    let (input, errors) = role_input(&form);
    if !errors.is_empty() {
        return form_page(&state, &user, &org, Some(role_id), input, errors).await;
    }
    match state.app.update_role(&scope, role_id, &input).await {
        Ok(_) => Ok(to(format!("/manage/{org}/roles/{role_id}"))),
        Err(AppError::Invalid(errors)) => {
            form_page(&state, &user, &org, Some(role_id), input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn publish(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    change_status(&state, &user, &org, &role, &body, StatusChange::Publish).await
}

async fn close(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, role)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    change_status(&state, &user, &org, &role, &body, StatusChange::Close).await
}

/// Opening or closing a role from its page.
enum StatusChange {
    Publish,
    Close,
}

async fn change_status(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    role: &str,
    body: &Bytes,
    change: StatusChange,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(body))?;
    let role_id: RoleId = id(role)?;
    let scope = scope(state, user, org).await?;
    let result = match change {
        StatusChange::Publish => state.app.publish_role(&scope, role_id).await,
        StatusChange::Close => state.app.close_role(&scope, role_id).await,
    };
    match result {
        Ok(_) => Ok(to(format!("/manage/{org}/roles/{role_id}"))),
        Err(AppError::Invalid(errors)) => show_page(state, user, org, role_id, errors).await,
        Err(e) => Err(e.into()),
    }
}
