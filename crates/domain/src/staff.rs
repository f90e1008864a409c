//! Staff members: a person's permission to work in an organisation's part of Alongside.

use serde::Serialize;

use crate::ids::{OrganisationId, PersonId, SiteId, StaffMemberId};
use crate::labelled_enum;

labelled_enum!(
    /// What a staff member may do.
    Permission {
        /// Everything, including staff and organisation settings.
        OrganisationAdmin = "organisation_admin": "Organisation admin",
        /// Runs the volunteer programme: roles, sites, applications, volunteers.
        VolunteerManager = "volunteer_manager": "Volunteer manager",
        /// Sees volunteers at their named sites.
        Supervisor = "supervisor": "Supervisor",
        /// Read-only.
        Viewer = "viewer": "Viewer",
    }
);

/// Things a staff member may be allowed to do; checked by `app` before every use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    /// See the dashboard, roles and sites.
    View,
    /// See volunteers' records (supervisors: only at their sites).
    ViewVolunteers,
    /// See check and training records (criminal-record data among them).
    ViewChecks,
    /// Create and change roles, sites, applications and engagements.
    ManageVolunteering,
    /// Read service users' health notes (special-category data).
    ViewHealthNotes,
    /// See service users, carers, referrals and matches (supervisors, who look after wards,
    /// do not; they can still refer someone).
    ViewServiceUsers,
    /// Manage staff permissions, API tokens and organisation details.
    Administer,
}

impl Permission {
    /// Whether this permission grants `capability`.
    pub fn allows(self, capability: Capability) -> bool {
        use Capability::*;
        match self {
            Self::OrganisationAdmin => true,
            Self::VolunteerManager => capability != Administer,
            // Supervisors and viewers see who is ready, never the check details (DBS Code of
            // Practice: share only with those who need it).
            Self::Supervisor => matches!(capability, View | ViewVolunteers),
            Self::Viewer => matches!(capability, View | ViewVolunteers | ViewServiceUsers),
        }
    }
}

/// A staff member as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMember {
    /// Identifier.
    pub id: StaffMemberId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The person.
    pub person_id: PersonId,
    /// What they may do.
    pub permission: Permission,
    /// For supervisors: the sites they supervise.
    pub site_ids: Vec<SiteId>,
}

#[cfg(test)]
mod tests {
    use super::Capability::*;
    use super::Permission::*;

    #[test]
    fn only_admins_administer() {
        assert!(OrganisationAdmin.allows(Administer));
        assert!(!VolunteerManager.allows(Administer));
        assert!(VolunteerManager.allows(ManageVolunteering));
        assert!(!Supervisor.allows(ManageVolunteering));
        assert!(!Viewer.allows(ManageVolunteering));
        assert!(Viewer.allows(ViewVolunteers));
        assert!(VolunteerManager.allows(ViewChecks));
        assert!(!Supervisor.allows(ViewChecks));
        assert!(!Viewer.allows(ViewChecks));
        assert!(VolunteerManager.allows(ViewHealthNotes));
        assert!(!Supervisor.allows(ViewHealthNotes));
        assert!(!Viewer.allows(ViewHealthNotes));
        assert!(Viewer.allows(ViewServiceUsers));
        assert!(!Supervisor.allows(ViewServiceUsers));
    }
}
