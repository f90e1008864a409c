//! The OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` attributes and the
//! views' schemas, and served at `/api/v1/openapi.json`.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::attendance;
use super::commitments;
use super::consents;
use super::expenses;
use super::imports;
use super::notification_settings;
use super::privacy;
use super::problem::{FieldProblem, Problem};
use super::rota;
use super::shift_changes;
use super::waitlist;
use super::{agreements, network_sharing, networks};
use super::{
    applications, catalogue, checks, enquiries, onboarding, organisation, people, roles, shifts,
    sites,
};
use super::{concerns, matching, referrals, service_users, support_feedback};
use super::{events, network_events};
use super::{outcomes, quality, surveys};
use super::{resource_files, resources, role_library, role_template_changes};

/// The API's description, from which the document is generated.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Alongside API",
        version = "1",
        description = "Volunteer management for NHS trusts and charities. Every request (except \
            this document) needs an API token for one organisation, sent as \
            `Authorization: Bearer <token>`, and sees only that organisation's records: another \
            organisation's record is simply not found. Request bodies are JSON; errors are \
            `application/problem+json` (RFC 9457), and invalid input lists every problem in \
            `errors`, each naming its field."
    ),
    paths(
        openapi_document,
        imports::import,
        organisation::get_organisation,
        organisation::update_organisation,
        sites::list_sites,
        sites::create_site,
        sites::get_site,
        sites::update_site,
        roles::list_roles,
        roles::create_role,
        roles::get_role,
        roles::update_role,
        roles::publish_role,
        roles::close_role,
        people::list_people,
        enquiries::record_enquiry,
        people::get_person,
        people::move_person,
        applications::list_applications,
        applications::get_application,
        applications::decide_application,
        catalogue::list_catalogue,
        catalogue::create_requirement_type,
        catalogue::get_requirement_type,
        catalogue::update_requirement_type,
        checks::get_checklists,
        checks::record_check,
        checks::name_referee,
        checks::list_expiring,
        onboarding::onboarding_board,
        onboarding::get_eligibility,
        onboarding::activate_placement,
        onboarding::time_to_onboard,
        shifts::list_shifts,
        shifts::create_shift,
        shifts::get_shift,
        attendance::get_attendance,
        attendance::mark_attendance,
        attendance::no_shows_report,
        attendance::list_hours,
        attendance::record_hours,
        attendance::get_hours,
        attendance::approve_hours,
        attendance::query_hours,
        attendance::hours_report,
        rota::list_rota,
        rota::create_from_template,
        expenses::list_expenses,
        expenses::record_expense,
        expenses::get_expense,
        expenses::approve_expense,
        expenses::reject_expense,
        expenses::query_expense,
        expenses::mark_expense_paid,
        expenses::expense_receipt,
        expenses::upload_expense_receipt,
        expenses::expenses_report,
        shift_changes::update_shift,
        shift_changes::update_series,
        shift_changes::cancel_shift,
        shift_changes::list_bookings,
        shift_changes::add_booking,
        shift_changes::remove_booking,
        shift_changes::move_booking,
        waitlist::shift_waiting_list,
        commitments::list_commitments,
        commitments::add_commitment,
        commitments::end_commitment,
        surveys::list_plans,
        surveys::save_plan,
        surveys::record_licence,
        surveys::list_responses,
        outcomes::list_indicators,
        outcomes::add_indicator,
        outcomes::log_activity,
        outcomes::list_activity,
        quality::quality_report,
        service_users::list_service_users,
        service_users::add_service_user,
        service_users::get_service_user,
        service_users::get_health_notes,
        service_users::set_health_notes,
        service_users::move_service_user,
        service_users::link_carer,
        support_feedback::list_feedback,
        support_feedback::record_feedback,
        referrals::list_referrals,
        referrals::refer,
        referrals::decide_referral,
        matching::suggest_volunteers,
        matching::get_match_profile,
        matching::set_match_profile,
        matching::list_matches,
        matching::propose_match,
        matching::match_step,
        matching::record_contact,
        matching::plan_matching,
        concerns::raise_concern,
        concerns::list_concerns,
        concerns::get_concern,
        concerns::add_entry,
        concerns::list_leads,
        concerns::set_leads,
        role_library::list_role_templates,
        role_library::get_role_template,
        role_library::publish_role_template,
        role_library::copy_role_template,
        role_template_changes::change_role_template,
        role_template_changes::withdraw_role_template,
        resources::list_resources,
        resources::add_resource,
        resources::get_resource,
        resources::update_resource,
        resource_files::resource_file,
        resource_files::upload_resource_file,
        resources::withdraw_resource,
        networks::list_networks,
        networks::get_network,
        networks::list_members,
        networks::add_member,
        networks::record_renewal,
        networks::end_member,
        networks::get_benchmark,
        agreements::list_agreements,
        agreements::propose_agreement,
        agreements::get_agreement,
        agreements::sign_agreement,
        agreements::end_agreement,
        network_sharing::list_recognitions,
        network_sharing::list_role,
        network_sharing::list_network_referrals,
        network_sharing::refer_to_network,
        events::list_learning_events,
        events::add_learning_event,
        events::get_learning_event,
        events::list_event_registrations,
        events::mark_event_attendance,
        network_events::list_network_events,
        network_events::add_network_event,
        network_events::get_network_event,
        network_events::list_network_event_registrations,
        network_events::mark_network_event_attendance,
        privacy::subject_access,
        privacy::erase_person,
        privacy::list_erasures,
        privacy::get_retention,
        privacy::put_retention,
        privacy::preview_retention,
        privacy::run_retention,
        privacy::list_consents,
        consents::list_person_consents,
        consents::record_consent,
        consents::withdraw_consent,
        notification_settings::get_notification_settings,
        notification_settings::put_notification_settings,
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&BearerToken),
    security(("bearer" = [])),
    tags(
        (name = "imports", description = "Spreadsheets of people, roles, sites, records, hours, service users and carers"),
        (name = "organisation", description = "The token's own organisation"),
        (name = "sites", description = "Where volunteering happens"),
        (name = "roles", description = "Volunteer roles: drafts, publishing and closing"),
        (name = "people", description = "Volunteers and their engagement with the organisation"),
        (name = "applications", description = "Applications to roles, and decisions on them"),
        (name = "catalogue", description = "The organisation's check types and training modules"),
        (name = "checks", description = "Volunteers' checklists: checks, training and references"),
        (name = "onboarding", description = "From acceptance to starting: the board, eligibility and time to onboard"),
        (name = "shifts", description = "The rota: shifts, in UTC and UK clock time, and how full they are"),
        (name = "commitments", description = "Volunteers' regular slots (standing commitments), which book them into the matching shifts"),
        (name = "expenses", description = "Volunteers' claims for actual out-of-pocket costs and HMRC-rate mileage (no flat rates), decisions on them, and the CSV for payment"),
        (name = "attendance", description = "Who came to shifts: registers, marking attendance afterwards, and volunteers who missed shifts"),
        (name = "hours", description = "Hours volunteers logged outside shifts, decisions on them, and hours by month"),
        (name = "surveys", description = "Survey plans per occasion, instrument licences, and identified responses with their scores"),
        (name = "outcomes", description = "Each role's outcome indicators and the activity logged against them"),
        (name = "reports", description = "Quality beside quantity: experience, wellbeing change, retention, time given and outcomes, with groups under five withheld"),
        (name = "service users", description = "Service users and carers: consent, status, carers, the triangle of support, and health notes (special-category data, every read audited)"),
        (name = "referrals", description = "Referrals for support, the triage queue with response targets, and decisions (emailed back to the referrer)"),
        (name = "matching", description = "Matching volunteers with service users: volunteers' offers, suggestions with reasons, the batch plan, invitations (never assignments), the match lifecycle and contacts"),
        (name = "safeguarding", description = "Safeguarding concerns: raised by anyone on the staff, seen only by the named leads, with an append-only record"),
        (name = "networks", description = "A network's shared role library and resource library, as the token's person sees them: members see what is shared with members, anyone else only what is public"),
        (name = "networks", description = "Networks the organisation belongs to: details and the member directory, memberships and renewals for coordinators, benchmarking, roles listed to a network and volunteers referred between members"),
        (name = "agreements", description = "Mutual recognition agreements: what each organisation accepts from the others' checks and training, and how recent, for the volunteer passport"),
        (name = "events", description = "The organisation's learning events: registrations with their waiting list and offers, and attendance"),
        (name = "privacy", description = "UK GDPR: a person's subject access export, erasure (refused with reasons where the law requires records kept), retention rules with a dry run, and the consent register"),
        (name = "meta", description = "About the API itself"),
    )
)]
pub struct ApiDoc;

/// Adds the bearer-token security scheme the operations require.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "An API token for one organisation, made with `alongside token create --organisation SLUG --email EMAIL`.",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|e| {
        tracing::error!(error = %e, "serialising the OpenAPI document");
        String::new()
    })
});

/// The OpenAPI document, pretty-printed.
pub fn json() -> String {
    DOCUMENT.clone()
}

/// Get this OpenAPI document
///
/// Needs no token.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn openapi_document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}
