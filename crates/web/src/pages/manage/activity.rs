//! Staff log a volunteer's activity against an outcome indicator, on a phone after a shift:
//! who, what, how many (the day and a note are optional).

use app::AppError;
use app::ports::VolunteerSearch;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::engagement::EngagementStatus;
use domain::ids::{OutcomeIndicatorId, PersonId};
use domain::outcome_framework::ActivityInput;

use super::scope;
use crate::form::Done;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/activity", get(show).post(log))
}

/// The most volunteers offered in the list.
const LISTED: u32 = 500;

#[derive(Template)]
#[template(path = "manage/activity.html")]
struct ActivityPage {
    layout: Layout,
    slug: String,
    people: Vec<(String, String)>,
    indicators: Vec<(String, String)>,
    person: String,
    indicator: String,
    input: ActivityInput,
    done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    chosen: (String, String, ActivityInput),
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let search = VolunteerSearch {
        status: Some(EngagementStatus::Active),
        page: 1,
        per_page: LISTED,
        ..VolunteerSearch::default()
    };
    let people = state
        .app
        .volunteers(&scope, search)
        .await?
        .items
        .into_iter()
        .map(|row| (row.person.id.to_string(), row.person.full_name()))
        .collect();
    let indicators = state
        .app
        .outcome_framework(&scope)
        .await?
        .into_iter()
        .flat_map(|f| {
            let title = f.role.title;
            f.indicators
                .into_iter()
                .filter(|i| !i.retired)
                .map(move |i| {
                    (
                        i.id.to_string(),
                        format!("{title}: {} ({})", i.name, i.unit),
                    )
                })
        })
        .collect();
    let layout = Layout::for_org("Log activity", user, &scope).with_errors(errors);
    let status = layout.status();
    let (person, indicator, input) = chosen;
    let page = ActivityPage {
        layout,
        slug: slug.to_owned(),
        people,
        indicators,
        person,
        indicator,
        input,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let chosen = (String::new(), String::new(), ActivityInput::default());
    render(
        &state,
        &user,
        &slug,
        chosen,
        FieldErrors::new(),
        q.done == "logged",
    )
    .await
}

async fn log(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let (person_raw, indicator_raw) = (form.get("person"), form.get("indicator"));
    let input = ActivityInput {
        quantity: form.get("quantity"),
        done_on: form.get("done_on"),
        note: form.get("note"),
    };
    let mut errors = FieldErrors::new();
    let person: Option<PersonId> = person_raw.trim().parse().ok();
    let indicator: Option<OutcomeIndicatorId> = indicator_raw.trim().parse().ok();
    if person.is_none() {
        errors.add("person", "Choose the volunteer");
    }
    if indicator.is_none() {
        errors.add("indicator", "Choose what was done");
    }
    let result = match (person, indicator) {
        (Some(p), Some(i)) => state
            .app
            .log_activity(&scope, p, i, &input)
            .await
            .map(|_| ()),
        _ => Err(AppError::Invalid(FieldErrors::new())),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/manage/{slug}/activity?done=logged")).into_response()),
        Err(AppError::Invalid(more)) => {
            errors.0.extend(more.0);
            render(
                &state,
                &user,
                &slug,
                (person_raw, indicator_raw, input),
                errors,
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
