//! Logging activity against a role's outcome indicators from a phone after a shift: one small
//! form per indicator, a number and a tap, with the day and a note folded away.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::ids::OutcomeIndicatorId;
use domain::outcome_framework::ActivityInput;

use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// How many of the latest entries the page lists; the download has them all.
const RECENT: u32 = 20;

pub fn routes() -> Router<AppState> {
    Router::new().route("/my/activity", get(show).post(log))
}

struct IndicatorView {
    id: String,
    name: String,
    unit: String,
    /// Entered values, kept when the form comes back with an error.
    quantity: String,
    done_on: String,
    note: String,
    open: bool,
    /// Errors for this indicator's form: the indicator, quantity, day and note.
    errors: [String; 4],
}

struct RoleView {
    title: String,
    organisation_name: String,
    indicators: Vec<IndicatorView>,
}

struct RecentView {
    day: String,
    what: String,
    quantity: u32,
    unit: String,
}

#[derive(Template)]
#[template(path = "my/activity.html")]
struct ActivityPage {
    layout: Layout,
    roles: Vec<RoleView>,
    recent: Vec<RecentView>,
    done: bool,
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    failed: Option<(String, ActivityInput)>,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let app = &state.app;
    let roles = app
        .my_indicators(user.person.id)
        .await?
        .into_iter()
        .map(|m| RoleView {
            title: m.role_title,
            organisation_name: m.organisation_name,
            indicators: m
                .indicators
                .into_iter()
                .map(|i| {
                    let id = i.id.to_string();
                    let kept = failed
                        .as_ref()
                        .filter(|(f, _)| *f == id)
                        .map(|(_, input)| input);
                    let err = |f: &str| {
                        errors
                            .get(&format!("{f}-{id}"))
                            .unwrap_or_default()
                            .to_owned()
                    };
                    IndicatorView {
                        errors: [
                            err("indicator"),
                            err("quantity"),
                            err("done_on"),
                            err("note"),
                        ],
                        quantity: kept.map(|k| k.quantity.clone()).unwrap_or_default(),
                        done_on: kept.map(|k| k.done_on.clone()).unwrap_or_default(),
                        note: kept.map(|k| k.note.clone()).unwrap_or_default(),
                        open: kept.is_some_and(|k| !k.done_on.is_empty() || !k.note.is_empty())
                            || !err("done_on").is_empty()
                            || !err("note").is_empty(),
                        id,
                        name: i.name,
                        unit: i.unit,
                    }
                })
                .collect(),
        })
        .collect();
    let recent = app
        .my_activity(user.person.id, RECENT)
        .await?
        .into_iter()
        .map(|a| RecentView {
            day: nhs_date(&a.record.done_on),
            what: a.indicator_name,
            quantity: a.record.quantity,
            unit: a.unit,
        })
        .collect();
    let layout = Layout::for_user("Log activity", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = ActivityPage {
        layout,
        roles,
        recent,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render(&state, &user, None, FieldErrors::new(), q.done == "logged").await
}

async fn log(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let raw = form.get("indicator");
    let id: OutcomeIndicatorId = raw.trim().parse().map_err(|_| AppError::NotFound)?;
    let input = ActivityInput {
        quantity: form.get("quantity"),
        done_on: form.get("done_on"),
        note: form.get("note"),
    };
    match state.app.log_my_activity(user.person.id, id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/activity?done=logged").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut named = FieldErrors::new();
            for e in errors.0 {
                named.add(&format!("{}-{id}", e.field), e.message);
            }
            render(&state, &user, Some((id.to_string(), input)), named, false).await
        }
        Err(e) => Err(e.into()),
    }
}
