//! The volunteer's own wellbeing answers over time, in plain words with no clinical labels.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::surveys::PlainLine;

use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/my/wellbeing", get(show))
}

/// One set of answers as shown.
struct EntryView {
    day: String,
    organisation_name: String,
    title: &'static str,
    lines: Vec<PlainLine>,
}

#[derive(Template)]
#[template(path = "my/wellbeing.html")]
struct WellbeingPage {
    layout: Layout,
    entries: Vec<EntryView>,
    copyright_lines: Vec<&'static str>,
}

async fn show(State(state): State<AppState>, user: SignedIn) -> Result<Response, WebError> {
    let mine = state.app.my_wellbeing(user.person.id).await?;
    let page = WellbeingPage {
        layout: Layout::for_user("My wellbeing", Some(&user)),
        entries: mine
            .entries
            .into_iter()
            .rev()
            .map(|e| EntryView {
                day: nhs_date(&e.answered_on),
                organisation_name: e.organisation_name,
                title: e.instrument_title,
                lines: e.lines,
            })
            .collect(),
        copyright_lines: mine.copyright_lines,
    };
    Ok(Html(page.render()?).into_response())
}
