//! Imports a stopped server left "running": found in every organisation and marked failed with
//! a plain reason, while imports that finished, or were never started, keep what they say.

use std::sync::Arc;

use app::import::ImportReport;
use app::import::interrupted::INTERRUPTED;
use app::ports::{ImportUpload, ImportWrite};
use app::{App, FixedClock, Store, Write};
use uuid::Uuid;

use crate::fixtures::{at, organisation, person, unique};

fn upload(org: domain::ids::OrganisationId, by: domain::ids::PersonId, kind: &str) -> ImportUpload {
    ImportUpload {
        id: Uuid::now_v7(),
        organisation_id: org,
        kind: kind.into(),
        file_name: format!("{kind}.csv"),
        content: b"Name\r\nWard 2\r\n".to_vec(),
        mapping: String::new(),
        skip_invalid: false,
        status: "uploaded".into(),
        stage: String::new(),
        done_rows: 0,
        total_rows: 1,
        report: None,
        created_by: by,
        created_at: at(1, 9),
    }
}

async fn interrupted_imports_are_marked_failed_at_start_up(store: Arc<dyn Store>) {
    let a = organisation(&format!("Recovery A {}", unique()));
    let b = organisation(&format!("Recovery B {}", unique()));
    let manager = person("Imran", "Importer");
    store
        .apply(vec![
            Write::InsertOrganisation(a.clone()),
            Write::InsertOrganisation(b.clone()),
            Write::InsertPerson(manager.clone(), None),
        ])
        .await
        .unwrap();
    let running_a = upload(a.id, manager.id, "sites");
    let running_b = upload(b.id, manager.id, "people");
    let finished = upload(a.id, manager.id, "roles");
    let waiting = upload(a.id, manager.id, "sites");
    for u in [&running_a, &running_b, &finished, &waiting] {
        store
            .apply(vec![Write::Import(ImportWrite::InsertUpload(u.clone()))])
            .await
            .unwrap();
    }
    for u in [&running_a, &running_b, &finished] {
        store
            .apply(vec![Write::Import(ImportWrite::StartUpload(
                u.organisation_id,
                u.id,
                1,
            ))])
            .await
            .unwrap();
    }
    store
        .apply(vec![Write::Import(ImportWrite::FinishUpload {
            organisation_id: a.id,
            id: finished.id,
            status: "done".into(),
            report: "{}".into(),
            at: at(1, 10),
        })])
        .await
        .unwrap();
    let running: Vec<Uuid> = store
        .running_uploads()
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(
        running,
        vec![running_a.id, running_b.id],
        "both organisations"
    );

    let app = App::new(store.clone(), Arc::new(FixedClock(at(2, 8))), "");
    assert_eq!(app.fail_interrupted_imports().await.unwrap(), 2);
    for u in [&running_a, &running_b] {
        let now = store
            .import_upload(u.organisation_id, u.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(now.status, "failed");
        assert!(
            now.content.is_empty(),
            "the file is dropped as when finished"
        );
        let report: ImportReport = serde_json::from_str(now.report.as_deref().unwrap()).unwrap();
        assert!(!report.saved);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].message, INTERRUPTED);
        assert_eq!(report.summary(), INTERRUPTED);
        let audit = store
            .audit_for(Some(u.organisation_id), u.organisation_id.0)
            .await
            .unwrap();
        assert!(audit.iter().any(|e| e.action == "import.interrupted"));
    }
    // A finished import keeps its report; one never started can still be started.
    let done = store
        .import_upload(a.id, finished.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (done.status.as_str(), done.report.as_deref()),
        ("done", Some("{}"))
    );
    let untouched = store
        .import_upload(a.id, waiting.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched.status, "uploaded");
    // Nothing is left running, so a second start-up marks nothing.
    assert!(store.running_uploads().await.unwrap().is_empty());
    assert_eq!(app.fail_interrupted_imports().await.unwrap(), 0);
}
conformance!(interrupted_imports_are_marked_failed_at_start_up);
