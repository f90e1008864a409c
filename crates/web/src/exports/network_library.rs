//! A network's shared lists, for whoever the network lets see them: its member directory, its
//! role library, its resource library (narrowed by the resource search's own filters) and the
//! volunteering opportunities members list to it.

use app::networks::NetworkAccess;
use app::{App, AppError};
use domain::Labelled;
use domain::network::membership::Member;

use crate::csv_export::{Cell, Table};
use crate::pages::library::resources::SearchQuery;

/// The member directory: the members that chose to be listed, with what they tell others.
pub(super) async fn directory(app: &App, access: &NetworkAccess) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Member directory",
        &[
            "Member",
            "Type",
            "Job title",
            "Employer",
            "Email",
            "What other members should know",
        ],
    );
    for m in app.member_directory(access).await? {
        let (job_title, employer, email) = match &m.member {
            Member::Individual {
                job_title,
                employer,
                email,
                ..
            } => (job_title.clone(), employer.clone(), email.to_string()),
            Member::Organisation { .. } => Default::default(),
        };
        table.push(vec![
            Cell::text(m.name()),
            Cell::text(m.membership_type().label()),
            Cell::text(job_title),
            Cell::text(employer),
            Cell::text(email),
            Cell::text(m.directory_note.clone()),
        ]);
    }
    Ok(table)
}

/// The role library: each shared role, its setting, who shared it and how many members use it.
pub(super) async fn roles(app: &App, access: &NetworkAccess) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Role library",
        &[
            "Role",
            "Summary",
            "Setting",
            "From",
            "Time commitment",
            "Minimum age",
            "DBS level",
            "Members using it",
        ],
    );
    for t in app.role_library(access).await? {
        let r = &t.template;
        table.push(vec![
            Cell::text(r.title.clone()),
            Cell::text(r.summary.clone()),
            Cell::text(r.setting.label()),
            Cell::text(r.source_name.clone()),
            Cell::text(r.time_commitment.clone()),
            Cell::Integer(i64::from(r.minimum_age)),
            Cell::text(r.dbs_level.label()),
            Cell::Integer(i64::from(t.organisations_using)),
        ]);
    }
    Ok(table)
}

/// The resources the search finds (`q`, `tag`, `kind`, as on the page), with when each is due
/// for review.
pub(super) async fn resources(
    app: &App,
    access: &NetworkAccess,
    query: &SearchQuery,
) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Resources",
        &[
            "Resource",
            "Summary",
            "Kind",
            "From",
            "Who can see it",
            "Tags",
            "Review by",
        ],
    );
    for v in app.search_resources(access, &query.search()).await? {
        let r = &v.resource;
        table.push(vec![
            Cell::text(r.title.clone()),
            Cell::text(r.summary.clone()),
            Cell::text(r.kind.label()),
            Cell::text(r.owner.name()),
            Cell::text(r.audience.label()),
            Cell::text(r.tags.join(", ")),
            Cell::Date(r.review_on),
        ]);
    }
    Ok(table)
}

/// The roles members have listed to the network, as its opportunities page shows them.
pub(super) async fn opportunities(app: &App, access: &NetworkAccess) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Volunteering opportunities",
        &["Role", "Organisation", "Summary"],
    );
    for (o, _) in app.network_opportunities(access).await? {
        table.push(vec![
            Cell::text(o.role.title),
            Cell::text(o.organisation_name),
            Cell::text(o.role.summary),
        ]);
    }
    Ok(table)
}
