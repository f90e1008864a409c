//! Raising a safeguarding concern, for anyone signed in who volunteers with or works for the
//! organisation — quick on a phone, with 999 said first; and the concerns you raised, with
//! their status (never the investigation).

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::{OrganisationId, SupportedPersonId};
use domain::safeguarding::{ConcernInput, Subject};
use serde::Deserialize;

use crate::form::{Done, FormData, choices};
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/safeguarding/raise", get(blank).post(raise))
        .route("/my/concerns", get(mine))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Preset {
    org: String,
    about: String,
}

#[derive(Template)]
#[template(path = "safeguarding/raise.html")]
struct RaisePage {
    layout: Layout,
    organisations: Vec<(String, String)>,
    people: Vec<(String, String)>,
    subjects: Vec<(String, String)>,
    org: String,
    about: String,
    input: ConcernInput,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    preset: Preset,
    input: ConcernInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let choices_by_org = state.app.concern_choices(user.person.id).await?;
    let mut organisations = Vec::new();
    let mut people = Vec::new();
    let mut org_id = String::new();
    for (id, name, supported) in &choices_by_org {
        let slug = state
            .app
            .store
            .organisation(*id)
            .await
            .map_err(app::AppError::from)?
            .map(|o| o.slug.to_string())
            .unwrap_or_default();
        if slug == preset.org || id.to_string() == preset.org {
            org_id = id.to_string();
        }
        organisations.push((id.to_string(), name.clone()));
        people.extend(
            supported
                .iter()
                .map(|(p, n)| (p.to_string(), format!("{n} ({name})"))),
        );
    }
    if org_id.is_empty() && organisations.len() == 1 {
        org_id = organisations[0].0.clone();
    }
    let layout = Layout::for_user("Raise a safeguarding concern", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = RaisePage {
        layout,
        organisations,
        people,
        subjects: choices::<Subject>(),
        org: org_id,
        about: preset.about,
        input,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn blank(
    State(state): State<AppState>,
    user: SignedIn,
    Query(preset): Query<Preset>,
) -> Result<Response, WebError> {
    let input = ConcernInput {
        subject: if preset.about.is_empty() {
            String::new()
        } else {
            "service_user".into()
        },
        ..Default::default()
    };
    render(&state, &user, preset, input, FieldErrors::new()).await
}

async fn raise(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = ConcernInput {
        subject: form.get("subject"),
        subject_name: form.get("subject_name"),
        what: form.get("what"),
        urgent: form.get("urgent"),
    };
    let preset = Preset {
        org: form.get("organisation"),
        about: form.get("about"),
    };
    let Ok(org) = preset.org.parse::<OrganisationId>() else {
        let errors = FieldErrors::one("organisation", "Choose the organisation");
        return render(&state, &user, preset, input, errors).await;
    };
    let about: Option<SupportedPersonId> = preset.about.parse().ok();
    match state
        .app
        .raise_concern(user.person.id, org, &input, about)
        .await
    {
        Ok(_) => Ok(Redirect::to("/my/concerns?done=raised").into_response()),
        Err(app::AppError::Invalid(errors)) => render(&state, &user, preset, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "safeguarding/mine.html")]
struct MinePage {
    layout: Layout,
    concerns: Vec<(String, String, String, String)>,
    raised: bool,
}

async fn mine(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let concerns = state
        .app
        .my_concerns(user.person.id)
        .await?
        .into_iter()
        .map(|c| {
            (
                c.concern.subject_name,
                c.organisation_name,
                nhs_datetime(&c.concern.raised_at),
                c.status.label().to_owned(),
            )
        })
        .collect();
    let page = MinePage {
        layout: Layout::for_user("Concerns you raised", Some(&user)),
        concerns,
        raised: q.done == "raised",
    };
    Ok(Html(page.render()?).into_response())
}
