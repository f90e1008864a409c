//! A volunteer's checks and training, placement by placement: what each role needs, the evidence
//! on record, and the forms a manager uses to verify, fail, waive or record each item and to name
//! referees. Starting someone in a role is in `onboarding.rs`; it comes back here when refused.

use std::collections::HashSet;

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::Labelled;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::RefereeInput;
use domain::ids::{CheckId, PersonId, PlacementId};

use super::check_form::Part;
use super::check_view::{PlacementView, placement_view};
use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// A volunteer's checks page and the forms on it.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/volunteers/{person}/checks", get(show))
        .route("/manage/{org}/checks/{check}", post(record))
        .route("/manage/{org}/checks/{check}/referees", post(name_referee))
}

/// Which form on the page came back with errors, with what was typed in it.
#[derive(Default)]
pub(super) enum Typed {
    /// None: a plain view.
    #[default]
    Nothing,
    /// An item's form.
    Check(CheckId, Box<CheckInput>),
    /// An item's "ask a referee" form.
    Referee(CheckId, RefereeInput),
    /// A placement's "start in this role" button.
    Start(PlacementId),
}

#[derive(Template)]
#[template(path = "manage/checks.html")]
struct ChecksPage {
    layout: Layout,
    slug: String,
    person: PersonId,
    name: String,
    engagement: String,
    placements: Vec<PlacementView>,
}

/// The checks page for `person`, with `errors` from the form named by `typed`.
pub(super) async fn page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    person: PersonId,
    errors: FieldErrors,
    typed: Typed,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    // The record first: someone who is not this organisation's volunteer is not found.
    let record = state.app.volunteer_record(&scope, person).await?;
    let lists = state.app.checklists(&scope, person).await?;
    let can_manage = scope.can(domain::staff::Capability::ManageVolunteering);
    let mut seen = HashSet::new();
    let mut first_role = Vec::new();
    let placements = lists
        .into_iter()
        .map(|list| {
            placement_view(
                list,
                &errors,
                &typed,
                can_manage,
                &mut seen,
                &mut first_role,
            )
        })
        .collect();
    let name = record.person.full_name();
    let layout =
        Layout::for_org(&format!("Checks and training: {name}"), user, &scope).with_errors(errors);
    let page = ChecksPage {
        layout,
        slug: org.to_owned(),
        person,
        name,
        engagement: record.engagement.status.label().to_owned(),
        placements,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
) -> Result<Response, WebError> {
    page(
        &state,
        &user,
        &org,
        id(&person)?,
        FieldErrors::new(),
        Typed::Nothing,
    )
    .await
}

fn check_input(form: &FormData) -> CheckInput {
    CheckInput {
        action: form.get("action"),
        issued_on: form.get("issued_on"),
        expires_on: form.get("expires_on"),
        reference: form.get("reference"),
        note: form.get("note"),
        waiver_reason: form.get("waiver_reason"),
        waived_until: form.get("waived_until"),
        dbs_level: form.get("dbs_level"),
        dbs_workforce: form.get("dbs_workforce"),
        dbs_certificate_number: form.get("dbs_certificate_number"),
        dbs_outcome: form.get("dbs_outcome"),
        dbs_update_service: form.get("dbs_update_service"),
        dbs_status_checked_on: form.get("dbs_status_checked_on"),
    }
}

/// Where to go after a form on the checks page.
fn back(org: &str, person: PersonId) -> Response {
    to(format!("/manage/{org}/volunteers/{person}/checks"))
}

/// The page again with the errors; the form says whose page it was on.
async fn again(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    form: &FormData,
    errors: FieldErrors,
    typed: Typed,
) -> Result<Response, WebError> {
    match form.get("person").parse::<PersonId>() {
        Ok(person) => page(state, user, org, person, errors, typed).await,
        Err(_) => Err(AppError::Invalid(errors).into()),
    }
}

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, check)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let check: CheckId = id(&check)?;
    let scope = scope(&state, &user, &org).await?;
    let input = check_input(&form);
    match state.app.record_check(&scope, check, &input).await {
        Ok(c) => Ok(back(&org, c.person_id)),
        Err(AppError::Invalid(errors)) => {
            again(
                &state,
                &user,
                &org,
                &form,
                errors,
                Typed::Check(check, Box::new(input)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn name_referee(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, check)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let check: CheckId = id(&check)?;
    let scope = scope(&state, &user, &org).await?;
    let input = RefereeInput {
        referee_name: form.get("referee_name"),
        referee_email: form.get("referee_email"),
        relationship: form.get("relationship"),
    };
    match state.app.request_reference(&scope, check, &input).await {
        Ok(r) => Ok(back(&org, r.person_id)),
        Err(AppError::Invalid(errors)) => {
            again(
                &state,
                &user,
                &org,
                &form,
                errors,
                Typed::Referee(check, input),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
