//! Managers' changes to shifts in the store: the reads behind a manager's shift page, and the
//! writes that change, lock and cancel shifts. Compiled once per backend, as part of `rota`.
//!
//! Locks follow booking's order — shifts first (several in id order), then people (in id order)
//! — so these writes, bookings and moves never wait on each other in a circle.

use std::collections::BTreeSet;

use app::StoreError;
use app::ports::*;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::rota::{Booking, Shift, from_utc};
use sqlx::{Pool, Transaction};
use uuid::Uuid;

use super::{Db, conflict};
use crate::compliance_rows::{PLACEMENT_SELECT, PlacementDbRow};
use crate::rota_rows::{BOOKING_COLUMNS, BookingDbRow};
use crate::{db_error, sql};

#[derive(sqlx::FromRow)]
struct ShiftBookingDbRow {
    #[sqlx(flatten)]
    booking: BookingDbRow,
    given_name: String,
    family_name: String,
    email: String,
}

/// Every booking on a shift with the volunteers' names; standing ones first.
pub(super) async fn shift_bookings(
    pool: &Pool<Db>,
    org: OrganisationId,
    shift: ShiftId,
) -> Result<Vec<ShiftBookingRow>, StoreError> {
    let rows: Vec<ShiftBookingDbRow> = sqlx::query_as(sql(format!(
        "SELECT {BOOKING_COLUMNS}, p.given_name, p.family_name, p.email FROM bookings b \
         JOIN people p ON p.id = b.person_id WHERE b.organisation_id = $1 AND b.shift_id = $2 \
         ORDER BY CASE WHEN b.status = 'booked' THEN 0 ELSE 1 END, b.booked_at, b.id LIMIT 5000"
    )))
    .bind(org.0)
    .bind(shift.0)
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    rows.into_iter()
        .map(|r| {
            Ok(ShiftBookingRow {
                booking: r.booking.into_domain()?,
                person_name: format!("{} {}", r.given_name, r.family_name),
                email: r.email,
            })
        })
        .collect()
}

/// Why and when a shift was cancelled.
pub(super) async fn shift_cancellation(
    pool: &Pool<Db>,
    org: OrganisationId,
    shift: ShiftId,
) -> Result<Option<ShiftCancellation>, StoreError> {
    let row: Option<(String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT reason, cancelled_at FROM shift_cancellations WHERE organisation_id = $1 AND shift_id = $2",
    )
    .bind(org.0)
    .bind(shift.0)
    .fetch_optional(pool)
    .await
    .map_err(db_error)?;
    Ok(row.map(|(reason, cancelled_at)| ShiftCancellation {
        reason,
        cancelled_at,
    }))
}

/// Everyone active in a role.
pub(super) async fn active_in_role(
    pool: &Pool<Db>,
    org: OrganisationId,
    role: RoleId,
) -> Result<Vec<PlacementRow>, StoreError> {
    let rows: Vec<PlacementDbRow> = sqlx::query_as(sql(format!(
        "{PLACEMENT_SELECT} WHERE pl.organisation_id = $1 AND pl.role_id = $2 AND pl.status = 'active' \
         ORDER BY p.family_name, p.given_name, pl.id LIMIT 5000"
    )))
    .bind(org.0)
    .bind(role.0)
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    rows.into_iter().map(PlacementDbRow::into_domain).collect()
}

/// Applies one write of managers' shift changes, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::LockShift(org, id) => lock_shift(tx, *org, *id).await.map(|_| ()),
        Write::UpdateShifts(shifts) => update_shifts(tx, shifts).await,
        Write::CancelShift {
            organisation_id,
            id,
            reason,
            at,
            bookings,
        } => cancel_shift(tx, *organisation_id, *id, reason, *at, bookings).await,
        other => super::super::attendance::write(tx, other).await,
    }
}

/// Locks a shift's row (a no-op update: a row lock on PostgreSQL, the write lock on SQLite) and
/// says whether it is cancelled.
async fn lock_shift(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: ShiftId,
) -> Result<bool, StoreError> {
    let row: Option<(bool,)> = sqlx::query_as(
        "UPDATE shifts SET max_volunteers = max_volunteers WHERE organisation_id = $1 AND id = $2 \
         RETURNING cancelled",
    )
    .bind(org.0)
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    row.map(|(cancelled,)| cancelled)
        .ok_or_else(|| conflict("This shift no longer exists"))
}

/// Locks a person's row.
async fn lock_person(tx: &mut Transaction<'_, Db>, person: Uuid) -> Result<(), StoreError> {
    sqlx::query("UPDATE people SET id = id WHERE id = $1")
        .bind(person)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// The people with a standing booking on a shift.
async fn booked_people(tx: &mut Transaction<'_, Db>, s: &Shift) -> Result<Vec<Uuid>, StoreError> {
    sqlx::query_scalar(
        "SELECT person_id FROM bookings WHERE organisation_id = $1 AND shift_id = $2 AND status = 'booked'",
    )
    .bind(s.organisation_id.0)
    .bind(s.id.0)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)
}

/// "10 March 2027", the UK date a shift starts on.
fn day(s: &Shift) -> String {
    from_utc(s.starts_at).date().format("%-d %B %Y").to_string()
}

async fn update_shifts(tx: &mut Transaction<'_, Db>, shifts: &[Shift]) -> Result<(), StoreError> {
    let mut ordered: Vec<&Shift> = shifts.iter().collect();
    ordered.sort_by_key(|s| s.id.0);
    for s in &ordered {
        if lock_shift(tx, s.organisation_id, s.id).await? {
            return Err(conflict(&format!(
                "The shift on {} has been cancelled, so it can no longer be changed",
                day(s)
            )));
        }
    }
    let mut people = BTreeSet::new();
    let mut booked_on = Vec::new();
    for s in &ordered {
        let on = booked_people(tx, s).await?;
        people.extend(on.iter().copied());
        booked_on.push(on);
    }
    for person in &people {
        lock_person(tx, *person).await?;
    }
    for (s, on) in ordered.iter().zip(&booked_on) {
        if on.len() > usize::from(s.max_volunteers) {
            return Err(conflict(&format!(
                "On {}, {} volunteers are booked, so the maximum must be at least {}",
                day(s),
                on.len(),
                on.len()
            )));
        }
        sqlx::query(
            "UPDATE shifts SET starts_at = $3, ends_at = $4, min_volunteers = $5, max_volunteers = $6, \
             notes = $7, supervisor_id = $8 WHERE organisation_id = $1 AND id = $2",
        )
        .bind(s.organisation_id.0)
        .bind(s.id.0)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(i32::from(s.min_volunteers))
        .bind(i32::from(s.max_volunteers))
        .bind(&s.notes)
        .bind(s.supervisor.map(|p| p.0))
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
        sqlx::query(
            "UPDATE bookings SET starts_at = $3, ends_at = $4 WHERE organisation_id = $1 AND shift_id = $2",
        )
        .bind(s.organisation_id.0)
        .bind(s.id.0)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    }
    // Every shift has its new times now, so each booked volunteer is checked against them all.
    for (s, on) in ordered.iter().zip(&booked_on) {
        for person in on {
            let (clashes,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM bookings WHERE person_id = $1 AND status = 'booked' \
                 AND NOT (organisation_id = $2 AND shift_id = $3) AND starts_at < $5 AND ends_at > $4",
            )
            .bind(*person)
            .bind(s.organisation_id.0)
            .bind(s.id.0)
            .bind(s.starts_at)
            .bind(s.ends_at)
            .fetch_one(&mut **tx)
            .await
            .map_err(db_error)?;
            if clashes > 0 {
                let (given, family): (String, String) =
                    sqlx::query_as("SELECT given_name, family_name FROM people WHERE id = $1")
                        .bind(*person)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(db_error)?;
                return Err(conflict(&format!(
                    "{given} {family} already has a place on another shift at the new times on {}. \
                     Move or remove them first, or choose other times",
                    day(s)
                )));
            }
        }
    }
    Ok(())
}

async fn cancel_shift(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: ShiftId,
    reason: &str,
    at: DateTime<Utc>,
    bookings: &[Booking],
) -> Result<(), StoreError> {
    if lock_shift(tx, org, id).await? {
        return Err(conflict("This shift has already been cancelled"));
    }
    sqlx::query("UPDATE shifts SET cancelled = $3 WHERE organisation_id = $1 AND id = $2")
        .bind(org.0)
        .bind(id.0)
        .bind(true)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    sqlx::query(
        "INSERT INTO shift_cancellations (organisation_id, shift_id, reason, cancelled_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(org.0)
    .bind(id.0)
    .bind(reason)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    let changed = || {
        conflict(
            "Someone booked or cancelled a place on this shift just now. Look at the shift again, then cancel it",
        )
    };
    let (standing,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM bookings WHERE organisation_id = $1 AND shift_id = $2 AND status = 'booked'",
    )
    .bind(org.0)
    .bind(id.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    if usize::try_from(standing).ok() != Some(bookings.len()) {
        return Err(changed());
    }
    for b in bookings {
        let r = sqlx::query(
            "UPDATE bookings SET status = $4, cancelled_at = $5, cancellation_reason = $6, late = $7 \
             WHERE organisation_id = $1 AND id = $2 AND shift_id = $3 AND status = 'booked'",
        )
        .bind(org.0)
        .bind(b.id.0)
        .bind(id.0)
        .bind(b.status.code())
        .bind(b.cancelled_at)
        .bind(&b.cancellation_reason)
        .bind(b.late)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
        if r.rows_affected() != 1 {
            return Err(changed());
        }
    }
    Ok(())
}
