//! Attendance, hours and kiosk rows as the database returns them, and their conversion into
//! domain types.

use app::StoreError;
use app::ports::{AttendanceRow, KioskCode, KioskSession};
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::rota::attendance::Attendance;
use domain::rota::hours::HoursLog;
use uuid::Uuid;

use crate::rows::code;

/// Columns of [`AttendanceDbRow`] from `attendance a`.
pub(crate) const ATTENDANCE_COLUMNS: &str = "a.organisation_id, a.id, a.booking_id, a.shift_id, a.person_id, \
     a.status, a.arrived_at, a.left_at, a.method, a.recorded_by, a.recorded_at";

/// Columns of [`AttendanceShiftDbRow`]: attendance `a` joined to its shift `s`.
pub(crate) const ATTENDANCE_SHIFT_SELECT: &str = "SELECT a.organisation_id, a.id, a.booking_id, a.shift_id, \
     a.person_id, a.status, a.arrived_at, a.left_at, a.method, a.recorded_by, a.recorded_at, \
     s.role_id, s.site_id, s.starts_at, s.ends_at FROM attendance a JOIN shifts s \
     ON s.organisation_id = a.organisation_id AND s.id = a.shift_id ";

/// Columns of [`HoursDbRow`] from `hours_logs h`.
pub(crate) const HOURS_COLUMNS: &str = "h.organisation_id, h.id, h.person_id, h.role_id, h.worked_on, h.minutes, \
     h.description, h.status, h.submitted_at, h.decided_at, h.decided_by, h.message";

/// Columns of [`KioskDbRow`] from `site_kiosks k`.
pub(crate) const KIOSK_COLUMNS: &str =
    "k.organisation_id, k.site_id, k.code_hash, k.set_at, k.set_by";

#[derive(sqlx::FromRow)]
pub(crate) struct AttendanceDbRow {
    organisation_id: Uuid,
    id: Uuid,
    booking_id: Uuid,
    shift_id: Uuid,
    person_id: Uuid,
    status: String,
    arrived_at: Option<DateTime<Utc>>,
    left_at: Option<DateTime<Utc>>,
    method: String,
    recorded_by: Option<Uuid>,
    recorded_at: DateTime<Utc>,
}

impl AttendanceDbRow {
    pub(crate) fn into_domain(self) -> Result<Attendance, StoreError> {
        Ok(Attendance {
            id: AttendanceId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            booking_id: BookingId(self.booking_id),
            shift_id: ShiftId(self.shift_id),
            person_id: PersonId(self.person_id),
            status: code(&self.status)?,
            arrived_at: self.arrived_at,
            left_at: self.left_at,
            method: code(&self.method)?,
            recorded_by: self.recorded_by.map(PersonId),
            recorded_at: self.recorded_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AttendanceShiftDbRow {
    #[sqlx(flatten)]
    attendance: AttendanceDbRow,
    role_id: Uuid,
    site_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

impl AttendanceShiftDbRow {
    pub(crate) fn into_domain(self) -> Result<AttendanceRow, StoreError> {
        Ok(AttendanceRow {
            attendance: self.attendance.into_domain()?,
            role_id: RoleId(self.role_id),
            site_id: SiteId(self.site_id),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct HoursDbRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    role_id: Uuid,
    worked_on: NaiveDate,
    minutes: i32,
    description: String,
    status: String,
    submitted_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
    decided_by: Option<Uuid>,
    message: String,
}

impl HoursDbRow {
    pub(crate) fn into_domain(self) -> Result<HoursLog, StoreError> {
        Ok(HoursLog {
            id: HoursLogId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            role_id: RoleId(self.role_id),
            worked_on: self.worked_on,
            minutes: u32::try_from(self.minutes).map_err(|e| StoreError::Other(e.to_string()))?,
            description: self.description,
            status: code(&self.status)?,
            submitted_at: self.submitted_at,
            decided_at: self.decided_at,
            decided_by: self.decided_by.map(PersonId),
            message: self.message,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct KioskDbRow {
    organisation_id: Uuid,
    site_id: Uuid,
    code_hash: String,
    set_at: DateTime<Utc>,
    set_by: Option<Uuid>,
}

impl KioskDbRow {
    pub(crate) fn into_domain(self) -> KioskCode {
        KioskCode {
            organisation_id: OrganisationId(self.organisation_id),
            site_id: SiteId(self.site_id),
            code_hash: self.code_hash,
            set_at: self.set_at,
            set_by: self.set_by.map(PersonId),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct KioskSessionDbRow {
    token_hash: String,
    organisation_id: Uuid,
    site_id: Uuid,
    csrf_token: String,
    expires_at: DateTime<Utc>,
}

impl KioskSessionDbRow {
    pub(crate) fn into_domain(self) -> KioskSession {
        KioskSession {
            token_hash: self.token_hash,
            organisation_id: OrganisationId(self.organisation_id),
            site_id: SiteId(self.site_id),
            csrf_token: self.csrf_token,
            expires_at: self.expires_at,
        }
    }
}
