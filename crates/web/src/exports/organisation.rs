//! Lists about the organisation itself: roles and sites.

use app::{App, AppError, OrgScope};
use domain::Labelled;

use crate::csv_export::{Cell, Table};

/// Roles, by title, with where they are and what they need.
pub(super) async fn roles(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let sites = app.sites(scope).await?;
    let mut table = Table::new(
        "Roles",
        &[
            "Role",
            "Summary",
            "Setting",
            "Status",
            "Sites",
            "Time commitment",
            "Minimum age",
            "DBS check",
            "References",
        ],
    );
    for role in app.roles(scope).await? {
        let names: Vec<&str> = sites
            .iter()
            .filter(|s| role.site_ids.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect();
        table.push(vec![
            Cell::text(role.title.clone()),
            Cell::text(role.summary.clone()),
            Cell::text(role.setting.label()),
            Cell::text(role.status.label()),
            Cell::text(names.join("; ")),
            Cell::text(role.time_commitment.clone()),
            Cell::from(role.minimum_age),
            Cell::text(role.dbs_level.label()),
            Cell::from(role.references_required),
        ]);
    }
    Ok(table)
}

/// Sites, by name.
pub(super) async fn sites(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new("Sites", &["Site", "Kind", "Postcode"]);
    for site in app.sites(scope).await? {
        table.push(vec![
            Cell::text(site.name.clone()),
            Cell::text(site.kind.label()),
            Cell::text(site.postcode.map(|p| p.to_string()).unwrap_or_default()),
        ]);
    }
    Ok(table)
}
