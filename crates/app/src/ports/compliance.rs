//! The store's compliance side: catalogue, checks, placements, references and the job queue.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::reference::ReferenceRequest;
use domain::compliance::{Check, Placement, RequirementType};
use domain::ids::*;
use serde::Serialize;

use super::StoreError;

/// A placement with the names a list shows.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementRow {
    /// The placement.
    pub placement: Placement,
    /// The role's title.
    pub role_title: String,
    /// The person's full name.
    pub person_name: String,
    /// The person's date of birth (eligibility depends on age).
    pub person_date_of_birth: Option<NaiveDate>,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// A check that is expiring, with whose it is.
#[derive(Debug, Clone, Serialize)]
pub struct ExpiringCheck {
    /// The check.
    pub check: Check,
    /// The person's full name.
    pub person_name: String,
    /// The person's email.
    pub person_email: String,
}

/// A reference request found by its token, with what the referee form shows.
#[derive(Debug, Clone)]
pub struct ReferenceByToken {
    /// The request.
    pub request: ReferenceRequest,
    /// The volunteer's full name.
    pub person_name: String,
    /// The organisation's name.
    pub organisation_name: String,
}

/// One placement's dates, for time to onboard.
#[derive(Debug, Clone, Serialize)]
pub struct OnboardingTimes {
    /// The role.
    pub role_id: RoleId,
    /// Its title.
    pub role_title: String,
    /// When the application was sent.
    pub applied_at: DateTime<Utc>,
    /// When it was accepted.
    pub accepted_at: DateTime<Utc>,
    /// When the last check or training item was decided before starting, if any.
    pub checks_done_at: Option<DateTime<Utc>>,
    /// When the volunteer became active.
    pub activated_at: DateTime<Utc>,
    /// Whether anything on their checklist was recognised from another organisation's
    /// verification (a passport applicant) before they started.
    pub passport: bool,
}

/// A background job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Identifier.
    pub id: JobId,
    /// What to do, e.g. `expiry_reminder`.
    pub kind: String,
    /// Unique key: scheduling the same work twice adds nothing.
    pub dedupe_key: String,
    /// The organisation it concerns, if any.
    pub organisation_id: Option<OrganisationId>,
    /// Details (JSON).
    pub payload: String,
    /// Not before.
    pub run_at: DateTime<Utc>,
    /// Attempts so far.
    pub attempts: i32,
}

/// Reads of the compliance records. Organisation-owned reads take the organisation.
#[async_trait]
pub trait ComplianceStore: Send + Sync {
    /// An organisation's catalogue, checks first then training, by name.
    async fn requirement_types(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<RequirementType>, StoreError>;
    /// Organisations that have no catalogue yet (created before there was one).
    async fn organisations_without_catalogue(&self) -> Result<Vec<OrganisationId>, StoreError>;

    /// A person's checks with an organisation.
    async fn checks_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<Check>, StoreError>;
    /// The checks of several people with an organisation (for the onboarding board).
    async fn checks_of_people(
        &self,
        org: OrganisationId,
        people: &[PersonId],
    ) -> Result<Vec<Check>, StoreError>;
    /// One check.
    async fn check(&self, org: OrganisationId, id: CheckId) -> Result<Option<Check>, StoreError>;
    /// An organisation's verified checks expiring from `from` to `to` (inclusive), and renewals
    /// waiting to be verified whose previous evidence ends in that range, soonest first; only of
    /// people who have not left.
    async fn expiring_checks(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ExpiringCheck>, StoreError>;
    /// Verified checks in every organisation expiring from `from` to `to` (for reminders), of
    /// people who have not left.
    async fn all_expiring_checks(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Check>, StoreError>;
    /// DBS checks in every organisation decided before `cutoff` whose details are still held.
    async fn dbs_details_decided_before(
        &self,
        cutoff: DateTime<Utc>,
    ) -> Result<Vec<Check>, StoreError>;

    /// One placement.
    async fn placement(
        &self,
        org: OrganisationId,
        id: PlacementId,
    ) -> Result<Option<PlacementRow>, StoreError>;
    /// A person's placements with an organisation, newest first.
    async fn placements_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<PlacementRow>, StoreError>;
    /// A person's placements everywhere, newest first.
    async fn placements_of_person(&self, person: PersonId)
    -> Result<Vec<PlacementRow>, StoreError>;
    /// Everyone onboarding in an organisation, oldest first (optionally only for roles at
    /// some sites).
    async fn onboarding(
        &self,
        org: OrganisationId,
        limit_to_sites: Option<&[SiteId]>,
    ) -> Result<Vec<PlacementRow>, StoreError>;
    /// Dates of the placements that became active since `since`.
    async fn onboarding_times(
        &self,
        org: OrganisationId,
        since: DateTime<Utc>,
    ) -> Result<Vec<OnboardingTimes>, StoreError>;

    /// Reference requests for a check.
    async fn reference_requests(
        &self,
        org: OrganisationId,
        check: CheckId,
    ) -> Result<Vec<ReferenceRequest>, StoreError>;
    /// A reference request by token hash.
    async fn reference_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<ReferenceByToken>, StoreError>;

    /// Claims up to `limit` due jobs for `worker` until `until`.
    async fn claim_jobs(
        &self,
        worker: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<Job>, StoreError>;
    /// Records a failed attempt and when to retry.
    async fn job_failed(
        &self,
        id: JobId,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Jobs by dedupe-key prefix, for reports and tests: (key, done).
    async fn jobs_with_prefix(&self, prefix: &str) -> Result<Vec<(String, bool)>, StoreError>;
}
