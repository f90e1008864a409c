//! The store's reads of waiting lists for full shifts and the offers of freed places.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::{OrganisationId, PersonId, ShiftId, WaitlistEntryId};
use domain::rota::WaitlistEntry;

use super::StoreError;

/// Reads of waiting lists. Organisation-owned reads take the organisation.
#[async_trait]
pub trait WaitlistStore: Send + Sync {
    /// Everyone who has been on a shift's waiting list, in the order they joined.
    async fn waitlist_of_shift(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<WaitlistEntry>, StoreError>;
    /// One entry.
    async fn waitlist_entry(
        &self,
        org: OrganisationId,
        id: WaitlistEntryId,
    ) -> Result<Option<WaitlistEntry>, StoreError>;
    /// A person's entries on every list, newest first (at most 200).
    async fn waitlist_of_person(&self, person: PersonId) -> Result<Vec<WaitlistEntry>, StoreError>;
    /// The shifts with an offer that ran out at or before `now` and is still marked offered.
    async fn shifts_with_lapsed_offers(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<(OrganisationId, ShiftId)>, StoreError>;
}
