//! The store's reads of equality monitoring answers and the population each organisation serves.

use async_trait::async_trait;
use chrono::NaiveDate;
use domain::equality::{EqualityRecord, PopulationShare};
use domain::ids::{OrganisationId, PersonId};

use super::StoreError;

/// Reads for equality monitoring. Organisation-owned reads take the organisation.
#[async_trait]
pub trait EqualityStore: Send + Sync {
    /// A person's own answers, if they gave any.
    async fn equality_record(&self, person: PersonId)
    -> Result<Option<EqualityRecord>, StoreError>;
    /// For each volunteer active with the organisation: their date of birth and answers.
    async fn active_volunteer_profiles(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(Option<NaiveDate>, Option<EqualityRecord>)>, StoreError>;
    /// The organisation's figures for the population it serves.
    async fn population_served(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<PopulationShare>, StoreError>;
}
