//! The store's reads of equality monitoring answers and the population each organisation serves.

use async_trait::async_trait;
use chrono::NaiveDate;
use domain::equality::{EqualityRecord, PopulationShare};
use domain::ids::{OrganisationId, PersonId};

use super::StoreError;

/// What reach counts one active volunteer by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerProfile {
    /// Their date of birth, if known.
    pub born: Option<NaiveDate>,
    /// Their equality monitoring answers, if they gave any.
    pub answers: Option<EqualityRecord>,
    /// The IMD decile of their home postcode, if it is in the loaded data.
    pub imd_decile: Option<u8>,
}

/// Reads for equality monitoring. Organisation-owned reads take the organisation.
#[async_trait]
pub trait EqualityStore: Send + Sync {
    /// A person's own answers, if they gave any.
    async fn equality_record(&self, person: PersonId)
    -> Result<Option<EqualityRecord>, StoreError>;
    /// For each volunteer active with the organisation: what reach counts them by.
    async fn active_volunteer_profiles(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<VolunteerProfile>, StoreError>;
    /// The copyright year of the loaded postcode deprivation data, if any is loaded.
    async fn postcode_deprivation_year(&self) -> Result<Option<i32>, StoreError>;
    /// The organisation's figures for the population it serves.
    async fn population_served(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<PopulationShare>, StoreError>;
}
