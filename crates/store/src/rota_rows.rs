//! Rota rows as the database returns them, and their conversion into domain types.

use app::StoreError;
use app::ports::ShiftRow;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::rota::{Booking, Shift};
use uuid::Uuid;

use crate::rows::code;

/// Columns of [`ShiftDbRow`] from `shifts s`, with the count of standing bookings.
pub(crate) const SHIFT_SELECT: &str = "SELECT s.organisation_id, s.id, s.role_id, s.site_id, s.starts_at, s.ends_at, \
     s.min_volunteers, s.max_volunteers, s.notes, s.supervisor_id, s.series_id, s.cancelled, \
     (SELECT COUNT(*) FROM bookings b WHERE b.organisation_id = s.organisation_id AND b.shift_id = s.id \
      AND b.status = 'booked') AS booked FROM shifts s ";

/// Columns of [`BookingDbRow`] from `bookings b`.
pub(crate) const BOOKING_COLUMNS: &str = "b.organisation_id, b.id, b.shift_id, b.person_id, b.status, b.starts_at, \
     b.ends_at, b.booked_at, b.cancelled_at, b.cancellation_reason, b.late";

fn other(e: impl ToString) -> StoreError {
    StoreError::Other(e.to_string())
}

#[derive(sqlx::FromRow)]
pub(crate) struct ShiftDbRow {
    pub(crate) organisation_id: Uuid,
    pub(crate) id: Uuid,
    pub(crate) role_id: Uuid,
    pub(crate) site_id: Uuid,
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) ends_at: DateTime<Utc>,
    pub(crate) min_volunteers: i32,
    pub(crate) max_volunteers: i32,
    pub(crate) notes: String,
    pub(crate) supervisor_id: Option<Uuid>,
    pub(crate) series_id: Option<Uuid>,
    pub(crate) cancelled: bool,
    pub(crate) booked: i64,
}

impl ShiftDbRow {
    pub(crate) fn into_domain(self) -> Result<ShiftRow, StoreError> {
        Ok(ShiftRow {
            shift: Shift {
                id: ShiftId(self.id),
                organisation_id: OrganisationId(self.organisation_id),
                role_id: RoleId(self.role_id),
                site_id: SiteId(self.site_id),
                starts_at: self.starts_at,
                ends_at: self.ends_at,
                min_volunteers: u16::try_from(self.min_volunteers).map_err(other)?,
                max_volunteers: u16::try_from(self.max_volunteers).map_err(other)?,
                notes: self.notes,
                supervisor: self.supervisor_id.map(PersonId),
                series_id: self.series_id.map(SeriesId),
                cancelled: self.cancelled,
            },
            booked: u16::try_from(self.booked).map_err(other)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct BookingDbRow {
    organisation_id: Uuid,
    id: Uuid,
    shift_id: Uuid,
    person_id: Uuid,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    booked_at: DateTime<Utc>,
    cancelled_at: Option<DateTime<Utc>>,
    cancellation_reason: String,
    late: bool,
}

impl BookingDbRow {
    pub(crate) fn into_domain(self) -> Result<Booking, StoreError> {
        Ok(Booking {
            id: BookingId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            shift_id: ShiftId(self.shift_id),
            person_id: PersonId(self.person_id),
            status: code(&self.status)?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            booked_at: self.booked_at,
            cancelled_at: self.cancelled_at,
            cancellation_reason: self.cancellation_reason,
            late: self.late,
        })
    }
}
