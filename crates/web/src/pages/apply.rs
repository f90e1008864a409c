//! The Apply journey: sign in or create an account, answer a few questions, see a confirmation.

use app::AppError;
use app::ports::Opportunity;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::application::ApplicationInput;
use domain::ids::RoleId;

use crate::form::FormData;
use crate::layout::Layout;
use crate::session::{MaybeSignedIn, SignedIn};
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/opportunities/{id}/apply", get(form).post(submit))
        .route("/opportunities/{id}/applied", get(done))
}

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage {
    layout: Layout,
    o: Opportunity,
    input: ApplicationInput,
    signed_in: bool,
    needs_dob: bool,
}

fn role_id(id: &str) -> Result<RoleId, WebError> {
    id.parse().map_err(|_| AppError::NotFound.into())
}

async fn form(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let o = state.app.opportunity(role_id(&id)?).await?;
    let title = format!("Apply to be a {}", o.role.title);
    let needs_dob = user
        .as_ref()
        .is_some_and(|u| u.person.date_of_birth.is_none());
    let page = ApplyPage {
        layout: Layout::for_user(&title, user.as_ref()),
        signed_in: user.is_some(),
        needs_dob,
        o,
        input: ApplicationInput::default(),
    };
    Ok(Html(page.render()?))
}

async fn submit(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = role_id(&id)?;
    let input = ApplicationInput {
        motivation: form.get("motivation"),
        availability: form.get("availability"),
    };
    match state.app.apply(user.person.id, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/opportunities/{id}/applied")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let o = state.app.opportunity(id).await?;
            let title = format!("Apply to be a {}", o.role.title);
            let needs_dob = user.person.date_of_birth.is_none();
            let page = ApplyPage {
                layout: Layout::for_user(&title, Some(&user)).with_errors(errors),
                signed_in: true,
                needs_dob,
                o,
                input,
            };
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                Html(page.render()?),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "applied.html")]
struct DonePage {
    layout: Layout,
    o: Opportunity,
    email: String,
}

async fn done(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let o = state.app.opportunity(role_id(&id)?).await?;
    let page = DonePage {
        layout: Layout::for_user("Application sent", Some(&user)),
        email: user.person.email.to_string(),
        o,
    };
    Ok(Html(page.render()?))
}
