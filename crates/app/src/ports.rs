//! The ports that adapters implement: the store (reads, and writes applied atomically).
//!
//! Writes are data: a use case builds the whole change as a list of [`Write`]s and the store
//! applies it in one transaction, so a change is never half-applied. Conditional writes carry the
//! state they expect and fail with [`StoreError::Conflict`] if someone else got there first.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::application::{Application, ApplicationStatus};
use domain::audit::AuditEntry;
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::ids::*;
use domain::organisation::Organisation;
use domain::person::Person;
use domain::role::{Role, RoleStatus, Setting};
use domain::site::Site;
use domain::staff::StaffMember;
use serde::Serialize;

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

/// One change to stored data. A list of them is applied all-or-nothing.
#[derive(Debug, Clone)]
pub enum Write {
    /// A new organisation.
    InsertOrganisation(Organisation),
    /// New details for an organisation.
    UpdateOrganisation(Organisation),
    /// A new site.
    InsertSite(Site),
    /// New details for a site (same organisation).
    UpdateSite(Site),
    /// A new person, with their password hash if they have an account.
    InsertPerson(Person, Option<String>),
    /// A new profile for a person.
    UpdatePerson(Person),
    /// A new password hash.
    SetPassword(PersonId, String),
    /// A new role.
    InsertRole(Role),
    /// New details for a role; fails unless it is currently `expected`.
    UpdateRole(Role, RoleStatus),
    /// A new engagement.
    InsertEngagement(Engagement),
    /// A status change; fails unless the engagement is currently `from`.
    MoveEngagement {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The engagement.
        id: EngagementId,
        /// Expected current status.
        from: EngagementStatus,
        /// New status.
        to: EngagementStatus,
        /// Leaving reason, when moving to left.
        leaving_reason: Option<LeavingReason>,
        /// Leaving note.
        leaving_note: String,
    },
    /// A line of engagement history.
    InsertEngagementEvent(OrganisationId, EngagementId, EngagementEvent),
    /// A new application.
    InsertApplication(Application),
    /// A status change with a note; fails unless it is currently `from`.
    MoveApplication {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The application.
        id: ApplicationId,
        /// Expected current status.
        from: ApplicationStatus,
        /// New status.
        to: ApplicationStatus,
        /// Manager's or applicant's note.
        note: String,
        /// Who, by name.
        by: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// A staff permission (replaces any the person had in that organisation).
    PutStaffMember(StaffMember),
    /// Removes a staff permission.
    DeleteStaffMember(OrganisationId, StaffMemberId),
    /// A server-side session.
    InsertSession(Session),
    /// Ends a session.
    DeleteSession(String),
    /// A failed sign-in, for rate limiting.
    RecordSignInFailure(String, DateTime<Utc>),
    /// Forget failures for a key after a successful sign-in.
    ClearSignInFailures(String),
    /// A password reset token (hashed).
    InsertResetToken {
        /// SHA-256 of the token.
        token_hash: String,
        /// Whose.
        person_id: PersonId,
        /// Until when it works.
        expires_at: DateTime<Utc>,
    },
    /// Uses a reset token; fails unless unused and unexpired at `at`.
    UseResetToken(String, DateTime<Utc>),
    /// An API token (hashed).
    InsertApiToken(ApiToken),
    /// An email to send.
    InsertMessage(OutboxMessage),
    /// An audit entry.
    Audit(AuditEntry),
}

/// A server-side session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie value.
    pub token_hash: String,
    /// Who is signed in.
    pub person_id: PersonId,
    /// The anti-forgery token for forms in this session.
    pub csrf_token: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// An API token's stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Identifier.
    pub id: ApiTokenId,
    /// The organisation it works for.
    pub organisation_id: OrganisationId,
    /// The staff member it acts as.
    pub person_id: PersonId,
    /// SHA-256 of the token.
    pub token_hash: String,
    /// When created.
    pub created_at: DateTime<Utc>,
}

/// An email waiting in (or sent from) the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// Identifier.
    pub id: MessageId,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// When queued.
    pub created_at: DateTime<Utc>,
    /// Attempts so far.
    pub attempts: i32,
    /// Not before this time.
    pub next_attempt_at: DateTime<Utc>,
    /// When sent, once sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// The last failure.
    pub last_error: String,
}

/// An open role with its organisation, for the public opportunities list.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    /// The role.
    pub role: Role,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// Filters for the public opportunities list.
#[derive(Debug, Clone, Default)]
pub struct OpportunitySearch {
    /// Words to find in the title, summary or organisation name.
    pub keywords: String,
    /// Only this setting.
    pub setting: Option<Setting>,
    /// Only this organisation (slug).
    pub organisation: Option<String>,
}

/// A page of a longer list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Items in the whole list.
    pub total: u64,
}

impl<T> Page<T> {
    /// How many pages the list has.
    pub fn pages(&self) -> u32 {
        u32::try_from(self.total.div_ceil(u64::from(self.per_page.max(1))))
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

/// Filters for an organisation's volunteers list.
#[derive(Debug, Clone, Default)]
pub struct VolunteerSearch {
    /// Words in the name or email.
    pub keywords: String,
    /// Only this engagement status.
    pub status: Option<EngagementStatus>,
    /// Only people who applied to this role.
    pub role_id: Option<RoleId>,
    /// Supervisors: only people who applied to roles at these sites.
    pub limit_to_sites: Option<Vec<SiteId>>,
    /// 1-based page.
    pub page: u32,
    /// Per page (1–500).
    pub per_page: u32,
}

/// One row of the volunteers list.
#[derive(Debug, Clone, Serialize)]
pub struct VolunteerRow {
    /// The person.
    pub person: Person,
    /// Their engagement here.
    pub engagement: Engagement,
    /// Titles of the roles they applied to here.
    pub roles: Vec<String>,
}

/// An application with the names a list needs.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationRow {
    /// The application.
    pub application: Application,
    /// The role's title.
    pub role_title: String,
    /// The applicant's full name.
    pub person_name: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// A dated line of an application's history.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationEvent {
    /// New status.
    pub status: ApplicationStatus,
    /// Note.
    pub note: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Counts for the manager dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EngagementCounts {
    /// Current applicants.
    pub applicants: u64,
    /// In onboarding.
    pub onboarding: u64,
    /// Active.
    pub active: u64,
    /// Paused.
    pub paused: u64,
    /// Left since the date asked about.
    pub left_recently: u64,
    /// Applications awaiting a decision.
    pub open_applications: u64,
}

/// The store: everything Alongside keeps. Every organisation-owned read takes the organisation.
#[async_trait]
pub trait Store: Send + Sync {
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
    /// Dashboard counts; `left_since` bounds "left recently".
    async fn engagement_counts(
        &self,
        org: OrganisationId,
        left_since: DateTime<Utc>,
    ) -> Result<EngagementCounts, StoreError>;

    /// One application of an organisation.
    async fn application(
        &self,
        org: OrganisationId,
        id: ApplicationId,
    ) -> Result<Option<ApplicationRow>, StoreError>;
    /// An organisation's applications, newest first, optionally only one person's.
    async fn applications(
        &self,
        org: OrganisationId,
        person: Option<PersonId>,
    ) -> Result<Vec<ApplicationRow>, StoreError>;
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

    /// Audit entries about one record, newest first.
    async fn audit_for(
        &self,
        org: Option<OrganisationId>,
        entity_id: uuid::Uuid,
    ) -> Result<Vec<AuditEntry>, StoreError>;
}
