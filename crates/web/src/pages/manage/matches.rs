//! Every match in the organisation, with where it is and whether contact is overdue; and the
//! managers' steps on a match (withdraw, introduce, start, end).

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::Labelled;
use domain::ids::MatchId;
use domain::support::MatchStep;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/matches", get(list))
        .route("/manage/{org}/matches/{id}/step", post(step))
}

struct Row {
    person_id: String,
    person: String,
    volunteer: String,
    support: String,
    status: String,
    since: String,
    last_contact: String,
    overdue: Option<i64>,
}

#[derive(Template)]
#[template(path = "support/matches.html")]
struct MatchesPage {
    layout: Layout,
    slug: String,
    rows: Vec<Row>,
    overdue: usize,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let rows: Vec<Row> = state
        .app
        .match_views(&scope)
        .await?
        .into_iter()
        .map(|m| Row {
            person_id: m.record.supported_person_id.to_string(),
            person: m.person_name,
            volunteer: m.volunteer_name,
            support: m.record.support_type.label().to_owned(),
            status: m.record.status.label().to_owned(),
            since: nhs_date(&m.record.updated_at.date_naive()),
            last_contact: m.last_contact.map(|d| nhs_date(&d)).unwrap_or_default(),
            overdue: m.overdue_days,
        })
        .collect();
    let page = MatchesPage {
        layout: Layout::for_org("Matches", &user, &scope),
        slug,
        overdue: rows.iter().filter(|r| r.overdue.is_some()).count(),
        rows,
    };
    Ok(Html(page.render()?).into_response())
}

async fn step(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, raw)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let match_id: MatchId = id(&raw)?;
    let step = MatchStep::parse(&form.get("step"), &form.get("reason"))
        .map_err(|_| app::AppError::NotFound)?;
    let m = state
        .app
        .match_views(&scope)
        .await?
        .into_iter()
        .find(|m| m.record.id == match_id)
        .ok_or(app::AppError::NotFound)?;
    let person = m.record.supported_person_id.to_string();
    match state.app.match_step(&scope, match_id, &step).await {
        Ok(()) => Ok(to(format!("/manage/{slug}/service-users/{person}"))),
        Err(app::AppError::Invalid(errors)) => {
            super::service_user::render(&state, &user, &slug, &person, errors).await
        }
        Err(e) => Err(e.into()),
    }
}
