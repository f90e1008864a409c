//! Feedback links: managers make a link for service users and carers, or for staff, to give
//! feedback on volunteers (to print on a poster or card, or send), and stop or restart it.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::ids::{FeedbackLinkId, RoleId};
use domain::surveys::FeedbackLinkInput;

use super::scope;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/feedback", get(show).post(create))
        .route("/manage/{org}/feedback/{id}/active", post(set_active))
}

/// Who a link asks for feedback, in words (the page and its download).
pub(crate) fn who_answers(link: &domain::surveys::FeedbackLink) -> &'static str {
    if link.instrument.code == "staff_feedback" {
        "Staff"
    } else {
        "Service users and carers"
    }
}

struct LinkView {
    id: String,
    label: String,
    who: &'static str,
    role: String,
    address: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "manage/feedback.html")]
struct FeedbackLinksPage {
    layout: Layout,
    slug: String,
    links: Vec<LinkView>,
    roles: Vec<(String, String)>,
    input: FeedbackLinkInput,
    role: String,
    can_manage: bool,
    done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    kept: (FeedbackLinkInput, String),
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let roles = state.app.roles(&scope).await?;
    let title = |id: Option<RoleId>| {
        id.and_then(|id| roles.iter().find(|r| r.id == id))
            .map_or_else(|| "All volunteers".to_owned(), |r| r.title.clone())
    };
    let links = state
        .app
        .feedback_links(&scope)
        .await?
        .into_iter()
        .map(|l| LinkView {
            id: l.id.to_string(),
            who: who_answers(&l),
            role: title(l.role_id),
            address: format!("{}/feedback/{}", state.app.base_url, l.token),
            label: l.label,
            active: l.active,
        })
        .collect();
    let layout = Layout::for_org("Feedback on volunteers", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = FeedbackLinksPage {
        layout,
        slug: slug.to_owned(),
        links,
        roles: roles
            .iter()
            .map(|r| (r.id.to_string(), r.title.clone()))
            .collect(),
        input: kept.0,
        role: kept.1,
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
    let kept = (FeedbackLinkInput::default(), String::new());
    render(
        &state,
        &user,
        &slug,
        kept,
        FieldErrors::new(),
        q.done == "saved",
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = FeedbackLinkInput {
        instrument: form.get("instrument"),
        label: form.get("label"),
    };
    let raw_role = form.get("role");
    let role: Option<RoleId> = if raw_role.trim().is_empty() {
        None
    } else {
        Some(raw_role.trim().parse().map_err(|_| AppError::NotFound)?)
    };
    match state.app.create_feedback_link(&scope, &input, role).await {
        Ok(_) => Ok(Redirect::to(&format!("/manage/{slug}/feedback?done=saved")).into_response()),
        Err(AppError::Invalid(errors)) => {
            render(&state, &user, &slug, (input, raw_role), errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_active(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let id: FeedbackLinkId = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .app
        .set_feedback_link_active(&scope, id, form.get("active") == "yes")
        .await?;
    Ok(Redirect::to(&format!("/manage/{slug}/feedback?done=saved")).into_response())
}
