//! The store's reads of standing commitments and absences.

use async_trait::async_trait;
use domain::ids::{CommitmentId, OrganisationId, PersonId, RoleId, SiteId};
use domain::rota::{Absence, Commitment};

use super::StoreError;

/// Reads of standing commitments and absences. Organisation-owned reads take the organisation.
#[async_trait]
pub trait CommitmentsStore: Send + Sync {
    /// One commitment.
    async fn commitment(
        &self,
        org: OrganisationId,
        id: CommitmentId,
    ) -> Result<Option<Commitment>, StoreError>;
    /// A person's commitments everywhere, ended ones too, newest first.
    async fn commitments_of_person(&self, person: PersonId) -> Result<Vec<Commitment>, StoreError>;
    /// The commitments (ended ones too) to a role at a site.
    async fn commitments_for_slot(
        &self,
        org: OrganisationId,
        role: RoleId,
        site: SiteId,
    ) -> Result<Vec<Commitment>, StoreError>;
    /// A person's absences, latest first.
    async fn absences_of_person(&self, person: PersonId) -> Result<Vec<Absence>, StoreError>;
}
