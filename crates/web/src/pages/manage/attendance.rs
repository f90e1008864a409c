//! Attendance for managers and supervisors: recent shifts' registers, marking who came
//! (editable, audited), volunteers who have missed shifts with a kind prompt, and the sites'
//! kiosks.

use app::AppError;
use app::attendance::Register;
use app::attendance::codes::KioskSite;
use app::attendance::no_shows::NoShowLine;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use domain::FieldErrors;
use domain::ids::BookingId;
use domain::rota::attendance::{AttendanceStatus, MarkInput};
use domain::rota::{ShiftId, from_utc};
use domain::staff::Capability;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date, nhs_day};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The attendance overview and the registers.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/attendance", get(overview))
        .route("/manage/{org}/shifts/{id}/register", get(register))
        .route("/manage/{org}/shifts/{id}/register/{booking}", post(mark))
}

/// A UK clock time, "10:05".
fn clock(t: DateTime<Utc>) -> String {
    from_utc(t).format("%H:%M").to_string()
}

/// "Tuesday 1 June 2027, 10:00 to 13:00".
fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let start = from_utc(starts_at);
    format!(
        "{} {}, {} to {}",
        start.format("%A"),
        nhs_date(&start.date()),
        clock(starts_at),
        clock(ends_at)
    )
}

/// A recent shift with a link to its register.
struct ShiftLink {
    id: String,
    when: String,
    booked: u16,
}

#[derive(Template)]
#[template(path = "manage/attendance.html")]
struct OverviewPage {
    layout: Layout,
    slug: String,
    shifts: Vec<ShiftLink>,
    no_shows: Vec<NoShowView>,
    kiosks: Vec<KioskView>,
}

struct NoShowView {
    line: NoShowLine,
    since: String,
    latest: String,
}

struct KioskView {
    site: KioskSite,
    set_on: String,
}

async fn overview(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let now = state.app.clock.now();
    let shifts = state
        .app
        .shifts_between(&scope, now - Duration::days(7), now)
        .await?
        .into_iter()
        .rev()
        .filter(|r| !r.shift.cancelled && r.booked > 0)
        .map(|r| ShiftLink {
            id: r.shift.id.to_string(),
            when: when(r.shift.starts_at, r.shift.ends_at),
            booked: r.booked,
        })
        .collect();
    let no_shows = if scope.can(Capability::ViewVolunteers) {
        state
            .app
            .no_shows(&scope)
            .await?
            .into_iter()
            .map(|line| NoShowView {
                since: nhs_date(&line.since),
                latest: nhs_date(&line.latest),
                line,
            })
            .collect()
    } else {
        Vec::new()
    };
    let kiosks = if scope.can(Capability::ManageVolunteering) {
        state
            .app
            .kiosk_sites(&scope)
            .await?
            .into_iter()
            .map(|site| KioskView {
                set_on: site
                    .code
                    .as_ref()
                    .map(|c| nhs_day(&c.set_at))
                    .unwrap_or_default(),
                site,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Html(
        OverviewPage {
            layout: Layout::for_org("Attendance", &user, &scope),
            slug: org,
            shifts,
            no_shows,
            kiosks,
        }
        .render()?,
    ))
}

/// One volunteer's row on the register, with the form's values and field ids.
struct LineView {
    booking: String,
    name: String,
    recorded: String,
    input: MarkInput,
    status_field: String,
    arrived_field: String,
    left_field: String,
}

#[derive(Template)]
#[template(path = "manage/register.html")]
struct RegisterPage {
    layout: Layout,
    slug: String,
    register: Register,
    when: String,
    started: bool,
    lines: Vec<LineView>,
    statuses: Vec<(&'static str, &'static str)>,
    done: bool,
}

/// What is recorded for one line, in words.
fn recorded(a: Option<&domain::rota::attendance::Attendance>) -> String {
    let Some(a) = a else {
        return "Nothing recorded yet".to_owned();
    };
    let times = match (a.arrived_at, a.left_at) {
        (Some(i), Some(o)) => format!(", {} to {}", clock(i), clock(o)),
        (Some(i), None) => format!(", from {}", clock(i)),
        _ => String::new(),
    };
    format!(
        "{}{times} ({})",
        a.status,
        a.method.to_string().to_lowercase()
    )
}

async fn render_register(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    shift: ShiftId,
    typed: Option<(BookingId, MarkInput)>,
    errors: FieldErrors,
    done: bool,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let register = state.app.shift_register(&scope, shift).await?;
    let lines = register
        .lines
        .iter()
        .map(|l| {
            let b = l.booking.id;
            let input = match &typed {
                Some((id, input)) if *id == b => input.clone(),
                _ => MarkInput {
                    status: l
                        .attendance
                        .as_ref()
                        .map(|a| domain::Labelled::code(a.status).to_owned())
                        .unwrap_or_default(),
                    arrived: l
                        .attendance
                        .as_ref()
                        .and_then(|a| a.arrived_at)
                        .map(clock)
                        .unwrap_or_default(),
                    left: l
                        .attendance
                        .as_ref()
                        .and_then(|a| a.left_at)
                        .map(clock)
                        .unwrap_or_default(),
                },
            };
            LineView {
                booking: b.to_string(),
                name: l.person_name.clone(),
                recorded: recorded(l.attendance.as_ref()),
                input,
                status_field: format!("{b}-status"),
                arrived_field: format!("{b}-arrived"),
                left_field: format!("{b}-left"),
            }
        })
        .collect();
    let layout = Layout::for_org("Register", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = RegisterPage {
        layout,
        slug: org.to_owned(),
        when: when(register.shift.shift.starts_at, register.shift.shift.ends_at),
        started: register.shift.shift.starts_at <= state.app.clock.now(),
        register,
        lines,
        statuses: crate::pages::options::<AttendanceStatus>(),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn register(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, WebError> {
    let done = query.is_some_and(|q| q.contains("done=marked"));
    render_register(
        &state,
        &user,
        &org,
        id(&shift)?,
        None,
        FieldErrors::new(),
        done,
    )
    .await
}

async fn mark(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift, booking)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let shift: ShiftId = id(&shift)?;
    let booking: BookingId = id(&booking)?;
    let scope = scope(&state, &user, &org).await?;
    let input = MarkInput {
        status: form.get("status"),
        arrived: form.get("arrived"),
        left: form.get("left"),
    };
    match state
        .app
        .mark_attendance(&scope, shift, booking, &input)
        .await
    {
        Ok(_) => Ok(to(format!(
            "/manage/{org}/shifts/{shift}/register?done=marked#booking-{booking}"
        ))),
        Err(AppError::Invalid(errors)) => {
            let mut renamed = FieldErrors::new();
            for e in errors.0 {
                renamed.add(&format!("{booking}-{}", e.field), e.message);
            }
            render_register(
                &state,
                &user,
                &org,
                shift,
                Some((booking, input)),
                renamed,
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
