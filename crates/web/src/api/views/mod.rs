//! What the API answers with: JSON views of domain records, each with an OpenAPI schema.
//! Closed lists (statuses, kinds) are sent as their stable codes. Nothing secret is exposed.

use std::borrow::Cow;

use app::people::VolunteerRecord;
use app::ports::{ApplicationEvent, ApplicationRow, Page, VolunteerRow};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::application::{Application, ApplicationStatus};
use domain::compliance::{
    CheckKind, CheckStatus, DbsOutcome, Framework, PlacementStatus, Workforce,
};
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
pub(crate) fn codes<T: Labelled>(description: &str) -> Object {
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

        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                $crate::api::views::codes::<$list>($description).into()
            }
        }

        impl ::utoipa::ToSchema for $name {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($list))
            }
        }
    )*};
}
pub(crate) use code_schemas;

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
    /// The codes of [`CheckKind`].
    CheckKindCode: CheckKind = "What kind of check or training an item is.",
    /// The codes of [`CheckStatus`].
    CheckStatusCode: CheckStatus = "Where a check or training item has got to: to do (pending), waiting for us to verify (submitted), verified, not passed (failed) or waived.",
    /// The codes of [`Framework`].
    FrameworkCode: Framework = "The training framework a module comes from.",
    /// The codes of [`Workforce`].
    WorkforceCode: Workforce = "The workforce a DBS check is for.",
    /// The codes of [`DbsOutcome`].
    DbsOutcomeCode: DbsOutcome = "What a DBS certificate showed.",
    /// The codes of [`PlacementStatus`].
    PlacementStatusCode: PlacementStatus = "Where a person is in one role.",
);

// First, so that its `page_view!` macro can be used by the modules after it.
#[macro_use]
mod pages;

mod applications;
mod compliance;
mod onboarding;
mod organisation;
mod people;
mod shifts;
mod support;

pub use applications::*;
pub use compliance::*;
pub use onboarding::*;
pub use organisation::*;
pub use pages::*;
pub use people::*;
pub use shifts::*;
pub use support::*;
