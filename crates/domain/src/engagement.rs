//! Engagements: a person's relationship with one organisation, from enquiry to leaving.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::{EngagementId, OrganisationId, PersonId};
use crate::labelled_enum;

labelled_enum!(
    /// Where a person is in their volunteering with an organisation.
    EngagementStatus {
        /// Asked about volunteering.
        Enquiry = "enquiry": "Enquiry",
        /// Has applied to a role.
        Applicant = "applicant": "Applicant",
        /// Accepted; checks and training under way.
        Onboarding = "onboarding": "Onboarding",
        /// Volunteering.
        Active = "active": "Active",
        /// Taking a break.
        Paused = "paused": "Paused",
        /// Has left.
        Left = "left": "Left",
    }
);

impl EngagementStatus {
    /// Whether a manager may move an engagement from this status to `next`.
    pub fn can_move_to(self, next: Self) -> bool {
        use EngagementStatus::*;
        match (self, next) {
            (a, b) if a == b => false,
            (_, Left) => true,
            (Enquiry, Applicant) | (Applicant, Onboarding) | (Onboarding, Active) => true,
            (Active, Paused) | (Paused, Active) => true,
            (Left, Applicant) | (Left, Enquiry) => true,
            _ => false,
        }
    }
}

labelled_enum!(
    /// Why someone left, from a fixed list so leaving can be reported on.
    LeavingReason {
        /// Moved away.
        MovedAway = "moved_away": "Moved away",
        /// Started paid work or study.
        WorkOrStudy = "work_or_study": "Started work or study",
        /// Caring responsibilities.
        Caring = "caring": "Caring responsibilities",
        /// Own health.
        Health = "health": "Own health",
        /// Role did not suit them.
        RoleNotRight = "role_not_right": "The role was not right for them",
        /// Not enough time.
        NoTime = "no_time": "Not enough time",
        /// Moved to paid role in the organisation.
        PaidRole = "paid_role": "Moved into a paid role",
        /// Asked to leave.
        AskedToLeave = "asked_to_leave": "Asked to leave",
        /// Did not complete onboarding.
        DidNotComplete = "did_not_complete": "Did not complete onboarding",
        /// Died.
        Died = "died": "Died",
        /// Another reason (see the free text).
        Other = "other": "Another reason",
    }
);

/// A person's engagement with an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Engagement {
    /// Identifier.
    pub id: EngagementId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The person.
    pub person_id: PersonId,
    /// Current status.
    pub status: EngagementStatus,
    /// When the engagement began.
    pub started_at: DateTime<Utc>,
    /// Leaving reason, once left.
    pub leaving_reason: Option<LeavingReason>,
    /// Leaving details in the person's or manager's words.
    pub leaving_note: String,
}

/// One dated change of an engagement's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngagementEvent {
    /// Status before (none for the first).
    pub from: Option<EngagementStatus>,
    /// Status after.
    pub to: EngagementStatus,
    /// When.
    pub at: DateTime<Utc>,
    /// Who made the change, by name.
    pub by: String,
    /// Reason or note.
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::EngagementStatus::*;

    #[test]
    fn the_journey_moves_forward_and_anyone_can_leave() {
        assert!(Enquiry.can_move_to(Applicant));
        assert!(Applicant.can_move_to(Onboarding));
        assert!(Onboarding.can_move_to(Active));
        assert!(Active.can_move_to(Paused));
        assert!(Paused.can_move_to(Active));
        assert!(Onboarding.can_move_to(Left));
        assert!(Left.can_move_to(Applicant));
    }

    #[test]
    fn steps_cannot_be_skipped_or_repeated() {
        assert!(!Applicant.can_move_to(Active));
        assert!(!Enquiry.can_move_to(Active));
        assert!(!Active.can_move_to(Active));
        assert!(!Left.can_move_to(Active));
    }
}
