//! A volunteer's hours: logging time spent outside shifts (for example, remote befriending
//! calls), what the team said about it, changing hours they asked about, and the year's totals.

use app::AppError;
use app::attendance::hours::HoursLine;
use app::attendance::totals::MyTotals;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Datelike;
use domain::FieldErrors;
use domain::ids::HoursLogId;
use domain::rota::from_utc;
use domain::rota::hours::{HoursInput, HoursStatus, decimal_hours, duration_words};
use serde::Deserialize;

use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// Month names for totals tables.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The volunteer's hours pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/hours", get(show).post(log))
        .route("/my/hours/{id}", get(edit).post(resend))
}

/// One log as listed.
struct LogView {
    line: HoursLine,
    day: String,
    length: String,
    queried: bool,
}

/// A year's totals per organisation, as decimal hours by month.
struct TotalsView {
    organisation_name: String,
    months: Vec<String>,
    total: String,
}

#[derive(Template)]
#[template(path = "my/hours.html")]
struct HoursPage {
    layout: Layout,
    input: HoursInput,
    role_id: String,
    roles: Vec<(String, String)>,
    logs: Vec<LogView>,
    year: i32,
    months: [&'static str; 12],
    totals: Vec<TotalsView>,
    done: &'static str,
}

#[derive(Template)]
#[template(path = "my/hours_edit.html")]
struct EditPage {
    layout: Layout,
    id: String,
    line: LogView,
    input: HoursInput,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HoursQuery {
    done: String,
    year: String,
}

fn view(line: HoursLine) -> LogView {
    LogView {
        day: nhs_date(&line.log.worked_on),
        length: duration_words(i64::from(line.log.minutes)),
        queried: line.log.status == HoursStatus::Queried,
        line,
    }
}

fn totals_view(t: MyTotals) -> TotalsView {
    TotalsView {
        organisation_name: t.organisation_name,
        months: t.months.0.iter().map(|m| decimal_hours(*m)).collect(),
        total: decimal_hours(t.months.total()),
    }
}

fn input_of(form: &FormData) -> HoursInput {
    HoursInput {
        date: form.get("date"),
        hours: form.get("hours"),
        minutes: form.get("minutes"),
        description: form.get("description"),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    user: &SignedIn,
    input: HoursInput,
    role_id: String,
    errors: FieldErrors,
    done: &'static str,
    year: Option<i32>,
) -> Result<Response, WebError> {
    let app = &state.app;
    let year = year.unwrap_or_else(|| from_utc(app.clock.now()).year());
    let roles = app
        .my_hours_roles(user.person.id)
        .await?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let logs = app
        .my_hours(user.person.id)
        .await?
        .into_iter()
        .map(view)
        .collect();
    let totals = app
        .my_hours_totals(user.person.id, year)
        .await?
        .into_iter()
        .map(totals_view)
        .collect();
    let layout = Layout::for_user("My hours", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = HoursPage {
        layout,
        input,
        role_id,
        roles,
        logs,
        year,
        months: MONTHS,
        totals,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<HoursQuery>,
) -> Result<Response, WebError> {
    let done = match q.done.as_str() {
        "logged" => "Thank you. Your hours are logged and waiting for the team to approve them.",
        "resent" => "Thank you. Your changed hours are sent to the team again.",
        _ => "",
    };
    let year = q
        .year
        .trim()
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    render(
        &state,
        &user,
        HoursInput::default(),
        String::new(),
        FieldErrors::new(),
        done,
        year,
    )
    .await
}

async fn log(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = input_of(&form);
    let role = form.get("role_id");
    match state.app.log_hours(user.person.id, &role, &input).await {
        Ok(_) => Ok(Redirect::to("/my/hours?done=logged").into_response()),
        Err(AppError::Invalid(errors)) => {
            render(&state, &user, input, role, errors, "", None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_page(
    state: &AppState,
    user: &SignedIn,
    id: HoursLogId,
    input: Option<HoursInput>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let line = state
        .app
        .my_hours(user.person.id)
        .await?
        .into_iter()
        .find(|l| l.log.id == id && l.log.status == HoursStatus::Queried)
        .ok_or(AppError::NotFound)?;
    let input = input.unwrap_or_else(|| HoursInput {
        date: line.log.worked_on.format("%-d %-m %Y").to_string(),
        hours: (line.log.minutes / 60).to_string(),
        minutes: (line.log.minutes % 60).to_string(),
        description: line.log.description.clone(),
    });
    let layout = Layout::for_user("Change your hours", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = EditPage {
        layout,
        id: id.to_string(),
        line: view(line),
        input,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn log_id(raw: &str) -> Result<HoursLogId, WebError> {
    raw.parse().map_err(|_| AppError::NotFound.into())
}

async fn edit(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    edit_page(&state, &user, log_id(&id)?, None, FieldErrors::new()).await
}

async fn resend(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = log_id(&id)?;
    let input = input_of(&form);
    match state.app.resend_hours(user.person.id, id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/hours?done=resent").into_response()),
        Err(AppError::Invalid(errors)) => edit_page(&state, &user, id, Some(input), errors).await,
        Err(e) => Err(e.into()),
    }
}
