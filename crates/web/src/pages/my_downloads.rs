//! A volunteer's own lists as downloads, beside their pages: `/my/shifts.csv|.xlsx` (every
//! place they have had, booked or cancelled), `/my/hours.csv|.xlsx` (the hours they logged
//! outside shifts) and `/my/expenses.csv|.xlsx` (their expense claims). Built from the same use cases as the pages, so they hold only the signed-in
//! person's own records; everything else held about them is in the copy at `/my/data`.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use domain::Labelled;
use domain::rota::from_utc;

use crate::csv_export::{Cell, Format, Table, download};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The download routes, in both formats.
pub fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in Format::ALL {
        let ext = format.extension();
        router = router
            .route(
                &format!("/my/shifts.{ext}"),
                get(move |state: State<AppState>, user: SignedIn| shifts(state, user, format)),
            )
            .route(
                &format!("/my/hours.{ext}"),
                get(move |state: State<AppState>, user: SignedIn| hours(state, user, format)),
            )
            .route(
                &format!("/my/expenses.{ext}"),
                get(move |state: State<AppState>, user: SignedIn| expenses(state, user, format)),
            );
    }
    router
}

/// Every place the person has had, by start.
async fn shifts(
    State(state): State<AppState>,
    user: SignedIn,
    format: Format,
) -> Result<Response, WebError> {
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
    for shift in state.app.my_shifts(user.person.id).await? {
        let b = &shift.booking;
        let (start, end) = (from_utc(b.starts_at), from_utc(b.ends_at));
        table.push(vec![
            Cell::Date(start.date()),
            Cell::text(start.format("%H:%M").to_string()),
            Cell::text(end.format("%H:%M").to_string()),
            Cell::text(shift.organisation_name.clone()),
            Cell::text(shift.role_title.clone()),
            Cell::text(shift.site_name.clone()),
            Cell::text(b.status.label()),
            Cell::text(b.cancellation_reason.clone()),
        ]);
    }
    download(&table, format, "my-shifts")
}

/// The hours the person logged outside shifts, as the page lists them.
async fn hours(
    State(state): State<AppState>,
    user: SignedIn,
    format: Format,
) -> Result<Response, WebError> {
    let mut table = Table::new(
        "My hours",
        &["Date", "Hours", "Organisation", "Role", "What", "Status"],
    );
    for line in state.app.my_hours(user.person.id).await? {
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
    download(&table, format, "my-hours")
}

/// The person's expense claims, as their page lists them.
async fn expenses(
    State(state): State<AppState>,
    user: SignedIn,
    format: Format,
) -> Result<Response, WebError> {
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
    for row in state.app.my_expense_claims(user.person.id).await? {
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
    download(&table, format, "my-expenses")
}
