//! Lists about one volunteer's or one shift's place on the rota: a volunteer's regular slots
//! and a shift's waiting list. Both name what they are about in the filters (`volunteer=…`,
//! `shift=…`, the id in the page's address), as their pages do in the address.

use app::{App, AppError, OrgScope};
use domain::ids::{PersonId, ShiftId};
use domain::{FieldErrors, Labelled};
use serde::Deserialize;

use crate::csv_export::{Cell, Table};
use crate::layout::nhs_datetime;
use crate::pages::my_commitments::line;

/// Whose regular slots, or which shift's waiting list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct OneOf {
    volunteer: String,
    shift: String,
}

/// The id in `field`, or an error naming the field.
fn id<T: std::str::FromStr>(raw: &str, field: &str, what: &str) -> Result<T, AppError> {
    raw.trim().parse().map_err(|_| {
        FieldErrors::one(
            field,
            format!("Give the {what}'s id, from its page's address"),
        )
        .into()
    })
}

/// A volunteer's regular slots, as their Regular slots page lists them (ended ones too).
pub(super) async fn commitments(
    app: &App,
    scope: &OrgScope,
    filters: &OneOf,
) -> Result<Table, AppError> {
    let person: PersonId = id(&filters.volunteer, "volunteer", "volunteer")?;
    // As on the page: someone who never had a role here is not found.
    let name = app.commitment_choices(scope, person).await?.name;
    let today = app.uk_today();
    let mut table = Table::new(
        "Regular slots",
        &[
            "Volunteer",
            "Regular slot",
            "Role",
            "Where",
            "From",
            "Until",
            "Ended",
        ],
    );
    let found = app.commitments_of(scope, person).await?;
    for l in app.describe_commitments(found).await? {
        let l = line(l, today);
        let c = &l.view.commitment;
        table.push(vec![
            Cell::text(name.clone()),
            Cell::text(l.pattern.clone()),
            Cell::text(l.view.role_title.clone()),
            Cell::text(l.view.site_name.clone()),
            Cell::Date(c.starts_on),
            Cell::date(c.ends_on),
            Cell::text(if l.ended { "yes" } else { "no" }),
        ]);
    }
    table.file = format!("commitments-{person}");
    Ok(table)
}

/// Everyone who has waited for a place on a shift, in the order they joined, and what
/// happened.
pub(super) async fn waiting_list(
    app: &App,
    scope: &OrgScope,
    filters: &OneOf,
) -> Result<Table, AppError> {
    let shift: ShiftId = id(&filters.shift, "shift", "shift")?;
    let time = |t: Option<chrono::DateTime<chrono::Utc>>| {
        Cell::text(t.map(|t| nhs_datetime(&t)).unwrap_or_default())
    };
    let mut table = Table::new(
        "Waiting list",
        &[
            "Volunteer",
            "Joined",
            "Status",
            "Offered",
            "Offer ran until",
            "Closed",
        ],
    );
    for l in app.shift_waitlist(scope, shift).await? {
        table.push(vec![
            Cell::text(l.name),
            Cell::text(nhs_datetime(&l.entry.joined_at)),
            Cell::text(l.entry.status.label()),
            time(l.entry.offered_at),
            time(l.entry.offer_expires_at),
            time(l.entry.closed_at),
        ]);
    }
    table.file = format!("waiting-list-{shift}");
    Ok(table)
}
