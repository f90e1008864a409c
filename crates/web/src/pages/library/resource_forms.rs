//! Adding, changing and withdrawing resources: coordinators and members' managers add them; the
//! owner and coordinators change and withdraw them. The form takes a link or a file.

use app::AppError;
use app::networks::NetworkAccess;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::ids::ResourceId;
use domain::network::resource::{FileInfo, Owner, ResourceInput, ResourceKind};
use domain::network::{Audience, Network};
use domain::{FieldErrors, Labelled};

use super::upload::{MAX_BODY_BYTES, Posted};
use super::{access, id, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/resources/new", get(new_form).post(create))
        .route(
            "/networks/{slug}/resources/{id}/edit",
            get(edit_form).post(update),
        )
        .route("/networks/{slug}/resources/{id}/withdraw", post(withdraw))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

#[derive(Template)]
#[template(path = "library/resource_form.html")]
struct FormPage {
    layout: Layout,
    network: Network,
    action: String,
    input: ResourceInput,
    kinds: Vec<(&'static str, &'static str)>,
    audiences: Vec<(&'static str, &'static str)>,
    owners: Vec<(String, String)>,
    /// The file the resource has now, when changing one.
    current_file: Option<FileInfo>,
}

/// The form, for a new resource (`resource` none) or for changing one.
async fn form_page(
    state: &AppState,
    user: &SignedIn,
    access: &NetworkAccess,
    resource: Option<ResourceId>,
    input: ResourceInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let mut owners = state.app.resource_owners(access).await?;
    let (title, action, current_file) = match resource {
        None => (
            "Add a resource",
            format!("/networks/{}/resources/new", access.network().slug),
            None,
        ),
        Some(id) => {
            let current = state.app.resource(access, id).await?.resource;
            if !owners.contains(&current.owner) {
                owners.push(current.owner.clone());
            }
            (
                "Change the resource",
                format!("/networks/{}/resources/{id}/edit", access.network().slug),
                current.file().cloned(),
            )
        }
    };
    let layout = Layout::for_user(title, Some(user)).with_errors(errors);
    let page = FormPage {
        layout,
        network: access.network().clone(),
        action,
        input,
        kinds: options::<ResourceKind>(),
        audiences: options::<Audience>(),
        owners: owners.iter().map(|o| (o.code(), owner_label(o))).collect(),
        current_file,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

fn owner_label(o: &Owner) -> String {
    match o {
        Owner::Organisation { name, .. } => name.clone(),
        Owner::Person { name, .. } => format!("{name} (a person)"),
    }
}

/// The errors for a form whose body could not be read (most often: a file over the limit).
fn unreadable() -> FieldErrors {
    FieldErrors::one(
        "file",
        "The form could not be sent. The file must be 10 MB or smaller",
    )
}

async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let input = ResourceInput {
        audience: Audience::Members.code().into(),
        ..ResourceInput::default()
    };
    form_page(&state, &user, &access, None, input, FieldErrors::new()).await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    request: Request,
) -> Result<Response, WebError> {
    let posted = Posted::read(request).await;
    if posted.unreadable {
        let access = access(&state, Some(&user), &slug).await?;
        return form_page(&state, &user, &access, None, posted.input(), unreadable()).await;
    }
    user.check_csrf(&posted.form())?;
    let access = access(&state, Some(&user), &slug).await?;
    let input = posted.input();
    match state.app.add_resource(&access, &input, posted.file).await {
        Ok(r) => Ok(to(format!("/networks/{slug}/resources/{}", r.id))),
        Err(AppError::Invalid(errors)) => {
            form_page(&state, &user, &access, None, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, resource)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let view = state.app.resource(&access, id(&resource)?).await?;
    if !view.can_edit {
        return Err(if access.is_member() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        }
        .into());
    }
    let input = ResourceInput::from_resource(&view.resource);
    form_page(
        &state,
        &user,
        &access,
        Some(view.resource.id),
        input,
        FieldErrors::new(),
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, resource)): Path<(String, String)>,
    request: Request,
) -> Result<Response, WebError> {
    let resource: ResourceId = id(&resource)?;
    let posted = Posted::read(request).await;
    let access = access(&state, Some(&user), &slug).await?;
    if posted.unreadable {
        let input = posted.input();
        return form_page(&state, &user, &access, Some(resource), input, unreadable()).await;
    }
    user.check_csrf(&posted.form())?;
    let input = posted.input();
    match state
        .app
        .update_resource(&access, resource, &input, posted.file)
        .await
    {
        Ok(_) => Ok(to(format!("/networks/{slug}/resources/{resource}"))),
        Err(AppError::Invalid(errors)) => {
            form_page(&state, &user, &access, Some(resource), input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, resource)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let resource: ResourceId = id(&resource)?;
    let access = access(&state, Some(&user), &slug).await?;
    state.app.withdraw_resource(&access, resource).await?;
    Ok(to(format!("/networks/{slug}/resources")))
}
