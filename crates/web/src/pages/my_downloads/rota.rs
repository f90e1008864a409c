//! The volunteer's own time on the rota: every place they have had, their regular slots, their
//! waiting lists, the hours they logged outside shifts and their expense claims.

use app::{App, AppError};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::PersonId;
use domain::rota::from_utc;

use crate::csv_export::{Cell, Table};
use crate::layout::nhs_datetime;
use crate::pages::my_commitments::line;
use crate::pages::my_shifts::{Filter, WEEKS_AHEAD};

/// A shift's day, start and end in UK time, as the pages show them.
fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> [Cell; 3] {
    let (start, end) = (from_utc(starts_at), from_utc(ends_at));
    [
        Cell::Date(start.date()),
        Cell::text(start.format("%H:%M").to_string()),
        Cell::text(end.format("%H:%M").to_string()),
    ]
}

/// Every place the person has had, by start, booked or cancelled.
pub(super) async fn shifts(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My shifts",
        &[
            "Date",
            "Starts",
            "Ends",
            "Organisation",
            "Role",
            "Site",
            "Status",
            "Cancellation reason",
        ],
    );
    for shift in app.my_shifts(person).await? {
        let b = &shift.booking;
        let [day, starts, ends] = when(b.starts_at, b.ends_at);
        table.push(vec![
            day,
            starts,
            ends,
            Cell::text(shift.organisation_name.clone()),
            Cell::text(shift.role_title.clone()),
            Cell::text(shift.site_name.clone()),
            Cell::text(b.status.label()),
            Cell::text(b.cancellation_reason.clone()),
        ]);
    }
    Ok(table)
}

/// The shifts in the next weeks the person may book, narrowed as on their page, with the places
/// left and whether they already have one or are waiting.
pub(super) async fn available(
    app: &App,
    person: PersonId,
    filter: &Filter,
) -> Result<Table, AppError> {
    let now = app.clock.now();
    let until = now + chrono::Duration::weeks(WEEKS_AHEAD);
    let keep = filter.shifts();
    let mut table = Table::new(
        "Shifts I can do",
        &[
            "Date",
            "Starts",
            "Ends",
            "Organisation",
            "Role",
            "Site",
            "Places left",
            "Mine",
        ],
    );
    for offer in app.shifts_i_can_do(person, now, until).await? {
        let shift = &offer.row.shift;
        if !keep.matches(shift) {
            continue;
        }
        let [day, starts, ends] = when(shift.starts_at, shift.ends_at);
        let mine = if offer.booked_by_me {
            "Booked"
        } else if offer.waiting {
            "On the waiting list"
        } else {
            ""
        };
        table.push(vec![
            day,
            starts,
            ends,
            Cell::text(offer.organisation_name.clone()),
            Cell::text(offer.role_title.clone()),
            Cell::text(offer.site_name.clone()),
            Cell::Integer(i64::from(shift.places_left(offer.row.booked))),
            Cell::text(mine),
        ]);
    }
    Ok(table)
}

/// The person's regular slots, as their page lists them, ended ones too.
pub(super) async fn commitments(app: &App, person: PersonId) -> Result<Table, AppError> {
    let today = app.uk_today();
    let mut table = Table::new(
        "My regular slots",
        &[
            "Regular slot",
            "Organisation",
            "Role",
            "Where",
            "From",
            "Until",
            "Ended",
        ],
    );
    let (commitments, _absences) = app.my_commitments(person).await?;
    for l in app.describe_commitments(commitments).await? {
        let l = line(l, today);
        let c = &l.view.commitment;
        table.push(vec![
            Cell::text(l.pattern.clone()),
            Cell::text(l.view.organisation_name.clone()),
            Cell::text(l.view.role_title.clone()),
            Cell::text(l.view.site_name.clone()),
            Cell::Date(c.starts_on),
            Cell::date(c.ends_on),
            Cell::text(if l.ended { "yes" } else { "no" }),
        ]);
    }
    Ok(table)
}

/// The shifts the person is waiting for a place on, with any place offered to them.
pub(super) async fn waiting(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My waiting lists",
        &[
            "Date",
            "Starts",
            "Ends",
            "Organisation",
            "Role",
            "Site",
            "Status",
            "Offer open until",
        ],
    );
    for w in app.my_waiting(person).await? {
        let [day, starts, ends] = when(w.shift.starts_at, w.shift.ends_at);
        table.push(vec![
            day,
            starts,
            ends,
            Cell::text(w.organisation_name.clone()),
            Cell::text(w.role_title.clone()),
            Cell::text(w.site_name.clone()),
            Cell::text(w.entry.status.label()),
            Cell::text(
                w.entry
                    .offer_expires_at
                    .map(|t| nhs_datetime(&t))
                    .unwrap_or_default(),
            ),
        ]);
    }
    Ok(table)
}

/// The hours the person logged outside shifts, as the page lists them.
pub(super) async fn hours(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My hours",
        &["Date", "Hours", "Organisation", "Role", "What", "Status"],
    );
    for line in app.my_hours(person).await? {
        let log = &line.log;
        table.push(vec![
            Cell::Date(log.worked_on),
            Cell::Hours(i64::from(log.minutes)),
            Cell::text(line.organisation_name.clone()),
            Cell::text(line.role_title.clone()),
            Cell::text(log.description.clone()),
            Cell::text(log.status.label()),
        ]);
    }
    Ok(table)
}

/// The person's expense claims, as their page lists them.
pub(super) async fn expenses(app: &App, person: PersonId) -> Result<Table, AppError> {
    let mut table = Table::new(
        "My expenses",
        &[
            "Date",
            "Organisation",
            "Cost",
            "Description",
            "Amount (£)",
            "Status",
        ],
    );
    for row in app.my_expense_claims(person).await? {
        let claim = &row.claim;
        table.push(vec![
            Cell::Date(claim.spent_on),
            Cell::text(row.organisation_name.clone()),
            Cell::text(claim.category.label()),
            Cell::text(claim.description.clone()),
            Cell::Pence(claim.amount.0),
            Cell::text(claim.status.label()),
        ]);
    }
    Ok(table)
}
