//! The store's reads of survey plans, invitations and responses, and instrument licences.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::engagement::EngagementStatus;
use domain::ids::{OrganisationId, PersonId, RoleId, SurveyInvitationId};
use domain::surveys::{InstrumentLicence, SurveyInvitation, SurveyPlan, SurveyResponse};

use super::StoreError;

/// A placement that became active or ended recently: what survey scheduling works from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyCandidate {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The role placed in.
    pub role_id: RoleId,
    /// When the placement became active.
    pub activated_at: DateTime<Utc>,
    /// When it ended, if it has.
    pub ended_at: Option<DateTime<Utc>>,
    /// The person's engagement with the organisation now.
    pub engagement: EngagementStatus,
}

/// Reads of surveys. Organisation-owned reads take the organisation.
#[async_trait]
pub trait QualityStore: Send + Sync {
    /// The licences an organisation has recorded.
    async fn instrument_licences(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<InstrumentLicence>, StoreError>;
    /// The survey plans an organisation has changed from the defaults.
    async fn survey_plans(&self, org: OrganisationId) -> Result<Vec<SurveyPlan>, StoreError>;
    /// Placements (of every organisation) activated or ended at or after `since`.
    async fn survey_candidates(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<SurveyCandidate>, StoreError>;
    /// An organisation's placements that have ever been active, for retention.
    async fn placement_history(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<SurveyCandidate>, StoreError>;
    /// The invitation whose link (or reminder link) token has this SHA-256.
    async fn survey_invitation_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<SurveyInvitation>, StoreError>;
    /// One invitation.
    async fn survey_invitation(
        &self,
        org: OrganisationId,
        id: SurveyInvitationId,
    ) -> Result<Option<SurveyInvitation>, StoreError>;
    /// Unanswered invitations (of every organisation) whose reminder is due by `now` and has
    /// not gone, still open at `now`.
    async fn survey_reminders_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<SurveyInvitation>, StoreError>;
    /// A person's invitations everywhere, newest first.
    async fn survey_invitations_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<SurveyInvitation>, StoreError>;
    /// An organisation's responses answered in `[from, to]`, identified and anonymous.
    async fn survey_responses(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SurveyResponse>, StoreError>;
    /// A person's own identified responses everywhere, oldest first.
    async fn survey_responses_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<SurveyResponse>, StoreError>;
}
