//! The store's rota side: shifts with how full they are, and bookings.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::rota::{Booking, Shift};
use serde::Serialize;

use super::StoreError;

/// A shift with how many volunteers are booked on it.
#[derive(Debug, Clone, Serialize)]
pub struct ShiftRow {
    /// The shift.
    pub shift: Shift,
    /// Volunteers booked.
    pub booked: u16,
}

/// A booking on a shift with who it is for, as a manager's shift page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ShiftBookingRow {
    /// The booking (standing or cancelled).
    pub booking: Booking,
    /// The volunteer's full name.
    pub person_name: String,
    /// The volunteer's email address (to tell them of changes).
    pub email: String,
}

/// Why and when a shift was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftCancellation {
    /// The manager's reason.
    pub reason: String,
    /// When.
    pub cancelled_at: DateTime<Utc>,
}

/// Reads of the rota. Organisation-owned reads take the organisation.
#[async_trait]
pub trait RotaStore: Send + Sync {
    /// One shift, with its fill.
    async fn shift(&self, org: OrganisationId, id: ShiftId)
    -> Result<Option<ShiftRow>, StoreError>;
    /// What deciding a booking of `person` on shift `id` needs, read together; `None` when
    /// the organisation has no such shift or there is no such person.
    async fn booking_context(
        &self,
        org: OrganisationId,
        id: ShiftId,
        person: PersonId,
    ) -> Result<Option<super::BookingContext>, StoreError>;
    /// An organisation's shifts starting from `from` up to (not including) `to`, by start time.
    async fn shifts_between(
        &self,
        org: OrganisationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ShiftRow>, StoreError>;
    /// The bookings standing on a shift, oldest first.
    async fn bookings_on(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<Booking>, StoreError>;
    /// A person's bookings everywhere, by start time.
    async fn bookings_of_person(&self, person: PersonId) -> Result<Vec<Booking>, StoreError>;

    /// Every booking ever made on a shift, standing or cancelled, with the volunteers' names:
    /// standing ones first, each group oldest first.
    async fn shift_bookings(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<ShiftBookingRow>, StoreError>;
    /// Why and when a cancelled shift was cancelled.
    async fn shift_cancellation(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Option<ShiftCancellation>, StoreError>;
    /// A series' shifts starting at or after `from`, by start time, with their fill.
    async fn series_from(
        &self,
        org: OrganisationId,
        series: SeriesId,
        from: DateTime<Utc>,
    ) -> Result<Vec<ShiftRow>, StoreError>;
    /// Everyone active in a role, by family name.
    async fn active_in_role(
        &self,
        org: OrganisationId,
        role: RoleId,
    ) -> Result<Vec<super::PlacementRow>, StoreError>;
}
