//! A volunteer's regular slots as their manager sees them: setting one up (which books them
//! into the matching shifts) and ending one.

use app::AppError;
use app::commitments::CommitmentChoices;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ids::{CommitmentId, PersonId, RoleId, SiteId};
use domain::rota::CommitmentInput;

use super::scope;
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::my_commitments::{CommitmentLine, line};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The manager's commitment pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/manage/{org}/volunteers/{person}/commitments",
            get(show).post(add),
        )
        .route(
            "/manage/{org}/volunteers/{person}/commitments/{id}/end",
            post(end),
        )
}

#[derive(Template)]
#[template(path = "manage/commitments.html")]
struct CommitmentsPage {
    layout: Layout,
    slug: String,
    person: String,
    name: String,
    commitments: Vec<CommitmentLine>,
    roles: Vec<(String, String)>,
    sites: Vec<(String, String)>,
    weekdays: Vec<(String, String)>,
    typed: CommitmentInput,
    role: String,
    site: String,
    booked: String,
}

fn weekdays() -> Vec<(String, String)> {
    [
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
        ("sat", "Saturday"),
        ("sun", "Sunday"),
    ]
    .into_iter()
    .map(|(c, n)| (c.to_owned(), n.to_owned()))
    .collect()
}

struct Typed {
    input: CommitmentInput,
    role: String,
    site: String,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    scope: &app::OrgScope,
    layout: Layout,
    slug: String,
    person: PersonId,
    typed: Typed,
    booked: String,
) -> Result<String, WebError> {
    let CommitmentChoices { name, roles, sites } =
        state.app.commitment_choices(scope, person).await?;
    let today = state.app.uk_today();
    let commitments = state
        .app
        .describe_commitments(state.app.commitments_of(scope, person).await?)
        .await?
        .into_iter()
        .map(|v| line(v, today))
        .collect();
    Ok(CommitmentsPage {
        layout,
        slug,
        person: person.to_string(),
        name,
        commitments,
        roles: roles
            .into_iter()
            .map(|(id, t)| (id.to_string(), t))
            .collect(),
        sites: sites
            .into_iter()
            .map(|(id, n)| (id.to_string(), n))
            .collect(),
        weekdays: weekdays(),
        typed: typed.input,
        role: typed.role,
        site: typed.site,
        booked,
    }
    .render()?)
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let person: PersonId = person.parse().map_err(|_| AppError::NotFound)?;
    let layout = Layout::for_org("Regular slots", &user, &scope);
    let typed = Typed {
        input: CommitmentInput::default(),
        role: String::new(),
        site: String::new(),
    };
    let booked = q.get("booked").cloned().unwrap_or_default();
    Ok(Html(
        render(&state, &scope, layout, org, person, typed, booked).await?,
    ))
}

async fn add(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let person: PersonId = person.parse().map_err(|_| AppError::NotFound)?;
    let typed = Typed {
        input: CommitmentInput {
            weekday: form.get("weekday"),
            start_time: form.get("start_time"),
            end_time: form.get("end_time"),
            interval_weeks: form.get("interval_weeks"),
            starts_on: form.get("starts_on"),
            ends_on: form.get("ends_on"),
        },
        role: form.get("role_id"),
        site: form.get("site_id"),
    };
    // An unknown id becomes a fresh one, which the app refuses by field.
    let role = typed.role.parse().unwrap_or_else(|_| RoleId::new());
    let site = typed.site.parse().unwrap_or_else(|_| SiteId::new());
    match state
        .app
        .add_commitment(&scope, person, role, site, &typed.input)
        .await
    {
        Ok((_, booked)) => Ok(Redirect::to(&format!(
            "/manage/{org}/volunteers/{person}/commitments?booked={booked}"
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_org("Regular slots", &user, &scope).with_errors(errors);
            let status = layout.status();
            let html = render(&state, &scope, layout, org, person, typed, String::new()).await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn end(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person, id)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let person: PersonId = person.parse().map_err(|_| AppError::NotFound)?;
    let id: CommitmentId = id.parse().map_err(|_| AppError::NotFound)?;
    match state
        .app
        .end_commitment(&scope, person, id, &form.get("ends_on"))
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/manage/{org}/volunteers/{person}/commitments")).into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_org("Regular slots", &user, &scope).with_errors(errors);
            let status = layout.status();
            let typed = Typed {
                input: CommitmentInput::default(),
                role: String::new(),
                site: String::new(),
            };
            let html = render(&state, &scope, layout, org, person, typed, String::new()).await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
