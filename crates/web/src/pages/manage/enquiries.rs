//! Recording an enquiry: a manager adds someone who got in touch.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::person::PersonInput;

use super::{managing_scope, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::auth::{dob_parts, person_input};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/volunteers/new", get(form).post(create))
}

#[derive(Template)]
#[template(path = "manage/enquiry.html")]
struct EnquiryPage {
    layout: Layout,
    slug: String,
    input: PersonInput,
    dob: (String, String, String),
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    input: PersonInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, org).await?;
    let layout = Layout::for_org("Record an enquiry", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = EnquiryPage {
        layout,
        slug: org.to_owned(),
        dob: dob_parts(&input),
        input,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    page(
        &state,
        &user,
        &org,
        PersonInput::default(),
        FieldErrors::new(),
    )
    .await
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
    let input = person_input(&form);
    match state.app.record_enquiry(&scope, &input).await {
        Ok(person) => Ok(to(format!("/manage/{org}/volunteers/{}", person.id))),
        Err(AppError::Invalid(errors)) => page(&state, &user, &org, input, errors).await,
        Err(e) => Err(e.into()),
    }
}
