//! References: a referee answers a short form through an emailed link, no account needed.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{CheckId, OrganisationId, PersonId, ReferenceRequestId};
use crate::values::Email;

/// The most references a role can ask for.
pub const MAX_REFERENCES: u32 = 3;

/// A reference asked of a referee, and their reply once given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceRequest {
    /// Identifier.
    pub id: ReferenceRequestId,
    /// The organisation asking.
    pub organisation_id: OrganisationId,
    /// The volunteer the reference is about.
    pub person_id: PersonId,
    /// The references item on their checklist.
    pub check_id: CheckId,
    /// Referee's name.
    pub referee_name: String,
    /// Referee's email.
    pub referee_email: Email,
    /// How the volunteer knows them.
    pub relationship: String,
    /// When asked.
    pub requested_at: DateTime<Utc>,
    /// The reply, once given.
    pub reply: Option<ReferenceReply>,
}

/// A referee's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceReply {
    /// How long and in what way they know the volunteer.
    pub known_for: String,
    /// What they would say about the volunteer's suitability.
    pub suitability: String,
    /// Whether they recommend the volunteer for the role.
    pub recommends: bool,
    /// When they replied.
    pub received_at: DateTime<Utc>,
}

/// Who a volunteer asks for a reference.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct RefereeInput {
    /// Referee's name.
    pub referee_name: String,
    /// Referee's email.
    pub referee_email: String,
    /// How the volunteer knows them.
    pub relationship: String,
}

impl RefereeInput {
    /// Validates the referee's details: name, email and relationship.
    pub fn parse(&self) -> Result<(String, Email, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.text(
            "referee_name",
            "the referee's name",
            &self.referee_name,
            120,
        );
        let email = e.check("referee_email", Email::parse(&self.referee_email));
        let relationship = e.text("relationship", "how you know them", &self.relationship, 200);
        e.finish(|| Some((name?, email?, relationship?)))
    }
}

/// What a referee types.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ReferenceReplyInput {
    /// How they know the volunteer.
    pub known_for: String,
    /// About suitability.
    pub suitability: String,
    /// "yes" or "no".
    pub recommends: String,
}

impl ReferenceReplyInput {
    /// Validates the reply.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<ReferenceReply, FieldErrors> {
        let mut e = FieldErrors::new();
        let known_for = e.text(
            "known_for",
            "how long and in what way you know them",
            &self.known_for,
            2_000,
        );
        let suitability = e.text(
            "suitability",
            "what you would tell us about them",
            &self.suitability,
            5_000,
        );
        let recommends = match self.recommends.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                e.add("recommends", "Select yes or no");
                None
            }
        };
        e.finish(|| {
            Some(ReferenceReply {
                known_for: known_for?,
                suitability: suitability?,
                recommends: recommends?,
                received_at: now,
            })
        })
    }
}
