//! Organisers' pages: adding and changing events, calling one off, and the registrations with
//! the waiting list's history, attendance marking and feedback. A network's coordinators work
//! under `/networks/{slug}/events`, an organisation's managers under `/manage/{org}/events`; the
//! app refuses everyone else (outsiders get 404).

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::events::EventInput;
use domain::events::feedback::USEFUL_LABELS;
use domain::ids::EventRegistrationId;

use super::public::event_id;
use super::views::{EventLine, price};
use super::{HostRef, Resolved};
use crate::form::FormData;
use crate::layout::{Layout, nhs_datetime};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{slug}/events", get(manage_list))
        .route(
            "/networks/{slug}/events/new",
            get(new_form::<true>).post(create::<true>),
        )
        .route(
            "/manage/{slug}/events/new",
            get(new_form::<false>).post(create::<false>),
        )
        .route(
            "/networks/{slug}/events/{id}/edit",
            get(edit_form::<true>).post(update::<true>),
        )
        .route(
            "/manage/{slug}/events/{id}/edit",
            get(edit_form::<false>).post(update::<false>),
        )
        .route("/networks/{slug}/events/{id}/cancel", post(cancel::<true>))
        .route("/manage/{slug}/events/{id}/cancel", post(cancel::<false>))
        .route(
            "/networks/{slug}/events/{id}/registrations",
            get(registrations::<true>),
        )
        .route(
            "/manage/{slug}/events/{id}/registrations",
            get(registrations::<false>),
        )
        .route(
            "/networks/{slug}/events/{id}/registrations/{reg}/attendance",
            post(attendance::<true>),
        )
        .route(
            "/manage/{slug}/events/{id}/registrations/{reg}/attendance",
            post(attendance::<false>),
        )
}

/// The host a path names: a network's (`NET`) or an organisation's manage pages.
pub(super) fn host_ref<const NET: bool>(slug: String) -> HostRef {
    if NET {
        HostRef::Network(slug)
    } else {
        HostRef::Manage(slug)
    }
}

/// The organisation's own list, in its navigation.
async fn manage_list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    super::public::list(state, Some(user), HostRef::Manage(slug)).await
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    back: String,
    input: EventInput,
    visibilities: Vec<(&'static str, &'static str)>,
    formats: Vec<(&'static str, &'static str)>,
}

fn form_page(
    resolved: &Resolved,
    user: &SignedIn,
    heading: &str,
    action: String,
    input: EventInput,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let layout = resolved.layout(heading, Some(user)).with_errors(errors);
    let status = layout.status();
    let page = FormPage {
        layout,
        heading: heading.to_owned(),
        action,
        back: resolved.host.events_path(),
        input,
        visibilities: crate::pages::options::<domain::network::Audience>(),
        formats: crate::pages::options::<domain::events::FormatKind>(),
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn input_from(form: &FormData) -> EventInput {
    EventInput {
        title: form.get("title"),
        description: form.get("description"),
        audience_note: form.get("audience_note"),
        visibility: form.get("visibility"),
        format: form.get("format"),
        venue: form.get("venue"),
        joining_link: form.get("joining_link"),
        date: form.get("date"),
        start_time: form.get("start_time"),
        end_time: form.get("end_time"),
        capacity: form.get("capacity"),
        member_price: form.get("member_price"),
        non_member_price: form.get("non_member_price"),
        series: form.get("series"),
    }
}

async fn new_form<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let resolved = host.resolve(&state, Some(&user)).await?;
    resolved.host.require_organiser()?;
    let input = EventInput {
        visibility: "members".into(),
        member_price: "0".into(),
        non_member_price: "0".into(),
        ..EventInput::default()
    };
    let action = format!("{}/new", resolved.host.manage_path());
    form_page(
        &resolved,
        &user,
        "Add an event",
        action,
        input,
        FieldErrors::new(),
    )
}

async fn create<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    let input = input_from(&form);
    match state.app.create_event(&resolved.host, &input).await {
        Ok(event) => Ok(Redirect::to(&format!(
            "{}/{}?done=saved",
            resolved.host.events_path(),
            event.id
        ))
        .into_response()),
        Err(AppError::Invalid(errors)) => {
            let action = format!("{}/new", resolved.host.manage_path());
            form_page(&resolved, &user, "Add an event", action, input, errors)
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let id = event_id(&id)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    resolved.host.require_organiser()?;
    let event = state.app.hosted_event(&resolved.host, id).await?;
    let series = state.app.hosted_series(&resolved.host).await?;
    let input = EventInput::from_event(
        &event,
        series.iter().find(|s| Some(s.id) == event.series_id),
    );
    let action = format!("{}/{id}/edit", resolved.host.manage_path());
    form_page(
        &resolved,
        &user,
        "Change the event",
        action,
        input,
        FieldErrors::new(),
    )
}

async fn update<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = event_id(&id)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    let input = input_from(&form);
    match state.app.update_event(&resolved.host, id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("{}/{id}?done=saved", resolved.host.events_path()))
                .into_response(),
        ),
        Err(AppError::Invalid(errors)) => {
            let action = format!("{}/{id}/edit", resolved.host.manage_path());
            form_page(&resolved, &user, "Change the event", action, input, errors)
        }
        Err(e) => Err(e.into()),
    }
}

async fn cancel<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = event_id(&id)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    state.app.cancel_event(&resolved.host, id).await?;
    Ok(Redirect::to(&format!("{}/{id}?done=saved", resolved.host.events_path())).into_response())
}

struct RegistrantLine {
    id: String,
    name: String,
    email: String,
    status: &'static str,
    registered: String,
    price: String,
    member: bool,
    offer: String,
    may_mark: bool,
}

struct FeedbackLine {
    useful: &'static str,
    comments: String,
    will_do_differently: String,
}

#[derive(Template)]
#[template(path = "events/registrations.html")]
struct RegistrationsPage {
    layout: Layout,
    event: EventLine,
    events_path: String,
    manage_path: String,
    started: bool,
    lines: Vec<RegistrantLine>,
    feedback: Vec<FeedbackLine>,
    average: String,
}

async fn registrations<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let id = event_id(&id)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    let h = &resolved.host;
    let registrants = state.app.event_registrants(h, id).await?;
    let feedback = state.app.event_feedback(h, id).await?;
    let event = state.app.hosted_event(h, id).await?;
    let view = state.app.event_view(h, event).await?;
    let now = state.app.clock.now();
    let started = view.summary.event.has_started(now) && !view.summary.event.cancelled;
    let lines = registrants
        .into_iter()
        .map(|r| {
            let g = r.registration;
            RegistrantLine {
                id: g.id.to_string(),
                name: r.name,
                email: r.email,
                status: g.status.label(),
                registered: nhs_datetime(&g.registered_at),
                price: price(g.price),
                member: g.member,
                offer: match (g.offered_at, g.offer_expires_at) {
                    (Some(o), Some(x)) => {
                        format!(
                            "Offered {}, held until {}",
                            nhs_datetime(&o),
                            nhs_datetime(&x)
                        )
                    }
                    _ => String::new(),
                },
                may_mark: started && g.status.may_mark_attendance(),
            }
        })
        .collect();
    let average = if feedback.is_empty() {
        String::new()
    } else {
        let sum: u32 = feedback.iter().map(|f| u32::from(f.useful)).sum();
        format!("{:.1}", f64::from(sum) / feedback.len() as f64)
    };
    let page = RegistrationsPage {
        layout: resolved.layout(
            &format!("Registrations: {}", view.summary.event.title),
            Some(&user),
        ),
        event: EventLine::new(&view.summary),
        events_path: h.events_path(),
        manage_path: h.manage_path(),
        started,
        lines,
        feedback: feedback
            .into_iter()
            .map(|f| FeedbackLine {
                useful: USEFUL_LABELS
                    .get(usize::from(f.useful.saturating_sub(1)))
                    .copied()
                    .unwrap_or(""),
                comments: f.comments,
                will_do_differently: f.will_do_differently,
            })
            .collect(),
        average,
    };
    Ok(Html(page.render()?).into_response())
}

async fn attendance<const NET: bool>(
    State(state): State<AppState>,
    user: SignedIn,
    Path((slug, id, reg)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let host = host_ref::<NET>(slug);
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id = event_id(&id)?;
    let reg: EventRegistrationId = reg.parse().map_err(|_| AppError::NotFound)?;
    let resolved = host.resolve(&state, Some(&user)).await?;
    let attended = form.get("attended") == "yes";
    state
        .app
        .mark_event_attendance(&resolved.host, id, reg, attended)
        .await?;
    Ok(Redirect::to(&format!(
        "{}/{id}/registrations",
        resolved.host.manage_path()
    ))
    .into_response())
}
