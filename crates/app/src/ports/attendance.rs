//! The store's reads of check-in and check-out, no-shows, hours, kiosks and personal codes.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::rota::ShiftId;
use domain::rota::attendance::Attendance;
use domain::rota::hours::{HoursLog, HoursStatus};

use super::StoreError;

/// A site's kiosk code, as stored: only its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskCode {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The site.
    pub site_id: SiteId,
    /// SHA-256 of the site and the normalised code.
    pub code_hash: String,
    /// When it was set.
    pub set_at: DateTime<Utc>,
    /// Who set it.
    pub set_by: Option<PersonId>,
}

/// An unlocked kiosk: a shared device that may check volunteers in at one site, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSession {
    /// SHA-256 of the kiosk cookie.
    pub token_hash: String,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The one site it works for.
    pub site_id: SiteId,
    /// The anti-forgery token its forms carry.
    pub csrf_token: String,
    /// When it locks itself.
    pub expires_at: DateTime<Utc>,
}

/// Attendance with the shift it was at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceRow {
    /// The attendance.
    pub attendance: Attendance,
    /// The shift's role.
    pub role_id: RoleId,
    /// The shift's site.
    pub site_id: SiteId,
    /// When the shift started.
    pub starts_at: DateTime<Utc>,
    /// When it ended.
    pub ends_at: DateTime<Utc>,
}

/// A shift that has ended with places nobody has recorded attendance for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnrecordedShift {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The shift.
    pub shift_id: ShiftId,
}

/// Reads of check-in and check-out, no-shows, hours, kiosks and personal codes.
/// Organisation-owned reads take the organisation.
#[async_trait]
pub trait AttendanceStore: Send + Sync {
    /// The attendance recorded on a shift.
    async fn attendance_on(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<Attendance>, StoreError>;
    /// The attendance recorded for one booking.
    async fn attendance_for_booking(
        &self,
        org: OrganisationId,
        booking: BookingId,
    ) -> Result<Option<Attendance>, StoreError>;
    /// An organisation's attendance at shifts starting in `[from, to)`, by start.
    async fn attendance_between(
        &self,
        org: OrganisationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<AttendanceRow>, StoreError>;
    /// A person's attendance everywhere at shifts starting in `[from, to)`, by start.
    async fn attendance_of_person(
        &self,
        person: PersonId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<AttendanceRow>, StoreError>;
    /// Shifts of every organisation, not cancelled, that ended in `[from, to)` and have a
    /// standing booking with no attendance recorded (for the no-show job).
    async fn unrecorded_shifts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<UnrecordedShift>, StoreError>;

    /// One log of hours.
    async fn hours_log(
        &self,
        org: OrganisationId,
        id: HoursLogId,
    ) -> Result<Option<HoursLog>, StoreError>;
    /// An organisation's logged hours, optionally only those with one status, newest first
    /// (at most 1,000).
    async fn hours_logs(
        &self,
        org: OrganisationId,
        status: Option<HoursStatus>,
    ) -> Result<Vec<HoursLog>, StoreError>;
    /// An organisation's logged hours on dates in `[from, to)`, by date.
    async fn hours_logs_between(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<HoursLog>, StoreError>;
    /// A person's own logged hours everywhere, newest date first.
    async fn hours_logs_of_person(&self, person: PersonId) -> Result<Vec<HoursLog>, StoreError>;

    /// A site's kiosk code, if one is set.
    async fn kiosk_code(
        &self,
        org: OrganisationId,
        site: SiteId,
    ) -> Result<Option<KioskCode>, StoreError>;
    /// Every kiosk code an organisation has set.
    async fn kiosk_codes(&self, org: OrganisationId) -> Result<Vec<KioskCode>, StoreError>;
    /// An unlocked kiosk by its token's hash, unless it has expired at `now`.
    async fn kiosk_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<KioskSession>, StoreError>;

    /// A person's personal check-in code with an organisation.
    async fn check_in_code(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Option<String>, StoreError>;
    /// Whose personal code `code` is in an organisation.
    async fn person_with_check_in_code(
        &self,
        org: OrganisationId,
        code: &str,
    ) -> Result<Option<PersonId>, StoreError>;
}
