//! Giving feedback on volunteers by a shared link (from a poster, a card or a message): no
//! account, anonymous, as often as people like. Protected from other sites like the other
//! forms for visitors without a session (`csrf::reject_cross_site`).

use app::AppError;
use app::feedback::FeedbackForm;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;

use super::surveys::{SectionView, section};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/feedback/{token}", get(form).post(give))
}

#[derive(Template)]
#[template(path = "surveys/feedback.html")]
struct FeedbackPage {
    layout: Layout,
    token: String,
    organisation_name: String,
    section: SectionView,
    /// "form", "thanks" or "stopped".
    state: &'static str,
}

fn page(
    user: &Option<crate::session::SignedIn>,
    token: String,
    found: &FeedbackForm,
    form: &FormData,
    errors: FieldErrors,
    state: &'static str,
) -> Result<Response, WebError> {
    let title = match state {
        "thanks" => "Thank you for your feedback".to_owned(),
        "stopped" => "This feedback link has closed".to_owned(),
        _ => format!("Tell {} about its volunteers", found.organisation_name),
    };
    let layout = Layout::for_user(&title, user.as_ref()).with_errors(errors);
    let status = match state {
        "stopped" => StatusCode::GONE,
        _ => layout.status(),
    };
    let page = FeedbackPage {
        layout,
        token,
        organisation_name: found.organisation_name.clone(),
        section: section(found.link.instrument, form),
        state,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let found = state.app.feedback_form(&token).await?;
    let kind = if found.link.active { "form" } else { "stopped" };
    page(
        &user,
        token,
        &found,
        &FormData::default(),
        FieldErrors::new(),
        kind,
    )
}

async fn give(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    match state
        .app
        .give_feedback(&token, |name| form.get(name).trim().to_owned())
        .await
    {
        Ok(found) => page(
            &user,
            token,
            &found,
            &FormData::default(),
            FieldErrors::new(),
            "thanks",
        ),
        Err(AppError::Conflict(_)) => {
            let found = state.app.feedback_form(&token).await?;
            page(&user, token, &found, &form, FieldErrors::new(), "stopped")
        }
        Err(AppError::Invalid(errors)) => {
            let found = state.app.feedback_form(&token).await?;
            page(&user, token, &found, &form, errors, "form")
        }
        Err(e) => Err(e.into()),
    }
}
