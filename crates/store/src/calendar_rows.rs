//! Calendar rows as the database returns them: a booking with its shift, role, site and
//! organisation, and how often the shift has changed.

use app::StoreError;
use app::ports::BookedShift;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::rota::{Booking, Shift};
use uuid::Uuid;

use crate::rows::code;

/// The select of [`BookedShiftDbRow`]: bookings `b` with their shift `s`, role `r`, site `si`
/// and organisation `o`. Shift changes are the shift's audit entries named `shift.*` other than
/// its creation (managers' changes and cancellations).
pub(crate) const BOOKED_SHIFT_SELECT: &str = "SELECT b.organisation_id, b.id, b.shift_id, b.person_id, \
     b.status, b.booked_at, b.cancelled_at, b.cancellation_reason, b.late, s.role_id, s.site_id, \
     s.starts_at, s.ends_at, s.min_volunteers, s.max_volunteers, s.notes, s.supervisor_id, \
     s.series_id, s.cancelled, r.title AS role_title, si.name AS site_name, \
     si.postcode AS site_postcode, o.name AS organisation_name, \
     (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'shift' AND a.entity_id = s.id \
      AND a.action LIKE 'shift.%' AND a.action <> 'shift.created') AS shift_changes, \
     (SELECT MAX(a.at) FROM audit_log a WHERE a.entity = 'shift' AND a.entity_id = s.id \
      AND a.action LIKE 'shift.%' AND a.action <> 'shift.created') AS shift_changed_at \
     FROM bookings b \
     JOIN shifts s ON s.organisation_id = b.organisation_id AND s.id = b.shift_id \
     JOIN roles r ON r.organisation_id = s.organisation_id AND r.id = s.role_id \
     JOIN sites si ON si.organisation_id = s.organisation_id AND si.id = s.site_id \
     JOIN organisations o ON o.id = s.organisation_id ";

fn other(e: impl ToString) -> StoreError {
    StoreError::Other(e.to_string())
}

#[derive(sqlx::FromRow)]
pub(crate) struct BookedShiftDbRow {
    organisation_id: Uuid,
    id: Uuid,
    shift_id: Uuid,
    person_id: Uuid,
    status: String,
    booked_at: DateTime<Utc>,
    cancelled_at: Option<DateTime<Utc>>,
    cancellation_reason: String,
    late: bool,
    role_id: Uuid,
    site_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    min_volunteers: i32,
    max_volunteers: i32,
    notes: String,
    supervisor_id: Option<Uuid>,
    series_id: Option<Uuid>,
    cancelled: bool,
    role_title: String,
    site_name: String,
    site_postcode: Option<String>,
    organisation_name: String,
    shift_changes: i64,
    shift_changed_at: Option<DateTime<Utc>>,
}

impl BookedShiftDbRow {
    pub(crate) fn into_domain(self) -> Result<BookedShift, StoreError> {
        let organisation_id = OrganisationId(self.organisation_id);
        Ok(BookedShift {
            booking: Booking {
                id: BookingId(self.id),
                organisation_id,
                shift_id: ShiftId(self.shift_id),
                person_id: PersonId(self.person_id),
                status: code(&self.status)?,
                starts_at: self.starts_at,
                ends_at: self.ends_at,
                booked_at: self.booked_at,
                cancelled_at: self.cancelled_at,
                cancellation_reason: self.cancellation_reason,
                late: self.late,
            },
            shift: Shift {
                id: ShiftId(self.shift_id),
                organisation_id,
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
            role_title: self.role_title,
            site_name: self.site_name,
            site_postcode: self.site_postcode,
            organisation_name: self.organisation_name,
            shift_changes: u32::try_from(self.shift_changes).map_err(other)?,
            shift_changed_at: self.shift_changed_at,
        })
    }
}
