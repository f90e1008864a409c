//! What the store keeps for UK GDPR: everything held about a person (read generically, table by
//! table, for subject access), retention rules and candidates, erasures and their records.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::privacy::{
    ErasureBlock, ErasureReason, ErasureRecord, ErasureSubject, RetentionCutoffs, RetentionPolicy,
};
use serde::Serialize;

use super::StoreError;

/// One kind of record held about a person, as read for a subject access request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonalRecords {
    /// A short name for the kind, used for its files (`bookings`).
    pub section: &'static str,
    /// Its heading in the summary ("Shifts booked").
    pub title: &'static str,
    /// What it is and why it is kept, in plain English.
    pub about: &'static str,
    /// The rows, column by column (secrets such as password hashes left out).
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
    /// When the rows are held but not disclosed in the export: why, and how many there are.
    pub withheld: Option<(&'static str, usize)>,
}

/// A receipt file sent with an expense claim, for the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptFile {
    /// The claim.
    pub claim_id: ExpenseClaimId,
    /// The file's name as sent.
    pub file_name: String,
    /// Its type.
    pub content_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A consent someone gave: what to, when and how, and when it was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentRecord {
    /// Whose (the person's or service user's name as held).
    pub name: String,
    /// The organisation it was given to.
    pub organisation: String,
    /// What they agreed to.
    pub purpose: String,
    /// When it was given (a date or a time, as recorded).
    pub given: String,
    /// How it was given.
    pub how: String,
    /// When it was withdrawn, if it was.
    pub withdrawn: Option<String>,
    /// A consent recorded on its own form that stands now: its id, so it can be withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_withdraw: Option<ConsentId>,
}

/// An organisation's privacy settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrivacySettings {
    /// Retention rules.
    pub retention: RetentionPolicy,
    /// The organisation's own privacy notice; `None` for the default.
    pub notice: Option<String>,
}

/// Someone a retention rule reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionCandidate {
    /// A person or a service-user record.
    pub subject: ErasureSubject,
    /// Their id (a person's or a service-user record's).
    pub id: uuid::Uuid,
    /// Their name as held, for the preview.
    pub name: String,
    /// The rule.
    pub rule: ErasureReason,
    /// When the rule's clock started (left, last decision, support closed).
    pub since: DateTime<Utc>,
}

/// A subject access request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectAccessRequest {
    /// Identifier.
    pub id: SubjectAccessRequestId,
    /// Whose data.
    pub person_id: PersonId,
    /// The organisation whose records were exported; `None` for everything (the person's own).
    pub organisation_id: Option<OrganisationId>,
    /// Who asked (the person themselves, or a manager).
    pub requested_by: Option<PersonId>,
    /// When.
    pub requested_at: DateTime<Utc>,
}

/// One run of an organisation's retention rules: what it removed, without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRun {
    /// Identifier.
    pub id: RetentionRunId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// When.
    pub ran_at: DateTime<Utc>,
    /// The admin who ran it by hand; `None` for the scheduled job.
    pub ran_by: Option<PersonId>,
    /// The report, a line each.
    pub report: Vec<String>,
}

/// A privacy change, applied with the rest of a use case's writes.
#[derive(Debug, Clone)]
pub enum PrivacyWrite {
    /// An organisation's settings (replacing any before).
    PutSettings(OrganisationId, PrivacySettings, DateTime<Utc>),
    /// Erases what an organisation holds about a person: a stand-in profile (no personal data)
    /// takes their place in the organisation's records, free text about them is emptied and
    /// their receipts, personal code and offer to support go. With `profile_too` their own
    /// profile is emptied as well and their sign-in, preferences, equality answers and messages
    /// deleted. Safeguarding records are left as they are (the law requires them kept). Fails
    /// (conflict) if a safeguarding concern about or by them in the organisation is open.
    ErasePerson {
        /// Whose data.
        person_id: PersonId,
        /// The stand-in's id (the record's subject).
        stand_in: PersonId,
        /// Whether the profile goes too.
        profile_too: bool,
        /// The record that it happened.
        record: ErasureRecord,
    },
    /// Empties a service user's or carer's record of personal data (the record stays, for
    /// counts), deletes their health notes and feedback link. Fails (conflict) like
    /// `ErasePerson` if a concern about them is open.
    EraseSupportedPerson(ErasureRecord),
    /// A subject access request made.
    InsertSubjectAccessRequest(SubjectAccessRequest),
    /// A retention run's report.
    InsertRetentionRun(RetentionRun),
    /// A consent recorded on its own form.
    RecordConsent(domain::privacy::consent::RecordedConsent),
    /// A recorded consent withdrawn on a day; fails (conflict) unless it stands now.
    WithdrawConsent {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The consent.
        id: ConsentId,
        /// The day.
        on: chrono::NaiveDate,
        /// Who recorded the withdrawal, by name.
        by: String,
    },
}

/// Reads for UK GDPR.
#[async_trait]
pub trait PrivacyStore: Send + Sync {
    /// Everything held about a person, kind by kind; with `org`, only what that organisation
    /// holds, plus the person's profile.
    async fn personal_records(
        &self,
        person: PersonId,
        org: Option<OrganisationId>,
    ) -> Result<Vec<PersonalRecords>, StoreError>;
    /// The receipt files of a person's expense claims (with `org`, that organisation's only).
    async fn receipt_files(
        &self,
        person: PersonId,
        org: Option<OrganisationId>,
    ) -> Result<Vec<ReceiptFile>, StoreError>;
    /// Consents: a person's (everywhere, or with `org` only there), or with no person every
    /// consent given to `org`.
    async fn consents(
        &self,
        person: Option<PersonId>,
        org: Option<OrganisationId>,
    ) -> Result<Vec<ConsentRecord>, StoreError>;
    /// Consents recorded on their own form: an organisation's (with `org`), a person's (with
    /// `person`), or both narrowed together; oldest first.
    async fn recorded_consents(
        &self,
        org: Option<OrganisationId>,
        person: Option<PersonId>,
    ) -> Result<Vec<domain::privacy::consent::RecordedConsent>, StoreError>;
    /// An organisation's privacy settings, if it has saved any.
    async fn privacy_settings(
        &self,
        org: OrganisationId,
    ) -> Result<Option<PrivacySettings>, StoreError>;
    /// Organisations with at least one retention rule on.
    async fn organisations_with_retention(&self) -> Result<Vec<OrganisationId>, StoreError>;
    /// What stops erasing what `org` holds about a person now.
    async fn erasure_blocks(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<ErasureBlock>, StoreError>;
    /// What stops erasing a service user's record now.
    async fn supported_person_erasure_blocks(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<ErasureBlock>, StoreError>;
    /// Whether anyone other than `org` still holds the person: another organisation's
    /// engagement or staff, a network, or a library resource they own.
    async fn held_elsewhere(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<bool, StoreError>;
    /// An organisation's erasure records, newest first.
    async fn erasures(&self, org: OrganisationId) -> Result<Vec<ErasureRecord>, StoreError>;
    /// Who the retention rules reach at these cut-offs (not those already erased).
    async fn retention_candidates(
        &self,
        org: OrganisationId,
        cutoffs: &RetentionCutoffs,
    ) -> Result<Vec<RetentionCandidate>, StoreError>;
    /// An organisation's latest retention runs, newest first.
    async fn retention_runs(
        &self,
        org: OrganisationId,
        limit: u32,
    ) -> Result<Vec<RetentionRun>, StoreError>;
    /// A person's subject access requests (their own and managers'), newest first.
    async fn subject_access_requests(
        &self,
        person: PersonId,
    ) -> Result<Vec<SubjectAccessRequest>, StoreError>;
}
