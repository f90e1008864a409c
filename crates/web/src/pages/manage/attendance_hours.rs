//! Hours for managers: logged hours to approve or ask about, and the year's totals by month per
//! volunteer, role, site and organisation, as a page and as CSV.

use app::AppError;
use app::attendance::hours::HoursLine;
use app::attendance::totals::HoursReport;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use domain::FieldErrors;
use domain::Labelled;
use domain::ids::HoursLogId;
use domain::rota::from_utc;
use domain::rota::hours::{HoursStatus, MonthTotals, decimal_hours, duration_words};
use serde::Deserialize;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::pages::my_hours::MONTHS;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The hours pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/hours", get(list))
        .route("/manage/{org}/hours/{id}/approve", post(approve))
        .route("/manage/{org}/hours/{id}/query", post(query))
        .route("/manage/{org}/hours/totals", get(totals))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct Filter {
    pub(crate) status: String,
    pub(crate) year: String,
    done: String,
}

struct LineView {
    line: HoursLine,
    id: String,
    day: String,
    length: String,
    field: String,
    message: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "manage/hours.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    lines: Vec<LineView>,
    status: String,
    statuses: Vec<(&'static str, &'static str)>,
    done: &'static str,
}

async fn render_list(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    status: &str,
    typed: Option<(HoursLogId, String)>,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let filter = match status {
        "all" => None,
        "" => Some(HoursStatus::Submitted),
        code => Some(HoursStatus::from_code(code).ok_or(AppError::NotFound)?),
    };
    let lines = state
        .app
        .hours_for_review(&scope, filter)
        .await?
        .into_iter()
        .map(|line| {
            let id = line.log.id;
            let (message, open) = match &typed {
                Some((t, m)) if *t == id => (m.clone(), true),
                _ => (String::new(), false),
            };
            LineView {
                id: id.to_string(),
                day: nhs_date(&line.log.worked_on),
                length: duration_words(i64::from(line.log.minutes)),
                field: format!("{id}-message"),
                message,
                open,
                line,
            }
        })
        .collect();
    let layout = Layout::for_org("Logged hours", user, &scope).with_errors(errors);
    let code = filter.map_or("all", Labelled::code);
    let page = ListPage {
        status: code.to_owned(),
        statuses: crate::pages::options::<HoursStatus>(),
        layout,
        slug: org.to_owned(),
        lines,
        done,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Response, WebError> {
    let done = match filter.done.as_str() {
        "approved" => "Approved. The volunteer has been told.",
        "queried" => "Your question has been sent to the volunteer.",
        _ => "",
    };
    let status = filter.status.trim().to_owned();
    render_list(&state, &user, &org, &status, None, FieldErrors::new(), done).await
}

async fn approve(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, log)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let scope = scope(&state, &user, &org).await?;
    state.app.approve_hours(&scope, id(&log)?).await?;
    Ok(to(format!("/manage/{org}/hours?done=approved")))
}

async fn query(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, log)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &org).await?;
    let log: HoursLogId = id(&log)?;
    let message = form.get("message");
    match state.app.query_hours(&scope, log, &message).await {
        Ok(_) => Ok(to(format!("/manage/{org}/hours?done=queried"))),
        Err(AppError::Invalid(errors)) => {
            let mut renamed = FieldErrors::new();
            for e in errors.0 {
                renamed.add(&format!("{log}-{}", e.field), e.message);
            }
            render_list(&state, &user, &org, "", Some((log, message)), renamed, "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// One row of a totals table: a name, each month's hours, and the year's (in words and in
/// minutes, for a spreadsheet).
pub(crate) struct TotalsRow {
    pub(crate) name: String,
    months: Vec<String>,
    total: String,
    pub(crate) month_minutes: Vec<i64>,
    pub(crate) total_minutes: i64,
}

fn row(name: String, m: &MonthTotals) -> TotalsRow {
    TotalsRow {
        name,
        months: m.0.iter().map(|x| decimal_hours(*x)).collect(),
        total: decimal_hours(m.total()),
        month_minutes: m.0.to_vec(),
        total_minutes: m.total(),
    }
}

/// The report's tables: (caption, rows), the organisation first.
pub(crate) fn tables(report: &HoursReport, org_name: &str) -> Vec<(&'static str, Vec<TotalsRow>)> {
    let t = &report.totals;
    let mut people: Vec<TotalsRow> = t
        .by_person
        .iter()
        .map(|(p, m)| row(report.people.get(p).cloned().unwrap_or_default(), m))
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    let mut roles: Vec<TotalsRow> = t
        .by_role
        .iter()
        .map(|(r, m)| row(report.roles.get(r).cloned().unwrap_or_default(), m))
        .collect();
    roles.sort_by(|a, b| a.name.cmp(&b.name));
    let mut sites: Vec<TotalsRow> = t
        .by_site
        .iter()
        .map(|(s, m)| {
            let name = s.and_then(|s| report.sites.get(&s).cloned());
            row(
                name.unwrap_or_else(|| "Logged hours (no site)".to_owned()),
                m,
            )
        })
        .collect();
    sites.sort_by(|a, b| a.name.cmp(&b.name));
    vec![
        (
            "Organisation",
            vec![row(org_name.to_owned(), &t.organisation)],
        ),
        ("Volunteer", people),
        ("Role", roles),
        ("Site", sites),
    ]
}

#[derive(Template)]
#[template(path = "manage/hours_totals.html")]
struct TotalsPage {
    layout: Layout,
    slug: String,
    year: i32,
    months: [&'static str; 12],
    tables: Vec<(&'static str, Vec<TotalsRow>)>,
}

/// The year asked for (this UK year when blank), or an error naming the field.
fn year(state: &AppState, raw: &str) -> Result<i32, WebError> {
    Ok(report_year(&state.app, raw)?)
}

/// The year asked for (this year when blank), or an error naming the field.
pub(crate) fn report_year(app: &app::App, raw: &str) -> Result<i32, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(from_utc(app.clock.now()).year());
    }
    match raw.parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Ok(y),
        _ => Err(AppError::from(FieldErrors::one(
            "year",
            "Enter a year from 2000 to 2100, like 2027",
        ))),
    }
}

async fn totals(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filter): Query<Filter>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let year = year(&state, &filter.year)?;
    let report = state.app.hours_report(&scope, year).await?;
    let page = TotalsPage {
        tables: tables(&report, &scope.organisation().name),
        layout: Layout::for_org("Hours by month", &user, &scope),
        slug: org,
        year,
        months: MONTHS,
    };
    Ok(Html(page.render()?).into_response())
}
