//! Safeguarding concerns: anyone raises one in under a minute; the organisation's named leads
//! acknowledge, assess, escalate and close it. The record is a list of entries that is only
//! ever added to: each step is timestamped and attributed, and nothing is edited or deleted.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::ids::{ConcernEntryId, ConcernId, OrganisationId, PersonId, SupportedPersonId};
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// Who a concern is about.
    Subject {
        /// A service user.
        ServiceUser = "service_user": "A service user",
        /// A carer.
        Carer = "carer": "A carer",
        /// A volunteer.
        Volunteer = "volunteer": "A volunteer",
        /// Someone else.
        Other = "other": "Someone else",
    }
);

labelled_enum!(
    /// The kind of an entry in a concern's record.
    EntryKind {
        /// The concern as raised.
        Raised = "raised": "Raised",
        /// A lead has it in hand.
        Acknowledged = "acknowledged": "Acknowledged",
        /// Not acknowledged in time; passed to the deputy leads (automatic).
        EscalatedToDeputy = "escalated_to_deputy": "Passed to deputy leads (not acknowledged in time)",
        /// A note added.
        Note = "note": "Note",
        /// The lead's assessment.
        Assessed = "assessed": "Assessed",
        /// Referred on (the local authority, the police, the CQC…).
        Escalated = "escalated": "Referred on",
        /// Closed, with the outcome.
        Closed = "closed": "Closed",
    }
);

/// A concern's status, read from its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConcernStatus {
    /// Waiting for a lead to acknowledge it.
    Raised,
    /// A lead has it in hand.
    Acknowledged,
    /// Assessed.
    Assessed,
    /// Referred on to another agency.
    Escalated,
    /// Closed.
    Closed,
}

impl ConcernStatus {
    /// In words, as the person who raised it sees it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Raised => "Raised, waiting for a safeguarding lead",
            Self::Acknowledged => "A safeguarding lead is looking into it",
            Self::Assessed => "Assessed by a safeguarding lead",
            Self::Escalated => "Referred on by a safeguarding lead",
            Self::Closed => "Closed",
        }
    }
}

/// Hours within which a lead should acknowledge a concern before it passes to the deputies:
/// 4 for an urgent concern, 24 otherwise.
pub fn acknowledge_within_hours(urgent: bool) -> i64 {
    if urgent { 4 } else { 24 }
}

/// A concern's heading, as raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concern {
    /// Identifier.
    pub id: ConcernId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Who it is about.
    pub subject: Subject,
    /// The service user or carer, if one on record.
    pub supported_person_id: Option<SupportedPersonId>,
    /// The volunteer, if one.
    pub volunteer_id: Option<PersonId>,
    /// Their name as the raiser gave it.
    pub subject_name: String,
    /// Whether the raiser marked it urgent.
    pub urgent: bool,
    /// Who raised it.
    pub raised_by: PersonId,
    /// When.
    pub raised_at: DateTime<Utc>,
}

impl Concern {
    /// When acknowledgement is due.
    pub fn acknowledge_by(&self) -> DateTime<Utc> {
        self.raised_at + Duration::hours(acknowledge_within_hours(self.urgent))
    }
}

/// One entry in a concern's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConcernEntry {
    /// Identifier.
    pub id: ConcernEntryId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The concern.
    pub concern_id: ConcernId,
    /// What kind of entry.
    pub kind: EntryKind,
    /// What was said or done.
    pub text: String,
    /// Who added it (none for the automatic passing to deputies).
    pub by: Option<PersonId>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A concern's status from its entries, in order.
pub fn status(entries: &[ConcernEntry]) -> ConcernStatus {
    entries
        .iter()
        .fold(ConcernStatus::Raised, |s, e| match e.kind {
            EntryKind::Acknowledged if s == ConcernStatus::Raised => ConcernStatus::Acknowledged,
            EntryKind::Assessed if s != ConcernStatus::Closed => ConcernStatus::Assessed,
            EntryKind::Escalated if s != ConcernStatus::Closed => ConcernStatus::Escalated,
            EntryKind::Closed => ConcernStatus::Closed,
            _ => s,
        })
}

/// Whether a concern has gone unacknowledged past its time and not yet passed to deputies.
pub fn needs_deputy(concern: &Concern, entries: &[ConcernEntry], now: DateTime<Utc>) -> bool {
    status(entries) == ConcernStatus::Raised
        && now > concern.acknowledge_by()
        && !entries
            .iter()
            .any(|e| e.kind == EntryKind::EscalatedToDeputy)
}

/// A concern as raised from the form.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ConcernInput {
    /// `service_user`, `carer`, `volunteer` or `other`.
    pub subject: String,
    /// Their name.
    pub subject_name: String,
    /// What happened or what worries you.
    pub what: String,
    /// `yes` when urgent.
    pub urgent: String,
}

/// A raised concern's checked fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernFields {
    /// Who it is about.
    pub subject: Subject,
    /// Their name.
    pub subject_name: String,
    /// What happened.
    pub what: String,
    /// Urgent.
    pub urgent: bool,
}

impl ConcernInput {
    /// Checks the input. The name may be left out when the concern is raised from a record
    /// that names them (`named`).
    pub fn parse(&self, named: bool) -> Result<ConcernFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let subject = Subject::from_code(self.subject.trim());
        if subject.is_none() {
            e.add("subject", "Choose who the concern is about");
        }
        let subject_name = if named {
            e.optional_text("subject_name", "their name", &self.subject_name, 200)
        } else {
            e.text("subject_name", "their name", &self.subject_name, 200)
                .unwrap_or_default()
        };
        let what = e.text(
            "what",
            "what happened or what worries you",
            &self.what,
            5000,
        );
        e.finish(|| {
            Some(ConcernFields {
                subject: subject?,
                subject_name,
                what: what?,
                urgent: matches!(self.urgent.trim(), "yes" | "true" | "on"),
            })
        })
    }
}

/// Checks a lead's new entry against the record so far: acknowledging once, assessing,
/// referring on and closing only once acknowledged, nothing but notes once closed. Every
/// entry but an acknowledgement needs words.
pub fn check_entry(
    kind: &str,
    text: &str,
    entries: &[ConcernEntry],
) -> Result<(EntryKind, String), FieldErrors> {
    let mut e = FieldErrors::new();
    let kind = match kind.trim() {
        "acknowledged" => Some(EntryKind::Acknowledged),
        "note" => Some(EntryKind::Note),
        "assessed" => Some(EntryKind::Assessed),
        "escalated" => Some(EntryKind::Escalated),
        "closed" => Some(EntryKind::Closed),
        _ => {
            e.add("kind", "Choose what you are adding");
            None
        }
    };
    let text = match kind {
        Some(EntryKind::Acknowledged) | None => e.optional_text("text", "what you did", text, 5000),
        Some(_) => e
            .text("text", "what you found or did", text, 5000)
            .unwrap_or_default(),
    };
    let now = status(entries);
    match (kind, now) {
        (Some(EntryKind::Acknowledged), s) if s != ConcernStatus::Raised => {
            e.add("kind", "This concern has already been acknowledged")
        }
        (
            Some(EntryKind::Assessed | EntryKind::Escalated | EntryKind::Closed),
            ConcernStatus::Raised,
        ) => e.add("kind", "Acknowledge the concern first"),
        (Some(k), ConcernStatus::Closed) if k != EntryKind::Note => {
            e.add("kind", "This concern is closed; you can only add notes")
        }
        _ => {}
    }
    e.finish(|| Some((kind?, text)))
}

#[cfg(test)]
mod tests;
