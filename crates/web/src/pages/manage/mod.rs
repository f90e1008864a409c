//! Manager pages, all under `/manage/{organisation}`. Every handler first turns the signed-in
//! person and the organisation in the URL into an `OrgScope`; anyone not on the staff gets 404.

mod activity;
pub(crate) mod agreements;
mod application_list;
mod applications;
mod attendance;
pub(crate) mod attendance_hours;
mod attendance_kiosk;
pub(crate) mod catalogue;
mod check_form;
mod check_view;
mod checks;
mod commitments;
mod consents;
pub(crate) mod dashboard;
mod enquiries;
pub(crate) mod expenses;
pub(crate) mod expiring;
pub(crate) mod feedback_links;
mod health_notes;
mod imports;
mod matches;
mod matching;
mod networks;
pub(crate) mod notifications;
mod onboarding;
mod organisation;
mod outcomes;
mod population;
mod privacy;
mod quality;
mod quality_pdf;
pub(crate) mod quality_tables;
mod referrals;
mod roles;
pub(crate) mod rota;
mod rota_forms;
pub(crate) mod rota_grid;
mod safeguarding;
mod service_user;
mod service_user_edit;
mod service_user_forms;
mod service_users;
mod shift;
mod shift_edit;
mod shift_move;
mod shift_waitlist;
mod sites;
mod staff;
mod subject_access;
pub(crate) mod surveys;
mod volunteer_offer;
pub(crate) mod volunteers;

pub(crate) use referrals::{referral_input, targets};
pub(crate) use service_users::PersonChoices;

use app::OrgScope;
use axum::Router;

use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(dashboard::routes())
        .merge(agreements::routes())
        .merge(networks::routes())
        .merge(enquiries::routes())
        .merge(volunteers::routes())
        .merge(application_list::routes())
        .merge(applications::routes())
        .merge(roles::routes())
        .merge(rota::routes())
        .merge(rota_forms::routes())
        .merge(sites::routes())
        .merge(imports::routes())
        .merge(staff::routes())
        .merge(organisation::routes())
        .merge(notifications::routes())
        .merge(catalogue::routes())
        .merge(checks::routes())
        .merge(onboarding::routes())
        .merge(expiring::routes())
        .merge(attendance::routes())
        .merge(attendance_hours::routes())
        .merge(attendance_kiosk::routes())
        .merge(shift::routes())
        .merge(shift_edit::routes())
        .merge(shift_move::routes())
        .merge(shift_waitlist::routes())
        .merge(commitments::routes())
        .merge(consents::routes())
        .merge(expenses::routes())
        .merge(surveys::routes())
        .merge(outcomes::routes())
        .merge(quality::routes())
        .merge(population::routes())
        .merge(activity::routes())
        .merge(feedback_links::routes())
        .merge(service_users::routes())
        .merge(service_user::routes())
        .merge(service_user_edit::routes())
        .merge(health_notes::routes())
        .merge(matching::routes())
        .merge(matches::routes())
        .merge(referrals::routes())
        .merge(safeguarding::routes())
        .merge(volunteer_offer::routes())
        .merge(privacy::routes())
        .merge(subject_access::routes())
        .merge(service_user_forms::routes())
}

/// The scope for the organisation in the URL.
async fn scope(state: &AppState, user: &SignedIn, slug: &str) -> Result<OrgScope, WebError> {
    Ok(state.app.authorise(user.person.id, slug).await?)
}

/// The scope, for pages that only make sense to someone who may change things (blank forms):
/// the use case behind the form checks again when it is sent.
async fn managing_scope(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
) -> Result<OrgScope, WebError> {
    let scope = scope(state, user, slug).await?;
    if scope.can(domain::staff::Capability::ManageVolunteering) {
        Ok(scope)
    } else {
        Err(app::AppError::Forbidden.into())
    }
}

/// Parses an id from the URL; a malformed one is simply not found.
fn id<T: std::str::FromStr>(raw: &str) -> Result<T, WebError> {
    raw.parse().map_err(|_| app::AppError::NotFound.into())
}

/// A "see other" redirect after a successful form.
fn to(path: String) -> axum::response::Response {
    axum::response::IntoResponse::into_response(axum::response::Redirect::to(&path))
}
