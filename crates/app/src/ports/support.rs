//! The store's reads and writes for the triangle of support (service users, carers,
//! referrals, matches, contacts) and safeguarding.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::safeguarding::{Concern, ConcernEntry};
use domain::support::{
    CarerLink, Contact, Location, Match, MatchProfile, MatchStatus, Referral, ReferralStatus,
    SupportFeedback, SupportStatus, SupportedPerson,
};

use super::StoreError;

/// Reads for service users, carers, referrals, matches and contacts. Organisation-owned reads
/// take the organisation.
#[async_trait]
pub trait SupportStore: Send + Sync {
    /// The organisation's service users and carers, by family then given name.
    async fn supported_people(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<SupportedPerson>, StoreError>;
    /// One service user or carer.
    async fn supported_person(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<SupportedPerson>, StoreError>;
    /// Their health notes, if any (special-category: callers audit the read).
    async fn health_notes(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<String>, StoreError>;
    /// Carer links where they are the carer or the one cared for.
    async fn carer_links(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<CarerLink>, StoreError>;
    /// The organisation's referrals, oldest first.
    async fn referrals(&self, org: OrganisationId) -> Result<Vec<Referral>, StoreError>;
    /// One referral.
    async fn referral(
        &self,
        org: OrganisationId,
        id: ReferralId,
    ) -> Result<Option<Referral>, StoreError>;
    /// Feedback about someone's support, newest first.
    async fn support_feedback(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<SupportFeedback>, StoreError>;
    /// The token of someone's own feedback link, if one has been made.
    async fn support_feedback_token(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<String>, StoreError>;
    /// Whose feedback link this token is, whatever the organisation.
    async fn support_feedback_link(
        &self,
        token: &str,
    ) -> Result<Option<(OrganisationId, SupportedPersonId)>, StoreError>;
    /// Someone's named staff contact, if any.
    async fn staff_contact(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<PersonId>, StoreError>;
    /// The locations of these postcodes that are known.
    async fn postcode_locations(
        &self,
        postcodes: &[String],
    ) -> Result<Vec<(String, Location)>, StoreError>;
}

/// Reads for volunteers' match profiles, matches and contacts.
#[async_trait]
pub trait MatchStore: Send + Sync {
    /// A volunteer's match profiles (one per organisation).
    async fn match_profiles_of(&self, person: PersonId) -> Result<Vec<MatchProfile>, StoreError>;
    /// The organisation's match profiles.
    async fn match_profiles(&self, org: OrganisationId) -> Result<Vec<MatchProfile>, StoreError>;
    /// The organisation's matches, newest first.
    async fn matches(&self, org: OrganisationId) -> Result<Vec<Match>, StoreError>;
    /// One match.
    async fn match_by_id(
        &self,
        org: OrganisationId,
        id: MatchId,
    ) -> Result<Option<Match>, StoreError>;
    /// A volunteer's matches in every organisation, newest first.
    async fn matches_of_volunteer(&self, person: PersonId) -> Result<Vec<Match>, StoreError>;
    /// Contacts with one service user, newest first.
    async fn contacts(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<Contact>, StoreError>;
    /// The latest contact day of each of the organisation's matches that has one.
    async fn last_contacts(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(MatchId, NaiveDate)>, StoreError>;
}

/// Reads for safeguarding.
#[async_trait]
pub trait SafeguardingStore: Send + Sync {
    /// The organisation's safeguarding leads: (person, deputy).
    async fn safeguarding_leads(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(PersonId, bool)>, StoreError>;
    /// The organisation's concerns, newest first, with their records in order.
    async fn concerns(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(Concern, Vec<ConcernEntry>)>, StoreError>;
    /// One concern with its record.
    async fn concern(
        &self,
        org: OrganisationId,
        id: ConcernId,
    ) -> Result<Option<(Concern, Vec<ConcernEntry>)>, StoreError>;
    /// Concerns someone raised, in every organisation, with their records.
    async fn concerns_raised_by(
        &self,
        person: PersonId,
    ) -> Result<Vec<(Concern, Vec<ConcernEntry>)>, StoreError>;
    /// Concerns in every organisation that nobody has acknowledged nor passed to deputies,
    /// raised before `before`.
    async fn unacknowledged_concerns(
        &self,
        before: DateTime<Utc>,
    ) -> Result<Vec<(Concern, Vec<ConcernEntry>)>, StoreError>;
}

/// Changes to the triangle of support and to safeguarding records.
#[derive(Debug, Clone)]
pub enum SupportWrite {
    /// A new service user or carer.
    InsertPerson(SupportedPerson),
    /// Their details changed (not their status).
    UpdatePerson(SupportedPerson),
    /// Their status moved, if it is still `from`.
    SetStatus {
        /// The organisation.
        org: OrganisationId,
        /// Who.
        id: SupportedPersonId,
        /// The status expected.
        from: Option<SupportStatus>,
        /// The new status.
        to: SupportStatus,
        /// Why support ended, when closing.
        reason: String,
    },
    /// Their health notes replaced.
    SetHealthNotes {
        /// The organisation.
        org: OrganisationId,
        /// Who.
        id: SupportedPersonId,
        /// The notes.
        notes: String,
        /// Who wrote them.
        by: PersonId,
        /// When.
        at: DateTime<Utc>,
    },
    /// A carer linked to someone they care for.
    LinkCarer(CarerLink),
    /// A new referral.
    InsertReferral(Referral),
    /// A triage decision, if the referral is still new.
    DecideReferral {
        /// The organisation.
        org: OrganisationId,
        /// The referral.
        id: ReferralId,
        /// Accepted, declined or redirected.
        status: ReferralStatus,
        /// The reason or where to.
        note: String,
        /// Who decided.
        by: PersonId,
        /// When.
        at: DateTime<Utc>,
    },
    /// A volunteer's match profile, replacing any earlier one.
    SetMatchProfile(MatchProfile),
    /// A new invitation; refused if the volunteer's open matches already fill their capacity
    /// or the same two people already have an open match.
    ProposeMatch(Match),
    /// A match's status moved, if it is still `from`.
    SetMatchStatus {
        /// The organisation.
        org: OrganisationId,
        /// The match.
        id: MatchId,
        /// The status expected.
        from: MatchStatus,
        /// The new status.
        to: MatchStatus,
        /// When.
        at: DateTime<Utc>,
        /// The start day, when it becomes active.
        started_on: Option<NaiveDate>,
        /// Why it ended, when ending.
        end_reason: String,
    },
    /// A logged contact.
    InsertContact(Contact),
    /// The organisation's safeguarding leads, replacing the earlier list.
    SetSafeguardingLeads(OrganisationId, Vec<(PersonId, bool)>),
    /// A new concern with its first entry.
    InsertConcern(Concern, ConcernEntry),
    /// An entry added to a concern's record.
    AddConcernEntry(ConcernEntry),
    /// Feedback about someone's support.
    InsertSupportFeedback(SupportFeedback),
    /// Someone's own feedback link, replacing any earlier one.
    SetSupportFeedbackLink {
        /// The organisation.
        org: OrganisationId,
        /// Whose.
        id: SupportedPersonId,
        /// The token in its address.
        token: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// Someone's named staff contact (none removes it).
    SetStaffContact(OrganisationId, SupportedPersonId, Option<PersonId>),
    /// Postcode locations added or replaced.
    PutPostcodeLocations(Vec<(String, Location)>),
}
