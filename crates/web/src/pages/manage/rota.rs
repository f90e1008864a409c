//! The rota for staff: the week grid (Monday to Sunday, by site or role), the day grid with who
//! is booked, both with a print view; "who is coming today"; and the CSV export.

use app::rota_views::Rota;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::{Days, NaiveDate};
use domain::FieldErrors;
use domain::rota::from_utc;

use super::rota_grid::{
    Choice, Group, RotaQuery, choices, groups, long_day, monday_of, query_date, short_day,
};
use super::scope;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The rota pages and the export.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/rota", get(week))
        .route("/manage/{org}/rota/day", get(day))
        .route("/manage/{org}/today", get(today))
}

/// A column of the week grid.
struct DayHead {
    date: NaiveDate,
    iso: String,
    short: String,
    long: String,
}

/// What the week grid and its print view show.
struct WeekView {
    slug: String,
    heading: String,
    days: Vec<DayHead>,
    groups: Vec<Group>,
    by_role: bool,
    sites: Vec<Choice>,
    roles: Vec<Choice>,
    week: String,
    keep: String,
    previous: String,
    next: String,
    csv: String,
    total: usize,
    under: usize,
    added: String,
    can_manage: bool,
}

#[derive(Template)]
#[template(path = "manage/rota_week.html")]
struct WeekPage {
    layout: Layout,
    v: WeekView,
}

#[derive(Template)]
#[template(path = "manage/rota_week_print.html")]
struct WeekPrint {
    layout: Layout,
    v: WeekView,
}

/// Today's date in the UK.
fn uk_today(state: &AppState) -> NaiveDate {
    from_utc(state.app.clock.now()).date()
}

/// How many shifts there are, and how many are under-filled.
fn counts(rota: &Rota) -> (usize, usize) {
    let under = rota.shifts.iter().filter(|s| s.under_filled()).count();
    (rota.shifts.len(), under)
}

/// An HTML page with the status its layout asks for.
fn html(status: axum::http::StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

async fn week(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(q): Query<RotaQuery>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let mut errors = FieldErrors::new();
    let monday = monday_of(query_date(&q.week, "week", uk_today(&state), &mut errors));
    let sunday_next = monday + Days::new(7);
    let rota = state
        .app
        .rota(&scope, monday, sunday_next, q.filter())
        .await?;
    let (sites, roles) = choices(&rota, &q);
    let (total, under) = counts(&rota);
    let keep = q.keep();
    let days = (0..7)
        .map(|n| monday + Days::new(n))
        .map(|date| DayHead {
            date,
            iso: date.to_string(),
            short: short_day(date),
            long: long_day(date),
        })
        .collect();
    let by_role = q.filter().role_id.is_some();
    let heading = format!("Week starting {}", long_day(monday));
    let layout = Layout::for_org(&format!("Rota: {heading}"), &user, &scope).with_errors(errors);
    let v = WeekView {
        heading,
        days,
        groups: groups(&rota, by_role),
        by_role,
        sites,
        roles,
        week: monday.to_string(),
        previous: format!("/manage/{org}/rota?week={}{keep}", monday - Days::new(7)),
        next: format!("/manage/{org}/rota?week={sunday_next}{keep}"),
        csv: format!("?from={monday}&to={sunday_next}{keep}"),
        keep,
        total,
        under,
        added: q.added_message(),
        can_manage: scope.can(domain::staff::Capability::ManageVolunteering),
        slug: org,
    };
    let status = layout.status();
    let body = if q.printing() {
        WeekPrint { layout, v }.render()?
    } else {
        WeekPage { layout, v }.render()?
    };
    Ok(html(status, body))
}

/// What the day grid, its print view and "who is coming today" show.
struct DayView {
    slug: String,
    heading: String,
    date: String,
    groups: Vec<Group>,
    by_role: bool,
    sites: Vec<Choice>,
    roles: Vec<Choice>,
    keep: String,
    previous: String,
    next: String,
    week: String,
    /// The downloads' query: this day (and the filters).
    csv: String,
    total: usize,
    under: usize,
}

#[derive(Template)]
#[template(path = "manage/rota_day.html")]
struct DayPage {
    layout: Layout,
    v: DayView,
}

#[derive(Template)]
#[template(path = "manage/rota_day_print.html")]
struct DayPrint {
    layout: Layout,
    v: DayView,
}

#[derive(Template)]
#[template(path = "manage/rota_today.html")]
struct TodayPage {
    layout: Layout,
    v: DayView,
}

/// The day view's contents for `date`.
fn day_view(org: String, rota: &Rota, q: &RotaQuery, date: NaiveDate) -> DayView {
    let (sites, roles) = choices(rota, q);
    let (total, under) = counts(rota);
    let keep = q.keep();
    let by_role = q.filter().role_id.is_some();
    DayView {
        heading: long_day(date),
        date: date.to_string(),
        groups: groups(rota, by_role),
        by_role,
        sites,
        roles,
        previous: format!("/manage/{org}/rota/day?date={}{keep}", date - Days::new(1)),
        next: format!("/manage/{org}/rota/day?date={}{keep}", date + Days::new(1)),
        week: format!("/manage/{org}/rota?week={date}{keep}"),
        csv: format!("?from={date}&to={}{keep}", date + Days::new(1)),
        keep,
        total,
        under,
        slug: org,
    }
}

async fn day(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(q): Query<RotaQuery>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let mut errors = FieldErrors::new();
    let date = query_date(&q.date, "date", uk_today(&state), &mut errors);
    let rota = state
        .app
        .rota_with_volunteers(&scope, date, date + Days::new(1), q.filter())
        .await?;
    let v = day_view(org, &rota, &q, date);
    let layout =
        Layout::for_org(&format!("Rota: {}", v.heading), &user, &scope).with_errors(errors);
    let status = layout.status();
    let body = if q.printing() {
        DayPrint { layout, v }.render()?
    } else {
        DayPage { layout, v }.render()?
    };
    Ok(html(status, body))
}

async fn today(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(q): Query<RotaQuery>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let rota = state
        .app
        .who_is_coming_today(&scope, q.filter().site_id)
        .await?;
    let mut v = day_view(org, &rota, &q, rota.from);
    // Today's list is only ever narrowed by site, so its download is too.
    v.csv = format!("?from={}&to={}", rota.from, rota.to);
    if let Some(site) = q.filter().site_id {
        v.csv.push_str(&format!("&site={site}"));
    }
    let layout = Layout::for_org("Who is coming today", &user, &scope);
    Ok(Html(TodayPage { layout, v }.render()?).into_response())
}
