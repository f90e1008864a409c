//! The public lists, for anyone signed in: volunteering opportunities (narrowed by the search's
//! own filters) and the networks on Alongside.

use app::{App, AppError};
use domain::Labelled;

use crate::csv_export::{Cell, Table};
use crate::pages::public::SearchQuery;

/// The open roles the search finds, as the opportunities page lists them.
pub(super) async fn opportunities(app: &App, query: &SearchQuery) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Volunteering opportunities",
        &[
            "Role",
            "Organisation",
            "Setting",
            "Summary",
            "Time commitment",
        ],
    );
    for o in app.opportunities(&query.search()).await? {
        table.push(vec![
            Cell::text(o.role.title.clone()),
            Cell::text(o.organisation_name.clone()),
            Cell::text(o.role.setting.label()),
            Cell::text(o.role.summary.clone()),
            Cell::text(o.role.time_commitment.clone()),
        ]);
    }
    Ok(table)
}

/// Every network, as the networks page lists them.
pub(super) async fn networks(app: &App) -> Result<Table, AppError> {
    let mut table = Table::new("Networks", &["Network", "Kind", "About"]);
    for n in app.all_networks().await? {
        table.push(vec![
            Cell::text(n.name.clone()),
            Cell::text(n.kind.label()),
            Cell::text(n.description.clone()),
        ]);
    }
    Ok(table)
}
