//! The JSON API under `/api/v1`: bearer-token authentication, leniently parsed JSON bodies,
//! RFC 9457 problem+json errors, and an OpenAPI document generated from the handlers.

mod agreements;
mod applications;
mod attendance;
mod auth;
mod catalogue;
mod checks;
mod commitments;
mod concerns;
mod consents;
mod doc;
mod enquiries;
mod events;
pub(crate) mod expenses;
mod imports;
mod input;
mod matching;
mod network_events;
mod network_sharing;
mod networks;
mod notification_settings;
mod onboarding;
mod organisation;
mod outcomes;
mod people;
mod privacy;
mod privacy_views;
pub(crate) mod problem;
mod quality;
mod referrals;
mod resource_files;
mod resources;
mod role_library;
mod role_template_changes;
mod roles;
mod rota;
mod service_users;
mod shift_changes;
mod shifts;
mod sites;
mod support_feedback;
mod surveys;
mod views;
mod waitlist;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub(crate) use imports::MAX_IMPORT_BYTES;

/// Every API route, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(doc::openapi_document))
        .merge(organisation::routes())
        .merge(sites::routes())
        .merge(roles::routes())
        .merge(people::routes())
        .merge(enquiries::routes())
        .merge(applications::routes())
        .merge(catalogue::routes())
        .merge(checks::routes())
        .merge(onboarding::routes())
        .merge(shifts::routes())
        .merge(attendance::routes())
        .merge(rota::routes())
        .merge(expenses::routes())
        .merge(shift_changes::routes())
        .merge(waitlist::routes())
        .merge(commitments::routes())
        .merge(surveys::routes())
        .merge(outcomes::routes())
        .merge(quality::routes())
        .merge(service_users::routes())
        .merge(support_feedback::routes())
        .merge(referrals::routes())
        .merge(matching::routes())
        .merge(concerns::routes())
        .merge(role_library::routes())
        .merge(resources::routes())
        .merge(resource_files::routes())
        .merge(networks::routes())
        .merge(agreements::routes())
        .merge(network_sharing::routes())
        .merge(events::routes())
        .merge(network_events::routes())
        .merge(privacy::routes())
        .merge(consents::routes())
        .merge(notification_settings::routes())
        .merge(imports::routes())
        .fallback(problem::not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
}

/// The OpenAPI document, pretty-printed JSON.
pub fn openapi_json() -> String {
    doc::json()
}
