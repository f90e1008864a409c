//! Compliance rows as the database returns them, and their conversion into domain types.

use app::StoreError;
use app::ports::{ExpiringCheck, Job, OnboardingTimes, PlacementRow};
use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::reference::{ReferenceReply, ReferenceRequest};
use domain::compliance::{Check, DbsEvidence, Placement, RequirementType};
use domain::ids::*;
use domain::values::Email;
use uuid::Uuid;

use crate::rows::code;

/// Columns of [`CheckRow`], from `checks c JOIN requirement_types t`.
pub(crate) const CHECK_COLUMNS: &str = "c.organisation_id, c.id, c.person_id, c.requirement_type_id, t.kind, t.name, \
     c.status, c.issued_on, c.expires_on, c.reference, c.note, c.waiver_reason, c.waived_until, c.submitted_at, \
     c.submitted_by, c.decided_at, c.decided_by, c.dbs_level, c.dbs_workforce, c.dbs_certificate_number, \
     c.dbs_outcome, c.dbs_update_service, c.dbs_status_checked_on, c.dbs_details_removed_at, c.verified_through";

/// The join that gives a check its kind and name.
pub(crate) const CHECK_FROM: &str = "FROM checks c JOIN requirement_types t \
     ON t.organisation_id = c.organisation_id AND t.id = c.requirement_type_id";

/// Columns of [`PlacementDbRow`], from `placements pl JOIN roles r JOIN people p JOIN organisations o`.
pub(crate) const PLACEMENT_SELECT: &str = "SELECT pl.organisation_id, pl.id, pl.person_id, pl.role_id, pl.application_id, \
     pl.status, pl.applied_at, pl.accepted_at, pl.activated_at, pl.ended_at, r.title AS role_title, \
     p.given_name, p.family_name, p.date_of_birth, o.name AS organisation_name, o.slug AS organisation_slug \
     FROM placements pl \
     JOIN roles r ON r.organisation_id = pl.organisation_id AND r.id = pl.role_id \
     JOIN people p ON p.id = pl.person_id \
     JOIN organisations o ON o.id = pl.organisation_id ";

fn other(e: impl ToString) -> StoreError {
    StoreError::Other(e.to_string())
}

#[derive(sqlx::FromRow)]
pub(crate) struct RequirementTypeRow {
    organisation_id: Uuid,
    id: Uuid,
    code: String,
    kind: String,
    name: String,
    description: String,
    framework: Option<String>,
    validity_months: Option<i32>,
    built_in: bool,
}

impl RequirementTypeRow {
    pub(crate) fn into_domain(self) -> Result<RequirementType, StoreError> {
        Ok(RequirementType {
            id: RequirementTypeId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            code: self.code,
            kind: code(&self.kind)?,
            name: self.name,
            description: self.description,
            framework: self.framework.as_deref().map(code).transpose()?,
            validity_months: self
                .validity_months
                .map(u32::try_from)
                .transpose()
                .map_err(other)?,
            built_in: self.built_in,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CheckRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    requirement_type_id: Uuid,
    kind: String,
    name: String,
    status: String,
    issued_on: Option<NaiveDate>,
    expires_on: Option<NaiveDate>,
    reference: String,
    note: String,
    waiver_reason: String,
    waived_until: Option<NaiveDate>,
    submitted_at: Option<DateTime<Utc>>,
    submitted_by: String,
    decided_at: Option<DateTime<Utc>>,
    decided_by: String,
    dbs_level: Option<String>,
    dbs_workforce: Option<String>,
    dbs_certificate_number: Option<String>,
    dbs_outcome: Option<String>,
    dbs_update_service: bool,
    dbs_status_checked_on: Option<NaiveDate>,
    dbs_details_removed_at: Option<DateTime<Utc>>,
    verified_through: Option<NaiveDate>,
}

impl CheckRow {
    pub(crate) fn into_domain(self) -> Result<Check, StoreError> {
        let dbs = match self.dbs_level.as_deref() {
            None => None,
            Some(level) => Some(DbsEvidence {
                level: code(level)?,
                workforce: self.dbs_workforce.as_deref().map(code).transpose()?,
                certificate_number: self.dbs_certificate_number,
                outcome: self.dbs_outcome.as_deref().map(code).transpose()?,
                update_service: self.dbs_update_service,
                status_checked_on: self.dbs_status_checked_on,
                details_removed_at: self.dbs_details_removed_at,
            }),
        };
        Ok(Check {
            id: CheckId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            requirement_type_id: RequirementTypeId(self.requirement_type_id),
            kind: code(&self.kind)?,
            name: self.name,
            status: code(&self.status)?,
            issued_on: self.issued_on,
            expires_on: self.expires_on,
            reference: self.reference,
            note: self.note,
            waiver_reason: self.waiver_reason,
            waived_until: self.waived_until,
            submitted_at: self.submitted_at,
            submitted_by: self.submitted_by,
            decided_at: self.decided_at,
            decided_by: self.decided_by,
            dbs,
            verified_through: self.verified_through,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ExpiringRow {
    #[sqlx(flatten)]
    check: CheckRow,
    given_name: String,
    family_name: String,
    email: String,
}

impl ExpiringRow {
    pub(crate) fn into_domain(self) -> Result<ExpiringCheck, StoreError> {
        Ok(ExpiringCheck {
            check: self.check.into_domain()?,
            person_name: format!("{} {}", self.given_name, self.family_name),
            person_email: self.email,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PlacementDbRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    role_id: Uuid,
    application_id: Option<Uuid>,
    status: String,
    applied_at: DateTime<Utc>,
    accepted_at: DateTime<Utc>,
    activated_at: Option<DateTime<Utc>>,
    ended_at: Option<DateTime<Utc>>,
    role_title: String,
    given_name: String,
    family_name: String,
    date_of_birth: Option<NaiveDate>,
    organisation_name: String,
    organisation_slug: String,
}

impl PlacementDbRow {
    pub(crate) fn into_domain(self) -> Result<PlacementRow, StoreError> {
        Ok(PlacementRow {
            placement: Placement {
                id: PlacementId(self.id),
                organisation_id: OrganisationId(self.organisation_id),
                person_id: PersonId(self.person_id),
                role_id: RoleId(self.role_id),
                application_id: self.application_id.map(ApplicationId),
                status: code(&self.status)?,
                applied_at: self.applied_at,
                accepted_at: self.accepted_at,
                activated_at: self.activated_at,
                ended_at: self.ended_at,
            },
            role_title: self.role_title,
            person_name: format!("{} {}", self.given_name, self.family_name),
            person_date_of_birth: self.date_of_birth,
            organisation_name: self.organisation_name,
            organisation_slug: self.organisation_slug,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OnboardingTimesRow {
    role_id: Uuid,
    role_title: String,
    applied_at: DateTime<Utc>,
    accepted_at: DateTime<Utc>,
    checks_done_at: Option<DateTime<Utc>>,
    activated_at: DateTime<Utc>,
    passport: bool,
}

impl From<OnboardingTimesRow> for OnboardingTimes {
    fn from(r: OnboardingTimesRow) -> Self {
        Self {
            role_id: RoleId(r.role_id),
            role_title: r.role_title,
            applied_at: r.applied_at,
            accepted_at: r.accepted_at,
            checks_done_at: r.checks_done_at,
            activated_at: r.activated_at,
            passport: r.passport,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReferenceRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    check_id: Uuid,
    referee_name: String,
    referee_email: String,
    relationship: String,
    requested_at: DateTime<Utc>,
    known_for: Option<String>,
    suitability: Option<String>,
    recommends: Option<bool>,
    received_at: Option<DateTime<Utc>>,
}

/// Columns of [`ReferenceRow`] from `reference_requests rr`.
pub(crate) const REFERENCE_COLUMNS: &str = "rr.organisation_id, rr.id, rr.person_id, rr.check_id, rr.referee_name, \
     rr.referee_email, rr.relationship, rr.requested_at, rr.known_for, rr.suitability, rr.recommends, rr.received_at";

impl ReferenceRow {
    pub(crate) fn into_domain(self) -> Result<ReferenceRequest, StoreError> {
        let reply = match (self.received_at, self.recommends) {
            (Some(received_at), Some(recommends)) => Some(ReferenceReply {
                known_for: self.known_for.unwrap_or_default(),
                suitability: self.suitability.unwrap_or_default(),
                recommends,
                received_at,
            }),
            _ => None,
        };
        Ok(ReferenceRequest {
            id: ReferenceRequestId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            check_id: CheckId(self.check_id),
            referee_name: self.referee_name,
            referee_email: Email::parse(&self.referee_email).map_err(other)?,
            relationship: self.relationship,
            requested_at: self.requested_at,
            reply,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct JobRow {
    id: Uuid,
    kind: String,
    dedupe_key: String,
    organisation_id: Option<Uuid>,
    payload: String,
    run_at: DateTime<Utc>,
    attempts: i32,
}

/// Columns of [`JobRow`].
pub(crate) const JOB_COLUMNS: &str =
    "id, kind, dedupe_key, organisation_id, payload, run_at, attempts";

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Self {
        Self {
            id: JobId(r.id),
            kind: r.kind,
            dedupe_key: r.dedupe_key,
            organisation_id: r.organisation_id.map(OrganisationId),
            payload: r.payload,
            run_at: r.run_at,
            attempts: r.attempts,
        }
    }
}
