//! The audit log: who did what, when, to which record.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::ids::{AuditId, OrganisationId, PersonId};

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Actor {
    /// A signed-in person.
    Person(PersonId),
    /// An API token (by its staff member's person).
    Token(PersonId),
    /// Alongside itself (jobs, demo data).
    System,
}

impl Actor {
    /// The person behind the action, if any.
    pub fn person_id(&self) -> Option<PersonId> {
        match self {
            Self::Person(p) | Self::Token(p) => Some(*p),
            Self::System => None,
        }
    }

    /// How the action was taken, for the log.
    pub fn channel(&self) -> &'static str {
        match self {
            Self::Person(_) => "web",
            Self::Token(_) => "api",
            Self::System => "system",
        }
    }
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Identifier.
    pub id: AuditId,
    /// Organisation the record belongs to, if any (a person's own profile has none).
    pub organisation_id: Option<OrganisationId>,
    /// Who.
    pub actor: Actor,
    /// What, e.g. "role.published".
    pub action: String,
    /// Kind of record, e.g. "role".
    pub entity: String,
    /// Which record.
    pub entity_id: Uuid,
    /// When.
    pub at: DateTime<Utc>,
    /// Short detail, never special-category data.
    pub detail: String,
}

impl AuditEntry {
    /// A new entry for now-ish `at`.
    pub fn new(
        organisation_id: Option<OrganisationId>,
        actor: Actor,
        action: &str,
        entity: &str,
        entity_id: Uuid,
        at: DateTime<Utc>,
    ) -> Self {
        Self {
            id: AuditId::new(),
            organisation_id,
            actor,
            action: action.into(),
            entity: entity.into(),
            entity_id,
            at,
            detail: String::new(),
        }
    }

    /// Adds a detail.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}
