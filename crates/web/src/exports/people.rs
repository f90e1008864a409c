//! Lists about volunteers and staff: volunteers, applications, onboarding and time to onboard,
//! expiring checks and the staff list.

use app::ports::ApplicationSearch;
use app::{App, AppError, OrgScope};
use domain::Labelled;
use domain::application::ApplicationStatus;
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::layout::uk_date;
use crate::pages::manage::dashboard::ONBOARDING_MONTHS;
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

/// A median number of days, to one decimal place, or blank when there is none.
fn median(days: Option<f64>) -> Cell {
    days.map_or(Cell::Blank, |d| Cell::Number((d * 10.0).round() / 10.0))
}

/// Time to onboard over the dashboard's 12 months, its tables one after another: how long
/// people took, each stage, each role and the volunteer passport's effect.
pub(super) async fn time_to_onboard(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let report = app.time_to_onboard(scope, ONBOARDING_MONTHS).await?;
    let mut table = Table::new(
        "Time to onboard",
        &["Table", "Group", "People", "Median days"],
    );
    let count = |n: usize| Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX));
    let overall = &report.overall;
    table.push(vec![
        Cell::text("From applying to starting"),
        Cell::text("Everyone"),
        count(overall.count),
        median(overall.median_days),
    ]);
    for b in &overall.bands {
        table.push(vec![
            Cell::text("Time taken"),
            Cell::text(b.label),
            count(b.count),
            Cell::Blank,
        ]);
    }
    for (stage, days) in &report.stages {
        table.push(vec![
            Cell::text("Each stage"),
            Cell::text(*stage),
            Cell::Blank,
            median(*days),
        ]);
    }
    for (title, s) in &report.roles {
        table.push(vec![
            Cell::text("Each role"),
            Cell::text(title.clone()),
            count(s.count),
            median(s.median_days),
        ]);
    }
    for (who, s) in [
        ("Brought a passport", &report.passport.with_passport),
        ("Everyone else", &report.passport.without),
    ] {
        table.push(vec![
            Cell::text("The volunteer passport"),
            Cell::text(who),
            count(s.count),
            median(s.median_days),
        ]);
    }
    Ok(table)
}
