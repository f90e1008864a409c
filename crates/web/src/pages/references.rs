//! The referee's form: reached from the link in their email, with no account. The unguessable
//! token in the link is the only key; like the other forms for visitors without a session
//! (sign-in, reset password) it is protected from other sites by `csrf::reject_cross_site`.

use app::AppError;
use app::ports::ReferenceByToken;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::compliance::reference::ReferenceReplyInput;

use crate::form::FormData;
use crate::layout::Layout;
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/references/{token}", get(form).post(give))
}

/// Who the reference is about and for whom: nothing else of the volunteer's.
struct About {
    person_name: String,
    organisation_name: String,
    referee_name: String,
    relationship: String,
}

impl From<ReferenceByToken> for About {
    fn from(r: ReferenceByToken) -> Self {
        Self {
            person_name: r.person_name,
            organisation_name: r.organisation_name,
            referee_name: r.request.referee_name,
            relationship: r.request.relationship,
        }
    }
}

#[derive(Template)]
#[template(path = "reference.html")]
struct ReferencePage {
    layout: Layout,
    token: String,
    about: About,
    input: ReferenceReplyInput,
}

#[derive(Template)]
#[template(path = "reference_given.html")]
struct GivenPage {
    layout: Layout,
    about: About,
    /// True when this visit found the reference already given (not just now).
    already: bool,
}

async fn form(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let found = state.app.reference_form(&token).await?;
    let given = found.request.reply.is_some();
    let title = format!("Reference for {}", found.person_name);
    let about = About::from(found);
    if given {
        return given_page(&user, about, true, StatusCode::OK);
    }
    let page = ReferencePage {
        layout: Layout::for_user(&title, user.as_ref()),
        token,
        about,
        input: ReferenceReplyInput::default(),
    };
    Ok(Html(page.render()?).into_response())
}

async fn give(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let found = state.app.reference_form(&token).await?;
    let form = FormData::parse(&body);
    let input = ReferenceReplyInput {
        known_for: form.get("known_for"),
        suitability: form.get("suitability"),
        recommends: form.get("recommends"),
    };
    match state.app.give_reference(&token, &input).await {
        Ok(()) => given_page(&user, About::from(found), false, StatusCode::OK),
        Err(AppError::Conflict(_)) => {
            given_page(&user, About::from(found), true, StatusCode::CONFLICT)
        }
        Err(AppError::Invalid(errors)) => {
            let title = format!("Reference for {}", found.person_name);
            let layout = Layout::for_user(&title, user.as_ref()).with_errors(errors);
            let page = ReferencePage {
                layout,
                token,
                about: About::from(found),
                input,
            };
            Ok((page.layout.status(), Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn given_page(
    user: &Option<crate::session::SignedIn>,
    about: About,
    already: bool,
    status: StatusCode,
) -> Result<Response, WebError> {
    let title = if already {
        "This reference has already been given"
    } else {
        "Thank you for your reference"
    };
    let page = GivenPage {
        layout: Layout::for_user(title, user.as_ref()),
        about,
        already,
    };
    Ok((status, Html(page.render()?)).into_response())
}
