//! A service user's (or their carer's) own feedback link: one FFT-style question about the
//! support from their volunteer, who is answering, and any words — no sign-in, laid out for a
//! phone. It can be used again; each answer is kept on their record.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::instruments::feedback::{AnsweredBy, Rating};
use domain::support::SupportFeedbackInput;

use crate::form::{FormData, choices};
use crate::layout::Layout;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/support-feedback/{token}", get(show).post(give))
}

#[derive(Template)]
#[template(path = "support/feedback_form.html")]
struct FeedbackPage {
    layout: Layout,
    token: String,
    organisation: String,
    name: String,
    input: SupportFeedbackInput,
    ratings: Vec<(String, String)>,
    answerers: Vec<(String, String)>,
    thanked: bool,
}

async fn render(
    state: &AppState,
    token: &str,
    input: SupportFeedbackInput,
    errors: FieldErrors,
    thanked: bool,
) -> Result<Response, WebError> {
    let about = state.app.support_feedback_about(token).await?;
    let layout = Layout::plain(&format!(
        "How is the support from {}?",
        about.organisation_name
    ))
    .with_errors(errors);
    let status = layout.status();
    let page = FeedbackPage {
        layout,
        token: token.to_owned(),
        organisation: about.organisation_name,
        name: about.given_name,
        input,
        ratings: choices::<Rating>(),
        answerers: choices::<AnsweredBy>(),
        thanked,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    render(
        &state,
        &token,
        SupportFeedbackInput::default(),
        FieldErrors::new(),
        false,
    )
    .await
}

async fn give(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let input = SupportFeedbackInput {
        rating: form.get("rating"),
        answered_by: form.get("answered_by"),
        comment: form.get("comment"),
    };
    match state.app.give_support_feedback(&token, &input).await {
        Ok(()) => {
            render(
                &state,
                &token,
                SupportFeedbackInput::default(),
                FieldErrors::new(),
                true,
            )
            .await
        }
        Err(app::AppError::Invalid(errors)) => render(&state, &token, input, errors, false).await,
        Err(e) => Err(e.into()),
    }
}
