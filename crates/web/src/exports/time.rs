//! Lists about time given: the rota, logged hours, hours by month, missed shifts and expense
//! claims for payment. The rota, hours-by-month and expenses use cases audit their own exports.

use app::{App, AppError, OrgScope};
use chrono::Days;
use domain::rota::hours::HoursStatus;
use domain::{FieldErrors, Labelled};
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::pages::manage::attendance_hours::{Filter as HoursFilter, report_year, tables};
use crate::pages::manage::expenses::Filters as ExpenseFilters;
use crate::pages::manage::rota_grid::{RotaQuery, ShiftCard, monday_of, query_date};
use crate::pages::my_hours::MONTHS;

/// The rota export's range (a week from this Monday unless given) and filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct RotaExport {
    from: String,
    to: String,
    #[serde(flatten)]
    filters: RotaQuery,
}

/// The rota from `from` to `to` with who is booked (audited by `export_rota`).
pub(super) async fn rota(app: &App, scope: &OrgScope, q: &RotaExport) -> Result<Table, AppError> {
    let mut errors = FieldErrors::new();
    let from = query_date(&q.from, "from", monday_of(app.uk_today()), &mut errors);
    let to = query_date(&q.to, "to", from + Days::new(7), &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let rota = app.export_rota(scope, from, to, q.filters.filter()).await?;
    let mut table = Table::new(
        "Rota",
        &[
            "Date",
            "Start",
            "End",
            "Role",
            "Site",
            "Minimum",
            "Maximum",
            "Booked",
            "Under-filled",
            "Cancelled",
            "Volunteers",
        ],
    );
    table.file = format!("rota-{from}");
    let yes_no = |b: bool| Cell::text(if b { "yes" } else { "no" });
    for s in &rota.shifts {
        let card = ShiftCard::from(s);
        table.push(vec![
            Cell::Date(card.date),
            Cell::text(card.start.clone()),
            Cell::text(card.end.clone()),
            Cell::text(card.role.clone()),
            Cell::text(card.site.clone()),
            Cell::Integer(i64::from(card.min)),
            Cell::Integer(i64::from(card.max)),
            Cell::Integer(i64::from(card.booked)),
            yes_no(card.under),
            yes_no(card.cancelled),
            Cell::text(card.volunteers.join("; ")),
        ]);
    }
    Ok(table)
}

/// Logged hours, as the hours page lists them (`status`: blank for those waiting, `all`, or a
/// status).
pub(super) async fn hours_logs(
    app: &App,
    scope: &OrgScope,
    q: &HoursFilter,
) -> Result<Table, AppError> {
    let status =
        match q.status.trim() {
            "all" => None,
            "" => Some(HoursStatus::Submitted),
            code => Some(HoursStatus::from_code(code).ok_or_else(|| {
                FieldErrors::one("status", "Choose a status from the list, or all")
            })?),
        };
    let mut table = Table::new(
        "Logged hours",
        &[
            "Volunteer",
            "Role",
            "Date",
            "Hours",
            "What they did",
            "Status",
            "Message",
        ],
    );
    for line in app.hours_for_review(scope, status).await? {
        let log = &line.log;
        table.push(vec![
            Cell::text(line.person_name),
            Cell::text(line.role_title),
            Cell::Date(log.worked_on),
            Cell::Hours(i64::from(log.minutes)),
            Cell::text(log.description.clone()),
            Cell::text(log.status.label()),
            Cell::text(log.message.clone()),
        ]);
    }
    Ok(table)
}

/// A year's hours by month per organisation, volunteer, role and site (audited by
/// `export_hours_report`).
pub(super) async fn hours(app: &App, scope: &OrgScope, q: &HoursFilter) -> Result<Table, AppError> {
    let year = report_year(app, &q.year)?;
    let report = app.export_hours_report(scope, year).await?;
    let mut columns = vec!["Totals by", "Name"];
    columns.extend(MONTHS);
    columns.push("Year");
    let mut table = Table::new("Hours by month", &columns);
    table.file = format!("hours-{year}");
    for (by, rows) in tables(&report, &scope.organisation().name) {
        for r in rows {
            let mut cells = vec![Cell::text(by), Cell::text(r.name)];
            cells.extend(r.month_minutes.iter().map(|m| Cell::Hours(*m)));
            cells.push(Cell::Hours(r.total_minutes));
            table.push(cells);
        }
    }
    Ok(table)
}

/// Volunteers who missed shifts in the last 12 months, as the attendance page counts them.
pub(super) async fn no_shows(app: &App, scope: &OrgScope) -> Result<Table, AppError> {
    let mut table = Table::new(
        "Missed shifts",
        &[
            "Volunteer",
            "Shifts missed",
            "First",
            "Latest",
            "Suggestion",
        ],
    );
    for line in app.no_shows(scope).await? {
        table.push(vec![
            Cell::text(line.name),
            Cell::Integer(i64::try_from(line.missed).unwrap_or(i64::MAX)),
            Cell::Date(line.since),
            Cell::Date(line.latest),
            Cell::text(line.prompt.unwrap_or_default()),
        ]);
    }
    Ok(table)
}

/// Approved (or paid) claims in a range, for payment (audited by `export_expense_claims`).
pub(crate) async fn expenses(
    app: &App,
    scope: &OrgScope,
    q: &ExpenseFilters,
) -> Result<Table, AppError> {
    let (status, from, to) = q.export(app.uk_today()).map_err(AppError::Invalid)?;
    let rows = app.export_expense_claims(scope, status, from, to).await?;
    let mut table = crate::api::expenses::payment_table(&rows);
    table.file = format!("expenses-{from}-to-{to}");
    Ok(table)
}
