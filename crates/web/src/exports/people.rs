//! Lists about volunteers and staff: volunteers, applications, onboarding, expiring checks and
//! the staff list.

use app::ports::ApplicationSearch;
use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::application::ApplicationStatus;
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::layout::uk_date;
use crate::pages::manage::expiring::{Filters as ExpiringFilters, rows as expiring_rows};
use crate::pages::manage::volunteers::Filters as VolunteerFilters;

/// How many rows each read of a paged list takes.
const BATCH: u32 = 500;

/// Every volunteer the page's filters find (all pages), as the volunteers page lists them.
pub(super) async fn volunteers(
    app: &App,
    scope: &OrgScope,
    filters: &VolunteerFilters,
) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Volunteers",
        &[
            "Given name",
            "Family name",
            "Preferred name",
            "Email",
            "Phone",
            "Postcode",
            "Status",
            "Since",
            "Roles applied for",
        ],
    );
    let mut search = filters.search(BATCH);
    search.page = 1;
    loop {
        let page = app.volunteers(scope, search.clone()).await?;
        for row in &page.items {
            let p = &row.person;
            table.push(vec![
                Cell::text(p.given_name.as_str()),
                Cell::text(p.family_name.as_str()),
                Cell::text(p.preferred_name.as_str()),
                Cell::text(p.email.as_str()),
                Cell::text(p.phone.as_ref().map(|x| x.national()).unwrap_or_default()),
                Cell::text(
                    p.postcode
                        .as_ref()
                        .map(|x| x.to_string())
                        .unwrap_or_default(),
                ),
                Cell::text(row.engagement.status.label()),
                Cell::Date(uk_date(&row.engagement.started_at)),
                Cell::text(row.roles.join("; ")),
            ]);
        }
        if page.page >= page.pages() {
            break;
        }
        search.page += 1;
    }
    Ok(table)
}

/// The applications page's filter.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ApplicationFilters {
    status: String,
}

/// Every application with the status asked for (all pages), newest first.
pub(super) async fn applications(
    app: &App,
    scope: &OrgScope,
    filters: &ApplicationFilters,
) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Applications",
        &["Applicant", "Role", "Status", "Submitted", "Availability"],
    );
    let mut search = ApplicationSearch {
        status: ApplicationStatus::from_code(&filters.status),
        limit_to_sites: None,
        page: 1,
        per_page: BATCH,
    };
    loop {
        let page = app.application_page(scope, search.clone()).await?;
        for row in &page.items {
            let a = &row.application;
            table.push(vec![
                Cell::text(row.person_name.clone()),
                Cell::text(row.role_title.clone()),
                Cell::text(a.status.label()),
                Cell::Date(uk_date(&a.submitted_at)),
                Cell::text(a.availability.clone()),
            ]);
        }
        if page.page >= page.pages() {
            break;
        }
        search.page += 1;
    }
    Ok(table)
}

/// The staff and their permissions (organisation admins only, as the page).
pub(super) async fn staff(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let sites = app.sites(scope).await?;
    let mut table = Table::new("Staff", &["Name", "Email", "Permission", "Sites"]);
    for (member, person) in app.staff(scope).await? {
        let names: Vec<&str> = sites
            .iter()
            .filter(|s| member.site_ids.contains(&s.id))
            .map(|s| s.name.as_str())
            .collect();
        table.push(vec![
            Cell::text(person.full_name()),
            Cell::text(person.email.as_str()),
            Cell::text(member.permission.label()),
            Cell::text(names.join("; ")),
        ]);
    }
    Ok(table)
}

/// Everyone being onboarded, with their stage and what blocks them.
pub(super) async fn onboarding(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Onboarding",
        &[
            "Volunteer",
            "Role",
            "Stage",
            "Accepted",
            "Days waiting",
            "Waiting for",
        ],
    );
    for card in app.onboarding_board(scope).await? {
        table.push(vec![
            Cell::text(card.placement.person_name.clone()),
            Cell::text(card.placement.role_title.clone()),
            Cell::text(card.stage.label()),
            Cell::Date(uk_date(&card.placement.placement.accepted_at)),
            Cell::Integer(card.days_waiting),
            Cell::text(card.blocking.join("; ")),
        ]);
    }
    Ok(table)
}

/// Checks and training about to expire within `days`, soonest first.
pub(super) async fn expiring(
    app: &App,
    scope: &OrgScope,
    filters: &ExpiringFilters,
) -> Result<Table, AppError> {
    let days = filters.days().map_err(AppError::Invalid)?;
    let found = app.expiring_checks(scope, days).await?;
    let mut table = Table::new(
        "Expiring checks",
        &["Name", "Email", "Check or training", "Expires on", "When"],
    );
    for row in expiring_rows(found, app.clock.today()) {
        table.push(vec![
            Cell::text(row.name),
            Cell::text(row.email),
            Cell::text(row.item),
            Cell::Date(row.expires),
            Cell::text(row.when),
        ]);
    }
    Ok(table)
}
