//! What the safeguarding requests send and answer with: a concern as its raiser sees it
//! (status only), as the leads see it (the whole record), the leads, and the bodies.

use std::borrow::Cow;

use app::safeguarding::Lead;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::safeguarding::{Concern, ConcernEntry, ConcernStatus, EntryKind, Subject, status};
use serde::{Deserialize, Serialize};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

use crate::api::input::text;
use crate::api::views::code_schemas;

code_schemas!(
    /// The codes of [`Subject`].
    SubjectCode: Subject = "Who a safeguarding concern is about.",
    /// The codes of [`EntryKind`].
    EntryKindCode: EntryKind = "The kind of an entry in a concern's record.",
);

/// The stable code of a concern's status.
pub fn status_code(s: ConcernStatus) -> &'static str {
    match s {
        ConcernStatus::Raised => "raised",
        ConcernStatus::Acknowledged => "acknowledged",
        ConcernStatus::Assessed => "assessed",
        ConcernStatus::Escalated => "escalated",
        ConcernStatus::Closed => "closed",
    }
}

/// The schema of [`status_code`]'s codes. `ConcernStatus` is read from the record rather
/// than stored, so it is not a closed list with codes of its own.
pub struct ConcernStatusCode;

impl PartialSchema for ConcernStatusCode {
    fn schema() -> RefOr<Schema> {
        let all = [
            ConcernStatus::Raised,
            ConcernStatus::Acknowledged,
            ConcernStatus::Assessed,
            ConcernStatus::Escalated,
            ConcernStatus::Closed,
        ];
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Where a concern is, read from its record: raised (waiting for a lead), acknowledged, assessed, escalated (referred on) or closed.",
            ))
            .enum_values(Some(all.into_iter().map(status_code)))
            .build()
            .into()
    }
}

impl ToSchema for ConcernStatusCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ConcernStatus")
    }
}

/// A concern as the person who raised it sees it: its status, never its record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RaisedConcernView {
    /// Identifier.
    pub id: Uuid,
    /// Who it is about.
    #[schema(value_type = SubjectCode)]
    pub subject: &'static str,
    /// Their name.
    pub subject_name: String,
    /// The service user or carer on record it is about, if one.
    pub service_user_id: Option<Uuid>,
    /// Whether it was marked urgent.
    pub urgent: bool,
    /// When it was raised.
    pub raised_at: DateTime<Utc>,
    /// Its status.
    #[schema(value_type = ConcernStatusCode)]
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
}

impl RaisedConcernView {
    /// The raiser's view of `c`, which has status `s`.
    pub fn new(c: Concern, s: ConcernStatus) -> Self {
        Self {
            id: c.id.0,
            subject: c.subject.code(),
            subject_name: c.subject_name,
            service_user_id: c.supported_person_id.map(|x| x.0),
            urgent: c.urgent,
            raised_at: c.raised_at,
            status: status_code(s),
            status_label: s.label(),
        }
    }
}

/// One entry in a concern's record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntryView {
    /// Identifier.
    pub id: Uuid,
    /// What kind of entry.
    #[schema(value_type = EntryKindCode)]
    pub kind: &'static str,
    /// The kind in words.
    pub kind_label: &'static str,
    /// What was said or done.
    pub text: String,
    /// Who added it (null for the automatic passing to deputies).
    pub by: Option<Uuid>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A concern with its whole record, as the safeguarding leads see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConcernView {
    /// Identifier.
    pub id: Uuid,
    /// Who it is about.
    #[schema(value_type = SubjectCode)]
    pub subject: &'static str,
    /// Their name as the raiser gave it.
    pub subject_name: String,
    /// The service user or carer on record it is about, if one.
    pub service_user_id: Option<Uuid>,
    /// The volunteer it is about, if one.
    pub volunteer_id: Option<Uuid>,
    /// Whether the raiser marked it urgent.
    pub urgent: bool,
    /// Who raised it.
    pub raised_by: Uuid,
    /// When.
    pub raised_at: DateTime<Utc>,
    /// When a lead should acknowledge it by (4 hours if urgent, otherwise 24).
    pub acknowledge_by: DateTime<Utc>,
    /// Whether it is still waiting for acknowledgement past that time.
    pub acknowledgement_overdue: bool,
    /// Its status, read from the record.
    #[schema(value_type = ConcernStatusCode)]
    pub status: &'static str,
    /// The status in words.
    pub status_label: &'static str,
    /// The record, oldest first. Entries are only ever added.
    pub entries: Vec<EntryView>,
}

impl ConcernView {
    /// The leads' view of `c` and its record, with overdue judged at `now`.
    pub fn new(c: Concern, record: Vec<ConcernEntry>, now: DateTime<Utc>) -> Self {
        let s = status(&record);
        Self {
            id: c.id.0,
            subject: c.subject.code(),
            service_user_id: c.supported_person_id.map(|x| x.0),
            volunteer_id: c.volunteer_id.map(|x| x.0),
            urgent: c.urgent,
            raised_by: c.raised_by.0,
            raised_at: c.raised_at,
            acknowledge_by: c.acknowledge_by(),
            acknowledgement_overdue: s == ConcernStatus::Raised && now > c.acknowledge_by(),
            status: status_code(s),
            status_label: s.label(),
            subject_name: c.subject_name,
            entries: record
                .into_iter()
                .map(|e| EntryView {
                    id: e.id.0,
                    kind: e.kind.code(),
                    kind_label: e.kind.label(),
                    text: e.text,
                    by: e.by.map(|x| x.0),
                    at: e.at,
                })
                .collect(),
        }
    }
}

/// A safeguarding lead or deputy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LeadView {
    /// The staff member.
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// A deputy (told when no lead has acknowledged a concern in time).
    pub deputy: bool,
}

impl From<Lead> for LeadView {
    fn from(l: Lead) -> Self {
        Self {
            person_id: l.person_id.0,
            name: l.name,
            deputy: l.deputy,
        }
    }
}

/// A concern to raise.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ConcernBody {
    /// Who it is about.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = SubjectCode)]
    pub subject: String,
    /// Their name (may be left out when `service_user_id` names them).
    #[serde(default, deserialize_with = "text")]
    pub subject_name: String,
    /// What happened, or what worries you.
    #[serde(default, deserialize_with = "text")]
    pub what: String,
    /// Whether it is urgent (leads have 4 hours to acknowledge it, not 24).
    #[serde(default)]
    pub urgent: bool,
    /// The service user or carer it is about, if on record.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Option<Uuid>)]
    pub service_user_id: String,
}

/// An entry to add to a concern's record.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct EntryBody {
    /// `acknowledged`, `note`, `assessed`, `escalated` or `closed`.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = EntryKindCode)]
    pub kind: String,
    /// What you found or did (may be blank only when acknowledging).
    #[serde(default, deserialize_with = "text")]
    pub text: String,
}

/// One lead or deputy to name.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LeadBody {
    /// A staff member's id.
    #[serde(default, deserialize_with = "text")]
    #[schema(value_type = Uuid)]
    pub person_id: String,
    /// Whether they are a deputy rather than a lead.
    #[serde(default)]
    pub deputy: bool,
}

/// The organisation's leads and deputies, replacing the list.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct LeadsBody {
    /// At least one lead (not a deputy).
    #[serde(default)]
    pub leads: Vec<LeadBody>,
}
