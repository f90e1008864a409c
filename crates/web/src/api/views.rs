//! What the API answers with: JSON views of domain records, each with an OpenAPI schema.
//! Closed lists (statuses, kinds) are sent as their stable codes. Nothing secret is exposed.

use std::borrow::Cow;

use app::people::VolunteerRecord;
use app::ports::{ApplicationEvent, ApplicationRow, Page, VolunteerRow};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::application::{Application, ApplicationStatus};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::organisation::{Organisation, OrganisationKind, Sector};
use domain::person::Person;
use domain::role::{DbsLevel, Role, RoleStatus, Setting};
use domain::site::{Site, SiteKind};
use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

/// The schema of a closed list's codes: a string, one of `T`'s codes.
fn codes<T: Labelled>(description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .enum_values(Some(T::ALL.iter().map(|v| v.code())))
        .build()
}

/// Declares, for each closed list, a named schema of its codes, for `value_type = ...`.
macro_rules! code_schemas {
    ($($(#[$doc:meta])* $name:ident: $list:ident = $description:literal),* $(,)?) => {$(
        $(#[$doc])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                codes::<$list>($description).into()
            }
        }

        impl ToSchema for $name {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($list))
            }
        }
    )*};
}

code_schemas!(
    /// The codes of [`Sector`].
    SectorCode: Sector = "Which part of the economy an organisation belongs to.",
    /// The codes of [`OrganisationKind`].
    OrganisationKindCode: OrganisationKind = "What kind of body an organisation is.",
    /// The codes of [`SiteKind`].
    SiteKindCode: SiteKind = "What sort of place a site is.",
    /// The codes of [`Setting`].
    SettingCode: Setting = "Where a role is done.",
    /// The codes of [`DbsLevel`].
    DbsLevelCode: DbsLevel = "The DBS check a role needs.",
    /// The codes of [`RoleStatus`].
    RoleStatusCode: RoleStatus = "Whether a role is being written (draft), recruiting (open) or finished (closed).",
    /// The codes of [`EngagementStatus`].
    EngagementStatusCode: EngagementStatus = "Where a person is in their volunteering with an organisation.",
    /// The codes of [`LeavingReason`].
    LeavingReasonCode: LeavingReason = "Why someone left.",
    /// The codes of [`ApplicationStatus`].
    ApplicationStatusCode: ApplicationStatus = "Where an application has got to.",
);

/// An organisation's details.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Identifier.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Short unique name used in web addresses.
    pub slug: String,
    /// Sector.
    #[schema(value_type = SectorCode)]
    pub sector: String,
    /// Kind of body.
    #[schema(value_type = OrganisationKindCode)]
    pub kind: String,
    /// ODS code (NHS bodies).
    pub ods_code: Option<String>,
    /// Registered charity number (charities).
    pub charity_number: Option<String>,
    /// Street address, one line per line.
    pub address: String,
    /// Postcode.
    pub postcode: String,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        Self {
            id: o.id.0,
            name: o.name,
            slug: o.slug.to_string(),
            sector: o.sector.code().into(),
            kind: o.kind.code().into(),
            ods_code: o.ods_code.map(|c| c.as_str().to_owned()),
            charity_number: o.charity_number.map(|c| c.as_str().to_owned()),
            address: o.address,
            postcode: o.postcode.to_string(),
        }
    }
}

/// A site: a place where volunteering happens.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SiteView {
    /// Identifier.
    pub id: Uuid,
    /// Owning organisation.
    pub organisation_id: Uuid,
    /// Name, e.g. "Ward 7 (Elderly care)".
    pub name: String,
    /// Kind of place.
    #[schema(value_type = SiteKindCode)]
    pub kind: String,
    /// Postcode; none for remote sites and service users' homes.
    pub postcode: Option<String>,
}

impl From<Site> for SiteView {
    fn from(s: Site) -> Self {
        Self {
            id: s.id.0,
            organisation_id: s.organisation_id.0,
            name: s.name,
            kind: s.kind.code().into(),
            postcode: s.postcode.map(|p| p.to_string()),
        }
    }
}

/// A volunteer role.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RoleView {
    /// Identifier.
    pub id: Uuid,
    /// Owning organisation.
    pub organisation_id: Uuid,
    /// Title, e.g. "Mealtime companion".
    pub title: String,
    /// One-line summary for lists.
    pub summary: String,
    /// Full description.
    pub description: String,
    /// Where the role is done.
    #[schema(value_type = SettingCode)]
    pub setting: String,
    /// What the volunteer does.
    pub activities: String,
    /// The sites where the role is done.
    pub site_ids: Vec<Uuid>,
    /// Time commitment in plain words.
    pub time_commitment: String,
    /// Youngest age at which someone can take the role (16 or 18).
    pub minimum_age: u32,
    /// The DBS check the role needs.
    #[schema(value_type = DbsLevelCode)]
    pub dbs_level: String,
    /// Draft, open or closed.
    #[schema(value_type = RoleStatusCode)]
    pub status: String,
    /// How the role complements, and does not replace, paid staff.
    pub non_substitution_statement: String,
}

impl From<Role> for RoleView {
    fn from(r: Role) -> Self {
        Self {
            id: r.id.0,
            organisation_id: r.organisation_id.0,
            title: r.title,
            summary: r.summary,
            description: r.description,
            setting: r.setting.code().into(),
            activities: r.activities,
            site_ids: r.site_ids.into_iter().map(|s| s.0).collect(),
            time_commitment: r.time_commitment,
            minimum_age: r.minimum_age,
            dbs_level: r.dbs_level.code().into(),
            status: r.status.code().into(),
            non_substitution_statement: r.non_substitution_statement,
        }
    }
}

/// A person's profile as an organisation sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    /// Identifier.
    pub id: Uuid,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// What they like to be called; empty when the given name is fine.
    pub preferred_name: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Home postcode.
    pub postcode: Option<String>,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Skills they bring.
    pub skills: Vec<String>,
    /// Interests.
    pub interests: Vec<String>,
    /// Access needs the organisation should know about.
    pub accessibility_needs: String,
}

impl From<Person> for PersonView {
    fn from(p: Person) -> Self {
        Self {
            id: p.id.0,
            given_name: p.given_name,
            family_name: p.family_name,
            preferred_name: p.preferred_name,
            email: p.email.to_string(),
            phone: p.phone.map(|p| p.as_str().to_owned()),
            date_of_birth: p.date_of_birth,
            postcode: p.postcode.map(|p| p.to_string()),
            languages: p.languages,
            skills: p.skills,
            interests: p.interests,
            accessibility_needs: p.accessibility_needs,
        }
    }
}

/// A person's engagement with the organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EngagementView {
    /// Identifier.
    pub id: Uuid,
    /// The organisation.
    pub organisation_id: Uuid,
    /// The person.
    pub person_id: Uuid,
    /// Where they are in their volunteering.
    #[schema(value_type = EngagementStatusCode)]
    pub status: String,
    /// When the engagement began.
    pub started_at: DateTime<Utc>,
    /// Why they left, once left.
    #[schema(value_type = Option<LeavingReasonCode>)]
    pub leaving_reason: Option<String>,
    /// Leaving details.
    pub leaving_note: String,
}

impl From<Engagement> for EngagementView {
    fn from(e: Engagement) -> Self {
        Self {
            id: e.id.0,
            organisation_id: e.organisation_id.0,
            person_id: e.person_id.0,
            status: e.status.code().into(),
            started_at: e.started_at,
            leaving_reason: e.leaving_reason.map(|r| r.code().into()),
            leaving_note: e.leaving_note,
        }
    }
}

/// One dated change of an engagement's status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EngagementEventView {
    /// Status before (none for the first).
    #[schema(value_type = Option<EngagementStatusCode>)]
    pub from: Option<String>,
    /// Status after.
    #[schema(value_type = EngagementStatusCode)]
    pub to: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who made the change, by name.
    pub by: String,
    /// Reason or note.
    pub note: String,
}

impl From<EngagementEvent> for EngagementEventView {
    fn from(e: EngagementEvent) -> Self {
        Self {
            from: e.from.map(|s| s.code().into()),
            to: e.to.code().into(),
            at: e.at,
            by: e.by,
            note: e.note,
        }
    }
}

/// One row of the volunteers list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerView {
    /// The person.
    pub person: PersonView,
    /// Their engagement here.
    pub engagement: EngagementView,
    /// Titles of the roles they applied to here.
    pub roles: Vec<String>,
}

impl From<VolunteerRow> for VolunteerView {
    fn from(r: VolunteerRow) -> Self {
        Self {
            person: r.person.into(),
            engagement: r.engagement.into(),
            roles: r.roles,
        }
    }
}

/// A page of the volunteers list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerPage {
    /// The volunteers on this page.
    pub items: Vec<VolunteerView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Volunteers in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl From<Page<VolunteerRow>> for VolunteerPage {
    fn from(p: Page<VolunteerRow>) -> Self {
        let pages = p.pages();
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
            pages,
        }
    }
}

/// Everything the organisation holds about one volunteer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VolunteerRecordView {
    /// Profile.
    pub person: PersonView,
    /// Engagement with this organisation.
    pub engagement: EngagementView,
    /// The engagement's dated history, oldest first.
    pub history: Vec<EngagementEventView>,
    /// Applications to this organisation's roles.
    pub applications: Vec<ApplicationView>,
}

impl From<VolunteerRecord> for VolunteerRecordView {
    fn from(r: VolunteerRecord) -> Self {
        Self {
            person: r.person.into(),
            engagement: r.engagement.into(),
            history: r.history.into_iter().map(Into::into).collect(),
            applications: r.applications.into_iter().map(Into::into).collect(),
        }
    }
}

/// An application to one of the organisation's roles.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationView {
    /// Identifier.
    pub id: Uuid,
    /// The organisation that owns the role.
    pub organisation_id: Uuid,
    /// The applicant.
    pub person_id: Uuid,
    /// The applicant's full name.
    pub person_name: String,
    /// Their engagement with the organisation.
    pub engagement_id: Uuid,
    /// The role applied for.
    pub role_id: Uuid,
    /// The role's title.
    pub role_title: String,
    /// Where the application has got to.
    #[schema(value_type = ApplicationStatusCode)]
    pub status: String,
    /// Why they want to volunteer, in their words.
    pub motivation: String,
    /// When they can volunteer, in their words.
    pub availability: String,
    /// When it was sent.
    pub submitted_at: DateTime<Utc>,
}

impl From<ApplicationRow> for ApplicationView {
    fn from(row: ApplicationRow) -> Self {
        let Application {
            id,
            organisation_id,
            person_id,
            engagement_id,
            role_id,
            status,
            motivation,
            availability,
            submitted_at,
        } = row.application;
        Self {
            id: id.0,
            organisation_id: organisation_id.0,
            person_id: person_id.0,
            person_name: row.person_name,
            engagement_id: engagement_id.0,
            role_id: role_id.0,
            role_title: row.role_title,
            status: status.code().into(),
            motivation,
            availability,
            submitted_at,
        }
    }
}

/// One dated step of an application's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationEventView {
    /// The status it moved to.
    #[schema(value_type = ApplicationStatusCode)]
    pub status: String,
    /// The note given.
    pub note: String,
    /// Who, by name.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<ApplicationEvent> for ApplicationEventView {
    fn from(e: ApplicationEvent) -> Self {
        Self {
            status: e.status.code().into(),
            note: e.note,
            by: e.by,
            at: e.at,
        }
    }
}

/// An application with its history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationDetail {
    /// The application.
    pub application: ApplicationView,
    /// Its dated history, oldest first.
    pub history: Vec<ApplicationEventView>,
}

impl From<(ApplicationRow, Vec<ApplicationEvent>)> for ApplicationDetail {
    fn from((row, events): (ApplicationRow, Vec<ApplicationEvent>)) -> Self {
        Self {
            application: row.into(),
            history: events.into_iter().map(Into::into).collect(),
        }
    }
}

/// A page of the applications list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationPage {
    /// The applications on this page, newest first.
    pub items: Vec<ApplicationView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Applications in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl From<Page<ApplicationRow>> for ApplicationPage {
    fn from(p: Page<ApplicationRow>) -> Self {
        let pages = p.pages();
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
            pages,
        }
    }
}

/// One page of a short list held in memory (sites, roles): the same shape as the other pages.
fn page_of<T, V: From<T>>(items: Vec<T>, paging: Paging) -> (Vec<V>, u32, u32, u64, u32) {
    let total = items.len() as u64;
    let per_page = paging.per_page.max(1);
    let pages = u32::try_from(total.div_ceil(u64::from(per_page)))
        .unwrap_or(u32::MAX)
        .max(1);
    let skip = usize::try_from(u64::from(paging.page.saturating_sub(1)) * u64::from(per_page))
        .unwrap_or(usize::MAX);
    let items = items
        .into_iter()
        .skip(skip)
        .take(per_page as usize)
        .map(V::from)
        .collect();
    (items, paging.page, per_page, total, pages)
}

/// A page number and size, checked.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// From 1.
    pub page: u32,
    /// 1 to 500.
    pub per_page: u32,
}

/// A page of the sites list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SitePage {
    /// The sites on this page, by name.
    pub items: Vec<SiteView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Sites in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl SitePage {
    /// The page of `sites` that `paging` asks for.
    pub fn of(sites: Vec<domain::site::Site>, paging: Paging) -> Self {
        let (items, page, per_page, total, pages) = page_of(sites, paging);
        Self {
            items,
            page,
            per_page,
            total,
            pages,
        }
    }
}

/// A page of the roles list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RolePage {
    /// The roles on this page, by title.
    pub items: Vec<RoleView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Roles in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl RolePage {
    /// The page of `roles` that `paging` asks for.
    pub fn of(roles: Vec<domain::role::Role>, paging: Paging) -> Self {
        let (items, page, per_page, total, pages) = page_of(roles, paging);
        Self {
            items,
            page,
            per_page,
            total,
            pages,
        }
    }
}
