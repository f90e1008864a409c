//! Rows of networks, memberships, the role library, agreements and the passport as the database
//! returns them, and their conversion into domain types.

use app::StoreError;
use app::ports::{RoleListing, VolunteerReferral};
use chrono::{DateTime, NaiveDate, Utc};
use domain::expenses::Pence;
use domain::ids::*;
use domain::network::Network;
use domain::network::membership::{Member, NetworkMember, Renewal};
use domain::network::recognition::{PassportConsent, Recognition};
use domain::network::role_template::{RoleTemplate, TemplateIndicator};
use domain::values::{Email, Slug};
use uuid::Uuid;

use crate::rows::{code, list, opt_value, value};

/// The columns of `networks`, in [`NetworkRow`]'s order.
pub(crate) const NETWORK_COLUMNS: &str =
    "id, name, slug, kind, description, contact_email, created_at";

/// A `networks` row.
#[derive(sqlx::FromRow)]
pub(crate) struct NetworkRow {
    id: Uuid,
    name: String,
    slug: String,
    kind: String,
    description: String,
    contact_email: Option<String>,
    created_at: DateTime<Utc>,
}

impl NetworkRow {
    pub(crate) fn into_domain(self) -> Result<Network, StoreError> {
        Ok(Network {
            id: NetworkId(self.id),
            name: self.name,
            slug: value(Slug::parse(&self.slug))?,
            kind: code(&self.kind)?,
            description: self.description,
            contact_email: opt_value(self.contact_email, Email::parse)?,
            created_at: self.created_at,
        })
    }
}

/// The columns of `network_members`, in [`MemberRow`]'s order.
pub(crate) const MEMBER_COLUMNS: &str = "network_id, id, organisation_id, person_id, name, email, \
    job_title, employer, joined_on, renews_on, annual_fee_pence, ended_on, in_directory, directory_note";

/// A `network_members` row.
#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    network_id: Uuid,
    id: Uuid,
    organisation_id: Option<Uuid>,
    person_id: Option<Uuid>,
    name: String,
    email: Option<String>,
    job_title: String,
    employer: String,
    joined_on: NaiveDate,
    renews_on: Option<NaiveDate>,
    annual_fee_pence: Option<i64>,
    ended_on: Option<NaiveDate>,
    in_directory: bool,
    directory_note: String,
}

impl MemberRow {
    pub(crate) fn into_domain(self) -> Result<NetworkMember, StoreError> {
        let member = match (self.organisation_id, self.email) {
            (Some(org), _) => Member::Organisation {
                organisation_id: OrganisationId(org),
                name: self.name,
            },
            (None, Some(email)) => Member::Individual {
                person_id: self.person_id.map(PersonId),
                name: self.name,
                email: value(Email::parse(&email))?,
                job_title: self.job_title,
                employer: self.employer,
            },
            (None, None) => {
                return Err(StoreError::Other(
                    "a network member with neither organisation nor email".into(),
                ));
            }
        };
        Ok(NetworkMember {
            id: NetworkMemberId(self.id),
            network_id: NetworkId(self.network_id),
            member,
            joined_on: self.joined_on,
            renews_on: self.renews_on,
            annual_fee: self.annual_fee_pence.map(Pence),
            ended_on: self.ended_on,
            in_directory: self.in_directory,
            directory_note: self.directory_note,
        })
    }
}

/// A `network_renewals` row.
#[derive(sqlx::FromRow)]
pub(crate) struct RenewalRow {
    member_id: Uuid,
    paid_on: NaiveDate,
    amount_pence: i64,
    previous_renews_on: Option<NaiveDate>,
    renews_on: NaiveDate,
    recorded_by: String,
    recorded_at: DateTime<Utc>,
}

impl RenewalRow {
    pub(crate) fn into_domain(self) -> Renewal {
        Renewal {
            member_id: NetworkMemberId(self.member_id),
            paid_on: self.paid_on,
            amount: Pence(self.amount_pence),
            previous_renews_on: self.previous_renews_on,
            renews_on: self.renews_on,
            recorded_by: self.recorded_by,
            recorded_at: self.recorded_at,
        }
    }
}

/// The columns of `role_templates`, in [`TemplateRow`]'s order.
pub(crate) const TEMPLATE_COLUMNS: &str = "t.network_id, t.id, t.title, t.summary, t.description, \
    t.setting, t.activities, t.time_commitment, t.minimum_age, t.dbs_level, t.dbs_workforce, \
    t.references_required, t.requirement_codes, t.non_substitution_statement, t.indicators, \
    t.source_organisation_id, t.source_name, t.published_at, t.updated_at, t.withdrawn_at";

/// A `role_templates` row.
#[derive(sqlx::FromRow)]
pub(crate) struct TemplateRow {
    network_id: Uuid,
    id: Uuid,
    title: String,
    summary: String,
    description: String,
    setting: String,
    activities: String,
    time_commitment: String,
    minimum_age: i32,
    dbs_level: String,
    dbs_workforce: Option<String>,
    references_required: i32,
    requirement_codes: String,
    non_substitution_statement: String,
    indicators: String,
    source_organisation_id: Option<Uuid>,
    source_name: String,
    published_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    withdrawn_at: Option<DateTime<Utc>>,
}

/// Indicators are kept as JSON: a short list of small records.
pub(crate) fn indicators_json(indicators: &[TemplateIndicator]) -> String {
    serde_json::to_string(indicators).unwrap_or_else(|_| "[]".into())
}

impl TemplateRow {
    pub(crate) fn into_domain(self) -> Result<RoleTemplate, StoreError> {
        Ok(RoleTemplate {
            id: RoleTemplateId(self.id),
            network_id: NetworkId(self.network_id),
            title: self.title,
            summary: self.summary,
            description: self.description,
            setting: code(&self.setting)?,
            activities: self.activities,
            time_commitment: self.time_commitment,
            minimum_age: u32::try_from(self.minimum_age).unwrap_or(18),
            dbs_level: code(&self.dbs_level)?,
            dbs_workforce: self.dbs_workforce.as_deref().map(code).transpose()?,
            references_required: u32::try_from(self.references_required).unwrap_or(0),
            requirement_codes: list(&self.requirement_codes),
            non_substitution_statement: self.non_substitution_statement,
            indicators: serde_json::from_str(&self.indicators)
                .map_err(|e| StoreError::Other(format!("stored indicators unreadable: {e}")))?,
            source_organisation_id: self.source_organisation_id.map(OrganisationId),
            source_name: self.source_name,
            published_at: self.published_at,
            updated_at: self.updated_at,
            withdrawn_at: self.withdrawn_at,
        })
    }
}

/// The columns of `passport_consents`, in [`ConsentRow`]'s order.
pub(crate) const CONSENT_COLUMNS: &str =
    "id, person_id, from_organisation_id, to_organisation_id, granted_at, revoked_at";

/// A `passport_consents` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ConsentRow {
    id: Uuid,
    person_id: Uuid,
    from_organisation_id: Uuid,
    to_organisation_id: Uuid,
    granted_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl ConsentRow {
    pub(crate) fn into_domain(self) -> PassportConsent {
        PassportConsent {
            id: PassportConsentId(self.id),
            person_id: PersonId(self.person_id),
            from_organisation_id: OrganisationId(self.from_organisation_id),
            to_organisation_id: OrganisationId(self.to_organisation_id),
            granted_at: self.granted_at,
            revoked_at: self.revoked_at,
        }
    }
}

/// The columns of `check_recognitions`, in [`RecognitionRow`]'s order.
pub(crate) const RECOGNITION_COLUMNS: &str = "organisation_id, check_id, from_organisation_id, \
    from_organisation_name, source_check_id, agreement_id, consent_id, verified_on, recognised_at";

/// A `check_recognitions` row.
#[derive(sqlx::FromRow)]
pub(crate) struct RecognitionRow {
    organisation_id: Uuid,
    check_id: Uuid,
    from_organisation_id: Uuid,
    from_organisation_name: String,
    source_check_id: Uuid,
    agreement_id: Uuid,
    consent_id: Uuid,
    verified_on: NaiveDate,
    recognised_at: DateTime<Utc>,
}

impl RecognitionRow {
    pub(crate) fn into_domain(self) -> Recognition {
        Recognition {
            organisation_id: OrganisationId(self.organisation_id),
            check_id: CheckId(self.check_id),
            from_organisation_id: OrganisationId(self.from_organisation_id),
            from_organisation_name: self.from_organisation_name,
            source_check_id: CheckId(self.source_check_id),
            agreement_id: AgreementId(self.agreement_id),
            consent_id: PassportConsentId(self.consent_id),
            verified_on: self.verified_on,
            recognised_at: self.recognised_at,
        }
    }
}

/// A `network_role_listings` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ListingRow {
    organisation_id: Uuid,
    role_id: Uuid,
    network_id: Uuid,
    listed_at: DateTime<Utc>,
}

impl ListingRow {
    pub(crate) fn into_domain(self) -> RoleListing {
        RoleListing {
            organisation_id: OrganisationId(self.organisation_id),
            role_id: RoleId(self.role_id),
            network_id: NetworkId(self.network_id),
            listed_at: self.listed_at,
        }
    }
}

/// The columns of `volunteer_referrals`, in [`VolunteerReferralRow`]'s order.
pub(crate) const VOLUNTEER_REFERRAL_COLUMNS: &str = "id, network_id, from_organisation_id, \
    to_organisation_id, person_id, role_id, application_id, note, consent_on, referred_by, created_at";

/// A `volunteer_referrals` row.
#[derive(sqlx::FromRow)]
pub(crate) struct VolunteerReferralRow {
    id: Uuid,
    network_id: Uuid,
    from_organisation_id: Uuid,
    to_organisation_id: Uuid,
    person_id: Uuid,
    role_id: Uuid,
    application_id: Option<Uuid>,
    note: String,
    consent_on: NaiveDate,
    referred_by: String,
    created_at: DateTime<Utc>,
}

impl VolunteerReferralRow {
    pub(crate) fn into_domain(self) -> VolunteerReferral {
        VolunteerReferral {
            id: VolunteerReferralId(self.id),
            network_id: NetworkId(self.network_id),
            from_organisation_id: OrganisationId(self.from_organisation_id),
            to_organisation_id: OrganisationId(self.to_organisation_id),
            person_id: PersonId(self.person_id),
            role_id: RoleId(self.role_id),
            application_id: self.application_id.map(ApplicationId),
            note: self.note,
            consent_on: self.consent_on,
            referred_by: self.referred_by,
            created_at: self.created_at,
        }
    }
}
