//! The ports that adapters implement: the store (reads, and writes applied atomically).
//!
//! Writes are data: a use case builds the whole change as a list of [`Write`]s and the store
//! applies it in one transaction, so a change is never half-applied. Conditional writes carry the
//! state they expect and fail with [`StoreError::Conflict`] if someone else got there first.

mod attendance;
mod booking_context;
mod calendar;
mod commitments;
mod compliance;
mod equality;
mod events;
mod expenses;
mod feedback;
mod imports;
mod library;
mod network;
mod notify;
mod ops;
mod outcomes;
mod privacy;
mod quality;
mod read_models;
mod rota;
mod support;
mod waitlist;
mod writes;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::audit::AuditEntry;
use domain::engagement::{Engagement, EngagementEvent};
use domain::ids::*;
use domain::organisation::Organisation;
use domain::person::Person;
use domain::role::Role;
use domain::site::Site;
use domain::staff::StaffMember;

pub use attendance::*;
pub use booking_context::*;
pub use calendar::*;
pub use commitments::*;
pub use compliance::*;
pub use equality::*;
pub use events::*;
pub use expenses::*;
pub use feedback::*;
pub use imports::*;
pub use library::*;
pub use network::*;
pub use notify::*;
pub use ops::*;
pub use outcomes::*;
pub use privacy::*;
pub use quality::*;
pub use read_models::*;
pub use rota::*;
pub use support::*;
pub use waitlist::*;
pub use writes::*;

/// Why the store could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule or an expected state did not hold; names what clashed.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database could not be reached.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else.
    #[error("database error: {0}")]
    Other(String),
}

/// The store: everything Alongside keeps. Every organisation-owned read takes the organisation.
#[async_trait]
pub trait Store:
    ComplianceStore
    + RotaStore
    + AttendanceStore
    + CalendarStore
    + ExpensesStore
    + WaitlistStore
    + CommitmentsStore
    + QualityStore
    + OutcomesStore
    + EqualityStore
    + FeedbackStore
    + SupportStore
    + MatchStore
    + SafeguardingStore
    + NetworkStore
    + LibraryStore
    + EventStore
    + PrivacyStore
    + OpsStore
    + NotifyStore
    + ImportStore
    + Send
    + Sync
{
    /// Whether the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
    /// Applies all writes in one transaction, or none of them.
    async fn apply(&self, writes: Vec<Write>) -> Result<(), StoreError>;

    /// All organisations, by name.
    async fn organisations(&self) -> Result<Vec<Organisation>, StoreError>;
    /// One organisation by slug.
    async fn organisation_by_slug(&self, slug: &str) -> Result<Option<Organisation>, StoreError>;
    /// One organisation by id.
    async fn organisation(&self, id: OrganisationId) -> Result<Option<Organisation>, StoreError>;

    /// An organisation's sites, by name.
    async fn sites(&self, org: OrganisationId) -> Result<Vec<Site>, StoreError>;
    /// One site of an organisation.
    async fn site(&self, org: OrganisationId, id: SiteId) -> Result<Option<Site>, StoreError>;

    /// One person.
    async fn person(&self, id: PersonId) -> Result<Option<Person>, StoreError>;
    /// One person by email, with their password hash if they have an account.
    async fn person_by_email(
        &self,
        email: &str,
    ) -> Result<Option<(Person, Option<String>)>, StoreError>;
    /// The number of people (to tell an empty database).
    async fn count_people(&self) -> Result<u64, StoreError>;

    /// An organisation's roles, by title.
    async fn roles(&self, org: OrganisationId) -> Result<Vec<Role>, StoreError>;
    /// One role of an organisation.
    async fn role(&self, org: OrganisationId, id: RoleId) -> Result<Option<Role>, StoreError>;
    /// Open roles across all organisations.
    async fn opportunities(
        &self,
        search: &OpportunitySearch,
    ) -> Result<Vec<Opportunity>, StoreError>;
    /// One open or closed role by id, with its organisation (for the public role page).
    async fn opportunity(&self, id: RoleId) -> Result<Option<Opportunity>, StoreError>;

    /// A person's engagement with an organisation.
    async fn engagement_of(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Option<Engagement>, StoreError>;
    /// The history of an engagement, oldest first.
    async fn engagement_events(
        &self,
        org: OrganisationId,
        id: EngagementId,
    ) -> Result<Vec<EngagementEvent>, StoreError>;
    /// A person's engagements with every organisation, with the organisations.
    async fn engagements_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<(Engagement, Organisation)>, StoreError>;
    /// A page of an organisation's volunteers.
    async fn volunteers(
        &self,
        org: OrganisationId,
        search: &VolunteerSearch,
    ) -> Result<Page<VolunteerRow>, StoreError>;
    /// Dashboard counts; `left_since` bounds "left recently"; `limit_to_sites` narrows them to
    /// people who applied to roles at those sites (a supervisor's view).
    async fn engagement_counts(
        &self,
        org: OrganisationId,
        left_since: DateTime<Utc>,
        limit_to_sites: Option<&[SiteId]>,
    ) -> Result<EngagementCounts, StoreError>;

    /// One application of an organisation.
    async fn application(
        &self,
        org: OrganisationId,
        id: ApplicationId,
    ) -> Result<Option<ApplicationRow>, StoreError>;
    /// An organisation's applications, newest first, optionally only one person's (at most
    /// 1,000: for whole lists use `application_page`).
    async fn applications(
        &self,
        org: OrganisationId,
        person: Option<PersonId>,
    ) -> Result<Vec<ApplicationRow>, StoreError>;
    /// A page of an organisation's applications, newest first.
    async fn application_page(
        &self,
        org: OrganisationId,
        search: &ApplicationSearch,
    ) -> Result<Page<ApplicationRow>, StoreError>;
    /// A person's own applications everywhere, newest first.
    async fn applications_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<ApplicationRow>, StoreError>;
    /// The history of an application, oldest first.
    async fn application_events(
        &self,
        org: OrganisationId,
        id: ApplicationId,
    ) -> Result<Vec<ApplicationEvent>, StoreError>;

    /// Every staff permission a person holds.
    async fn staff_roles_of(&self, person: PersonId) -> Result<Vec<StaffMember>, StoreError>;
    /// An organisation's staff, with their profiles.
    async fn staff(&self, org: OrganisationId) -> Result<Vec<(StaffMember, Person)>, StoreError>;

    /// A live session by token hash.
    async fn session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError>;
    /// Failed sign-ins for a key since a time.
    async fn sign_in_failures(&self, key: &str, since: DateTime<Utc>) -> Result<u64, StoreError>;
    /// The person a reset token belongs to, if unused and unexpired.
    async fn reset_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonId>, StoreError>;
    /// An API token by hash.
    async fn api_token(&self, token_hash: &str) -> Result<Option<ApiToken>, StoreError>;
    /// The staff membership an API token acts under, with its organisation: the token's
    /// holder in the token's organisation, if they are still staff there. One read, as every
    /// API request needs it.
    async fn api_token_scope(
        &self,
        token_hash: &str,
    ) -> Result<Option<(StaffMember, Organisation)>, StoreError>;

    /// Messages due to send at `now`, oldest first, claimed for this worker.
    async fn due_messages(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<OutboxMessage>, StoreError>;
    /// Marks a message sent.
    async fn message_sent(&self, id: MessageId, at: DateTime<Utc>) -> Result<(), StoreError>;
    /// Records a failed attempt and when to try again.
    async fn message_failed(
        &self,
        id: MessageId,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The most recent messages, newest first (the outbox as a manager or test sees it).
    async fn recent_messages(&self, limit: u32) -> Result<Vec<OutboxMessage>, StoreError>;

    /// Deletes sessions that have expired, and sign-in failures and reset links older than
    /// `keep_until`; returns how many rows went.
    async fn purge_expired(
        &self,
        now: DateTime<Utc>,
        keep_until: DateTime<Utc>,
    ) -> Result<u64, StoreError>;

    /// Audit entries about one record, newest first.
    async fn audit_for(
        &self,
        org: Option<OrganisationId>,
        entity_id: uuid::Uuid,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
