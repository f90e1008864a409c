//! An organisation's public privacy notice, for anyone (no sign-in).

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use domain::privacy::notice::paragraphs;

use crate::layout::Layout;
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/organisations/{slug}/privacy", get(show))
}

#[derive(Template)]
#[template(path = "privacy_notice.html")]
struct NoticePage {
    layout: Layout,
    name: String,
    /// (is a heading, text).
    parts: Vec<(bool, String)>,
}

async fn show(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let notice = state.app.privacy_notice(&slug).await?;
    let mut layout = Layout::for_user("Privacy notice", user.as_ref());
    layout.theme = if notice.organisation.uses_nhs_identity() {
        "nhs"
    } else {
        "neutral"
    };
    Ok(Html(
        NoticePage {
            layout,
            name: notice.organisation.name,
            parts: paragraphs(&notice.text),
        }
        .render()?,
    ))
}
