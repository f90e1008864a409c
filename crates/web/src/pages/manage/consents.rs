//! A volunteer's consents as their manager records them: each consent recorded on this form
//! (what for, given or declined, the day, how, a note) with a way to record its withdrawal, and
//! the form to record a new one. The register of every consent is on the privacy pages.

use app::{AppError, OrgScope};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::ids::{ConsentId, PersonId};
use domain::privacy::consent::{ConsentInput, ConsentWay, RecordedConsent};

use super::scope;
use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The consents page, its form, and withdrawing one.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/manage/{org}/volunteers/{person}/consents",
            get(show).post(record),
        )
        .route(
            "/manage/{org}/volunteers/{person}/consents/{id}/withdraw",
            post(withdraw),
        )
}

/// One consent, in words.
pub(crate) struct ConsentLine {
    pub(crate) id: String,
    /// The name of its withdrawal day box (one per consent on the page).
    pub(crate) field: String,
    pub(crate) purpose: String,
    pub(crate) given: String,
    pub(crate) how: String,
    pub(crate) note: String,
    pub(crate) withdrawn: String,
    pub(crate) in_force: bool,
}

impl From<&RecordedConsent> for ConsentLine {
    fn from(c: &RecordedConsent) -> Self {
        Self {
            id: c.id.to_string(),
            field: format!("on-{}", c.id),
            purpose: c.purpose.clone(),
            given: c
                .given_on
                .map_or_else(|| "Declined".to_owned(), |d| nhs_date(&d)),
            how: format!("{}, recorded by {}", c.way.label(), c.recorded_by),
            note: c.note.clone(),
            withdrawn: c.withdrawn_on.map_or_else(String::new, |d| {
                format!("{} (recorded by {})", nhs_date(&d), c.withdrawn_by)
            }),
            in_force: c.in_force(),
        }
    }
}

#[derive(Template)]
#[template(path = "manage/person_consents.html")]
struct ConsentsPage {
    layout: Layout,
    slug: String,
    person: String,
    name: String,
    consents: Vec<ConsentLine>,
    states: Vec<(String, String)>,
    ways: Vec<(String, String)>,
    typed: ConsentInput,
    done: String,
}

async fn render(
    state: &AppState,
    scope: &OrgScope,
    layout: Layout,
    (slug, person): (String, PersonId),
    typed: ConsentInput,
    done: String,
) -> Result<Response, WebError> {
    let name = state.app.consent_subject(scope, person).await?;
    let consents = state.app.person_consents(scope, person).await?;
    let status = layout.status();
    let page = ConsentsPage {
        layout,
        slug,
        person: person.to_string(),
        name,
        consents: consents.iter().map(ConsentLine::from).collect(),
        states: vec![
            ("given".into(), "They gave their consent".into()),
            ("withdrawn".into(), "They declined or withdrew it".into()),
        ],
        ways: ConsentWay::ALL
            .iter()
            .map(|w| (w.code().to_owned(), w.label().to_owned()))
            .collect(),
        typed,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn person_id(raw: &str) -> Result<PersonId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let person = person_id(&person)?;
    let layout = Layout::for_org("Consents", &user, &scope);
    render(
        &state,
        &scope,
        layout,
        (org, person),
        ConsentInput::default(),
        q.done,
    )
    .await
}

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let person = person_id(&person)?;
    let typed = ConsentInput {
        purpose: form.get("purpose"),
        state: form.get("state"),
        on: form.get("on"),
        way: form.get("way"),
        note: form.get("note"),
    };
    match state.app.record_consent(&scope, person, &typed).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/manage/{org}/volunteers/{person}/consents?done=recorded"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_org("Consents", &user, &scope).with_errors(errors);
            render(&state, &scope, layout, (org, person), typed, String::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person, id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let person = person_id(&person)?;
    let id: ConsentId = id.parse().map_err(|_| AppError::NotFound)?;
    match state
        .app
        .withdraw_consent(&scope, person, id, &form.get("on"))
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/manage/{org}/volunteers/{person}/consents?done=withdrawn"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            // The day box of each consent is named after it, so the summary links to it.
            let mut named = FieldErrors::new();
            for e in errors.0 {
                named.add(&format!("on-{id}"), e.message);
            }
            let layout = Layout::for_org("Consents", &user, &scope).with_errors(named);
            render(
                &state,
                &scope,
                layout,
                (org, person),
                ConsentInput::default(),
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
