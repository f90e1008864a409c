//! The web layer's error type: every failure becomes an HTML page (or problem+json under the
//! API) here, in one place. Internal details are logged, never shown.

use app::AppError;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::layout::Layout;

/// Why a page could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A use case failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// The page needs a signed-in person; carries where to come back to.
    #[error("sign in required")]
    SignInRequired(String),
    /// A form without this session's anti-forgery token.
    #[error("form token mismatch")]
    Csrf,
    /// A template failed to render.
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: String,
    message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, heading, message) = match &self {
            WebError::SignInRequired(next) => {
                let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
                return Redirect::to(&format!("/sign-in?next={next}")).into_response();
            }
            WebError::App(AppError::Unauthenticated) => return Redirect::to("/sign-in").into_response(),
            WebError::App(AppError::NotFound) => {
                (StatusCode::NOT_FOUND, "Page not found", "If you typed the web address, check it is correct.".to_owned())
            }
            WebError::App(AppError::Forbidden) => {
                (StatusCode::FORBIDDEN, "You cannot do this", "Your permission in this organisation does not allow it. Ask an organisation admin.".to_owned())
            }
            WebError::App(AppError::Conflict(what)) => (StatusCode::CONFLICT, "Someone else changed this first", what.clone()),
            WebError::App(AppError::RateLimited) => {
                (StatusCode::TOO_MANY_REQUESTS, "Too many attempts", "Wait 15 minutes, then try again.".to_owned())
            }
            WebError::App(AppError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "There is a problem",
                errors.0.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(". "),
            ),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "This form has expired",
                "Go back, reload the page and try again.".to_owned(),
            ),
            WebError::App(AppError::Internal(_)) | WebError::Template(_) => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "Sorry, there is a problem with the service", "Try again later.".to_owned())
            }
        };
        let page = ErrorPage {
            layout: Layout::plain(heading),
            heading: heading.to_owned(),
            message,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, message_only(heading)).into_response(),
        }
    }
}

fn message_only(heading: &str) -> String {
    heading.to_owned()
}
