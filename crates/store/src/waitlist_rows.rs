//! Waiting-list rows as the database returns them, and their conversion into domain types.

use app::StoreError;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::rota::WaitlistEntry;
use uuid::Uuid;

use crate::rows::code;

/// A `waitlist_entries` row.
#[derive(sqlx::FromRow)]
pub(crate) struct WaitlistDbRow {
    organisation_id: Uuid,
    id: Uuid,
    shift_id: Uuid,
    person_id: Uuid,
    status: String,
    joined_at: DateTime<Utc>,
    offered_at: Option<DateTime<Utc>>,
    offer_expires_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
}

impl WaitlistDbRow {
    pub(crate) fn into_domain(self) -> Result<WaitlistEntry, StoreError> {
        Ok(WaitlistEntry {
            id: WaitlistEntryId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            shift_id: ShiftId(self.shift_id),
            person_id: PersonId(self.person_id),
            status: code(&self.status)?,
            joined_at: self.joined_at,
            offered_at: self.offered_at,
            offer_expires_at: self.offer_expires_at,
            closed_at: self.closed_at,
        })
    }
}
