//! Fixtures: valid records with unique slugs and email addresses, fixed instants, and a
//! conflict assertion.

use app::ports::{Job, OutboxMessage};
use app::{StoreError, Write};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::application::{Application, ApplicationStatus};
use domain::compliance::{
    Check, CheckKind, CheckStatus, Placement, PlacementStatus, RequirementType,
};
use domain::engagement::{Engagement, EngagementStatus};
use domain::ids::*;
use domain::organisation::{Organisation, OrganisationInput};
use domain::person::{Person, PersonInput};
use domain::role::{Role, RoleInput, RoleStatus};
use domain::site::{Site, SiteInput};
use uuid::Uuid;

/// A short unique suffix for slugs and email addresses.
pub fn unique() -> String {
    Uuid::now_v7().simple().to_string()
}

/// A fixed instant in March 2026 (whole seconds, so it round-trips exactly on both backends).
pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .expect("a real time")
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("a real date")
}

/// An organisation with every optional field filled, and a unique slug.
pub fn organisation(name: &str) -> Organisation {
    organisation_input(name)
        .parse(OrganisationId::new())
        .expect("a valid organisation")
}

/// The form for [`organisation`], for use cases that take one.
pub fn organisation_input(name: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        slug: format!("org-{}", unique()),
        sector: "nhs".into(),
        kind: "acute_trust".into(),
        ods_code: "rx1".into(),
        charity_number: "1123456".into(),
        address: "1 Infirmary Street\nLeeds".into(),
        postcode: "ls1 4ap".into(),
    }
}

pub fn site(org: OrganisationId, name: &str) -> Site {
    SiteInput {
        name: name.into(),
        kind: "hospital".into(),
        postcode: "ls1 3ex".into(),
    }
    .parse(SiteId::new(), org)
    .expect("a valid site")
}

/// A person with every field filled, and a unique email address.
pub fn person(given: &str, family: &str) -> Person {
    PersonInput {
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: String::new(),
        email: format!("{given}.{family}.{}@example.org", unique()),
        phone: "07700 900123".into(),
        date_of_birth: "1990-03-27".into(),
        postcode: "sw1a 1aa".into(),
        languages: "English, Gujarati".into(),
        skills: "Listening".into(),
        interests: "Gardening, Music".into(),
        accessibility_needs: "Step-free access".into(),
    }
    .parse(PersonId::new(), today())
    .expect("a valid person")
}

/// An open role at `sites`.
pub fn role(org: OrganisationId, title: &str, sites: &[SiteId]) -> Role {
    RoleInput {
        title: title.into(),
        summary: "Keep patients company".into(),
        description: "Chat, read and play games with patients.".into(),
        setting: "in_hospital".into(),
        activities: "Conversation".into(),
        site_ids: sites.to_vec(),
        time_commitment: "3 hours a week".into(),
        minimum_age: "16".into(),
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        non_substitution_statement: "Volunteers add company; nurses still provide all care.".into(),
        ..RoleInput::default()
    }
    .parse(RoleId::new(), org, RoleStatus::Open)
    .expect("a valid role")
}

pub fn engagement(
    org: OrganisationId,
    person: PersonId,
    status: EngagementStatus,
    started_at: DateTime<Utc>,
) -> Engagement {
    Engagement {
        id: EngagementId::new(),
        organisation_id: org,
        person_id: person,
        status,
        started_at,
        leaving_reason: None,
        leaving_note: String::new(),
    }
}

pub fn application(e: &Engagement, role: RoleId, submitted_at: DateTime<Utc>) -> Application {
    Application {
        id: ApplicationId::new(),
        organisation_id: e.organisation_id,
        person_id: e.person_id,
        engagement_id: e.id,
        role_id: role,
        status: ApplicationStatus::Submitted,
        motivation: "I would like to give something back".into(),
        availability: "Weekday mornings".into(),
        submitted_at,
    }
}

/// Adds a new person engaged with `org` to `writes`, and returns the engagement.
pub fn volunteer(
    writes: &mut Vec<Write>,
    org: OrganisationId,
    status: EngagementStatus,
) -> Engagement {
    let p = person("Sam", "Volunteer");
    let e = engagement(org, p.id, status, at(1, 9));
    writes.push(Write::InsertPerson(p, None));
    writes.push(Write::InsertEngagement(e.clone()));
    e
}

pub fn message(to: &str, created_at: DateTime<Utc>) -> OutboxMessage {
    OutboxMessage::email(
        to,
        "Your application",
        "Thank you for applying.".into(),
        created_at,
    )
}

#[track_caller]
pub fn assert_conflict(result: Result<(), StoreError>) {
    match result {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// A date.
pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date")
}

/// The catalogue item of `kind` (the first, for training).
#[track_caller]
pub fn of_kind(catalogue: &[RequirementType], kind: CheckKind) -> &RequirementType {
    catalogue
        .iter()
        .find(|t| t.kind == kind)
        .expect("an item of that kind in the catalogue")
}

/// The catalogue's training modules.
pub fn training(catalogue: &[RequirementType]) -> Vec<&RequirementType> {
    catalogue
        .iter()
        .filter(|t| t.kind == CheckKind::Training)
        .collect()
}

/// `person`'s item of type `t` with `status`, valid through `expires_on`; decided on 3 March
/// unless pending or submitted.
pub fn check(
    person: PersonId,
    t: &RequirementType,
    status: CheckStatus,
    expires_on: Option<NaiveDate>,
) -> Check {
    let decided = !matches!(status, CheckStatus::Pending | CheckStatus::Submitted);
    Check {
        status,
        issued_on: expires_on.map(|_| today()),
        expires_on,
        decided_at: decided.then(|| at(3, 9)),
        decided_by: if decided {
            "Morgan Manager".into()
        } else {
            String::new()
        },
        ..Check::pending(person, t)
    }
}

/// `person` placed in `role`, accepted at `accepted_at` (applied a day before).
pub fn placement(
    org: OrganisationId,
    person: PersonId,
    role: RoleId,
    status: PlacementStatus,
    accepted_at: DateTime<Utc>,
) -> Placement {
    Placement {
        id: PlacementId::new(),
        organisation_id: org,
        person_id: person,
        role_id: role,
        application_id: None,
        status,
        applied_at: accepted_at - chrono::Duration::days(1),
        accepted_at,
        activated_at: None,
        ended_at: None,
    }
}

/// A job with dedupe key `key` (also its payload), due at `run_at`.
pub fn job(key: &str, run_at: DateTime<Utc>) -> Job {
    Job {
        id: JobId::new(),
        kind: "test".into(),
        dedupe_key: key.into(),
        organisation_id: None,
        payload: key.into(),
        run_at,
        attempts: 0,
    }
}
