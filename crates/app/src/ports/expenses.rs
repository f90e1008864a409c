//! The store's reads of volunteers' expense claims.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::expenses::{ClaimStatus, ExpenseClaim, Receipt, TaxYear};
use domain::ids::*;
use serde::Serialize;

use super::StoreError;

/// A claim with who made it and where.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRow {
    /// The claim.
    pub claim: ExpenseClaim,
    /// The claimant's full name.
    pub claimant_name: String,
    /// The claimant's email address.
    pub claimant_email: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// Which of an organisation's claims to list.
#[derive(Debug, Clone, Default)]
pub struct ClaimSearch {
    /// Only claims in this status.
    pub status: Option<ClaimStatus>,
    /// Only claims decided at or after this instant.
    pub decided_from: Option<DateTime<Utc>>,
    /// Only claims decided before this instant.
    pub decided_to: Option<DateTime<Utc>>,
}

/// The most claims one list returns.
pub const MAX_CLAIMS_LISTED: u32 = 5000;

/// Reads of volunteers' expense claims. Organisation-owned reads take the organisation.
#[async_trait]
pub trait ExpensesStore: Send + Sync {
    /// One claim of an organisation.
    async fn expense_claim(
        &self,
        org: OrganisationId,
        id: ExpenseClaimId,
    ) -> Result<Option<ClaimRow>, StoreError>;
    /// An organisation's claims, oldest sent first (at most [`MAX_CLAIMS_LISTED`]).
    async fn expense_claims(
        &self,
        org: OrganisationId,
        search: &ClaimSearch,
    ) -> Result<Vec<ClaimRow>, StoreError>;
    /// A person's own claims with every organisation, newest first.
    async fn expense_claims_of_person(&self, person: PersonId)
    -> Result<Vec<ClaimRow>, StoreError>;
    /// The car and van miles a person has claimed (and not had refused) in a tax year with an
    /// organisation, leaving out one claim (the one being worked out again), if given.
    async fn car_miles_claimed(
        &self,
        org: OrganisationId,
        person: PersonId,
        tax_year: TaxYear,
        except: Option<ExpenseClaimId>,
    ) -> Result<u32, StoreError>;
    /// A claim's receipt file.
    async fn expense_receipt(
        &self,
        org: OrganisationId,
        claim: ExpenseClaimId,
    ) -> Result<Option<Receipt>, StoreError>;
}
