//! Rows of the triangle of support as the database returns them, and their conversion into
//! domain types.

use app::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::support::{Consent, Contact, Days, Match, MatchProfile, Referral, SupportedPerson};
use domain::values::{Email, Phone, Postcode};
use uuid::Uuid;

use crate::rows::{code, list, opt_value};

/// The columns of `supported_people`, in [`PersonRow`]'s order.
pub(crate) const PERSON_COLUMNS: &str = "organisation_id, id, person_id, given_name, family_name, email, phone, \
    address, postcode, date_of_birth, age_band, language, communication_needs, access_needs, \
    volunteer_gender, interests, days, consent_to_support_on, consent_to_support_method, \
    consent_to_data_on, consent_to_data_method, status, closure_reason, created_at";

/// A `supported_people` row.
#[derive(sqlx::FromRow)]
pub(crate) struct PersonRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Option<Uuid>,
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    address: String,
    postcode: Option<String>,
    date_of_birth: Option<NaiveDate>,
    age_band: String,
    language: String,
    communication_needs: String,
    access_needs: String,
    volunteer_gender: Option<String>,
    interests: String,
    days: i32,
    consent_to_support_on: Option<NaiveDate>,
    consent_to_support_method: Option<String>,
    consent_to_data_on: Option<NaiveDate>,
    consent_to_data_method: Option<String>,
    status: Option<String>,
    closure_reason: String,
    created_at: DateTime<Utc>,
}

fn consent(on: Option<NaiveDate>, method: Option<String>) -> Result<Option<Consent>, StoreError> {
    match (on, method) {
        (Some(given_on), Some(m)) => Ok(Some(Consent {
            given_on,
            method: code(&m)?,
        })),
        _ => Ok(None),
    }
}

impl PersonRow {
    pub(crate) fn into_domain(self) -> Result<SupportedPerson, StoreError> {
        Ok(SupportedPerson {
            id: SupportedPersonId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: self.person_id.map(PersonId),
            given_name: self.given_name,
            family_name: self.family_name,
            email: opt_value(self.email, Email::parse)?,
            phone: opt_value(self.phone, Phone::parse)?,
            address: self.address,
            postcode: opt_value(self.postcode, Postcode::parse)?,
            date_of_birth: self.date_of_birth,
            age_band: self.age_band,
            language: self.language,
            communication_needs: self.communication_needs,
            access_needs: self.access_needs,
            volunteer_gender: self.volunteer_gender.as_deref().map(code).transpose()?,
            interests: list(&self.interests),
            days: Days::from_bits(i64::from(self.days)),
            consent_to_support: consent(
                self.consent_to_support_on,
                self.consent_to_support_method,
            )?,
            consent_to_data: consent(self.consent_to_data_on, self.consent_to_data_method)?,
            status: self.status.as_deref().map(code).transpose()?,
            closure_reason: self.closure_reason,
            created_at: self.created_at,
        })
    }
}

/// The columns of `referrals`, in [`ReferralRow`]'s order.
pub(crate) const REFERRAL_COLUMNS: &str = "organisation_id, id, supported_person_id, source, referrer_name, \
    referrer_email, referred_by, partner_organisation_id, support_type, urgency, need, received_at, \
    status, decision_note, decided_at, decided_by";

/// A `referrals` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ReferralRow {
    organisation_id: Uuid,
    id: Uuid,
    supported_person_id: Uuid,
    source: String,
    referrer_name: String,
    referrer_email: Option<String>,
    referred_by: Option<Uuid>,
    partner_organisation_id: Option<Uuid>,
    support_type: String,
    urgency: String,
    need: String,
    received_at: DateTime<Utc>,
    status: String,
    decision_note: String,
    decided_at: Option<DateTime<Utc>>,
    decided_by: Option<Uuid>,
}

impl ReferralRow {
    pub(crate) fn into_domain(self) -> Result<Referral, StoreError> {
        Ok(Referral {
            id: ReferralId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            supported_person_id: SupportedPersonId(self.supported_person_id),
            source: code(&self.source)?,
            referrer_name: self.referrer_name,
            referrer_email: opt_value(self.referrer_email, Email::parse)?,
            referred_by: self.referred_by.map(PersonId),
            partner_organisation_id: self.partner_organisation_id.map(OrganisationId),
            support_type: code(&self.support_type)?,
            urgency: code(&self.urgency)?,
            need: self.need,
            received_at: self.received_at,
            status: code(&self.status)?,
            decision_note: self.decision_note,
            decided_at: self.decided_at,
            decided_by: self.decided_by.map(PersonId),
        })
    }
}

/// The columns of `match_profiles`.
pub(crate) const PROFILE_COLUMNS: &str =
    "organisation_id, person_id, capacity, travel_miles, days, gender, support_types";

/// A `match_profiles` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    organisation_id: Uuid,
    person_id: Uuid,
    capacity: i32,
    travel_miles: i32,
    days: i32,
    gender: Option<String>,
    support_types: String,
}

fn count(n: i32, what: &str) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Other(format!("a stored {what} is not valid")))
}

impl ProfileRow {
    pub(crate) fn into_domain(self) -> Result<MatchProfile, StoreError> {
        Ok(MatchProfile {
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            capacity: count(self.capacity, "capacity")?,
            travel_miles: count(self.travel_miles, "travel distance")?,
            days: Days::from_bits(i64::from(self.days)),
            gender: self.gender.as_deref().map(code).transpose()?,
            support_types: list(&self.support_types)
                .iter()
                .map(|c| code(c))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// The columns of `matches`, in [`MatchRow`]'s order.
pub(crate) const MATCH_COLUMNS: &str = "organisation_id, id, supported_person_id, volunteer_id, role_id, \
    support_type, status, fit_score, reasons, contact_every_days, proposed_at, updated_at, started_on, end_reason";

/// A `matches` row.
#[derive(sqlx::FromRow)]
pub(crate) struct MatchRow {
    organisation_id: Uuid,
    id: Uuid,
    supported_person_id: Uuid,
    volunteer_id: Uuid,
    role_id: Uuid,
    support_type: String,
    status: String,
    fit_score: i32,
    reasons: String,
    contact_every_days: i32,
    proposed_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    started_on: Option<NaiveDate>,
    end_reason: String,
}

impl MatchRow {
    pub(crate) fn into_domain(self) -> Result<Match, StoreError> {
        Ok(Match {
            id: MatchId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            supported_person_id: SupportedPersonId(self.supported_person_id),
            volunteer_id: PersonId(self.volunteer_id),
            role_id: RoleId(self.role_id),
            support_type: code(&self.support_type)?,
            status: code(&self.status)?,
            fit_score: i64::from(self.fit_score),
            reasons: self.reasons,
            contact_every_days: count(self.contact_every_days, "contact frequency")?,
            proposed_at: self.proposed_at,
            updated_at: self.updated_at,
            started_on: self.started_on,
            end_reason: self.end_reason,
        })
    }
}

/// The columns of `contacts`, in [`ContactRow`]'s order.
pub(crate) const CONTACT_COLUMNS: &str = "organisation_id, id, match_id, supported_person_id, volunteer_id, \
    on_date, minutes, kind, note, concerns, logged_by, logged_at";

/// A `contacts` row.
#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    organisation_id: Uuid,
    id: Uuid,
    match_id: Uuid,
    supported_person_id: Uuid,
    volunteer_id: Uuid,
    on_date: NaiveDate,
    minutes: i32,
    kind: String,
    note: String,
    concerns: bool,
    logged_by: Uuid,
    logged_at: DateTime<Utc>,
}

impl ContactRow {
    pub(crate) fn into_domain(self) -> Result<Contact, StoreError> {
        Ok(Contact {
            id: ContactId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            match_id: MatchId(self.match_id),
            supported_person_id: SupportedPersonId(self.supported_person_id),
            volunteer_id: PersonId(self.volunteer_id),
            on: self.on_date,
            minutes: count(self.minutes, "contact length")?,
            kind: code(&self.kind)?,
            note: self.note,
            concerns: self.concerns,
            logged_by: PersonId(self.logged_by),
            logged_at: self.logged_at,
        })
    }
}
