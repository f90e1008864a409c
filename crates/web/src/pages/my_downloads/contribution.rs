//! The volunteer's own contribution beyond the rota: their learning record, the people they
//! support and the activity they logged against their roles' outcome indicators.

use app::{App, AppError};
use domain::Labelled;
use domain::events::LearningSource;
use domain::ids::PersonId;
use domain::rota::from_utc;

use crate::csv_export::{Cell, Table};

/// Their learning record: events attended and learning of their own, with CPD time, oldest
/// first as the page lists them by year.
pub(super) async fn learning(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My learning",
        &["Date", "Learning", "Provider", "Kind", "CPD hours"],
    );
    let (record, _upcoming) = app.my_learning(person).await?;
    for line in record.years.into_iter().flat_map(|y| y.lines) {
        table.push(vec![
            Cell::Date(from_utc(line.starts_at).date()),
            Cell::text(line.title),
            Cell::text(line.provider),
            Cell::text(match line.source {
                LearningSource::Event(_) => "Learning event",
                LearningSource::Own(_) => "My own learning",
            }),
            Cell::Hours(line.minutes),
        ]);
    }
    Ok(table)
}

/// The people they support or were invited to support, named only as the page names them
/// (first name until they are in touch) and without contact details.
pub(super) async fn matches(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "People I support",
        &[
            "Organisation",
            "Person",
            "Support",
            "Status",
            "Invited",
            "Started",
            "Days contact overdue",
        ],
    );
    for m in app.my_matches(person).await? {
        table.push(vec![
            Cell::text(m.organisation_name.clone()),
            Cell::text(m.shown_name()),
            Cell::text(m.record.support_type.label()),
            Cell::text(m.record.status.label()),
            Cell::Date(from_utc(m.record.proposed_at).date()),
            Cell::date(m.record.started_on),
            m.overdue_days.map_or(Cell::Blank, Cell::Integer),
        ]);
    }
    Ok(table)
}

/// Everything they logged against outcome indicators, newest first (the page shows the
/// latest few).
pub(super) async fn activity(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new("My activity", &["Date", "What", "Quantity", "Unit", "Note"]);
    for a in app.my_activity(person, u32::MAX).await? {
        table.push(vec![
            Cell::Date(a.record.done_on),
            Cell::text(a.indicator_name),
            Cell::Integer(i64::from(a.record.quantity)),
            Cell::text(a.unit),
            Cell::text(a.record.note),
        ]);
    }
    Ok(table)
}
