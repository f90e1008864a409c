//! The volunteer's own records with organisations: the organisations themselves, their
//! applications, their checklists (each
//! check and training item their roles need, and where it stands) and the safeguarding
//! concerns they raised (what they see on their page: who about, where, when and its status).

use app::{App, AppError};
use domain::Labelled;
use domain::ids::PersonId;
use domain::rota::from_utc;

use crate::csv_export::{Cell, Table};

/// The organisations they volunteer with (or applied to), where they stand and since when.
pub(super) async fn organisations(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new("My organisations", &["Organisation", "Status", "Since"]);
    for (engagement, organisation) in app.my_organisations(person).await? {
        table.push(vec![
            Cell::text(organisation.name.clone()),
            Cell::text(engagement.status.label()),
            Cell::Date(from_utc(engagement.started_at).date()),
        ]);
    }
    Ok(table)
}

/// Every application they made, newest first as the page lists them.
pub(super) async fn applications(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My applications",
        &["Submitted", "Organisation", "Role", "Status"],
    );
    for row in app.my_applications(person).await? {
        table.push(vec![
            Cell::Date(from_utc(row.application.submitted_at).date()),
            Cell::text(row.organisation_name.clone()),
            Cell::text(row.role_title.clone()),
            Cell::text(row.application.status.label()),
        ]);
    }
    Ok(table)
}

/// Each item each of their roles needs, with their record of it.
pub(super) async fn checklist(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My checklist",
        &[
            "Organisation",
            "Role",
            "Check or training",
            "Status",
            "Counts today",
            "Expires",
        ],
    );
    for list in app.my_checklists(person).await? {
        for item in &list.items {
            table.push(vec![
                Cell::text(list.placement.organisation_name.clone()),
                Cell::text(list.role.title.clone()),
                Cell::text(item.requirement.name.clone()),
                Cell::text(
                    item.check
                        .as_ref()
                        .map_or("Not started", |c| c.status.label()),
                ),
                Cell::text(if item.holds { "yes" } else { "no" }),
                Cell::date(item.check.as_ref().and_then(|c| c.expires_on)),
            ]);
        }
    }
    Ok(table)
}

/// The safeguarding concerns they raised, as their page shows them.
pub(super) async fn concerns(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Concerns I raised",
        &["Raised", "About", "Organisation", "Status"],
    );
    for c in app.my_concerns(person).await? {
        table.push(vec![
            Cell::Date(from_utc(c.concern.raised_at).date()),
            Cell::text(c.concern.subject_name.clone()),
            Cell::text(c.organisation_name.clone()),
            Cell::text(c.status.label()),
        ]);
    }
    Ok(table)
}
