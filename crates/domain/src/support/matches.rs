//! A match between a volunteer and a service user, and its lifecycle. A volunteer is only ever
//! *invited*: nothing moves past "proposed" until they say yes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::SupportType;
use crate::ids::{MatchId, OrganisationId, PersonId, RoleId, SupportedPersonId};
use crate::labelled_enum;

labelled_enum!(
    /// Where a match is.
    MatchStatus {
        /// The volunteer has been invited and not yet answered.
        Proposed = "proposed": "Invited, waiting for the volunteer",
        /// The volunteer said no.
        Declined = "declined": "Declined by the volunteer",
        /// The manager withdrew the invitation before an answer.
        Withdrawn = "withdrawn": "Invitation withdrawn",
        /// The volunteer said yes; an introduction is to be arranged.
        Accepted = "accepted": "Accepted, to be introduced",
        /// They have been introduced.
        Introduced = "introduced": "Introduced",
        /// Regular support is under way.
        Active = "active": "Active",
        /// Support has ended (see the reason).
        Ended = "ended": "Ended",
    }
);

impl MatchStatus {
    /// Whether the match takes up one of the volunteer's places and the service user's need.
    pub fn open(self) -> bool {
        matches!(
            self,
            Self::Proposed | Self::Accepted | Self::Introduced | Self::Active
        )
    }

    /// Whether the volunteer is in touch with the service user (and so may see their record).
    pub fn in_touch(self) -> bool {
        matches!(self, Self::Introduced | Self::Active)
    }
}

/// A step in a match's life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchStep {
    /// The volunteer says yes.
    Accept,
    /// The volunteer says no.
    Decline,
    /// The manager withdraws the invitation.
    Withdraw,
    /// The manager records the introduction.
    Introduce,
    /// The manager records that regular support has started.
    Activate,
    /// The match ends, with a reason.
    End(String),
}

impl MatchStep {
    /// Reads a step from its code (`withdraw`, `introduce`, `activate`, `end` with `reason`,
    /// and the volunteer's `accept` and `decline`, which [`MatchStep::apply`] keeps for them).
    pub fn parse(code: &str, reason: &str) -> Result<Self, crate::FieldErrors> {
        match code.trim() {
            "withdraw" => Ok(Self::Withdraw),
            "introduce" => Ok(Self::Introduce),
            "activate" => Ok(Self::Activate),
            "end" => Ok(Self::End(reason.to_owned())),
            "accept" => Ok(Self::Accept),
            "decline" => Ok(Self::Decline),
            _ => Err(crate::FieldErrors::one(
                "step",
                "Step must be withdraw, introduce, activate or end",
            )),
        }
    }

    /// The status the step leads to from `from`, or why it cannot be taken. `by_volunteer`
    /// says whether the matched volunteer is the one taking it: only they can accept or
    /// decline, and only managers can do the rest.
    pub fn apply(&self, from: MatchStatus, by_volunteer: bool) -> Result<MatchStatus, String> {
        use MatchStatus::*;
        let volunteers_step = matches!(self, Self::Accept | Self::Decline);
        if volunteers_step != by_volunteer {
            return Err(if volunteers_step {
                "Only the volunteer can accept or decline an invitation".into()
            } else {
                "Only a manager can take this step".into()
            });
        }
        match (self, from) {
            (Self::Accept, Proposed) => Ok(Accepted),
            (Self::Decline, Proposed) => Ok(Declined),
            (Self::Withdraw, Proposed) => Ok(Withdrawn),
            (Self::Introduce, Accepted) => Ok(Introduced),
            (Self::Activate, Introduced) => Ok(Active),
            (Self::End(_), Accepted | Introduced | Active) => Ok(Ended),
            (Self::Introduce, Proposed) => {
                Err("The volunteer has not accepted the invitation yet".into())
            }
            (_, from) => Err(format!(
                "This match is {}; that step is not possible now",
                crate::Labelled::label(from).to_lowercase()
            )),
        }
    }
}

/// A match as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Identifier.
    pub id: MatchId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The service user.
    pub supported_person_id: SupportedPersonId,
    /// The volunteer.
    pub volunteer_id: PersonId,
    /// The role the volunteer supports them in (its checks and training apply).
    pub role_id: RoleId,
    /// The support.
    pub support_type: SupportType,
    /// Where it is.
    pub status: MatchStatus,
    /// The fit score when proposed.
    pub fit_score: i64,
    /// The reasons shown when proposed, one per line.
    pub reasons: String,
    /// How often contact is expected, in days (7: weekly).
    pub contact_every_days: u32,
    /// When the volunteer was invited.
    pub proposed_at: DateTime<Utc>,
    /// When the status last changed.
    pub updated_at: DateTime<Utc>,
    /// The day regular support started.
    pub started_on: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: String,
}

/// Days past due for contact on an active match: none while contact is on time. Contact is
/// due `every_days` after the last contact (or the start, before any); a few days' grace
/// allows for a visit moved within the week.
pub fn contact_overdue(
    started_on: NaiveDate,
    last_contact: Option<NaiveDate>,
    every_days: u32,
    today: NaiveDate,
) -> Option<i64> {
    let since = last_contact.map_or(started_on, |d| d.max(started_on));
    let grace = i64::from(every_days / 7).max(1) * 2;
    let late = (today - since).num_days() - i64::from(every_days) - grace;
    (late > 0).then_some(late)
}
