//! The store's side of importing: matching people already recorded, the bulk write of a people
//! import (one transaction, however many rows), saved column mappings, and files uploaded in
//! the manager's pages with their import's progress and report.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::Placement;
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus};
use domain::ids::{EngagementId, OrganisationId, PersonId};
use domain::person::Person;
use uuid::Uuid;

use super::{StoreError, Write};

/// Someone already recorded, as an import matches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownPerson {
    /// Who.
    pub id: PersonId,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Email (lower case).
    pub email: String,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Their engagement with the organisation asked about, and its status (none when found by
    /// email wherever they volunteer).
    pub engagement: Option<(EngagementId, EngagementStatus)>,
}

/// The rows a people import adds, written in bulk.
#[derive(Debug, Clone, Default)]
pub struct PeopleBatch {
    /// New people.
    pub people: Vec<Person>,
    /// New engagements (for new people and for people matched who were not yet here).
    pub engagements: Vec<Engagement>,
    /// Each new engagement's first line of history.
    pub events: Vec<(EngagementId, EngagementEvent)>,
    /// Placements in roles.
    pub placements: Vec<Placement>,
}

impl PeopleBatch {
    /// Rows in all.
    pub fn len(&self) -> usize {
        self.people.len() + self.engagements.len() + self.events.len() + self.placements.len()
    }

    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A column mapping saved by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedMapping {
    /// Identifier.
    pub id: Uuid,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The kind of import (its code).
    pub kind: String,
    /// Its name.
    pub name: String,
    /// `field = Header` lines ([`domain::import::Mapping::to_lines`]).
    pub mapping: String,
    /// When saved.
    pub created_at: DateTime<Utc>,
}

/// A file uploaded in the manager's pages: kept between the steps, then its import's progress
/// and report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportUpload {
    /// Identifier.
    pub id: Uuid,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The kind of import (its code).
    pub kind: String,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The file.
    pub content: Vec<u8>,
    /// The mapping chosen (`field = Header` lines).
    pub mapping: String,
    /// Whether to import the good rows when some are bad.
    pub skip_invalid: bool,
    /// `uploaded`, `running`, `done` or `failed`.
    pub status: String,
    /// What it is doing now, in words.
    pub stage: String,
    /// Rows done so far.
    pub done_rows: i64,
    /// Rows in all.
    pub total_rows: i64,
    /// The report as JSON, once finished.
    pub report: Option<String>,
    /// Who uploaded it.
    pub created_by: PersonId,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Changes to saved mappings and uploads.
#[derive(Debug, Clone)]
pub enum ImportWrite {
    /// A mapping saved (replacing one of the same kind and name).
    PutMapping(SavedMapping),
    /// A file uploaded.
    InsertUpload(ImportUpload),
    /// The mapping and choice made for an upload; fails unless it is still `uploaded`.
    SetUploadMapping {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The upload.
        id: Uuid,
        /// `field = Header` lines.
        mapping: String,
        /// Whether to skip invalid rows.
        skip_invalid: bool,
    },
    /// The import starts; fails unless the upload is still `uploaded` (so it runs once).
    StartUpload(OrganisationId, Uuid, i64),
    /// Progress.
    UploadProgress {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The upload.
        id: Uuid,
        /// What it is doing.
        stage: String,
        /// Rows done.
        done_rows: i64,
    },
    /// The import finished (`done` or `failed`), with its report; the file itself is dropped.
    FinishUpload {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The upload.
        id: Uuid,
        /// `done` or `failed`.
        status: String,
        /// The report as JSON.
        report: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// An import a stopped server left `running` is marked `failed` with `report` (only if it
    /// is still running).
    FailInterrupted {
        /// The organisation.
        organisation_id: OrganisationId,
        /// The upload.
        id: Uuid,
        /// The report as JSON, saying why.
        report: String,
        /// When.
        at: DateTime<Utc>,
    },
}

/// Reads and bulk writes for imports.
#[async_trait]
pub trait ImportStore: Send + Sync {
    /// People with any of these (lower-case) emails, wherever they volunteer.
    async fn people_with_emails(&self, emails: &[String]) -> Result<Vec<KnownPerson>, StoreError>;
    /// Everyone with an engagement in the organisation.
    async fn people_engaged_with(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<KnownPerson>, StoreError>;
    /// Writes a people import in one transaction: the batch in bulk, then `writes` (the audit
    /// entry and anything else). Calls `progress` with the rows written so far.
    async fn apply_people_import(
        &self,
        batch: &PeopleBatch,
        writes: Vec<Write>,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<(), StoreError>;
    /// An organisation's saved mappings for a kind, by name.
    async fn import_mappings(
        &self,
        org: OrganisationId,
        kind: &str,
    ) -> Result<Vec<SavedMapping>, StoreError>;
    /// Every upload still `running`, in every organisation, without its file (for marking
    /// those a stopped server left behind).
    async fn running_uploads(&self) -> Result<Vec<ImportUpload>, StoreError>;
    /// One upload.
    async fn import_upload(
        &self,
        org: OrganisationId,
        id: Uuid,
    ) -> Result<Option<ImportUpload>, StoreError>;
}
