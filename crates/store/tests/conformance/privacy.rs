//! UK GDPR in the store: every table in the schema is covered by subject access or declared free
//! of personal data (with why), and a subject access export holds the person's records — only
//! the organisation's for a manager, everything for the person.

use std::sync::Arc;

use alongside_store::personal_data::{NO_PERSONAL_DATA, SOURCES};
use app::ports::PersonalRecords;
use app::{App, FixedClock, OrgScope, Store, Write};
use chrono::{Duration, NaiveDate};
use domain::engagement::{EngagementEvent, EngagementStatus};
use domain::ids::*;
use domain::organisation::Organisation;
use domain::person::Person;
use domain::rota::hours::{HoursLog, HoursStatus};
use domain::rota::{Booking, Shift};
use domain::staff::{Permission, StaffMember};

use crate::fixtures::{at, engagement, organisation, person, role, site};

/// The tables a database has (not SQLite's own).
async fn tables(url: &str) -> Vec<String> {
    use sqlx::Connection;
    if url.starts_with("sqlite") {
        let mut db = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&mut db)
        .await
        .unwrap()
    } else {
        let mut db = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        )
        .fetch_all(&mut db)
        .await
        .unwrap()
    }
}

/// The completeness test: a table added to the schema fails here until a subject access
/// source reads it or it is listed, with a reason, as holding no personal data.
async fn every_table_is_covered_or_holds_no_personal_data(url: String) {
    let _store = alongside_store::open(&url).await.unwrap();
    let tables = tables(&url).await;
    assert!(tables.len() > 80, "only {} tables found", tables.len());
    let covered = |t: &str| SOURCES.iter().any(|s| s.table == t);
    let declared = |t: &str| NO_PERSONAL_DATA.iter().any(|(n, _)| *n == t);
    let missing: Vec<&String> = tables
        .iter()
        .filter(|t| !covered(t) && !declared(t))
        .collect();
    assert!(
        missing.is_empty(),
        "these tables are neither read by subject access (alongside_store::personal_data::SOURCES) \
         nor listed in NO_PERSONAL_DATA with a reason: {missing:?}"
    );
    let both: Vec<&str> = SOURCES
        .iter()
        .map(|s| s.table)
        .filter(|t| declared(t))
        .collect();
    assert!(
        both.is_empty(),
        "listed as covered and as holding no personal data: {both:?}"
    );
    let stale: Vec<&str> = SOURCES
        .iter()
        .map(|s| s.table)
        .chain(NO_PERSONAL_DATA.iter().map(|(t, _)| *t))
        .filter(|t| !tables.iter().any(|x| x == t))
        .collect();
    assert!(stale.is_empty(), "listed but not in the schema: {stale:?}");
    assert!(NO_PERSONAL_DATA.iter().all(|(_, why)| !why.is_empty()));
}
conformance_shared!(every_table_is_covered_or_holds_no_personal_data);

/// Two organisations, each with a shift, an admin, and a volunteer both share.
pub(crate) struct World {
    pub app: App,
    pub store: Arc<dyn Store>,
    pub a: Organisation,
    pub b: Organisation,
    pub scope_a: OrgScope,
    pub scope_b: OrgScope,
    pub volunteer: Person,
    pub shift_a: Shift,
    pub shift_b: Shift,
    pub role_a: RoleId,
}

fn a_shift(org: &Organisation, role: RoleId, site: SiteId, day: i64) -> Shift {
    let starts = at(2, 9) + Duration::days(day);
    Shift {
        id: ShiftId::new(),
        organisation_id: org.id,
        role_id: role,
        site_id: site,
        starts_at: starts,
        ends_at: starts + Duration::hours(3),
        min_volunteers: 1,
        max_volunteers: 4,
        notes: String::new(),
        supervisor: None,
        series_id: None,
        cancelled: false,
    }
}

/// Writes for a person who volunteers with `org` and has left (two years before `at(2, 9)`).
pub(crate) fn leaver(
    org: OrganisationId,
    p: &Person,
    left: chrono::DateTime<chrono::Utc>,
) -> Vec<Write> {
    let e = engagement(
        org,
        p.id,
        EngagementStatus::Left,
        left - Duration::days(400),
    );
    vec![
        Write::InsertPerson(p.clone(), None),
        Write::InsertEngagement(e.clone()),
        Write::InsertEngagementEvent(
            org,
            e.id,
            EngagementEvent {
                from: Some(EngagementStatus::Active),
                to: EngagementStatus::Left,
                at: left,
                by: "Pat Manager".into(),
                note: "Moved to Leeds".into(),
            },
        ),
    ]
}

pub(crate) async fn world(store: Arc<dyn Store>) -> World {
    let app = App::new(
        store.clone(),
        Arc::new(FixedClock(at(20, 12))),
        "https://alongside.test",
    );
    let mut writes = Vec::new();
    let mut scopes = Vec::new();
    let volunteer = person("Vera", "Volunteer");
    writes.push(Write::InsertPerson(
        volunteer.clone(),
        Some("hash-never-exported".into()),
    ));
    let mut orgs = Vec::new();
    let mut shifts = Vec::new();
    let mut role_a = None;
    for name in ["Ashby Trust", "Barton Hospice"] {
        let org = organisation(name);
        let ward = site(org.id, "Ward 7");
        let visitor = role(org.id, "Ward visitor", &[ward.id]);
        let admin = person("Ada", "Admin");
        let shift = a_shift(&org, visitor.id, ward.id, orgs.len() as i64);
        role_a.get_or_insert(visitor.id);
        writes.extend([
            Write::InsertOrganisation(org.clone()),
            Write::InsertSite(ward.clone()),
            Write::InsertRole(visitor),
            Write::InsertPerson(admin.clone(), None),
            Write::PutStaffMember(StaffMember {
                id: StaffMemberId::new(),
                organisation_id: org.id,
                person_id: admin.id,
                permission: Permission::OrganisationAdmin,
                site_ids: vec![],
            }),
            Write::InsertEngagement(engagement(
                org.id,
                volunteer.id,
                EngagementStatus::Left,
                at(1, 9),
            )),
            Write::InsertShift(shift.clone()),
            Write::BookShift(Booking::new(&shift, volunteer.id, at(1, 10))),
        ]);
        scopes.push((admin.id, org.slug.as_str().to_owned()));
        orgs.push(org);
        shifts.push(shift);
    }
    store.apply(writes).await.unwrap();
    let scope_a = app.authorise(scopes[0].0, &scopes[0].1).await.unwrap();
    let scope_b = app.authorise(scopes[1].0, &scopes[1].1).await.unwrap();
    let mut orgs = orgs.into_iter();
    let mut shifts = shifts.into_iter();
    World {
        app,
        store,
        a: orgs.next().unwrap(),
        b: orgs.next().unwrap(),
        scope_a,
        scope_b,
        volunteer,
        shift_a: shifts.next().unwrap(),
        shift_b: shifts.next().unwrap(),
        role_a: role_a.unwrap(),
    }
}

pub(crate) fn hours(org: OrganisationId, person: PersonId, role: RoleId) -> HoursLog {
    HoursLog {
        id: HoursLogId::new(),
        organisation_id: org,
        person_id: person,
        role_id: role,
        worked_on: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        minutes: 90,
        description: "Helped Mrs Patel with her garden".into(),
        status: HoursStatus::Approved,
        submitted_at: at(3, 18),
        decided_at: None,
        decided_by: None,
        message: String::new(),
    }
}

pub(crate) fn section<'a>(records: &'a [PersonalRecords], name: &str) -> &'a PersonalRecords {
    records
        .iter()
        .find(|r| r.section == name)
        .unwrap_or_else(|| panic!("no section {name}"))
}

pub(crate) fn column(r: &PersonalRecords, name: &str) -> Vec<String> {
    r.rows
        .iter()
        .map(|row| match row.get(name) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => panic!("no column {name} in {}", r.section),
        })
        .collect()
}

async fn a_managers_export_holds_only_their_records_and_the_profile(store: Arc<dyn Store>) {
    let w = world(store).await;
    w.store
        .apply(vec![Write::InsertHoursLog(hours(
            w.a.id,
            w.volunteer.id,
            w.role_a,
        ))])
        .await
        .unwrap();
    let export = w
        .app
        .subject_access_for(&w.scope_a, w.volunteer.id)
        .await
        .unwrap();
    let profile = section(&export.records, "profile");
    assert_eq!(column(profile, "given_name"), vec!["Vera"]);
    assert!(!profile.rows[0].contains_key("password_hash"));
    let bookings = section(&export.records, "bookings");
    assert_eq!(column(bookings, "shift_id"), vec![w.shift_a.id.to_string()]);
    assert_eq!(
        column(section(&export.records, "hours"), "minutes"),
        vec!["90"]
    );
    // Another organisation's records, and what only the person holds, are not here.
    let everything = serde_json::to_string(&export.records).unwrap();
    assert!(!everything.contains(&w.shift_b.id.to_string()));
    assert!(!everything.contains(&w.b.id.to_string()));
    assert!(export.records.iter().all(|r| r.section != "sessions"));
    // The export is audited and recorded as a request.
    let audit = w
        .store
        .audit_for(Some(w.a.id), w.volunteer.id.0)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "person.subject_access_exported")
    );
    let requests = w.app.my_data_requests(w.volunteer.id).await.unwrap();
    assert_eq!(requests[0].organisation_id, Some(w.a.id));
    // Someone the organisation does not hold is not found.
    let stranger = person("Stan", "Stranger");
    w.store
        .apply(vec![Write::InsertPerson(stranger.clone(), None)])
        .await
        .unwrap();
    assert!(matches!(
        w.app.subject_access_for(&w.scope_b, stranger.id).await,
        Err(app::AppError::NotFound)
    ));
}
conformance!(a_managers_export_holds_only_their_records_and_the_profile);

async fn a_persons_own_export_holds_everything_everywhere(store: Arc<dyn Store>) {
    let w = world(store).await;
    let request = w.app.request_my_data(w.volunteer.id).await.unwrap();
    let export = w.app.my_data(w.volunteer.id, request.id).await.unwrap();
    let mut booked = column(section(&export.records, "bookings"), "shift_id");
    booked.sort();
    let mut expected = vec![w.shift_a.id.to_string(), w.shift_b.id.to_string()];
    expected.sort();
    assert_eq!(booked, expected);
    assert_eq!(section(&export.records, "engagements").rows.len(), 2);
    assert_eq!(
        section(&export.records, "subject_access_requests")
            .rows
            .len(),
        1
    );
    // Someone else's request is not theirs to download.
    let other = person("Olive", "Other");
    w.store
        .apply(vec![Write::InsertPerson(other.clone(), None)])
        .await
        .unwrap();
    assert!(matches!(
        w.app.my_data(other.id, request.id).await,
        Err(app::AppError::NotFound)
    ));
}
conformance!(a_persons_own_export_holds_everything_everywhere);

async fn consents_say_what_when_how_and_when_withdrawn(store: Arc<dyn Store>) {
    use app::ports::NetworkWrite;
    use domain::network::recognition::PassportConsent;

    let w = world(store).await;
    let consent = PassportConsent {
        id: PassportConsentId::new(),
        person_id: w.volunteer.id,
        from_organisation_id: w.a.id,
        to_organisation_id: w.b.id,
        granted_at: at(5, 10),
        revoked_at: None,
    };
    w.store
        .apply(vec![
            Write::Network(NetworkWrite::GrantConsent(consent.clone())),
            Write::Network(NetworkWrite::RevokeConsent(
                w.volunteer.id,
                consent.id,
                at(6, 11),
            )),
        ])
        .await
        .unwrap();
    let mine = w.app.my_consents(w.volunteer.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].organisation, w.b.name);
    assert!(mine[0].purpose.contains(&w.a.name), "{:?}", mine[0]);
    assert_eq!(mine[0].given, "5 March 2026, 10:00");
    assert_eq!(mine[0].withdrawn.as_deref(), Some("6 March 2026, 11:00"));
    // Both organisations' registers hold it; the export carries it.
    assert_eq!(w.app.consent_register(&w.scope_a).await.unwrap(), mine);
    assert_eq!(w.app.consent_register(&w.scope_b).await.unwrap(), mine);
    let export = w
        .app
        .subject_access_for(&w.scope_b, w.volunteer.id)
        .await
        .unwrap();
    assert_eq!(export.consents, mine);
}
conformance!(consents_say_what_when_how_and_when_withdrawn);
