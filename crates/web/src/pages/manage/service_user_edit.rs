//! Changing a service user's or carer's details (their status moves on their record page).

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::support::{Days, SupportedPerson, SupportedPersonInput};
use domain::{FieldErrors, Labelled};

use super::service_users::person_choices;
use super::{id, managing_scope, scope, to};
use crate::form::{FormData, supported_person_input};
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/manage/{org}/service-users/{id}/edit",
        get(edit).post(save),
    )
}

#[derive(Template)]
#[template(path = "support/edit.html")]
struct EditPage {
    layout: Layout,
    slug: String,
    id: String,
    p: SupportedPersonInput,
    age_bands: Vec<(String, String)>,
    genders: Vec<(String, String)>,
    methods: Vec<(String, String)>,
    days: Vec<(&'static str, &'static str, bool)>,
}

fn input_of(p: &SupportedPerson) -> SupportedPersonInput {
    let date =
        |c: Option<domain::support::Consent>| c.map(|c| c.given_on.to_string()).unwrap_or_default();
    SupportedPersonInput {
        given_name: p.given_name.clone(),
        family_name: p.family_name.clone(),
        email: p.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
        phone: p.phone.as_ref().map(|x| x.national()).unwrap_or_default(),
        address: p.address.clone(),
        postcode: p
            .postcode
            .as_ref()
            .map(|x| x.to_string())
            .unwrap_or_default(),
        date_of_birth: p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
        age_band: p.age_band.clone(),
        language: p.language.clone(),
        communication_needs: p.communication_needs.clone(),
        access_needs: p.access_needs.clone(),
        volunteer_gender: p
            .volunteer_gender
            .map(|g| g.code().to_owned())
            .unwrap_or_default(),
        interests: p.interests.join(", "),
        days: p
            .days
            .days()
            .iter()
            .map(|d| d.to_string().to_lowercase())
            .collect(),
        consent_to_support_on: date(p.consent_to_support),
        consent_to_data_on: date(p.consent_to_data),
        consent_method: p
            .consent_to_support
            .or(p.consent_to_data)
            .map(|c| c.method.code().to_owned())
            .unwrap_or_default(),
        receives_support: p.status.is_some(),
    }
}

async fn render_edit(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    raw: &str,
    p: SupportedPersonInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, slug).await?;
    let layout = Layout::for_org("Change their details", user, &scope).with_errors(errors);
    let status = layout.status();
    let [age_bands, genders, methods] = person_choices();
    let page = EditPage {
        layout,
        slug: slug.to_owned(),
        id: raw.to_owned(),
        days: Days::from_codes(p.days.iter().map(String::as_str)).choices(),
        p,
        age_bands,
        genders,
        methods,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &slug).await?;
    let p = state.app.supported_person(&scope, id(&raw)?).await?;
    render_edit(&state, &user, &slug, &raw, input_of(&p), FieldErrors::new()).await
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
    let input = supported_person_input(&form);
    match state
        .app
        .update_supported_person(&scope, id(&raw)?, &input)
        .await
    {
        Ok(_) => Ok(to(format!("/manage/{slug}/service-users/{raw}"))),
        Err(app::AppError::Invalid(errors)) => {
            render_edit(&state, &user, &slug, &raw, input, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
