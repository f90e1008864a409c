//! Lists about one volunteer or one shift: a volunteer's regular slots and their checks and
//! training, a shift's waiting list and its register. Both name what they are about in the filters (`volunteer=…`,
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

/// Who had a place on a shift and whether they came, as its register shows it.
pub(super) async fn register(
    app: &App,
    scope: &OrgScope,
    filters: &OneOf,
) -> Result<Table, AppError> {
    let shift: ShiftId = id(&filters.shift, "shift", "shift")?;
    let register = app.shift_register(scope, shift).await?;
    let clock = |t: Option<chrono::DateTime<chrono::Utc>>| {
        Cell::text(
            t.map(|t| domain::rota::from_utc(t).format("%H:%M").to_string())
                .unwrap_or_default(),
        )
    };
    let mut table = Table::new(
        "Register",
        &[
            "Volunteer",
            "Role",
            "Site",
            "Attendance",
            "Arrived",
            "Left",
            "Recorded by",
        ],
    );
    for l in &register.lines {
        let a = l.attendance.as_ref();
        table.push(vec![
            Cell::text(l.person_name.clone()),
            Cell::text(register.role_title.clone()),
            Cell::text(register.site_name.clone()),
            Cell::text(a.map_or("Nothing recorded yet", |a| a.status.label())),
            clock(a.and_then(|a| a.arrived_at)),
            clock(a.and_then(|a| a.left_at)),
            Cell::text(a.map(|a| a.method.label()).unwrap_or_default()),
        ]);
    }
    table.file = format!("register-{shift}");
    Ok(table)
}

/// A volunteer's checks and training for each role they are placed in, as their checks page
/// lists them: what each is, where it stands and its dates (not certificate numbers).
pub(super) async fn checks(
    app: &App,
    scope: &OrgScope,
    filters: &OneOf,
) -> Result<Table, AppError> {
    let person: PersonId = id(&filters.volunteer, "volunteer", "volunteer")?;
    // As on the page: someone who is not this organisation's volunteer is not found.
    let name = app
        .volunteer_record(scope, person)
        .await?
        .person
        .full_name();
    let mut table = Table::new(
        "Checks and training",
        &[
            "Volunteer",
            "Role",
            "Check or training",
            "Status",
            "Counts today",
            "Issued",
            "Expires",
        ],
    );
    for list in app.checklists(scope, person).await? {
        for item in &list.items {
            let check = item.check.as_ref();
            table.push(vec![
                Cell::text(name.clone()),
                Cell::text(list.role.title.clone()),
                Cell::text(item.requirement.name.clone()),
                Cell::text(check.map_or("Not started", |c| c.status.label())),
                Cell::text(if item.holds { "yes" } else { "no" }),
                Cell::date(check.and_then(|c| c.issued_on)),
                Cell::date(check.and_then(|c| c.expires_on)),
            ]);
        }
    }
    table.file = format!("checks-{person}");
    Ok(table)
}
