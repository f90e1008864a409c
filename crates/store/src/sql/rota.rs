//! The [`RotaStore`] implementation, and the rota's writes. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::rota::{Booking, Shift};
use sqlx::Transaction;

use super::{Db, ThisStore};
use crate::rota_rows::*;
use crate::{db_error, sql};

// Managers' changes to shifts; compiled once per backend with this module.
#[allow(clippy::duplicate_mod)]
#[path = "shift_changes.rs"]
mod shift_changes;

// What a booking is decided on; compiled once per backend with this module.
#[allow(clippy::duplicate_mod)]
#[path = "booking_context.rs"]
mod booking_context;

#[async_trait]
impl RotaStore for ThisStore {
    async fn shift(
        &self,
        org: OrganisationId,
        id: ShiftId,
    ) -> Result<Option<ShiftRow>, StoreError> {
        let row: Option<ShiftDbRow> = sqlx::query_as(sql(format!(
            "{SHIFT_SELECT} WHERE s.organisation_id = $1 AND s.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(ShiftDbRow::into_domain).transpose()
    }

    async fn booking_context(
        &self,
        org: OrganisationId,
        id: ShiftId,
        person: PersonId,
    ) -> Result<Option<BookingContext>, StoreError> {
        booking_context::read(self, org, id, person).await
    }

    async fn shifts_between(
        &self,
        org: OrganisationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ShiftRow>, StoreError> {
        let rows: Vec<ShiftDbRow> = sqlx::query_as(sql(format!(
            "{SHIFT_SELECT} WHERE s.organisation_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 \
             ORDER BY s.starts_at, s.id LIMIT 5000"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ShiftDbRow::into_domain).collect()
    }

    async fn bookings_on(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<Booking>, StoreError> {
        let rows: Vec<BookingDbRow> = sqlx::query_as(sql(format!(
            "SELECT {BOOKING_COLUMNS} FROM bookings b WHERE b.organisation_id = $1 AND b.shift_id = $2 \
             AND b.status = 'booked' ORDER BY b.booked_at, b.id"
        )))
        .bind(org.0)
        .bind(shift.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(BookingDbRow::into_domain).collect()
    }

    async fn bookings_of_person(&self, person: PersonId) -> Result<Vec<Booking>, StoreError> {
        let rows: Vec<BookingDbRow> = sqlx::query_as(sql(format!(
            "SELECT {BOOKING_COLUMNS} FROM bookings b WHERE b.person_id = $1 ORDER BY b.starts_at, b.id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(BookingDbRow::into_domain).collect()
    }

    async fn shift_bookings(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<ShiftBookingRow>, StoreError> {
        shift_changes::shift_bookings(&self.pool, org, shift).await
    }

    async fn shift_cancellation(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Option<ShiftCancellation>, StoreError> {
        shift_changes::shift_cancellation(&self.pool, org, shift).await
    }

    async fn series_from(
        &self,
        org: OrganisationId,
        series: SeriesId,
        from: DateTime<Utc>,
    ) -> Result<Vec<ShiftRow>, StoreError> {
        let rows: Vec<ShiftDbRow> = sqlx::query_as(sql(format!(
            "{SHIFT_SELECT} WHERE s.organisation_id = $1 AND s.series_id = $2 AND s.starts_at >= $3 \
             ORDER BY s.starts_at, s.id LIMIT 5000"
        )))
        .bind(org.0)
        .bind(series.0)
        .bind(from)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ShiftDbRow::into_domain).collect()
    }

    async fn active_in_role(
        &self,
        org: OrganisationId,
        role: RoleId,
    ) -> Result<Vec<PlacementRow>, StoreError> {
        shift_changes::active_in_role(&self.pool, org, role).await
    }
}

fn conflict(what: &str) -> StoreError {
    StoreError::Conflict(what.into())
}

/// Applies one rota write.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertShift(s) => insert_shift(tx, s).await,
        Write::BookShift(b) => book(tx, b).await,
        Write::CancelBooking(b) => {
            let r = sqlx::query(
                "UPDATE bookings SET status = $3, cancelled_at = $4, cancellation_reason = $5, late = $6 \
                 WHERE organisation_id = $1 AND id = $2 AND status = 'booked'",
            )
            .bind(b.organisation_id.0)
            .bind(b.id.0)
            .bind(b.status.code())
            .bind(b.cancelled_at)
            .bind(&b.cancellation_reason)
            .bind(b.late)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(conflict("This booking has already been cancelled"))
            }
        }
        other => shift_changes::write(tx, other).await,
    }
}

async fn insert_shift(tx: &mut Transaction<'_, Db>, s: &Shift) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO shifts (organisation_id, id, role_id, site_id, starts_at, ends_at, min_volunteers, \
         max_volunteers, notes, supervisor_id, series_id, cancelled) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(s.organisation_id.0)
    .bind(s.id.0)
    .bind(s.role_id.0)
    .bind(s.site_id.0)
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(i32::from(s.min_volunteers))
    .bind(i32::from(s.max_volunteers))
    .bind(&s.notes)
    .bind(s.supervisor.map(|p| p.0))
    .bind(s.series_id.map(|x| x.0))
    .bind(s.cancelled)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Books a place, or refuses it. On PostgreSQL the shift's and the person's rows are locked first, so the
/// checks below see every booking committed before and none can slip in until this one
/// commits; every booking takes both locks with the same statement, in the same order, so two
/// never deadlock. On SQLite the one writer's `BEGIN IMMEDIATE` already holds
/// the database's write lock. The checks and the insert are one statement, which inserts
/// nothing when the shift is gone, cancelled or full, or the person has a place at that time;
/// only then is the reason read. A surge runs many bookings one after another.
async fn book(tx: &mut Transaction<'_, Db>, b: &Booking) -> Result<(), StoreError> {
    try_book(tx, b).await?
}

/// Books a place as [`book`] does, telling a refusal (`Ok(Err(why))`, made before anything
/// was written, so the transaction can go on without it) from a failure (`Err`, which may
/// leave part of the booking written).
pub(super) async fn try_book(
    tx: &mut Transaction<'_, Db>,
    b: &Booking,
) -> Result<Result<(), StoreError>, StoreError> {
    if super::LOCK_ROWS {
        // Row locks that writes of other columns (and foreign-key checks) do not wait for, both
        // taken by one statement (one plan, so always in the same order).
        let locked: Option<(bool,)> = sqlx::query_as(
            "SELECT s.cancelled FROM shifts s JOIN people p ON p.id = $3 \
             WHERE s.organisation_id = $1 AND s.id = $2 FOR NO KEY UPDATE OF s, p",
        )
        .bind(b.organisation_id.0)
        .bind(b.shift_id.0)
        .bind(b.person_id.0)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_error)?;
        if locked.is_none() {
            return Ok(Err(conflict("This shift no longer exists")));
        }
    }
    // Places booked and places held by live waiting-list offers to others (taken too) must
    // leave room; the person must have no overlapping place. Returned: whether they had an
    // open entry on this shift's waiting list.
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO bookings (organisation_id, id, shift_id, person_id, status, starts_at, ends_at, \
         booked_at, cancelled_at, cancellation_reason, late) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM shifts s \
         WHERE s.organisation_id = $1 AND s.id = $3 AND NOT s.cancelled \
         AND (SELECT COUNT(*) FROM bookings WHERE organisation_id = $1 AND shift_id = $3 \
              AND status = 'booked') \
           + (SELECT COUNT(*) FROM waitlist_entries WHERE organisation_id = $1 AND shift_id = $3 \
              AND status = 'offered' AND offer_expires_at > $8 AND person_id <> $4) \
           < s.max_volunteers \
         AND NOT EXISTS (SELECT 1 FROM bookings WHERE person_id = $4 AND status = 'booked' \
              AND starts_at < $7 AND ends_at > $6) \
         RETURNING (SELECT COUNT(*) FROM waitlist_entries WHERE organisation_id = $1 \
              AND shift_id = $3 AND person_id = $4 AND status IN ('waiting', 'offered'))",
    )
    .bind(b.organisation_id.0)
    .bind(b.id.0)
    .bind(b.shift_id.0)
    .bind(b.person_id.0)
    .bind(b.status.code())
    .bind(b.starts_at)
    .bind(b.ends_at)
    .bind(b.booked_at)
    .bind(b.cancelled_at)
    .bind(&b.cancellation_reason)
    .bind(b.late)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    let Some((listed,)) = inserted else {
        return Ok(Err(why_not_booked(tx, b).await?));
    };
    if listed > 0 {
        super::waitlist::booked_from_list(
            tx,
            b.organisation_id,
            b.shift_id,
            b.person_id,
            b.booked_at,
        )
        .await?;
    }
    Ok(Ok(()))
}

/// Why the booking's insert inserted nothing, read under the same locks: the shift is gone or
/// cancelled, the person has a place at that time, or the shift is full.
async fn why_not_booked(
    tx: &mut Transaction<'_, Db>,
    b: &Booking,
) -> Result<StoreError, StoreError> {
    let shift: Option<(bool,)> =
        sqlx::query_as("SELECT cancelled FROM shifts WHERE organisation_id = $1 AND id = $2")
            .bind(b.organisation_id.0)
            .bind(b.shift_id.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_error)?;
    let Some((cancelled,)) = shift else {
        return Ok(conflict("This shift no longer exists"));
    };
    if cancelled {
        return Ok(conflict("This shift has been cancelled"));
    }
    let (clashes,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM bookings WHERE person_id = $1 AND status = 'booked' \
         AND starts_at < $3 AND ends_at > $2",
    )
    .bind(b.person_id.0)
    .bind(b.starts_at)
    .bind(b.ends_at)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(if clashes > 0 {
        conflict("You already have a place on a shift at that time")
    } else {
        conflict("This shift is full")
    })
}
