//! Rows as the database returns them, and their conversion into domain types. Stored values were
//! validated on the way in; a value that no longer parses is reported, never guessed at.

use app::StoreError;
use app::ports::{ApplicationEvent, OutboxMessage, Session};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::application::{Application, ApplicationStatus};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::ids::*;
use domain::organisation::{Organisation, OrganisationKind, Sector};
use domain::person::Person;
use domain::role::{DbsLevel, Role, RoleStatus, Setting};
use domain::site::{Site, SiteKind};
use domain::staff::{Permission, StaffMember};
use domain::values::{CharityNumber, Email, InvalidValue, OdsCode, Phone, Postcode, Slug};
use uuid::Uuid;

pub(crate) fn value<T>(r: Result<T, InvalidValue>) -> Result<T, StoreError> {
    r.map_err(|e| StoreError::Other(format!("stored value no longer valid: {e}")))
}

pub(crate) fn opt_value<T>(
    v: Option<String>,
    parse: fn(&str) -> Result<T, InvalidValue>,
) -> Result<Option<T>, StoreError> {
    v.filter(|s| !s.is_empty())
        .map(|s| value(parse(&s)))
        .transpose()
}

pub(crate) fn code<T: Labelled>(c: &str) -> Result<T, StoreError> {
    T::from_code(c).ok_or_else(|| StoreError::Other(format!("unknown stored code {c:?}")))
}

/// Lists are stored one item per line.
pub(crate) fn list(v: &str) -> Vec<String> {
    v.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An API token's staff membership with its organisation, read in one join.
#[derive(sqlx::FromRow)]
pub(crate) struct TokenScopeRow {
    #[sqlx(flatten)]
    organisation: OrganisationRow,
    staff_id: Uuid,
    person_id: Uuid,
    permission: String,
    site_ids: String,
}

impl TokenScopeRow {
    pub(crate) fn into_domain(self) -> Result<(StaffMember, Organisation), StoreError> {
        let staff = StaffRow {
            organisation_id: self.organisation.id,
            id: self.staff_id,
            person_id: self.person_id,
            permission: self.permission,
            site_ids: self.site_ids,
        }
        .into_domain()?;
        Ok((staff, self.organisation.into_domain()?))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct OrganisationRow {
    id: Uuid,
    name: String,
    slug: String,
    sector: String,
    kind: String,
    ods_code: Option<String>,
    charity_number: Option<String>,
    address: String,
    postcode: String,
}

impl OrganisationRow {
    pub(crate) fn into_domain(self) -> Result<Organisation, StoreError> {
        Ok(Organisation {
            id: OrganisationId(self.id),
            name: self.name,
            slug: value(Slug::parse(&self.slug))?,
            sector: code::<Sector>(&self.sector)?,
            kind: code::<OrganisationKind>(&self.kind)?,
            ods_code: opt_value(self.ods_code, OdsCode::parse)?,
            charity_number: opt_value(self.charity_number, CharityNumber::parse)?,
            address: self.address,
            postcode: value(Postcode::parse(&self.postcode))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SiteRow {
    organisation_id: Uuid,
    id: Uuid,
    name: String,
    kind: String,
    postcode: Option<String>,
}

impl SiteRow {
    pub(crate) fn into_domain(self) -> Result<Site, StoreError> {
        Ok(Site {
            id: SiteId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            name: self.name,
            kind: code::<SiteKind>(&self.kind)?,
            postcode: opt_value(self.postcode, Postcode::parse)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PersonRow {
    id: Uuid,
    given_name: String,
    family_name: String,
    preferred_name: String,
    email: String,
    phone: Option<String>,
    date_of_birth: Option<NaiveDate>,
    postcode: Option<String>,
    languages: String,
    skills: String,
    interests: String,
    accessibility_needs: String,
    pub(crate) password_hash: Option<String>,
}

impl PersonRow {
    pub(crate) fn into_domain(self) -> Result<Person, StoreError> {
        Ok(Person {
            id: PersonId(self.id),
            given_name: self.given_name,
            family_name: self.family_name,
            preferred_name: self.preferred_name,
            email: value(Email::parse(&self.email))?,
            phone: opt_value(self.phone, Phone::parse)?,
            date_of_birth: self.date_of_birth,
            postcode: opt_value(self.postcode, Postcode::parse)?,
            languages: list(&self.languages),
            skills: list(&self.skills),
            interests: list(&self.interests),
            accessibility_needs: self.accessibility_needs,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoleRow {
    pub(crate) organisation_id: Uuid,
    pub(crate) id: Uuid,
    title: String,
    summary: String,
    description: String,
    setting: String,
    activities: String,
    time_commitment: String,
    minimum_age: i32,
    dbs_level: String,
    status: String,
    non_substitution_statement: String,
    dbs_workforce: Option<String>,
    references_required: i32,
    requirement_type_ids: String,
}

impl RoleRow {
    pub(crate) fn into_domain(self, site_ids: Vec<SiteId>) -> Result<Role, StoreError> {
        Ok(Role {
            id: RoleId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            title: self.title,
            summary: self.summary,
            description: self.description,
            setting: code::<Setting>(&self.setting)?,
            activities: self.activities,
            site_ids,
            time_commitment: self.time_commitment,
            minimum_age: u32::try_from(self.minimum_age)
                .map_err(|e| StoreError::Other(e.to_string()))?,
            dbs_level: code::<DbsLevel>(&self.dbs_level)?,
            status: code::<RoleStatus>(&self.status)?,
            non_substitution_statement: self.non_substitution_statement,
            dbs_workforce: self.dbs_workforce.as_deref().map(code).transpose()?,
            references_required: u32::try_from(self.references_required)
                .map_err(|e| StoreError::Other(e.to_string()))?,
            requirement_type_ids: list(&self.requirement_type_ids)
                .iter()
                .map(|s| s.parse().map(RequirementTypeId))
                .collect::<Result<_, _>>()
                .map_err(|e: uuid::Error| StoreError::Other(e.to_string()))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EngagementRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    status: String,
    started_at: DateTime<Utc>,
    leaving_reason: Option<String>,
    leaving_note: String,
}

impl EngagementRow {
    pub(crate) fn into_domain(self) -> Result<Engagement, StoreError> {
        Ok(Engagement {
            id: EngagementId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            status: code::<EngagementStatus>(&self.status)?,
            started_at: self.started_at,
            leaving_reason: self
                .leaving_reason
                .as_deref()
                .map(code::<LeavingReason>)
                .transpose()?,
            leaving_note: self.leaving_note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EngagementEventRow {
    from_status: Option<String>,
    to_status: String,
    at: DateTime<Utc>,
    by_name: String,
    note: String,
}

impl EngagementEventRow {
    pub(crate) fn into_domain(self) -> Result<EngagementEvent, StoreError> {
        Ok(EngagementEvent {
            from: self
                .from_status
                .as_deref()
                .map(code::<EngagementStatus>)
                .transpose()?,
            to: code::<EngagementStatus>(&self.to_status)?,
            at: self.at,
            by: self.by_name,
            note: self.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationRowDb {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    engagement_id: Uuid,
    role_id: Uuid,
    status: String,
    motivation: String,
    availability: String,
    submitted_at: DateTime<Utc>,
    role_title: String,
    given_name: String,
    family_name: String,
    organisation_name: String,
    organisation_slug: String,
}

impl ApplicationRowDb {
    pub(crate) fn into_domain(self) -> Result<app::ports::ApplicationRow, StoreError> {
        Ok(app::ports::ApplicationRow {
            application: Application {
                id: ApplicationId(self.id),
                organisation_id: OrganisationId(self.organisation_id),
                person_id: PersonId(self.person_id),
                engagement_id: EngagementId(self.engagement_id),
                role_id: RoleId(self.role_id),
                status: code::<ApplicationStatus>(&self.status)?,
                motivation: self.motivation,
                availability: self.availability,
                submitted_at: self.submitted_at,
            },
            role_title: self.role_title,
            person_name: format!("{} {}", self.given_name, self.family_name),
            organisation_name: self.organisation_name,
            organisation_slug: self.organisation_slug,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationEventRow {
    status: String,
    note: String,
    by_name: String,
    at: DateTime<Utc>,
}

impl ApplicationEventRow {
    pub(crate) fn into_domain(self) -> Result<ApplicationEvent, StoreError> {
        Ok(ApplicationEvent {
            status: code::<ApplicationStatus>(&self.status)?,
            note: self.note,
            by: self.by_name,
            at: self.at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct StaffRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    permission: String,
    site_ids: String,
}

impl StaffRow {
    pub(crate) fn into_domain(self) -> Result<StaffMember, StoreError> {
        let site_ids = list(&self.site_ids)
            .iter()
            .map(|s| {
                s.parse()
                    .map(SiteId)
                    .map_err(|e: uuid::Error| StoreError::Other(e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        Ok(StaffMember {
            id: StaffMemberId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            permission: code::<Permission>(&self.permission)?,
            site_ids,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    token_hash: String,
    person_id: Uuid,
    csrf_token: String,
    expires_at: DateTime<Utc>,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Session {
            token_hash: r.token_hash,
            person_id: PersonId(r.person_id),
            csrf_token: r.csrf_token,
            expires_at: r.expires_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: Uuid,
    organisation_id: Option<Uuid>,
    channel: String,
    kind: String,
    recipient: String,
    subject: String,
    body: String,
    created_at: DateTime<Utc>,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    last_error: String,
}

impl From<MessageRow> for OutboxMessage {
    fn from(r: MessageRow) -> Self {
        OutboxMessage {
            id: MessageId(r.id),
            organisation_id: r.organisation_id.map(OrganisationId),
            // The column only ever holds a medium's code; an email is the safe reading.
            medium: domain::notify::Medium::from_code(&r.channel)
                .unwrap_or(domain::notify::Medium::Email),
            kind: domain::notification::NotificationKind::from_code(&r.kind),
            to: r.recipient,
            subject: r.subject,
            body: r.body,
            created_at: r.created_at,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            sent_at: r.sent_at,
            last_error: r.last_error,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: Uuid,
    organisation_id: Option<Uuid>,
    actor_person_id: Option<Uuid>,
    channel: String,
    action: String,
    entity: String,
    entity_id: Uuid,
    at: DateTime<Utc>,
    detail: String,
}

impl From<AuditRow> for domain::audit::AuditEntry {
    fn from(r: AuditRow) -> Self {
        use domain::audit::Actor;
        let actor = match (r.channel.as_str(), r.actor_person_id) {
            ("api", Some(p)) => Actor::Token(PersonId(p)),
            (_, Some(p)) => Actor::Person(PersonId(p)),
            _ => Actor::System,
        };
        domain::audit::AuditEntry {
            id: AuditId(r.id),
            organisation_id: r.organisation_id.map(OrganisationId),
            actor,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            at: r.at,
            detail: r.detail,
        }
    }
}
