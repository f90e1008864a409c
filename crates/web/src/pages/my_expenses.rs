//! A volunteer's expenses: their claims with every organisation they volunteer with, and a form
//! to claim an actual cost or mileage from one, with an optional receipt. There is no way to ask
//! for a flat rate, and the pages say why.

mod claim;
mod upload;
pub(crate) mod view;

use app::AppError;
use app::expenses::ClaimPlace;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::expenses::{ClaimInput, WHY_NO_FLAT_RATE};

use crate::form::Done;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};
use upload::{MAX_BODY_BYTES, Posted};
use view::{ClaimForm, ClaimLine};

/// The volunteer's expense pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/my/expenses", get(list))
        .route("/my/expenses/{org}/new", get(blank).post(submit))
        .route(
            "/my/expenses/{org}/{id}",
            get(claim::show).post(claim::answer),
        )
        .route("/my/expenses/{org}/{id}/receipt", get(claim::receipt))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

/// An organisation the volunteer can claim from, for the list page.
struct PlaceView {
    slug: String,
    name: String,
}

#[derive(Template)]
#[template(path = "my/expenses.html")]
struct ListPage {
    layout: Layout,
    places: Vec<PlaceView>,
    claims: Vec<ClaimLine>,
    done: &'static str,
    why: &'static str,
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let done = match done.done.as_str() {
        "sent" => "Your claim has been sent. Your volunteer manager will look at it soon.",
        "answered" => "Your answer has been sent with your claim.",
        _ => "",
    };
    let places = state
        .app
        .expense_places(user.person.id)
        .await?
        .into_iter()
        .map(|p| PlaceView {
            slug: p.organisation_slug,
            name: p.organisation_name,
        })
        .collect();
    let claims = state
        .app
        .my_expense_claims(user.person.id)
        .await?
        .iter()
        .map(ClaimLine::from)
        .collect();
    Ok(Html(
        ListPage {
            layout: Layout::for_user("My expenses", Some(&user)),
            places,
            claims,
            done,
            why: WHY_NO_FLAT_RATE,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "my/expense_new.html")]
struct NewPage {
    layout: Layout,
    slug: String,
    organisation: String,
    form: ClaimForm,
    why: &'static str,
}

/// The organisation in the URL, if the volunteer can claim from it.
async fn place(state: &AppState, user: &SignedIn, slug: &str) -> Result<ClaimPlace, WebError> {
    state
        .app
        .expense_places(user.person.id)
        .await?
        .into_iter()
        .find(|p| p.organisation_slug.eq_ignore_ascii_case(slug.trim()))
        .ok_or_else(|| AppError::NotFound.into())
}

fn new_page(layout: Layout, place: &ClaimPlace, input: ClaimInput) -> Result<String, WebError> {
    Ok(NewPage {
        layout,
        slug: place.organisation_slug.clone(),
        organisation: place.organisation_name.clone(),
        form: ClaimForm::new(place, input),
        why: WHY_NO_FLAT_RATE,
    }
    .render()?)
}

async fn blank(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let place = place(&state, &user, &org).await?;
    let layout = Layout::for_user("Claim expenses", Some(&user));
    Ok(Html(new_page(layout, &place, ClaimInput::default())?))
}

/// The error for a form whose body could not be read to the end.
pub(crate) fn unreadable() -> FieldErrors {
    FieldErrors::one(
        "receipt",
        "The receipt could not be sent. It must be a PDF, JPEG or PNG of 5 MB or smaller",
    )
}

async fn submit(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    request: Request,
) -> Result<Response, WebError> {
    let posted = Posted::read(request).await;
    // A body cut off (too large) changes nothing, so it is answered with the form and an error
    // even though its anti-forgery token may not have been read.
    if !posted.unreadable {
        user.check_csrf(&posted.form())?;
    }
    let place = place(&state, &user, &org).await?;
    let input = posted.claim();
    let errors = if posted.unreadable {
        unreadable()
    } else {
        match state
            .app
            .submit_expense_claim(user.person.id, &org, &input, posted.receipt)
            .await
        {
            Ok(_) => return Ok(Redirect::to("/my/expenses?done=sent").into_response()),
            Err(AppError::Invalid(errors)) => errors,
            Err(e) => return Err(e.into()),
        }
    };
    let layout = Layout::for_user("Claim expenses", Some(&user)).with_errors(errors);
    let status = layout.status();
    Ok((status, Html(new_page(layout, &place, input)?)).into_response())
}
