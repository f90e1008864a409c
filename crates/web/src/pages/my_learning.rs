//! A volunteer manager's learning: their personal learning record (events attended, with CPD
//! time, by year), places to come, the feedback form after an event, and certificates of
//! attendance as PDFs. Only their own: anyone else's registration is "not found".

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::events::feedback::USEFUL_LABELS;
use domain::events::{CpdInput, FeedbackInput, LearningSource, hours_in_words};
use domain::ids::CpdEntryId;
use domain::ids::EventRegistrationId;

use crate::form::FormData;
use crate::layout::{Layout, nhs_day};
use crate::pages::events_views::when;
use crate::pdf::Pdf;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/learning", get(record).post(add_entry))
        .route("/my/learning/entries/{id}/delete", post(remove_entry))
        .route(
            "/my/learning/{id}/feedback",
            get(feedback_form).post(give_feedback),
        )
        .route("/my/learning/{id}/certificate.pdf", get(certificate))
}

struct Line {
    /// The registration, for an event's certificate; "" for learning of their own.
    certificate: String,
    /// The entry, for learning of their own; "" for an event.
    own: String,
    title: String,
    provider: String,
    day: String,
    length: String,
}

struct Year {
    year: i32,
    total: String,
    lines: Vec<Line>,
}

struct Coming {
    event_id: String,
    title: String,
    provider: String,
    when: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "my/learning.html")]
struct RecordPage {
    layout: Layout,
    years: Vec<Year>,
    total: String,
    upcoming: Vec<Coming>,
    input: CpdInput,
    done: &'static str,
}

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    axum::extract::Query(done): axum::extract::Query<crate::form::Done>,
) -> Result<Response, WebError> {
    let done = match done.done.as_str() {
        "added" => "Added to your learning record.",
        "removed" => "Removed from your learning record.",
        _ => "",
    };
    render_record(&state, &user, CpdInput::default(), FieldErrors::new(), done).await
}

async fn render_record(
    state: &AppState,
    user: &SignedIn,
    input: CpdInput,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let (record, upcoming) = state.app.my_learning(user.person.id).await?;
    let layout = Layout::for_user("My learning", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = RecordPage {
        layout,
        input,
        done,
        total: hours_in_words(record.total_minutes()),
        years: record
            .years
            .into_iter()
            .map(|y| Year {
                year: y.year,
                total: hours_in_words(y.minutes),
                lines: y
                    .lines
                    .into_iter()
                    .map(|l| Line {
                        certificate: match l.source {
                            LearningSource::Event(id) => id.to_string(),
                            LearningSource::Own(_) => String::new(),
                        },
                        own: match l.source {
                            LearningSource::Own(id) => id.to_string(),
                            LearningSource::Event(_) => String::new(),
                        },
                        title: l.title,
                        provider: l.provider,
                        day: nhs_day(&l.starts_at),
                        length: hours_in_words(l.minutes),
                    })
                    .collect(),
            })
            .collect(),
        upcoming: upcoming
            .into_iter()
            .map(|u| Coming {
                event_id: u.event.id.to_string(),
                when: when(&u.event),
                title: u.event.title,
                provider: u.provider,
                status: u.registration.status.label(),
            })
            .collect(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn add_entry(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let input = CpdInput {
        title: form.get("title"),
        provider: form.get("provider"),
        done_on: form.get("done_on"),
        hours: form.get("hours"),
    };
    match state.app.add_cpd_entry(user.person.id, &input).await {
        Ok(_) => Ok(Redirect::to("/my/learning?done=added").into_response()),
        Err(AppError::Invalid(errors)) => render_record(&state, &user, input, errors, "").await,
        Err(e) => Err(e.into()),
    }
}

async fn remove_entry(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    let id: CpdEntryId = id.parse().map_err(|_| AppError::NotFound)?;
    state.app.remove_cpd_entry(user.person.id, id).await?;
    Ok(Redirect::to("/my/learning?done=removed").into_response())
}

fn registration_id(id: &str) -> Result<EventRegistrationId, WebError> {
    Ok(id.parse().map_err(|_| AppError::NotFound)?)
}

#[derive(Template)]
#[template(path = "my/event_feedback.html")]
struct FeedbackPage {
    layout: Layout,
    id: String,
    title: String,
    input: FeedbackInput,
    scale: Vec<(String, &'static str)>,
}

async fn feedback_page(
    state: &AppState,
    user: &SignedIn,
    id: EventRegistrationId,
    input: FeedbackInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let (r, event) = state.app.own_registration(user.person.id, id).await?;
    if r.status != domain::events::RegistrationStatus::Attended {
        return Err(AppError::NotFound.into());
    }
    if state
        .app
        .store
        .feedback_on(r.id)
        .await
        .map_err(AppError::from)?
        .is_some()
    {
        return Ok(Redirect::to(&format!("/events/{}", event.id)).into_response());
    }
    let layout = Layout::for_user("How useful was the event?", Some(user)).with_errors(errors);
    let status = layout.status();
    let page = FeedbackPage {
        layout,
        id: id.to_string(),
        title: event.title,
        input,
        scale: USEFUL_LABELS
            .iter()
            .enumerate()
            .map(|(i, l)| ((i + 1).to_string(), *l))
            .collect(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn feedback_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = registration_id(&id)?;
    feedback_page(
        &state,
        &user,
        id,
        FeedbackInput::default(),
        FieldErrors::new(),
    )
    .await
}

async fn give_feedback(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = registration_id(&id)?;
    let input = FeedbackInput {
        useful: form.get("useful"),
        comments: form.get("comments"),
        will_do_differently: form.get("will_do_differently"),
    };
    match state
        .app
        .give_event_feedback(user.person.id, id, &input)
        .await
    {
        Ok(f) => Ok(Redirect::to(&format!("/events/{}?done=feedback", f.event_id)).into_response()),
        Err(AppError::Invalid(errors)) => feedback_page(&state, &user, id, input, errors).await,
        Err(e) => Err(e.into()),
    }
}

async fn certificate(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = registration_id(&id)?;
    let c = state.app.certificate(user.person.id, id).await?;
    let mut pdf = Pdf::new(&format!("Certificate of attendance: {}", c.event.title));
    pdf.gap(60.0);
    pdf.heading("Certificate of attendance", 24.0);
    pdf.gap(20.0);
    pdf.paragraph("This is to certify that", 12.0, false);
    pdf.heading(&c.name, 18.0);
    pdf.paragraph("attended", 12.0, false);
    pdf.heading(&c.event.title, 16.0);
    pdf.paragraph(&format!("run by {}", c.provider), 12.0, false);
    pdf.paragraph(&format!("on {}", when(&c.event)), 12.0, false);
    pdf.gap(12.0);
    pdf.paragraph(
        &format!(
            "Continuing professional development: {} ({}).",
            hours_in_words(c.minutes),
            c.event.format.kind().label()
        ),
        12.0,
        true,
    );
    pdf.gap(30.0);
    pdf.paragraph(
        &format!(
            "Issued by Alongside on behalf of {}. Certificate reference {}.",
            c.provider, id
        ),
        9.0,
        false,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"certificate-of-attendance.pdf\"",
            ),
        ],
        pdf.finish(),
    )
        .into_response())
}
