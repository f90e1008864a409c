//! The store's reads of outcome indicators and the activity logged against them.

use async_trait::async_trait;
use chrono::NaiveDate;
use domain::ids::{OrganisationId, OutcomeIndicatorId, PersonId};
use domain::outcome_framework::{ActivityRecord, OutcomeIndicator};

use super::StoreError;

/// Reads of outcome frameworks and activity. Organisation-owned reads take the organisation.
#[async_trait]
pub trait OutcomesStore: Send + Sync {
    /// An organisation's outcome indicators (retired ones too), by role then name.
    async fn outcome_indicators(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<OutcomeIndicator>, StoreError>;
    /// One outcome indicator.
    async fn outcome_indicator(
        &self,
        org: OrganisationId,
        id: OutcomeIndicatorId,
    ) -> Result<Option<OutcomeIndicator>, StoreError>;
    /// An organisation's activity done in `[from, to]`, by day.
    async fn activity_records(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ActivityRecord>, StoreError>;
    /// A person's latest activity records everywhere, newest first, at most `limit`.
    async fn activity_of_person(
        &self,
        person: PersonId,
        limit: u32,
    ) -> Result<Vec<ActivityRecord>, StoreError>;
}
