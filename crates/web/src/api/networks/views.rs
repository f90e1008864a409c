//! What the network API answers with: networks, memberships and renewals, the member
//! directory, and benchmark rows. Closed lists are sent as their codes; money in pence.

use app::network_members::MemberView as Described;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::network::benchmark::{Comparison, Measure, Spread};
use domain::network::membership::{Member, MembershipType, NetworkMember, Renewal, Standing};
use domain::network::{Network, NetworkKind};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::views::code_schemas;

code_schemas!(
    /// The codes of [`NetworkKind`].
    NetworkKindCode: NetworkKind = "What sort of network it is.",
    /// The codes of [`MembershipType`].
    MembershipTypeCode: MembershipType = "Whether an organisation or a person is the member.",
    /// The codes of [`Standing`].
    StandingCode: Standing = "Where a membership stands today: active, renewal due (within 30 days), lapsed (the renewal date has passed) or ended.",
    /// The codes of [`Measure`].
    MeasureCode: Measure = "What a benchmark row measures.",
);

/// A network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkView {
    /// Identifier.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its short name, used in addresses.
    pub slug: String,
    /// What sort of network.
    #[schema(value_type = NetworkKindCode)]
    pub kind: &'static str,
    /// What it is for.
    pub description: String,
    /// Who to write to about membership.
    pub contact_email: Option<String>,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
}

impl From<&Network> for NetworkView {
    fn from(n: &Network) -> Self {
        Self {
            id: n.id.0,
            name: n.name.clone(),
            slug: n.slug.as_str().to_owned(),
            kind: n.kind.code(),
            description: n.description.clone(),
            contact_email: n.contact_email.as_ref().map(|e| e.as_str().to_owned()),
            created_at: n.created_at,
        }
    }
}

/// A current member who chose to be listed, as other members see them (no fees, no emails).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DirectoryEntry {
    /// The membership's id.
    pub id: Uuid,
    /// Organisation or individual.
    #[schema(value_type = MembershipTypeCode)]
    pub membership_type: &'static str,
    /// The member's name.
    pub name: String,
    /// The organisation, for an organisational member.
    pub organisation_id: Option<Uuid>,
    /// An individual's job title.
    pub job_title: String,
    /// Where an individual works.
    pub employer: String,
    /// What they would like other members to know.
    pub directory_note: String,
    /// When they joined.
    pub joined_on: NaiveDate,
}

impl From<&NetworkMember> for DirectoryEntry {
    fn from(m: &NetworkMember) -> Self {
        let (job_title, employer) = match &m.member {
            Member::Individual {
                job_title,
                employer,
                ..
            } => (job_title.clone(), employer.clone()),
            Member::Organisation { .. } => (String::new(), String::new()),
        };
        Self {
            id: m.id.0,
            membership_type: m.membership_type().code(),
            name: m.name().to_owned(),
            organisation_id: m.organisation_id().map(|o| o.0),
            job_title,
            employer,
            directory_note: m.directory_note.clone(),
            joined_on: m.joined_on,
        }
    }
}

/// A network with what the token's organisation may see of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkDetails {
    /// The network.
    pub network: NetworkView,
    /// Whether the token's person coordinates it.
    pub coordinator: bool,
    /// The coordinators' names.
    pub coordinators: Vec<String>,
    /// Current members who chose to be listed.
    pub directory: Vec<DirectoryEntry>,
}

/// A membership as coordinators see it, with fees and where it stands today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberView {
    /// Identifier.
    pub id: Uuid,
    /// Organisation or individual.
    #[schema(value_type = MembershipTypeCode)]
    pub membership_type: &'static str,
    /// The member's name.
    pub name: String,
    /// The organisation, for an organisational member.
    pub organisation_id: Option<Uuid>,
    /// An individual's Alongside account, once linked.
    pub person_id: Option<Uuid>,
    /// An individual's email.
    pub email: Option<String>,
    /// An individual's job title.
    pub job_title: String,
    /// Where an individual works.
    pub employer: String,
    /// When they joined.
    pub joined_on: NaiveDate,
    /// When the membership is next due for renewal, if it is renewed.
    pub renews_on: Option<NaiveDate>,
    /// The yearly fee recorded, in pence.
    pub annual_fee_pence: Option<i64>,
    /// When they left, if they have.
    pub ended_on: Option<NaiveDate>,
    /// Where the membership stands today.
    #[schema(value_type = StandingCode)]
    pub standing: &'static str,
    /// Listed in the member directory.
    pub in_directory: bool,
    /// What they would like other members to know.
    pub directory_note: String,
}

impl MemberView {
    /// The view of a membership standing as `standing`.
    pub fn new(m: &NetworkMember, standing: Standing) -> Self {
        let (email, job_title, employer) = match &m.member {
            Member::Individual {
                email,
                job_title,
                employer,
                ..
            } => (
                Some(email.as_str().to_owned()),
                job_title.clone(),
                employer.clone(),
            ),
            Member::Organisation { .. } => (None, String::new(), String::new()),
        };
        Self {
            id: m.id.0,
            membership_type: m.membership_type().code(),
            name: m.name().to_owned(),
            organisation_id: m.organisation_id().map(|o| o.0),
            person_id: m.person_id().map(|p| p.0),
            email,
            job_title,
            employer,
            joined_on: m.joined_on,
            renews_on: m.renews_on,
            annual_fee_pence: m.annual_fee.map(|p| p.0),
            ended_on: m.ended_on,
            standing: standing.code(),
            in_directory: m.in_directory,
            directory_note: m.directory_note.clone(),
        }
    }
}

impl From<&Described> for MemberView {
    fn from(v: &Described) -> Self {
        Self::new(&v.member, v.standing)
    }
}

/// A renewal recorded for a membership.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RenewalView {
    /// The membership.
    pub member_id: Uuid,
    /// The day it was paid or agreed.
    pub paid_on: NaiveDate,
    /// What was paid, in pence.
    pub amount_pence: i64,
    /// The renewal date before.
    pub previous_renews_on: Option<NaiveDate>,
    /// The renewal date after: a year on.
    pub renews_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: String,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

impl From<&Renewal> for RenewalView {
    fn from(r: &Renewal) -> Self {
        Self {
            member_id: r.member_id.0,
            paid_on: r.paid_on,
            amount_pence: r.amount.0,
            previous_renews_on: r.previous_renews_on,
            renews_on: r.renews_on,
            recorded_by: r.recorded_by.clone(),
            recorded_at: r.recorded_at,
        }
    }
}

/// The network's spread on one measure.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct SpreadView {
    /// Lower quartile.
    pub lower_quartile: f64,
    /// Median.
    pub median: f64,
    /// Upper quartile.
    pub upper_quartile: f64,
    /// How many members it was built from (at least five).
    pub organisations: usize,
}

impl From<Spread> for SpreadView {
    fn from(s: Spread) -> Self {
        Self {
            lower_quartile: s.lower_quartile,
            median: s.median,
            upper_quartile: s.upper_quartile,
            organisations: s.organisations,
        }
    }
}

/// One row of the organisation's benchmark: its own figure beside the network's spread.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BenchmarkRow {
    /// The measure.
    #[schema(value_type = MeasureCode)]
    pub measure: &'static str,
    /// The measure in words.
    pub label: &'static str,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
    /// The organisation's own figure; withheld (null) when it rests on fewer than ten people.
    pub own: Option<f64>,
    /// People behind the organisation's own figure.
    pub own_people: usize,
    /// The network's spread; withheld (null) when fewer than five members' figures count.
    pub network: Option<SpreadView>,
    /// Members whose figures counted.
    pub organisations_counted: usize,
}

impl From<&Comparison> for BenchmarkRow {
    fn from(c: &Comparison) -> Self {
        Self {
            measure: c.measure.code(),
            label: c.measure.label(),
            higher_is_better: c.measure.higher_is_better(),
            own: c.own,
            own_people: c.own_people,
            network: c.network.map(Into::into),
            organisations_counted: c.organisations_counted,
        }
    }
}
