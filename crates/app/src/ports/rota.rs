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

/// Reads of the rota. Organisation-owned reads take the organisation.
#[async_trait]
pub trait RotaStore: Send + Sync {
    /// One shift, with its fill.
    async fn shift(&self, org: OrganisationId, id: ShiftId)
    -> Result<Option<ShiftRow>, StoreError>;
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
}
