//! Store conformance: every test runs against both backends, SQLite and PostgreSQL, and must
//! behave the same on each.
//!
//! Each test is an `async fn name(store: Arc<dyn Store>)`; `conformance!(name)` turns it into
//! two tests, `name::sqlite` and `name::postgres`, each with a fresh, empty database.
//!
//! PostgreSQL tests need `ALONGSIDE_TEST_POSTGRES_URL` (for example
//! `postgres://postgres@127.0.0.1:5432/test`) and fail without it: a database per test is created
//! next to the one that URL names.

// The test bodies and their fixtures fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use app::ports::{ApiToken, OutboxMessage, Page, Session, VolunteerRow, VolunteerSearch};
use app::{Store, StoreError, Write};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::application::{Application, ApplicationStatus};
use domain::audit::{Actor, AuditEntry};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus, LeavingReason};
use domain::ids::*;
use domain::organisation::{Organisation, OrganisationInput};
use domain::person::{Person, PersonInput};
use domain::role::{Role, RoleInput, RoleStatus};
use domain::site::{Site, SiteInput};
use domain::staff::{Permission, StaffMember};
use domain::values::Email;
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Backends

/// A fresh SQLite database in a new temporary file.
async fn sqlite() -> Arc<dyn Store> {
    let path = std::env::temp_dir().join(format!("alongside-test-{}.db", Uuid::now_v7()));
    alongside_store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("opening a SQLite test database")
}

/// A fresh PostgreSQL database, created next to the one `ALONGSIDE_TEST_POSTGRES_URL` names.
async fn postgres() -> Arc<dyn Store> {
    use sqlx::Connection;

    let url = std::env::var("ALONGSIDE_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "ALONGSIDE_TEST_POSTGRES_URL is not set: the store conformance tests need a PostgreSQL \
             server, e.g. ALONGSIDE_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test"
        )
    });
    let name = format!("alongside_t_{}", Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("connecting to ALONGSIDE_TEST_POSTGRES_URL ({url}): {e}"));
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("creating test database {name}: {e}"));
    admin.close().await.ok();
    alongside_store::open(&with_database(&url, &name))
        .await
        .expect("opening a PostgreSQL test database")
}

/// `url` with its database name replaced by `name`, keeping any `?parameters`.
fn with_database(url: &str, name: &str) -> String {
    let (base, params) = match url.split_once('?') {
        Some((base, params)) => (base, format!("?{params}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let path = base[authority..]
        .find('/')
        .map_or(base.len(), |i| authority + i);
    format!("{}/{name}{params}", &base[..path])
}

/// Runs `async fn $name(store: Arc<dyn Store>)` once per backend, as the tests `$name::sqlite`
/// and `$name::postgres`.
macro_rules! conformance {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name(super::sqlite().await).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(super::postgres().await).await;
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Fixtures

/// A short unique suffix for slugs and email addresses.
fn unique() -> String {
    Uuid::now_v7().simple().to_string()
}

/// A fixed instant in March 2026 (whole seconds, so it round-trips exactly on both backends).
fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .expect("a real time")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("a real date")
}

/// An organisation with every optional field filled, and a unique slug.
fn organisation(name: &str) -> Organisation {
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

fn site(org: OrganisationId, name: &str) -> Site {
    SiteInput {
        name: name.into(),
        kind: "hospital".into(),
        postcode: "ls1 3ex".into(),
    }
    .parse(SiteId::new(), org)
    .expect("a valid site")
}

/// A person with every field filled, and a unique email address.
fn person(given: &str, family: &str) -> Person {
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
fn role(org: OrganisationId, title: &str, sites: &[SiteId]) -> Role {
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
        non_substitution_statement: "Volunteers add company; nurses still provide all care.".into(),
    }
    .parse(RoleId::new(), org, RoleStatus::Open)
    .expect("a valid role")
}

fn engagement(
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

fn application(e: &Engagement, role: RoleId, submitted_at: DateTime<Utc>) -> Application {
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
fn volunteer(writes: &mut Vec<Write>, org: OrganisationId, status: EngagementStatus) -> Engagement {
    let p = person("Sam", "Volunteer");
    let e = engagement(org, p.id, status, at(1, 9));
    writes.push(Write::InsertPerson(p, None));
    writes.push(Write::InsertEngagement(e.clone()));
    e
}

fn message(to: &str, created_at: DateTime<Utc>) -> OutboxMessage {
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
fn assert_conflict(result: Result<(), StoreError>) {
    match result {
        Err(StoreError::Conflict(_)) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Organisations

async fn organisations(store: Arc<dyn Store>) {
    let bramble = organisation("Bramble Hospice");
    let ashby = organisation("Ashby Trust");
    let cedar = organisation("Cedar Community");
    store
        .apply(vec![
            Write::InsertOrganisation(bramble.clone()),
            Write::InsertOrganisation(cedar.clone()),
            Write::InsertOrganisation(ashby.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store
            .organisation_by_slug(bramble.slug.as_str())
            .await
            .unwrap(),
        Some(bramble.clone())
    );
    assert_eq!(
        store.organisation(bramble.id).await.unwrap(),
        Some(bramble.clone())
    );
    assert_eq!(
        store.organisation_by_slug("no-such-org").await.unwrap(),
        None
    );
    assert_eq!(
        store.organisation(OrganisationId::new()).await.unwrap(),
        None
    );
    assert_eq!(
        store.organisations().await.unwrap(),
        vec![ashby.clone(), bramble.clone(), cedar.clone()]
    );

    let mut renamed = cedar.clone();
    renamed.name = "Cedar Community Trust".into();
    renamed.ods_code = None;
    store
        .apply(vec![Write::UpdateOrganisation(renamed.clone())])
        .await
        .unwrap();
    assert_eq!(store.organisation(cedar.id).await.unwrap(), Some(renamed));

    // A clashing slug fails the whole batch: the person written before it is not kept.
    let mut clash = organisation("Another Bramble");
    clash.slug = bramble.slug.clone();
    let p = person("Ada", "Lovelace");
    assert_conflict(
        store
            .apply(vec![
                Write::InsertPerson(p.clone(), None),
                Write::InsertOrganisation(clash.clone()),
            ])
            .await,
    );
    assert_eq!(store.person(p.id).await.unwrap(), None);
    assert_eq!(store.count_people().await.unwrap(), 0);
    assert_eq!(store.organisation(clash.id).await.unwrap(), None);
    assert_eq!(store.organisations().await.unwrap().len(), 3);
}
conformance!(organisations);

// ---------------------------------------------------------------------------------------------
// Sites and roles

async fn sites_and_roles_are_scoped(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let ward = site(a.id, "Ward 7");
    let atrium = site(a.id, "Atrium");
    let house = site(b.id, "Bramble House");
    let r = role(a.id, "Mealtime companion", &[ward.id, atrium.id]);
    assert_eq!(r.site_ids.len(), 2);
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertSite(atrium.clone()),
            Write::InsertSite(house.clone()),
            Write::InsertRole(r.clone()),
        ])
        .await
        .unwrap();

    // Sites belong to their organisation.
    assert_eq!(store.site(a.id, ward.id).await.unwrap(), Some(ward.clone()));
    assert_eq!(store.site(b.id, ward.id).await.unwrap(), None);
    assert_eq!(
        store.sites(a.id).await.unwrap(),
        vec![atrium.clone(), ward.clone()]
    );
    assert_eq!(store.sites(b.id).await.unwrap(), vec![house.clone()]);

    let mut renamed = ward.clone();
    renamed.name = "Ward 7 (Elderly care)".into();
    store
        .apply(vec![Write::UpdateSite(renamed.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.site(a.id, ward.id).await.unwrap(),
        Some(renamed.clone())
    );
    // Another organisation cannot update it.
    let mut hijack = renamed.clone();
    hijack.organisation_id = b.id;
    hijack.name = "Hijacked".into();
    assert_conflict(store.apply(vec![Write::UpdateSite(hijack)]).await);
    assert_eq!(store.site(a.id, ward.id).await.unwrap(), Some(renamed));

    // Roles belong to their organisation, and keep their sites.
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(r.clone()));
    assert_eq!(store.role(b.id, r.id).await.unwrap(), None);
    assert_eq!(store.roles(a.id).await.unwrap(), vec![r.clone()]);
    assert!(store.roles(b.id).await.unwrap().is_empty());

    // A role cannot be placed at another organisation's site.
    let stray = role(a.id, "Stray", &[house.id]);
    assert!(
        store
            .apply(vec![Write::InsertRole(stray.clone())])
            .await
            .is_err()
    );
    assert_eq!(store.role(a.id, stray.id).await.unwrap(), None);

    // Updating replaces the sites.
    let mut closed = r.clone();
    closed.title = "Mealtime companion (full)".into();
    closed.site_ids = vec![atrium.id];
    closed.close();
    store
        .apply(vec![Write::UpdateRole(closed.clone(), RoleStatus::Open)])
        .await
        .unwrap();
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed.clone()));

    // An update expecting a status the role no longer has changes nothing.
    let mut stale = closed.clone();
    stale.title = "Stale edit".into();
    stale.site_ids = vec![ward.id, atrium.id];
    stale.status = RoleStatus::Open;
    assert_conflict(
        store
            .apply(vec![Write::UpdateRole(stale, RoleStatus::Open)])
            .await,
    );
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed.clone()));

    // Nor can another organisation update it.
    let mut hijack = closed.clone();
    hijack.organisation_id = b.id;
    hijack.site_ids = vec![];
    assert_conflict(
        store
            .apply(vec![Write::UpdateRole(hijack, RoleStatus::Closed)])
            .await,
    );
    assert_eq!(store.role(a.id, r.id).await.unwrap(), Some(closed));
}
conformance!(sites_and_roles_are_scoped);

// ---------------------------------------------------------------------------------------------
// People

async fn people(store: Arc<dyn Store>) {
    let asha = person("Asha", "Patel");
    assert_eq!(asha.languages, vec!["English", "Gujarati"]);
    assert!(asha.phone.is_some() && asha.date_of_birth.is_some() && asha.postcode.is_some());
    let mut ben = person("Ben", "Okafor");
    ben.preferred_name = "Benny".into();
    ben.languages = vec![];
    ben.phone = None;
    ben.date_of_birth = None;
    ben.postcode = None;
    store
        .apply(vec![
            Write::InsertPerson(asha.clone(), Some("hash-asha".into())),
            Write::InsertPerson(ben.clone(), None),
        ])
        .await
        .unwrap();

    assert_eq!(store.person(asha.id).await.unwrap(), Some(asha.clone()));
    assert_eq!(store.person(ben.id).await.unwrap(), Some(ben.clone()));
    assert_eq!(store.person(PersonId::new()).await.unwrap(), None);
    assert_eq!(
        store.person_by_email(asha.email.as_str()).await.unwrap(),
        Some((asha.clone(), Some("hash-asha".into())))
    );
    assert_eq!(
        store.person_by_email(ben.email.as_str()).await.unwrap(),
        Some((ben.clone(), None))
    );
    assert_eq!(
        store.person_by_email("nobody@example.org").await.unwrap(),
        None
    );
    assert_eq!(store.count_people().await.unwrap(), 2);

    // Email addresses are unique.
    let mut twin = person("Asha", "Twin");
    twin.email = asha.email.clone();
    assert_conflict(
        store
            .apply(vec![Write::InsertPerson(twin.clone(), None)])
            .await,
    );
    assert_eq!(store.person(twin.id).await.unwrap(), None);
    assert_eq!(store.count_people().await.unwrap(), 2);

    // Updating a profile keeps the password.
    let mut updated = asha.clone();
    updated.family_name = "Patel-Jones".into();
    updated.email = Email::parse(&format!("asha.{}@example.org", unique())).unwrap();
    updated.languages = vec!["Welsh".into()];
    updated.phone = None;
    updated.date_of_birth = NaiveDate::from_ymd_opt(1991, 12, 31);
    updated.postcode = None;
    updated.accessibility_needs = String::new();
    store
        .apply(vec![Write::UpdatePerson(updated.clone())])
        .await
        .unwrap();
    assert_eq!(store.person(asha.id).await.unwrap(), Some(updated.clone()));
    assert_eq!(
        store.person_by_email(updated.email.as_str()).await.unwrap(),
        Some((updated.clone(), Some("hash-asha".into())))
    );
    assert_eq!(
        store.person_by_email(asha.email.as_str()).await.unwrap(),
        None
    );

    // Taking someone else's email is a conflict; so is updating someone who does not exist.
    let mut taken = updated.clone();
    taken.email = ben.email.clone();
    assert_conflict(store.apply(vec![Write::UpdatePerson(taken)]).await);
    assert_eq!(store.person(asha.id).await.unwrap(), Some(updated.clone()));
    assert_conflict(
        store
            .apply(vec![Write::UpdatePerson(person("No", "One"))])
            .await,
    );

    store
        .apply(vec![Write::SetPassword(ben.id, "hash-ben".into())])
        .await
        .unwrap();
    assert_eq!(
        store.person_by_email(ben.email.as_str()).await.unwrap(),
        Some((ben, Some("hash-ben".into())))
    );
    assert_eq!(store.count_people().await.unwrap(), 2);
}
conformance!(people);

// ---------------------------------------------------------------------------------------------
// Engagements and applications

async fn engagements_and_applications(store: Arc<dyn Store>) {
    use EngagementStatus::*;

    let org = organisation("Ashby Trust");
    let other = organisation("Bramble Hospice");
    let ward = site(org.id, "Ward 7");
    let companion = role(org.id, "Mealtime companion", &[ward.id]);
    let gardener = role(org.id, "Garden helper", &[]);
    let asha = person("Asha", "Patel");
    let ben = person("Ben", "Okafor");
    let e = engagement(org.id, asha.id, Applicant, at(1, 9));
    let enquired = EngagementEvent {
        from: None,
        to: Enquiry,
        at: at(1, 9),
        by: "Asha Patel".into(),
        note: "Asked about volunteering".into(),
    };
    let applied = EngagementEvent {
        from: Some(Enquiry),
        to: Applicant,
        at: at(2, 10),
        by: "Asha Patel".into(),
        note: "Applied".into(),
    };
    let first = application(&e, companion.id, at(2, 10));
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertOrganisation(other.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertRole(companion.clone()),
            Write::InsertRole(gardener.clone()),
            Write::InsertPerson(asha.clone(), None),
            Write::InsertPerson(ben.clone(), None),
            Write::InsertEngagement(e.clone()),
            // Written out of order: events are read back by time.
            Write::InsertEngagementEvent(org.id, e.id, applied.clone()),
            Write::InsertEngagementEvent(org.id, e.id, enquired.clone()),
            Write::InsertApplication(first.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(e.clone())
    );
    assert_eq!(store.engagement_of(other.id, asha.id).await.unwrap(), None);
    assert_eq!(store.engagement_of(org.id, ben.id).await.unwrap(), None);
    assert_eq!(
        store.engagement_events(org.id, e.id).await.unwrap(),
        vec![enquired.clone(), applied.clone()]
    );
    assert!(
        store
            .engagement_events(other.id, e.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.engagements_of_person(asha.id).await.unwrap(),
        vec![(e.clone(), org.clone())]
    );

    // The application, as each list shows it.
    let rows = store.applications(org.id, Some(asha.id)).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].application, first);
    assert_eq!(rows[0].role_title, "Mealtime companion");
    assert_eq!(rows[0].person_name, "Asha Patel");
    assert_eq!(rows[0].organisation_name, "Ashby Trust");
    assert_eq!(rows[0].organisation_slug, org.slug.as_str());
    assert_eq!(store.applications(org.id, None).await.unwrap().len(), 1);
    assert!(
        store
            .applications(org.id, Some(ben.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.applications(other.id, None).await.unwrap().is_empty());
    let mine = store.applications_of_person(asha.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].application, first);
    assert_eq!(mine[0].organisation_slug, org.slug.as_str());
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application),
        Some(first.clone())
    );
    assert!(
        store
            .application(other.id, first.id)
            .await
            .unwrap()
            .is_none()
    );

    // Inserting an application records its first event.
    let events = store.application_events(org.id, first.id).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].status, ApplicationStatus::Submitted);
    assert_eq!(events[0].at, first.submitted_at);
    assert!(
        store
            .application_events(other.id, first.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Moving from a status it is not in changes nothing.
    assert_conflict(
        store
            .apply(vec![Write::MoveApplication {
                organisation_id: org.id,
                id: first.id,
                from: ApplicationStatus::Screening,
                to: ApplicationStatus::Accepted,
                note: "Welcome".into(),
                by: "Manager".into(),
                at: at(3, 9),
            }])
            .await,
    );
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application.status),
        Some(ApplicationStatus::Submitted)
    );
    assert_eq!(
        store
            .application_events(org.id, first.id)
            .await
            .unwrap()
            .len(),
        1
    );

    store
        .apply(vec![Write::MoveApplication {
            organisation_id: org.id,
            id: first.id,
            from: ApplicationStatus::Submitted,
            to: ApplicationStatus::Screening,
            note: "Call booked for Tuesday".into(),
            by: "Morgan Manager".into(),
            at: at(3, 9),
        }])
        .await
        .unwrap();
    assert_eq!(
        store
            .application(org.id, first.id)
            .await
            .unwrap()
            .map(|r| r.application.status),
        Some(ApplicationStatus::Screening)
    );
    let events = store.application_events(org.id, first.id).await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].status, ApplicationStatus::Submitted);
    assert_eq!(events[1].status, ApplicationStatus::Screening);
    assert_eq!(events[1].note, "Call booked for Tuesday");
    assert_eq!(events[1].by, "Morgan Manager");
    assert_eq!(events[1].at, at(3, 9));

    // Lists are newest first.
    let second = application(&e, gardener.id, at(4, 9));
    store
        .apply(vec![Write::InsertApplication(second.clone())])
        .await
        .unwrap();
    let ids = |rows: Vec<app::ports::ApplicationRow>| {
        rows.into_iter()
            .map(|r| r.application.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(store.applications(org.id, Some(asha.id)).await.unwrap()),
        vec![second.id, first.id]
    );
    assert_eq!(
        ids(store.applications_of_person(asha.id).await.unwrap()),
        vec![second.id, first.id]
    );

    // Engagement moves are conditional too.
    let move_to = |from, to, leaving_reason, note: &str| Write::MoveEngagement {
        organisation_id: org.id,
        id: e.id,
        from,
        to,
        leaving_reason,
        leaving_note: note.into(),
    };
    assert_conflict(store.apply(vec![move_to(Active, Paused, None, "")]).await);
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(e.clone())
    );
    store
        .apply(vec![move_to(Applicant, Onboarding, None, "")])
        .await
        .unwrap();
    assert_eq!(
        store
            .engagement_of(org.id, asha.id)
            .await
            .unwrap()
            .map(|e| e.status),
        Some(Onboarding)
    );
    store
        .apply(vec![move_to(
            Onboarding,
            Left,
            Some(LeavingReason::MovedAway),
            "Moved to Glasgow",
        )])
        .await
        .unwrap();
    let left = Engagement {
        status: Left,
        leaving_reason: Some(LeavingReason::MovedAway),
        leaving_note: "Moved to Glasgow".into(),
        ..e.clone()
    };
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(left.clone())
    );

    // One engagement per person per organisation.
    assert_conflict(
        store
            .apply(vec![Write::InsertEngagement(engagement(
                org.id,
                asha.id,
                Enquiry,
                at(5, 9),
            ))])
            .await,
    );
    assert_eq!(
        store.engagement_of(org.id, asha.id).await.unwrap(),
        Some(left)
    );
    // …but the same person may engage with another organisation.
    let elsewhere = engagement(other.id, asha.id, Enquiry, at(5, 9));
    store
        .apply(vec![Write::InsertEngagement(elsewhere.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.engagement_of(other.id, asha.id).await.unwrap(),
        Some(elsewhere)
    );
}
conformance!(engagements_and_applications);

// ---------------------------------------------------------------------------------------------
// The volunteers list

async fn volunteers_list(store: Arc<dyn Store>) {
    use EngagementStatus::*;
    const FAMILIES: [&str; 12] = [
        "Abbott", "Baker", "Carter", "Dawson", "Evans", "Fisher", "Green", "Hughes", "Irwin",
        "Jones", "Khan", "Lewis",
    ];

    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let north = site(a.id, "North Ward");
    let south = site(a.id, "South Ward");
    let house = site(b.id, "Bramble House");
    let visitor = role(a.id, "Ward visitor", &[north.id]);
    let gardener = role(a.id, "Garden helper", &[south.id]);
    let b_visitor = role(b.id, "Hospice visitor", &[house.id]);
    let mut writes = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertOrganisation(b.clone()),
        Write::InsertSite(north.clone()),
        Write::InsertSite(south.clone()),
        Write::InsertSite(house.clone()),
        Write::InsertRole(visitor.clone()),
        Write::InsertRole(gardener.clone()),
        Write::InsertRole(b_visitor.clone()),
    ];

    // Twelve in A: 0–4 active, 5–8 applicants, 9–11 paused. 0–4 applied to the ward visitor
    // role (north), 4–6 to the garden role (south).
    let mut people = Vec::new();
    let mut engagements = Vec::new();
    for (i, family) in FAMILIES.iter().enumerate() {
        let mut p = person(&format!("Vol{i}"), family);
        if i == 3 {
            p.email = Email::parse(&format!("zebra.{}@example.org", unique())).unwrap();
        }
        let status = match i {
            0..=4 => Active,
            5..=8 => Applicant,
            _ => Paused,
        };
        let e = engagement(a.id, p.id, status, at(1, 9));
        writes.push(Write::InsertPerson(p.clone(), None));
        writes.push(Write::InsertEngagement(e.clone()));
        if i <= 4 {
            writes.push(Write::InsertApplication(application(
                &e,
                visitor.id,
                at(2, 9),
            )));
        }
        if (4..=6).contains(&i) {
            writes.push(Write::InsertApplication(application(
                &e,
                gardener.id,
                at(2, 10),
            )));
        }
        people.push(p);
        engagements.push(e);
    }
    // B has three people of its own, and Lewis volunteers with both.
    let mut b_people = vec![people[11].clone()];
    for i in 0..3 {
        let p = person(&format!("Other{i}"), "Outsider");
        writes.push(Write::InsertPerson(p.clone(), None));
        b_people.push(p);
    }
    for p in &b_people {
        let e = engagement(b.id, p.id, Active, at(1, 9));
        writes.push(Write::InsertEngagement(e.clone()));
        writes.push(Write::InsertApplication(application(
            &e,
            b_visitor.id,
            at(2, 9),
        )));
    }
    store.apply(writes).await.unwrap();

    let families = |page: &Page<VolunteerRow>| {
        page.items
            .iter()
            .map(|r| r.person.family_name.clone())
            .collect::<Vec<_>>()
    };
    let search = |f: fn(&mut VolunteerSearch)| {
        let mut s = VolunteerSearch {
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        f(&mut s);
        s
    };

    // Paging, in family-name order, with the total of the whole list.
    let mut seen = Vec::new();
    for (n, expected) in [(1, 5), (2, 5), (3, 2)] {
        let page = store
            .volunteers(
                a.id,
                &VolunteerSearch {
                    page: n,
                    per_page: 5,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total, 12);
        assert_eq!(page.page, n);
        assert_eq!(page.pages(), 3);
        assert_eq!(page.items.len(), expected, "page {n}");
        seen.extend(families(&page));
    }
    assert_eq!(seen, FAMILIES);
    let beyond = store
        .volunteers(
            a.id,
            &VolunteerSearch {
                page: 4,
                per_page: 5,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 12);

    // Each row carries the person, their engagement here and the roles they applied to here.
    let all = store.volunteers(a.id, &search(|_| {})).await.unwrap();
    assert_eq!(all.items.len(), 12);
    for (i, row) in all.items.iter().enumerate() {
        assert_eq!(row.person, people[i]);
        assert_eq!(row.engagement, engagements[i]);
    }
    assert_eq!(all.items[0].roles, vec!["Ward visitor"]);
    assert_eq!(all.items[4].roles, vec!["Garden helper", "Ward visitor"]);
    assert_eq!(all.items[5].roles, vec!["Garden helper"]);
    assert!(all.items[11].roles.is_empty());

    // Keywords: any case, in names and email, every word must match.
    let found = |page: Page<VolunteerRow>| {
        assert_eq!(page.total, page.items.len() as u64);
        families(&page)
    };
    let keywords = |words: &str| VolunteerSearch {
        keywords: words.into(),
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(store.volunteers(a.id, &keywords("kHaN")).await.unwrap()),
        vec!["Khan"]
    );
    assert_eq!(
        found(store.volunteers(a.id, &keywords("ZEBRA")).await.unwrap()),
        vec!["Dawson"]
    );
    assert_eq!(
        found(store.volunteers(a.id, &keywords("vol1")).await.unwrap()),
        vec!["Baker", "Khan", "Lewis"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &keywords("VOL1 lewis"))
                .await
                .unwrap()
        ),
        vec!["Lewis"]
    );
    assert!(found(store.volunteers(a.id, &keywords("outsider")).await.unwrap()).is_empty());

    // Status.
    assert_eq!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Paused)))
                .await
                .unwrap()
        ),
        vec!["Jones", "Khan", "Lewis"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Applicant)))
                .await
                .unwrap()
        ),
        vec!["Fisher", "Green", "Hughes", "Irwin"]
    );
    assert!(
        found(
            store
                .volunteers(a.id, &search(|s| s.status = Some(Left)))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // Role.
    let by_role = |role: RoleId, status: Option<EngagementStatus>| VolunteerSearch {
        role_id: Some(role),
        status,
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(visitor.id, None))
                .await
                .unwrap()
        ),
        &FAMILIES[0..=4]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(gardener.id, None))
                .await
                .unwrap()
        ),
        vec!["Evans", "Fisher", "Green"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &by_role(gardener.id, Some(Active)))
                .await
                .unwrap()
        ),
        vec!["Evans"]
    );
    assert!(
        found(
            store
                .volunteers(a.id, &by_role(b_visitor.id, None))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // Supervisors see only people who applied to roles at their sites.
    let at_sites = |sites: Vec<SiteId>| VolunteerSearch {
        limit_to_sites: Some(sites),
        page: 1,
        per_page: 50,
        ..Default::default()
    };
    assert_eq!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![south.id]))
                .await
                .unwrap()
        ),
        vec!["Evans", "Fisher", "Green"]
    );
    assert_eq!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![north.id, south.id]))
                .await
                .unwrap()
        ),
        &FAMILIES[0..=6]
    );
    assert!(found(store.volunteers(a.id, &at_sites(vec![])).await.unwrap()).is_empty());
    assert!(
        found(
            store
                .volunteers(a.id, &at_sites(vec![house.id]))
                .await
                .unwrap()
        )
        .is_empty()
    );

    // The other organisation sees only its own volunteers, and its own roles for them.
    let theirs = store.volunteers(b.id, &search(|_| {})).await.unwrap();
    assert_eq!(theirs.total, 4);
    assert_eq!(
        families(&theirs),
        vec!["Lewis", "Outsider", "Outsider", "Outsider"]
    );
    for row in &theirs.items {
        assert_eq!(row.engagement.organisation_id, b.id);
        assert_eq!(row.roles, vec!["Hospice visitor"]);
    }
    assert_eq!(
        found(
            store
                .volunteers(b.id, &at_sites(vec![house.id]))
                .await
                .unwrap()
        )
        .len(),
        4
    );
}
conformance!(volunteers_list);

// ---------------------------------------------------------------------------------------------
// Dashboard counts

async fn engagement_counts(store: Arc<dyn Store>) {
    use ApplicationStatus::*;
    use EngagementStatus::*;

    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let r = role(a.id, "Ward visitor", &[]);
    let rb = role(b.id, "Hospice visitor", &[]);
    let mut w = vec![
        Write::InsertOrganisation(a.clone()),
        Write::InsertOrganisation(b.clone()),
        Write::InsertRole(r.clone()),
        Write::InsertRole(rb.clone()),
    ];
    let applicant1 = volunteer(&mut w, a.id, Applicant);
    let applicant2 = volunteer(&mut w, a.id, Applicant);
    let onboarding = volunteer(&mut w, a.id, Onboarding);
    for _ in 0..3 {
        volunteer(&mut w, a.id, Active);
    }
    volunteer(&mut w, a.id, Paused);
    volunteer(&mut w, a.id, Enquiry);
    let leaving = volunteer(&mut w, a.id, Active);
    let left_long_ago = volunteer(&mut w, a.id, Left);
    w.push(Write::InsertEngagementEvent(
        a.id,
        left_long_ago.id,
        EngagementEvent {
            from: Some(Active),
            to: Left,
            at: at(5, 9),
            by: "Manager".into(),
            note: String::new(),
        },
    ));
    // Applications in every status: three are still open.
    for (e, status) in [
        (&applicant1, Submitted),
        (&applicant2, Submitted),
        (&applicant2, Screening),
        (&onboarding, Accepted),
        (&applicant1, Declined),
        (&applicant1, Withdrawn),
    ] {
        w.push(Write::InsertApplication(Application {
            status,
            ..application(e, r.id, at(3, 9))
        }));
    }
    // B: two applicants with open applications and a recent leaver.
    for _ in 0..2 {
        let e = volunteer(&mut w, b.id, Applicant);
        w.push(Write::InsertApplication(application(&e, rb.id, at(3, 9))));
    }
    let b_leaver = volunteer(&mut w, b.id, Left);
    w.push(Write::InsertEngagementEvent(
        b.id,
        b_leaver.id,
        EngagementEvent {
            from: Some(Active),
            to: Left,
            at: at(12, 9),
            by: "Manager".into(),
            note: String::new(),
        },
    ));
    store.apply(w).await.unwrap();

    // Leaving the way the app does it: a move and an event together.
    store
        .apply(vec![
            Write::MoveEngagement {
                organisation_id: a.id,
                id: leaving.id,
                from: Active,
                to: Left,
                leaving_reason: Some(LeavingReason::NoTime),
                leaving_note: String::new(),
            },
            Write::InsertEngagementEvent(
                a.id,
                leaving.id,
                EngagementEvent {
                    from: Some(Active),
                    to: Left,
                    at: at(12, 9),
                    by: "Manager".into(),
                    note: String::new(),
                },
            ),
        ])
        .await
        .unwrap();

    let bound = at(10, 0);
    assert_eq!(
        store.engagement_counts(a.id, bound).await.unwrap(),
        app::ports::EngagementCounts {
            applicants: 2,
            onboarding: 1,
            active: 3,
            paused: 1,
            left_recently: 1,
            open_applications: 3,
        }
    );
    // An earlier bound takes in the earlier leaver; a later one neither.
    assert_eq!(
        store
            .engagement_counts(a.id, at(1, 0))
            .await
            .unwrap()
            .left_recently,
        2
    );
    assert_eq!(
        store
            .engagement_counts(a.id, at(13, 0))
            .await
            .unwrap()
            .left_recently,
        0
    );
    assert_eq!(
        store.engagement_counts(b.id, bound).await.unwrap(),
        app::ports::EngagementCounts {
            applicants: 2,
            left_recently: 1,
            open_applications: 2,
            ..Default::default()
        }
    );
    assert_eq!(
        store
            .engagement_counts(OrganisationId::new(), bound)
            .await
            .unwrap(),
        app::ports::EngagementCounts::default()
    );
}
conformance!(engagement_counts);

// ---------------------------------------------------------------------------------------------
// Sessions, sign-in failures, reset tokens and API tokens

async fn sessions(store: Arc<dyn Store>) {
    let p = person("Asha", "Patel");
    let live = Session {
        token_hash: "hash-live".into(),
        person_id: p.id,
        csrf_token: "csrf-live".into(),
        expires_at: at(10, 12),
    };
    let expired = Session {
        token_hash: "hash-expired".into(),
        person_id: p.id,
        csrf_token: "csrf-expired".into(),
        expires_at: at(1, 12),
    };
    store
        .apply(vec![
            Write::InsertPerson(p.clone(), Some("hash".into())),
            Write::InsertSession(live.clone()),
            Write::InsertSession(expired.clone()),
        ])
        .await
        .unwrap();

    let now = at(10, 11);
    assert_eq!(
        store.session("hash-live", now).await.unwrap(),
        Some(live.clone())
    );
    assert_eq!(store.session("hash-expired", now).await.unwrap(), None);
    assert_eq!(store.session("hash-live", at(10, 13)).await.unwrap(), None);
    assert_eq!(store.session("hash-unknown", now).await.unwrap(), None);

    store
        .apply(vec![Write::DeleteSession("hash-live".into())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-live", now).await.unwrap(), None);

    // A new password ends every session.
    let again = Session {
        token_hash: "hash-again".into(),
        ..live
    };
    store
        .apply(vec![Write::InsertSession(again.clone())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-again", now).await.unwrap(), Some(again));
    store
        .apply(vec![Write::SetPassword(p.id, "new-hash".into())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-again", now).await.unwrap(), None);
}
conformance!(sessions);

async fn sign_in_failures(store: Arc<dyn Store>) {
    store
        .apply(vec![
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 10)),
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 11)),
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 12)),
            Write::RecordSignInFailure("ben@example.org".into(), at(1, 12)),
        ])
        .await
        .unwrap();
    let since = at(1, 10) + Duration::minutes(30);
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", since)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(1, 0))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(2, 0))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .sign_in_failures("ben@example.org", since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .sign_in_failures("cara@example.org", since)
            .await
            .unwrap(),
        0
    );

    store
        .apply(vec![Write::ClearSignInFailures("asha@example.org".into())])
        .await
        .unwrap();
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(1, 0))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .sign_in_failures("ben@example.org", since)
            .await
            .unwrap(),
        1
    );
}
conformance!(sign_in_failures);

async fn reset_tokens(store: Arc<dyn Store>) {
    let p = person("Asha", "Patel");
    store
        .apply(vec![
            Write::InsertPerson(p.clone(), None),
            Write::InsertResetToken {
                token_hash: "reset-live".into(),
                person_id: p.id,
                expires_at: at(5, 12),
            },
            Write::InsertResetToken {
                token_hash: "reset-expired".into(),
                person_id: p.id,
                expires_at: at(1, 12),
            },
        ])
        .await
        .unwrap();

    let now = at(5, 11);
    assert_eq!(
        store.reset_token("reset-live", now).await.unwrap(),
        Some(p.id)
    );
    assert_eq!(
        store.reset_token("reset-live", at(5, 13)).await.unwrap(),
        None
    );
    assert_eq!(store.reset_token("reset-expired", now).await.unwrap(), None);
    assert_eq!(store.reset_token("reset-unknown", now).await.unwrap(), None);

    // A token works once.
    store
        .apply(vec![Write::UseResetToken("reset-live".into(), now)])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-live".into(), now)])
            .await,
    );
    assert_eq!(store.reset_token("reset-live", now).await.unwrap(), None);

    // Expired and unknown tokens do not work at all.
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-expired".into(), now)])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-unknown".into(), now)])
            .await,
    );
}
conformance!(reset_tokens);

async fn api_tokens(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let p = person("Asha", "Patel");
    let token = ApiToken {
        id: ApiTokenId::new(),
        organisation_id: org.id,
        person_id: p.id,
        token_hash: "api-hash".into(),
        created_at: at(1, 9),
    };
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::InsertApiToken(token.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.api_token("api-hash").await.unwrap(),
        Some(token.clone())
    );
    assert_eq!(store.api_token("api-other").await.unwrap(), None);

    // Hashes are unique.
    let clash = ApiToken {
        id: ApiTokenId::new(),
        ..token.clone()
    };
    assert_conflict(store.apply(vec![Write::InsertApiToken(clash)]).await);
    assert_eq!(store.api_token("api-hash").await.unwrap(), Some(token));
}
conformance!(api_tokens);

// ---------------------------------------------------------------------------------------------
// The outbox

async fn outbox(store: Arc<dyn Store>) {
    let m1 = message("one@example.org", at(1, 9));
    let m2 = message("two@example.org", at(1, 10));
    let m3 = message("three@example.org", at(1, 11));
    let mut later = message("later@example.org", at(1, 12));
    later.next_attempt_at = at(3, 9);
    store
        .apply(vec![
            Write::InsertMessage(m3.clone()),
            Write::InsertMessage(m1.clone()),
            Write::InsertMessage(later.clone()),
            Write::InsertMessage(m2.clone()),
        ])
        .await
        .unwrap();
    let ids = |messages: Vec<OutboxMessage>| messages.into_iter().map(|m| m.id).collect::<Vec<_>>();

    // Oldest first, and claimed: asking again straight away gets the rest.
    let t = at(2, 9);
    assert_eq!(
        store.due_messages(t, 2).await.unwrap(),
        vec![m1.clone(), m2.clone()]
    );
    assert_eq!(store.due_messages(t, 2).await.unwrap(), vec![m3.clone()]);
    assert!(store.due_messages(t, 10).await.unwrap().is_empty());

    store.message_sent(m2.id, t).await.unwrap();
    store
        .message_failed(m1.id, "smtp down", t + Duration::minutes(10))
        .await
        .unwrap();
    assert!(
        store
            .due_messages(t + Duration::seconds(1), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // Once its retry time comes, the failed message is due again; a claim lapses after a few
    // minutes, so the message claimed but never reported on is retried too.
    let retry = store
        .due_messages(t + Duration::minutes(10), 10)
        .await
        .unwrap();
    assert_eq!(ids(retry.clone()), vec![m1.id, m3.id]);
    assert_eq!(retry[0].attempts, 1);
    assert_eq!(retry[0].last_error, "smtp down");
    assert_eq!(retry[0].next_attempt_at, t + Duration::minutes(10));
    assert_eq!(retry[0].sent_at, None);

    // A message scheduled for later is not due until then.
    assert_eq!(
        ids(store.due_messages(at(3, 9), 10).await.unwrap()),
        vec![m1.id, m3.id, later.id]
    );

    // Newest first; sent ones included.
    let recent = store.recent_messages(10).await.unwrap();
    assert_eq!(ids(recent.clone()), vec![later.id, m3.id, m2.id, m1.id]);
    assert_eq!(recent[2].sent_at, Some(t));
    assert_eq!(recent[2].attempts, 1);
    assert_eq!(
        ids(store.recent_messages(2).await.unwrap()),
        vec![later.id, m3.id]
    );
}
conformance!(outbox);

// ---------------------------------------------------------------------------------------------
// The audit log

async fn audit(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let p = person("Morgan", "Manager");
    let role_id = Uuid::now_v7();
    let created = AuditEntry::new(
        Some(a.id),
        Actor::Person(p.id),
        "role.created",
        "role",
        role_id,
        at(1, 9),
    )
    .with_detail("Ward visitor");
    let published = AuditEntry::new(
        Some(a.id),
        Actor::Token(p.id),
        "role.published",
        "role",
        role_id,
        at(1, 10),
    );
    let closed = AuditEntry::new(
        Some(a.id),
        Actor::System,
        "role.closed",
        "role",
        role_id,
        at(1, 11),
    );
    let unrelated = AuditEntry::new(
        Some(a.id),
        Actor::Person(p.id),
        "role.created",
        "role",
        Uuid::now_v7(),
        at(1, 12),
    );
    let own_profile = AuditEntry::new(
        None,
        Actor::Person(p.id),
        "person.updated",
        "person",
        p.id.0,
        at(1, 13),
    );
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::Audit(published.clone()),
            Write::Audit(closed.clone()),
            Write::Audit(created.clone()),
            Write::Audit(unrelated),
            Write::Audit(own_profile.clone()),
        ])
        .await
        .unwrap();

    assert_eq!(
        store.audit_for(Some(a.id), role_id).await.unwrap(),
        vec![closed.clone(), published.clone(), created.clone()]
    );
    assert!(
        store
            .audit_for(Some(b.id), role_id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.audit_for(None, role_id).await.unwrap(),
        vec![closed, published, created]
    );
    assert_eq!(
        store.audit_for(None, p.id.0).await.unwrap(),
        vec![own_profile]
    );
    assert!(
        store
            .audit_for(Some(a.id), p.id.0)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(audit);

// ---------------------------------------------------------------------------------------------
// Staff

async fn staff(store: Arc<dyn Store>) {
    let a = organisation("Ashby Trust");
    let b = organisation("Bramble Hospice");
    let north = site(a.id, "North Ward");
    let south = site(a.id, "South Ward");
    let priya = person("Priya", "Shah");
    let alex = person("Alex", "Brown");
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertSite(north.clone()),
            Write::InsertSite(south.clone()),
            Write::InsertPerson(priya.clone(), None),
            Write::InsertPerson(alex.clone(), None),
        ])
        .await
        .unwrap();

    let manager = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: priya.id,
        permission: Permission::VolunteerManager,
        site_ids: vec![],
    };
    store
        .apply(vec![Write::PutStaffMember(manager.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![(manager.clone(), priya.clone())]
    );

    // A second permission for the same person replaces the first.
    let supervisor = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: priya.id,
        permission: Permission::Supervisor,
        site_ids: vec![north.id, south.id],
    };
    store
        .apply(vec![Write::PutStaffMember(supervisor.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![(supervisor.clone(), priya.clone())]
    );
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![supervisor.clone()]
    );
    // …and so does a change to the same permission.
    let supervisor = StaffMember {
        site_ids: vec![south.id],
        ..supervisor
    };
    store
        .apply(vec![Write::PutStaffMember(supervisor.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![supervisor.clone()]
    );

    let viewer_in_b = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: b.id,
        person_id: priya.id,
        permission: Permission::Viewer,
        site_ids: vec![],
    };
    let admin = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: a.id,
        person_id: alex.id,
        permission: Permission::OrganisationAdmin,
        site_ids: vec![],
    };
    store
        .apply(vec![
            Write::PutStaffMember(viewer_in_b.clone()),
            Write::PutStaffMember(admin.clone()),
        ])
        .await
        .unwrap();
    let mut roles = store.staff_roles_of(priya.id).await.unwrap();
    roles.sort_by_key(|m| m.organisation_id);
    let mut expected = vec![supervisor.clone(), viewer_in_b.clone()];
    expected.sort_by_key(|m| m.organisation_id);
    assert_eq!(roles, expected);
    assert_eq!(
        store.staff(a.id).await.unwrap(),
        vec![
            (admin.clone(), alex.clone()),
            (supervisor.clone(), priya.clone())
        ]
    );
    assert_eq!(
        store.staff(b.id).await.unwrap(),
        vec![(viewer_in_b.clone(), priya.clone())]
    );

    // Removing is scoped to the organisation.
    assert_conflict(
        store
            .apply(vec![Write::DeleteStaffMember(b.id, supervisor.id)])
            .await,
    );
    assert_eq!(store.staff(a.id).await.unwrap().len(), 2);
    store
        .apply(vec![Write::DeleteStaffMember(a.id, supervisor.id)])
        .await
        .unwrap();
    assert_eq!(store.staff(a.id).await.unwrap(), vec![(admin, alex)]);
    assert_eq!(
        store.staff_roles_of(priya.id).await.unwrap(),
        vec![viewer_in_b]
    );
    assert_conflict(
        store
            .apply(vec![Write::DeleteStaffMember(a.id, supervisor.id)])
            .await,
    );
}
conformance!(staff);
