//! Imports: matching people already recorded, the people import's bulk write (all in one
//! transaction, or nothing), saved mappings and uploads with their progress.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use app::ports::{ImportUpload, ImportWrite, PeopleBatch, SavedMapping};
use app::{Store, Write};
use domain::compliance::PlacementStatus;
use domain::engagement::{EngagementEvent, EngagementStatus};
use domain::ids::*;
use uuid::Uuid;

use crate::fixtures::{
    assert_conflict, at, engagement, organisation, person, placement, role, unique,
};

async fn people_import_writes_in_bulk_or_not_at_all(store: Arc<dyn Store>) {
    let org = organisation(&format!("Import {}", unique()));
    let ward = role(org.id, "Ward volunteer", &[]);
    let known = person("Known", "Before");
    let known_engagement = engagement(org.id, known.id, EngagementStatus::Active, at(1, 9));
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertRole(ward.clone()),
            Write::InsertPerson(known.clone(), None),
            Write::InsertEngagement(known_engagement),
        ])
        .await
        .unwrap();

    // Enough people for several multi-row statements of each table.
    let mut batch = PeopleBatch::default();
    for i in 0..5_000 {
        let mut p = person("Bulk", &format!("Person{i}"));
        p.email =
            domain::values::Email::parse(&format!("bulk{i}-{}@example.org", unique())).unwrap();
        let e = engagement(org.id, p.id, EngagementStatus::Active, at(2, 9));
        batch.events.push((
            e.id,
            EngagementEvent {
                from: None,
                to: e.status,
                at: e.started_at,
                by: "Importer".into(),
                note: "Imported".into(),
            },
        ));
        if i % 2 == 0 {
            batch.placements.push(placement(
                org.id,
                p.id,
                ward.id,
                PlacementStatus::Active,
                at(2, 9),
            ));
        }
        batch.engagements.push(e);
        batch.people.push(p);
    }
    let seen = AtomicU64::new(0);
    store
        .apply_people_import(&batch, vec![], &|n| seen.store(n, Ordering::SeqCst))
        .await
        .unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), batch.len() as u64);
    let here = store.people_engaged_with(org.id).await.unwrap();
    assert_eq!(here.len(), 5_001);
    let first = &batch.people[0];
    assert_eq!(store.person(first.id).await.unwrap().as_ref(), Some(first));
    let e = store
        .engagement_of(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(e.status, EngagementStatus::Active);
    let history = store.engagement_events(org.id, e.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].note, "Imported");
    assert_eq!(
        store.placements_of(org.id, first.id).await.unwrap().len(),
        1
    );

    // Lookups by email find people wherever they are, in lower case.
    let emails = vec![
        known.email.as_str().to_owned(),
        first.email.as_str().to_owned(),
        "nobody@example.org".into(),
    ];
    let mut found: Vec<PersonId> = store
        .people_with_emails(&emails)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    found.sort();
    let mut expected = vec![known.id, first.id];
    expected.sort();
    assert_eq!(found, expected);
    let known_row = here.iter().find(|p| p.id == known.id).unwrap();
    assert_eq!(known_row.date_of_birth, known.date_of_birth);

    // One clash (an email already held) and nothing of the batch is written, nor its writes.
    let mut second = PeopleBatch::default();
    let fresh = person("Fresh", "Person");
    let mut clash = person("Clash", "Person");
    clash.email = known.email.clone();
    for p in [&fresh, &clash] {
        second
            .engagements
            .push(engagement(org.id, p.id, EngagementStatus::Active, at(3, 9)));
        second.people.push(p.clone());
    }
    let audit = domain::audit::AuditEntry::new(
        Some(org.id),
        domain::audit::Actor::System,
        "import.completed",
        "import",
        Uuid::now_v7(),
        at(3, 9),
    );
    assert_conflict(
        store
            .apply_people_import(&second, vec![Write::Audit(audit.clone())], &|_| {})
            .await,
    );
    assert_eq!(store.person(fresh.id).await.unwrap(), None);
    assert_eq!(
        store.people_engaged_with(org.id).await.unwrap().len(),
        5_001
    );
    assert!(
        store
            .audit_for(Some(org.id), audit.entity_id)
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(people_import_writes_in_bulk_or_not_at_all);

async fn mappings_and_uploads(store: Arc<dyn Store>) {
    let org = organisation(&format!("Uploads {}", unique()));
    let other = organisation(&format!("Other {}", unique()));
    let manager = person("Mo", "Manager");
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertOrganisation(other.clone()),
            Write::InsertPerson(manager.clone(), None),
        ])
        .await
        .unwrap();
    let mapping = |name: &str, lines: &str| {
        Write::Import(ImportWrite::PutMapping(SavedMapping {
            id: Uuid::now_v7(),
            organisation_id: org.id,
            kind: "people".into(),
            name: name.into(),
            mapping: lines.into(),
            created_at: at(1, 9),
        }))
    };
    store
        .apply(vec![mapping("Old system", "email = E-mail\n")])
        .await
        .unwrap();
    store
        .apply(vec![
            mapping("Old system", "email = Email address\n"),
            mapping("Another", ""),
        ])
        .await
        .unwrap();
    let saved = store.import_mappings(org.id, "people").await.unwrap();
    let names: Vec<&str> = saved.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, vec!["Another", "Old system"]);
    assert_eq!(saved[1].mapping, "email = Email address\n");
    assert!(
        store
            .import_mappings(org.id, "sites")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .import_mappings(other.id, "people")
            .await
            .unwrap()
            .is_empty()
    );

    let upload = ImportUpload {
        id: Uuid::now_v7(),
        organisation_id: org.id,
        kind: "people".into(),
        file_name: "volunteers.csv".into(),
        content: b"Email\r\na@b.org\r\n".to_vec(),
        mapping: "email = Email\n".into(),
        skip_invalid: false,
        status: "uploaded".into(),
        stage: String::new(),
        done_rows: 0,
        total_rows: 1,
        report: None,
        created_by: manager.id,
        created_at: at(1, 9),
    };
    store
        .apply(vec![Write::Import(ImportWrite::InsertUpload(
            upload.clone(),
        ))])
        .await
        .unwrap();
    assert_eq!(
        store.import_upload(org.id, upload.id).await.unwrap(),
        Some(upload.clone())
    );
    assert_eq!(
        store.import_upload(other.id, upload.id).await.unwrap(),
        None
    );
    store
        .apply(vec![Write::Import(ImportWrite::SetUploadMapping {
            organisation_id: org.id,
            id: upload.id,
            mapping: "email = Email\ngiven_name = Email\n".into(),
            skip_invalid: true,
        })])
        .await
        .unwrap();
    let start = || Write::Import(ImportWrite::StartUpload(org.id, upload.id, 1));
    store.apply(vec![start()]).await.unwrap();
    // Started once only, and its mapping is fixed from then on.
    assert_conflict(store.apply(vec![start()]).await);
    assert_conflict(
        store
            .apply(vec![Write::Import(ImportWrite::SetUploadMapping {
                organisation_id: org.id,
                id: upload.id,
                mapping: String::new(),
                skip_invalid: false,
            })])
            .await,
    );
    store
        .apply(vec![Write::Import(ImportWrite::UploadProgress {
            organisation_id: org.id,
            id: upload.id,
            stage: "Checking rows".into(),
            done_rows: 1,
        })])
        .await
        .unwrap();
    let running = store
        .import_upload(org.id, upload.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            running.status.as_str(),
            running.stage.as_str(),
            running.done_rows
        ),
        ("running", "Checking rows", 1)
    );
    assert!(running.skip_invalid);
    store
        .apply(vec![Write::Import(ImportWrite::FinishUpload {
            organisation_id: org.id,
            id: upload.id,
            status: "done".into(),
            report: "{}".into(),
            at: at(1, 10),
        })])
        .await
        .unwrap();
    let done = store
        .import_upload(org.id, upload.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status, "done");
    assert_eq!(done.report.as_deref(), Some("{}"));
    // The file is not kept once imported.
    assert!(done.content.is_empty());
}
conformance!(mappings_and_uploads);
