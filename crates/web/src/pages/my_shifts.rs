//! A volunteer's shifts: the places they have booked (cancelled with a reason), and the shifts
//! in the next four weeks they can book.

use app::AppError;
use app::rota_volunteer::{MyShift, ShiftOffer};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, Utc};
use domain::FieldErrors;
use domain::Labelled;
use domain::ids::{BookingId, ShiftId};
use domain::rota::{
    BookingStatus, CancellationNotice, PartOfDay, ShiftFilter, from_utc, week_template,
};
use serde::Deserialize;

use crate::form::Done;
use crate::form::FormData;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// How far ahead "Shifts I can do" looks.
pub(crate) const WEEKS_AHEAD: i64 = 4;

/// The volunteer's shift pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/shifts", get(mine))
        .route("/my/shifts/available", get(available))
        .route("/my/shifts/{id}/cancel", post(cancel))
        .route("/my/shifts/{id}/{shift}/book", post(book))
}

/// A shift's UK day and clock times: ("Friday 5 March 2027", "10:00 to 13:00").
pub(crate) fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> (String, String) {
    let start = from_utc(starts_at);
    let end = from_utc(ends_at);
    let day = format!("{} {}", start.format("%A"), nhs_date(&start.date()));
    let mut times = format!("{} to {}", start.format("%H:%M"), end.format("%H:%M"));
    if end.date() != start.date() {
        times.push_str(&format!(" on {}", nhs_date(&end.date())));
    }
    (day, times)
}

/// One booking as listed.
struct BookingView {
    id: String,
    /// The reason box's id, which the error summary links to.
    field: String,
    day: String,
    times: String,
    shift: MyShift,
    /// Cancelling now would be late notice.
    late_now: bool,
    /// The reason typed, when sent back with an error.
    reason: String,
}

#[derive(Template)]
#[template(path = "my/shifts.html")]
struct ShiftsPage {
    layout: Layout,
    upcoming: Vec<BookingView>,
    earlier: Vec<BookingView>,
    done: &'static str,
    /// Personal check-in codes for kiosks: (organisation, code).
    codes: Vec<(String, String)>,
}

async fn mine(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "booked" => "Your place is booked. It is listed below.",
        "cancelled" => "Your place has been cancelled. Thank you for letting us know.",
        "late" => {
            "Your place has been cancelled. It was less than 48 hours' notice, so the team has been told it was a late cancellation."
        }
        _ => "",
    };
    let layout = Layout::for_user("My shifts", Some(&user));
    Ok(Html(render_mine(&state, &user, layout, None, done).await?))
}

async fn render_mine(
    state: &AppState,
    user: &SignedIn,
    layout: Layout,
    typed: Option<(BookingId, String)>,
    done: &'static str,
) -> Result<String, WebError> {
    let now = state.app.clock.now();
    let mut upcoming = Vec::new();
    let mut earlier = Vec::new();
    for shift in state.app.my_shifts(user.person.id).await? {
        let b = &shift.booking;
        let (day, times) = when(b.starts_at, b.ends_at);
        let reason = match &typed {
            Some((id, reason)) if *id == b.id => reason.clone(),
            _ => String::new(),
        };
        let view = BookingView {
            id: b.id.to_string(),
            field: format!("{}-reason", b.id),
            day,
            times,
            late_now: CancellationNotice::given(b.starts_at, now) == CancellationNotice::Late,
            reason,
            shift: shift.clone(),
        };
        if b.status == BookingStatus::Booked && b.starts_at > now {
            upcoming.push(view);
        } else {
            earlier.push(view);
        }
    }
    earlier.reverse();
    Ok(ShiftsPage {
        layout,
        upcoming,
        earlier,
        done,
        codes: state.app.my_check_in_codes(user.person.id).await?,
    }
    .render()?)
}

async fn cancel(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let id: BookingId = id.parse().map_err(|_| AppError::NotFound)?;
    let reason = form.get("reason");
    match state.app.cancel_booking(user.person.id, id, &reason).await {
        Ok(b) if b.late => Ok(Redirect::to("/my/shifts?done=late").into_response()),
        Ok(_) => Ok(Redirect::to("/my/shifts?done=cancelled").into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut renamed = FieldErrors::new();
            for e in errors.0 {
                renamed.add(&format!("{id}-reason"), e.message);
            }
            let layout = Layout::for_user("My shifts", Some(&user)).with_errors(renamed);
            let status = layout.status();
            let html = render_mine(&state, &user, layout, Some((id, reason)), "").await?;
            Ok((status, Html(html)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// One shift on offer as listed.
struct OfferView {
    day: String,
    times: String,
    places_left: u16,
    offer: ShiftOffer,
}

#[derive(Template)]
#[template(path = "my/available.html")]
struct AvailablePage {
    layout: Layout,
    offers: Vec<OfferView>,
    /// The sites to filter by: (id, "site, organisation").
    sites: Vec<(String, String)>,
    /// Days of the week and parts of the day to filter by: (code, label).
    days: Vec<(String, String)>,
    times: Vec<(String, String)>,
    /// The filter as typed.
    typed: Filter,
}

/// The "shifts I can do" filters, as in the page's address.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct Filter {
    site: String,
    day: String,
    time: String,
}

impl Filter {
    /// The shifts these filters keep.
    pub(crate) fn shifts(&self) -> ShiftFilter {
        ShiftFilter::from_query(&self.site, &self.day, &self.time)
    }

    /// The filters as a query string (`?site=…&day=…&time=…`), for the download links.
    fn query_string(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("site", &self.site)
            .append_pair("day", &self.day)
            .append_pair("time", &self.time)
            .finish();
        format!("?{query}")
    }
}

async fn available(
    State(state): State<AppState>,
    user: SignedIn,
    Query(filter): Query<Filter>,
) -> Result<Html<String>, WebError> {
    let layout = Layout::for_user("Shifts I can do", Some(&user));
    Ok(Html(render_available(&state, &user, layout, filter).await?))
}

async fn render_available(
    state: &AppState,
    user: &SignedIn,
    layout: Layout,
    typed: Filter,
) -> Result<String, WebError> {
    let now = state.app.clock.now();
    let filter = typed.shifts();
    let offers = state
        .app
        .shifts_i_can_do(user.person.id, now, now + Duration::weeks(WEEKS_AHEAD))
        .await?;
    let mut sites: Vec<(String, String)> = Vec::new();
    for o in &offers {
        let id = o.row.shift.site_id.to_string();
        if !sites.iter().any(|(s, _)| *s == id) {
            let name = format!("{}, {}", o.site_name, o.organisation_name);
            sites.push((id, name));
        }
    }
    sites.sort_by(|a, b| a.1.cmp(&b.1));
    let offers = offers
        .into_iter()
        .filter(|o| filter.matches(&o.row.shift))
        .map(|offer| {
            let (day, times) = when(offer.row.shift.starts_at, offer.row.shift.ends_at);
            OfferView {
                day,
                times,
                places_left: offer.row.shift.places_left(offer.row.booked),
                offer,
            }
        })
        .collect();
    Ok(AvailablePage {
        layout,
        offers,
        sites,
        days: week_template::weekday_options()
            .into_iter()
            .map(|(c, n)| (c.to_owned(), n.to_owned()))
            .collect(),
        times: PartOfDay::ALL
            .iter()
            .map(|p| (p.code().to_owned(), p.label().to_owned()))
            .collect(),
        typed,
    }
    .render()?)
}

async fn book(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, shift)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let shift: ShiftId = shift.parse().map_err(|_| AppError::NotFound)?;
    let (status, messages) = match state.app.book_shift(user.person.id, &org, shift).await {
        Ok(_) => return Ok(Redirect::to("/my/shifts?done=booked").into_response()),
        Err(AppError::Conflict(what)) => (StatusCode::CONFLICT, vec![what]),
        Err(AppError::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            errors.0.into_iter().map(|e| e.message).collect(),
        ),
        Err(e) => return Err(e.into()),
    };
    let mut errors = FieldErrors::new();
    for m in messages {
        errors.add("shifts", format!("We could not book that shift. {m}"));
    }
    let layout = Layout::for_user("Shifts I can do", Some(&user)).with_errors(errors);
    let html = render_available(&state, &user, layout, Filter::default()).await?;
    Ok((status, Html(html)).into_response())
}
