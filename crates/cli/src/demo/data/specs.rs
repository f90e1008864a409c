//! What the demo creates: organisations, sites, staff and roles, and the outcome of each story.

/// What happens to one person's application at an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted, onboarded and now volunteering.
    Active,
    /// Volunteering, but taking a break.
    Paused,
    /// Accepted; checks and training under way.
    Onboarding,
    /// Applied; not yet looked at.
    Submitted,
    /// Applied and being screened.
    Screening,
    /// Not taken forward (some are then offered another role).
    Declined,
    /// Withdrew their application.
    Withdrawn,
    /// Volunteered for a while, then left.
    LeftAfterActive,
    /// Accepted, but did not finish onboarding.
    LeftInOnboarding,
}

/// Whether a role is recruiting at the end of the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleState {
    /// Still being written.
    Draft,
    /// Recruiting.
    Open,
    /// Recruited in the past; closed once the demo's applications are in.
    Closed,
}

/// A staff member to create.
pub struct StaffSpec {
    /// Given name.
    pub given_name: &'static str,
    /// Family name.
    pub family_name: &'static str,
    /// Email address.
    pub email: &'static str,
    /// Permission code.
    pub permission: &'static str,
    /// For supervisors: the names of the sites they look after.
    pub sites: &'static [&'static str],
    /// How the sign-in is described, or `None` for staff who get no demo password.
    pub sign_in: Option<&'static str>,
}

/// A site to create.
pub struct SiteSpec {
    /// Name.
    pub name: &'static str,
    /// Kind code.
    pub kind: &'static str,
    /// Postcode (empty for homes and remote sites).
    pub postcode: &'static str,
}

/// A role to create.
pub struct RoleSpec {
    /// Title.
    pub title: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Full description.
    pub description: &'static str,
    /// What the volunteer does, one activity a line.
    pub activities: &'static str,
    /// Setting code.
    pub setting: &'static str,
    /// Names of the sites where it happens.
    pub sites: &'static [&'static str],
    /// Time commitment.
    pub time_commitment: &'static str,
    /// Minimum age, "16" or "18".
    pub minimum_age: &'static str,
    /// DBS level code.
    pub dbs_level: &'static str,
    /// How it complements, and does not replace, paid staff.
    pub statement: &'static str,
    /// Whether it ends up draft, open or closed.
    pub state: RoleState,
    /// Its relative share of the organisation's applicants.
    pub weight: u32,
}

/// An organisation to create, with everything in it.
pub struct OrgSpec {
    /// Name.
    pub name: &'static str,
    /// Slug.
    pub slug: &'static str,
    /// Sector code.
    pub sector: &'static str,
    /// Kind code.
    pub kind: &'static str,
    /// ODS code (NHS bodies).
    pub ods_code: &'static str,
    /// Charity number (charities).
    pub charity_number: &'static str,
    /// Address, one line per line.
    pub address: &'static str,
    /// Postcode.
    pub postcode: &'static str,
    /// The first organisation admin, who creates it.
    pub admin: StaffSpec,
    /// Other staff; exactly one is a volunteer manager, who writes roles and decides applications.
    pub staff: &'static [StaffSpec],
    /// Sites.
    pub sites: &'static [SiteSpec],
    /// Roles.
    pub roles: &'static [RoleSpec],
    /// How many people end up in each outcome here.
    pub stories: &'static [(Outcome, u32)],
}

/// A staff member with no site limits.
pub(super) const fn staff(
    given_name: &'static str,
    family_name: &'static str,
    email: &'static str,
    permission: &'static str,
    sign_in: Option<&'static str>,
) -> StaffSpec {
    StaffSpec {
        given_name,
        family_name,
        email,
        permission,
        sites: &[],
        sign_in,
    }
}

/// A site.
pub(super) const fn site(
    name: &'static str,
    kind: &'static str,
    postcode: &'static str,
) -> SiteSpec {
    SiteSpec {
        name,
        kind,
        postcode,
    }
}
