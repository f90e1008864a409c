//! Fixtures: valid records with unique slugs and email addresses, fixed instants, and a
//! conflict assertion.

use app::ports::OutboxMessage;
use app::{StoreError, Write};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::application::{Application, ApplicationStatus};
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
    .parse(OrganisationId::new())
    .expect("a valid organisation")
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
    OutboxMessage {
        id: MessageId::new(),
        to: to.into(),
        subject: "Your application".into(),
        body: "Thank you for applying.".into(),
        created_at,
        attempts: 0,
        next_attempt_at: created_at,
        sent_at: None,
        last_error: String::new(),
    }
}

#[track_caller]
pub fn assert_conflict(result: Result<(), StoreError>) {
    match result {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
}
