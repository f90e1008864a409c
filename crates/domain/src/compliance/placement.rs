//! A placement: a person taking up one role, from acceptance through onboarding to active.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::{ApplicationId, OrganisationId, PersonId, PlacementId, RoleId};
use crate::labelled_enum;

labelled_enum!(
    /// Where a person is in one role.
    PlacementStatus {
        /// Accepted; checks and training under way.
        Onboarding = "onboarding": "Onboarding",
        /// Volunteering in the role.
        Active = "active": "Active",
        /// No longer in the role.
        Ended = "ended": "Ended",
    }
);

/// A person in one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// Identifier.
    pub id: PlacementId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The person.
    pub person_id: PersonId,
    /// The role.
    pub role_id: RoleId,
    /// The application it came from.
    pub application_id: Option<ApplicationId>,
    /// Where it has got to.
    pub status: PlacementStatus,
    /// When the application was sent (start of time to onboard).
    pub applied_at: DateTime<Utc>,
    /// When the application was accepted.
    pub accepted_at: DateTime<Utc>,
    /// When they became active.
    pub activated_at: Option<DateTime<Utc>>,
    /// When it ended.
    pub ended_at: Option<DateTime<Utc>>,
}
