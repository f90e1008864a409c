//! A volunteer's offer of person-to-person support, per organisation they volunteer with: how
//! many people, how far they will travel, which days, the kinds of support, and (only if they
//! choose) their gender for people who ask for a volunteer of one. Matching suggests only
//! volunteers who have made an offer, and always asks them first.

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::support::{Days, Gender, MatchProfileInput, SupportType};
use domain::{FieldErrors, Labelled};

use crate::form::{Done, FormData, choices};
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/my/offer", get(show).post(save))
}

/// One offer's form, its field ids prefixed with `n`.
pub(crate) struct OfferForm {
    pub(crate) n: usize,
    pub(crate) organisation_id: String,
    pub(crate) organisation: String,
    pub(crate) made: bool,
    pub(crate) capacity: String,
    pub(crate) travel_miles: String,
    pub(crate) gender: String,
    pub(crate) days: Vec<(&'static str, &'static str, bool)>,
    pub(crate) types: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "my/offer.html")]
struct OfferPage {
    layout: Layout,
    forms: Vec<OfferForm>,
    genders: Vec<(String, String)>,
    saved: bool,
}

/// The form for an offer as typed or stored.
pub(crate) fn form_of(
    n: usize,
    id: String,
    name: String,
    input: &MatchProfileInput,
    made: bool,
) -> OfferForm {
    OfferForm {
        n,
        organisation_id: id,
        organisation: name,
        made,
        capacity: input.capacity.clone(),
        travel_miles: input.travel_miles.clone(),
        gender: input.gender.clone(),
        days: Days::from_codes(input.days.iter().map(String::as_str)).choices(),
        types: SupportType::ALL
            .iter()
            .map(|t| {
                (
                    t.code().to_owned(),
                    t.label().to_owned(),
                    input.support_types.iter().any(|c| c == t.code()),
                )
            })
            .collect(),
    }
}

/// A stored offer as the form shows it.
pub(crate) fn input_of(p: &domain::support::MatchProfile) -> MatchProfileInput {
    MatchProfileInput {
        capacity: p.capacity.to_string(),
        travel_miles: p.travel_miles.to_string(),
        days: p
            .days
            .days()
            .iter()
            .map(|d| d.to_string().to_lowercase())
            .collect(),
        gender: p.gender.map(|g| g.code().to_owned()).unwrap_or_default(),
        support_types: p
            .support_types
            .iter()
            .map(|t| t.code().to_owned())
            .collect(),
    }
}

/// The offer typed into a form.
pub(crate) fn typed(form: &FormData) -> MatchProfileInput {
    MatchProfileInput {
        capacity: form.get("capacity"),
        travel_miles: form.get("travel_miles"),
        days: form.all("days"),
        gender: form.get("gender"),
        support_types: form.all("support_types"),
    }
}

async fn render(
    state: &AppState,
    user: &SignedIn,
    kept: Option<(String, MatchProfileInput)>,
    errors: FieldErrors,
    saved: bool,
) -> Result<Response, WebError> {
    let offers = state.app.my_offers(user.person.id).await?;
    let mut forms = Vec::new();
    let mut shown = FieldErrors::new();
    for (n, o) in offers.iter().enumerate() {
        let id = o.organisation_id.to_string();
        let input = match &kept {
            Some((org, typed)) if *org == id => {
                for e in &errors.0 {
                    shown.add(&format!("{n}-{}", e.field), e.message.clone());
                }
                typed.clone()
            }
            _ => o
                .profile
                .as_ref()
                .map_or_else(MatchProfileInput::default, input_of),
        };
        forms.push(form_of(
            n,
            id,
            o.organisation_name.clone(),
            &input,
            o.profile.is_some(),
        ));
    }
    let layout = Layout::for_user("Supporting people one to one", Some(user)).with_errors(shown);
    let status = layout.status();
    let page = OfferPage {
        layout,
        forms,
        genders: choices::<Gender>(),
        saved,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    render(&state, &user, None, FieldErrors::new(), q.done == "saved").await
}

async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let raw_org = form.get("organisation");
    let org = raw_org.parse().map_err(|_| app::AppError::NotFound)?;
    let input = typed(&form);
    match state.app.set_my_offer(user.person.id, org, &input).await {
        Ok(_) => Ok(Redirect::to("/my/offer?done=saved").into_response()),
        Err(app::AppError::Invalid(errors)) => {
            render(&state, &user, Some((raw_org, input)), errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}
