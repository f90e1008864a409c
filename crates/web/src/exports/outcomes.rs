//! Lists about what volunteering achieves: the activity logged against outcome indicators,
//! and each table of the quality report.

use app::{App, AppError, OrgScope};
use domain::FieldErrors;
use domain::outcomes::parse_period;
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::layout::uk_date;
use crate::pages::manage::quality_tables::tables;

/// A period, and for the quality report its hourly rate and which table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PeriodFilters {
    from: String,
    to: String,
    rate: String,
    table: String,
}

/// Activity done in the period (the last year unless `from`/`to` say), by day.
pub(super) async fn activity(
    app: &App,
    scope: &OrgScope,
    filters: &PeriodFilters,
) -> Result<Table, AppError> {
    let (from, to, _) = parse_period(&filters.from, &filters.to, "", app.uk_today())?;
    let mut table = Table::new(
        "Activity",
        &[
            "Day",
            "Volunteer",
            "Role",
            "What they did",
            "How many",
            "Unit",
            "Note",
            "Logged by",
            "Logged on",
        ],
    );
    for line in app.activity_log(scope, from, to).await? {
        let r = &line.record;
        table.push(vec![
            Cell::Date(r.done_on),
            Cell::text(line.volunteer.clone()),
            Cell::text(line.role.clone()),
            Cell::text(line.indicator.clone()),
            Cell::from(r.quantity),
            Cell::text(line.unit.clone()),
            Cell::text(r.note.clone()),
            Cell::text(r.logged_by.clone()),
            Cell::Date(uk_date(&r.logged_at)),
        ]);
    }
    table.file = format!("activity-{from}-to-{to}");
    Ok(table)
}

/// One table of the quality report for the period (`table` names it, as the page's links do).
pub(super) async fn quality(
    app: &App,
    scope: &OrgScope,
    filters: &PeriodFilters,
) -> Result<Table, AppError> {
    let (from, to, rate) = parse_period(&filters.from, &filters.to, &filters.rate, app.uk_today())?;
    let report = app.quality_report(scope, from, to, &rate).await?;
    let reach = app.reach(scope).await?;
    let all = tables(&report, &reach);
    let names: Vec<&str> = all.iter().map(|t| t.id).collect();
    let wanted = filters.table.trim();
    let found = all.iter().find(|t| t.id == wanted).ok_or_else(|| {
        FieldErrors::one(
            "table",
            format!("Choose a table of the report: {}", names.join(", ")),
        )
    })?;
    let mut table = Table::new(&found.caption, &found.headers);
    for row in &found.rows {
        table.push(row.iter().map(|c| Cell::text(c.clone())).collect());
    }
    table.file = format!("quality-{}-{from}-to-{to}", found.id);
    Ok(table)
}
