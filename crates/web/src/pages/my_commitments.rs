//! A volunteer's standing commitments and absences: their regular slots (which book them into
//! each occurrence), ending one, and recording time away that skips occurrences.

use app::AppError;
use app::commitments::CommitmentView;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::ids::{AbsenceId, CommitmentId};
use domain::rota::{Absence, AbsenceInput};

use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The volunteer's commitment pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/commitments", get(page))
        .route("/my/commitments/absences", post(add_absence))
        .route("/my/commitments/absences/{id}/remove", post(remove_absence))
        .route("/my/commitments/{org}/{id}/end", post(end))
}

/// A commitment as listed.
pub(crate) struct CommitmentLine {
    pub(crate) view: CommitmentView,
    /// "Every Tuesday, 10:00 to 13:00" or "Every 2 weeks on Tuesday, …".
    pub(crate) pattern: String,
    /// "From 5 March 2027" and "until …" or "with no end date".
    pub(crate) span: String,
    pub(crate) ended: bool,
}

/// Describes a commitment's pattern and dates in words.
pub(crate) fn line(view: CommitmentView, today: chrono::NaiveDate) -> CommitmentLine {
    let c = &view.commitment;
    let day = c.weekday.to_string();
    let day = match day.as_str() {
        "Mon" => "Monday",
        "Tue" => "Tuesday",
        "Wed" => "Wednesday",
        "Thu" => "Thursday",
        "Fri" => "Friday",
        "Sat" => "Saturday",
        _ => "Sunday",
    };
    let every = if c.interval_weeks <= 1 {
        format!("Every {day}")
    } else {
        format!("Every {} weeks on {day}", c.interval_weeks)
    };
    let pattern = format!(
        "{every}, {} to {}",
        c.start.format("%H:%M"),
        c.end.format("%H:%M")
    );
    let span = match c.ends_on {
        Some(end) => format!("From {} until {}", nhs_date(&c.starts_on), nhs_date(&end)),
        None => format!("From {}, with no end date", nhs_date(&c.starts_on)),
    };
    CommitmentLine {
        ended: c.ends_on.is_some_and(|e| e < today),
        pattern,
        span,
        view,
    }
}

struct AbsenceLine {
    id: String,
    dates: String,
}

#[derive(Template)]
#[template(path = "my/commitments.html")]
struct CommitmentsPage {
    layout: Layout,
    commitments: Vec<CommitmentLine>,
    absences: Vec<AbsenceLine>,
    typed: AbsenceInput,
    done: &'static str,
}

async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "away" => {
            "Your time away is recorded. You will not be booked on those days, and any places you had then have been given up."
        }
        "back" => {
            "The time away has been removed. Your regular slots book you in again where there is room."
        }
        "ended" => {
            "Your regular slot has ended. Your places after the last day have been given up."
        }
        _ => "",
    };
    let layout = Layout::for_user("My regular slots", Some(&user));
    Ok(Html(
        render(&state, &user, layout, AbsenceInput::default(), done).await?,
    ))
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    layout: Layout,
    typed: AbsenceInput,
    done: &'static str,
) -> Result<String, WebError> {
    let today = state.app.uk_today();
    let (commitments, absences) = state.app.my_commitments(user.person.id).await?;
    let commitments = state
        .app
        .describe_commitments(commitments)
        .await?
        .into_iter()
        .map(|v| line(v, today))
        .collect();
    let absences = absences
        .into_iter()
        .filter(|a: &Absence| a.period.ends_on >= today)
        .map(|a| AbsenceLine {
            id: a.id.to_string(),
            dates: if a.period.starts_on == a.period.ends_on {
                nhs_date(&a.period.starts_on)
            } else {
                format!(
                    "{} to {}",
                    nhs_date(&a.period.starts_on),
                    nhs_date(&a.period.ends_on)
                )
            },
        })
        .collect();
    Ok(CommitmentsPage {
        layout,
        commitments,
        absences,
        typed,
        done,
    }
    .render()?)
}

async fn add_absence(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = AbsenceInput {
        starts_on: form.get("starts_on"),
        ends_on: form.get("ends_on"),
    };
    match state.app.add_absence(user.person.id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/commitments?done=away").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_user("My regular slots", Some(&user)).with_errors(errors);
            let status = layout.status();
            Ok((
                status,
                Html(render(&state, &user, layout, input, "").await?),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_absence(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: AbsenceId = id.parse().map_err(|_| AppError::NotFound)?;
    state.app.remove_absence(user.person.id, id).await?;
    Ok(Redirect::to("/my/commitments?done=back").into_response())
}

async fn end(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: CommitmentId = id.parse().map_err(|_| AppError::NotFound)?;
    match state
        .app
        .end_my_commitment(user.person.id, &org, id, &form.get("ends_on"))
        .await
    {
        Ok(_) => Ok(Redirect::to("/my/commitments?done=ended").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::for_user("My regular slots", Some(&user)).with_errors(errors);
            let status = layout.status();
            let html = render(&state, &user, layout, AbsenceInput::default(), "").await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
