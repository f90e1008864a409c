//! Safeguarding rows as the database returns them, and their conversion into domain types.

use app::StoreError;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::safeguarding::{Concern, ConcernEntry};
use uuid::Uuid;

use crate::rows::code;

/// The columns of `concerns`, in [`ConcernRow`]'s order.
pub(crate) const CONCERN_COLUMNS: &str = "organisation_id, id, subject, supported_person_id, volunteer_id, \
    subject_name, urgent, raised_by, raised_at";

/// A `concerns` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ConcernRow {
    organisation_id: Uuid,
    id: Uuid,
    subject: String,
    supported_person_id: Option<Uuid>,
    volunteer_id: Option<Uuid>,
    subject_name: String,
    urgent: bool,
    raised_by: Uuid,
    raised_at: DateTime<Utc>,
}

impl ConcernRow {
    pub(crate) fn into_domain(self) -> Result<Concern, StoreError> {
        Ok(Concern {
            id: ConcernId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            subject: code(&self.subject)?,
            supported_person_id: self.supported_person_id.map(SupportedPersonId),
            volunteer_id: self.volunteer_id.map(PersonId),
            subject_name: self.subject_name,
            urgent: self.urgent,
            raised_by: PersonId(self.raised_by),
            raised_at: self.raised_at,
        })
    }
}

/// The columns of `concern_entries`, in [`EntryRow`]'s order.
pub(crate) const ENTRY_COLUMNS: &str = "organisation_id, id, concern_id, kind, text, by_person, at";

/// A `concern_entries` row.
#[derive(sqlx::FromRow)]
pub(crate) struct EntryRow {
    organisation_id: Uuid,
    id: Uuid,
    concern_id: Uuid,
    kind: String,
    text: String,
    by_person: Option<Uuid>,
    at: DateTime<Utc>,
}

impl EntryRow {
    pub(crate) fn into_domain(self) -> Result<ConcernEntry, StoreError> {
        Ok(ConcernEntry {
            id: ConcernEntryId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            concern_id: ConcernId(self.concern_id),
            kind: code(&self.kind)?,
            text: self.text,
            by: self.by_person.map(PersonId),
            at: self.at,
        })
    }
}
