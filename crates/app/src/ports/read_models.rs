//! What the store's queries return beyond the domain entities: lists, pages, joined rows, counts.

use chrono::{DateTime, Utc};
use domain::application::{Application, ApplicationStatus};
use domain::engagement::{Engagement, EngagementStatus};
use domain::ids::*;
use domain::person::Person;
use domain::role::{Role, Setting};
use serde::Serialize;

/// An open role with its organisation, for the public opportunities list.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    /// The role.
    pub role: Role,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// Filters for the public opportunities list.
#[derive(Debug, Clone, Default)]
pub struct OpportunitySearch {
    /// Words to find in the title, summary or organisation name.
    pub keywords: String,
    /// Only this setting.
    pub setting: Option<Setting>,
    /// Only this organisation (slug).
    pub organisation: Option<String>,
}

/// A page of a longer list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Items in the whole list.
    pub total: u64,
}

impl<T> Page<T> {
    /// How many pages the list has.
    pub fn pages(&self) -> u32 {
        u32::try_from(self.total.div_ceil(u64::from(self.per_page.max(1))))
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

/// Filters for an organisation's volunteers list.
#[derive(Debug, Clone, Default)]
pub struct VolunteerSearch {
    /// Words in the name or email.
    pub keywords: String,
    /// Only this engagement status.
    pub status: Option<EngagementStatus>,
    /// Only people who applied to this role.
    pub role_id: Option<RoleId>,
    /// Supervisors: only people who applied to roles at these sites.
    pub limit_to_sites: Option<Vec<SiteId>>,
    /// 1-based page.
    pub page: u32,
    /// Per page (1–500).
    pub per_page: u32,
}

/// One row of the volunteers list.
#[derive(Debug, Clone, Serialize)]
pub struct VolunteerRow {
    /// The person.
    pub person: Person,
    /// Their engagement here.
    pub engagement: Engagement,
    /// Titles of the roles they applied to here.
    pub roles: Vec<String>,
}

/// An application with the names a list needs.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationRow {
    /// The application.
    pub application: Application,
    /// The role's title.
    pub role_title: String,
    /// The applicant's full name.
    pub person_name: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
}

/// A dated line of an application's history.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationEvent {
    /// New status.
    pub status: ApplicationStatus,
    /// Note.
    pub note: String,
    /// Who.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Counts for the manager dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EngagementCounts {
    /// Current applicants.
    pub applicants: u64,
    /// In onboarding.
    pub onboarding: u64,
    /// Active.
    pub active: u64,
    /// Paused.
    pub paused: u64,
    /// Left since the date asked about.
    pub left_recently: u64,
    /// Applications awaiting a decision.
    pub open_applications: u64,
}

/// Filters for an organisation's applications list.
#[derive(Debug, Clone, Default)]
pub struct ApplicationSearch {
    /// Only this status.
    pub status: Option<ApplicationStatus>,
    /// Supervisors: only applications to roles at these sites.
    pub limit_to_sites: Option<Vec<SiteId>>,
    /// 1-based page.
    pub page: u32,
    /// Per page (1–500).
    pub per_page: u32,
}
