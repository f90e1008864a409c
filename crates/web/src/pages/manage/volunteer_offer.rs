//! A volunteer's one-to-one support offer as their manager takes it down on their behalf (the
//! volunteer can also make it themselves at /my/offer).

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::PersonId;
use domain::support::{Gender, MatchProfileInput};

use super::{id, managing_scope, scope, to};
use crate::form::{FormData, choices};
use crate::layout::Layout;
use crate::pages::my_offer::{OfferForm, form_of, input_of, typed};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/volunteers/{id}/offer", get(show).post(save))
}

#[derive(Template)]
#[template(path = "manage/offer.html")]
struct OfferPage {
    layout: Layout,
    slug: String,
    person: String,
    name: String,
    f: OfferForm,
    genders: Vec<(String, String)>,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    kept: Option<MatchProfileInput>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let person: PersonId = id(raw)?;
    let stored = state.app.match_profile(&scope, person).await?;
    let name = state.app.full_name_of(person).await?;
    let made = stored.is_some();
    let input = kept.unwrap_or_else(|| {
        stored
            .as_ref()
            .map_or_else(MatchProfileInput::default, input_of)
    });
    let mut shown = FieldErrors::new();
    for e in &errors.0 {
        shown.add(&format!("0-{}", e.field), e.message.clone());
    }
    let layout = Layout::for_org("One-to-one support offer", user, &scope).with_errors(shown);
    let status = layout.status();
    let page = OfferPage {
        layout,
        slug: slug.to_owned(),
        person: raw.to_owned(),
        f: form_of(
            0,
            String::new(),
            scope.organisation().name.clone(),
            &input,
            made,
        ),
        name,
        genders: choices::<Gender>(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render(&state, &user, &slug, &raw, None, FieldErrors::new()).await
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = typed(&form);
    match state.app.set_match_profile(&scope, id(&raw)?, &input).await {
        Ok(_) => Ok(to(format!("/manage/{slug}/volunteers/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render(&state, &user, &slug, &raw, Some(input), errors).await
        }
        Err(e) => Err(e.into()),
    }
}
