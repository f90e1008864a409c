//! Erasure and retention in the store: personal data goes, totals stay against a stand-in, a
//! record says it happened; an open safeguarding concern refuses it; the retention dry run
//! changes nothing and the run erases exactly what it listed.

use std::sync::Arc;

use app::erasure::ErasureInput;
use app::ports::SupportWrite;
use app::{AppError, Store, Write};
use chrono::Duration;
use domain::ids::*;
use domain::privacy::{ErasureBlock, ErasureReason, RetentionInput};
use domain::safeguarding::{Concern, ConcernEntry, EntryKind, Subject};

use crate::fixtures::{at, person};
use crate::privacy::{column, hours, leaver, section, world};

fn confirmed() -> ErasureInput {
    ErasureInput {
        confirmed: true,
        note: "Asked by letter".into(),
    }
}

fn concern_about(org: OrganisationId, volunteer: PersonId, by: PersonId) -> Write {
    let c = Concern {
        id: ConcernId::new(),
        organisation_id: org,
        subject: Subject::Volunteer,
        supported_person_id: None,
        volunteer_id: Some(volunteer),
        subject_name: "Vera Volunteer".into(),
        urgent: false,
        raised_by: by,
        raised_at: at(4, 9),
    };
    let raised = ConcernEntry {
        id: ConcernEntryId::new(),
        organisation_id: org,
        concern_id: c.id,
        kind: EntryKind::Raised,
        text: "Shouted at a patient".into(),
        by: Some(by),
        at: at(4, 9),
    };
    Write::Support(SupportWrite::InsertConcern(c, raised))
}

async fn erasure_removes_personal_data_and_keeps_totals(store: Arc<dyn Store>) {
    let w = world(store).await;
    // Someone only Ashby holds, with hours and a booking.
    let only_a = person("Erin", "Only");
    let mut writes = leaver(w.a.id, &only_a, at(1, 9));
    writes.push(Write::InsertHoursLog(hours(w.a.id, only_a.id, w.role_a)));
    w.store.apply(writes).await.unwrap();

    let preview = w.app.erasure_preview(&w.scope_a, only_a.id).await.unwrap();
    assert!(preview.blocks.is_empty());
    assert!(preview.profile_too);
    assert!(
        preview
            .removed
            .iter()
            .any(|r| r.starts_with("Hours logged: 1"))
    );

    // Not confirmed: nothing happens.
    let unconfirmed = w
        .app
        .erase_person(&w.scope_a, only_a.id, &ErasureInput::default())
        .await;
    assert!(matches!(unconfirmed, Err(AppError::Invalid(e)) if e.get("confirmed").is_some()));

    let record = w
        .app
        .erase_person(&w.scope_a, only_a.id, &confirmed())
        .await
        .unwrap();
    assert_eq!(record.reason, ErasureReason::Request);
    assert!(record.profile_erased);

    // The profile is emptied; the organisation's records point to the stand-in, without text.
    let erased = w.store.person(only_a.id).await.unwrap().unwrap();
    assert_eq!(erased.given_name, "Erased");
    assert!(erased.phone.is_none() && erased.date_of_birth.is_none());
    assert!(erased.email.as_str().ends_with("@erased.invalid"));
    let own = w
        .store
        .personal_records(only_a.id, Some(w.a.id))
        .await
        .unwrap();
    assert!(section(&own, "hours").rows.is_empty());
    let stand_in = PersonId(record.subject_id);
    let kept = w
        .store
        .personal_records(stand_in, Some(w.a.id))
        .await
        .unwrap();
    let logged = section(&kept, "hours");
    assert_eq!(column(logged, "minutes"), vec!["90"]);
    assert_eq!(column(logged, "description"), vec![""]);
    assert_eq!(
        column(section(&kept, "engagement_history"), "note"),
        vec![""]
    );
    assert_eq!(w.store.erasures(w.a.id).await.unwrap(), vec![record]);
}
conformance!(erasure_removes_personal_data_and_keeps_totals);

async fn another_organisation_keeps_the_person(store: Arc<dyn Store>) {
    let w = world(store).await;
    let record = w
        .app
        .erase_person(&w.scope_a, w.volunteer.id, &confirmed())
        .await
        .unwrap();
    assert!(!record.profile_erased);
    let still = w.store.person(w.volunteer.id).await.unwrap().unwrap();
    assert_eq!(still.given_name, "Vera");
    let everything = w
        .store
        .personal_records(w.volunteer.id, None)
        .await
        .unwrap();
    assert_eq!(
        column(section(&everything, "bookings"), "shift_id"),
        vec![w.shift_b.id.to_string()]
    );
    // Ashby no longer holds them at all.
    assert!(matches!(
        w.app.subject_access_for(&w.scope_a, w.volunteer.id).await,
        Err(AppError::NotFound)
    ));
}
conformance!(another_organisation_keeps_the_person);

async fn an_open_concern_refuses_erasure(store: Arc<dyn Store>) {
    let w = world(store).await;
    let admin = w.scope_a.actor().person_id().unwrap();
    w.store
        .apply(vec![concern_about(w.a.id, w.volunteer.id, admin)])
        .await
        .unwrap();
    let preview = w
        .app
        .erasure_preview(&w.scope_a, w.volunteer.id)
        .await
        .unwrap();
    assert_eq!(preview.blocks, vec![ErasureBlock::OpenConcern]);
    match w
        .app
        .erase_person(&w.scope_a, w.volunteer.id, &confirmed())
        .await
    {
        Err(AppError::Invalid(e)) => {
            assert!(e.get("erasure").unwrap().contains("safeguarding concern"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let records = w
        .store
        .personal_records(w.volunteer.id, Some(w.a.id))
        .await
        .unwrap();
    assert_eq!(section(&records, "bookings").rows.len(), 1);
    assert!(w.store.erasures(w.a.id).await.unwrap().is_empty());
    // Barton holds no concern: it may erase its own records.
    assert!(
        w.app
            .erase_person(&w.scope_b, w.volunteer.id, &confirmed())
            .await
            .is_ok()
    );
}
conformance!(an_open_concern_refuses_erasure);

async fn the_dry_run_changes_nothing_and_the_run_erases_what_it_listed(store: Arc<dyn Store>) {
    let w = world(store).await;
    let admin = w.scope_a.actor().person_id().unwrap();
    let long_gone = person("Larry", "Longgone");
    let recent = person("Rita", "Recent");
    let guarded = person("Gus", "Guarded");
    let mut writes = leaver(w.a.id, &long_gone, at(20, 12) - Duration::days(800));
    writes.extend(leaver(w.a.id, &recent, at(20, 12) - Duration::days(100)));
    writes.extend(leaver(w.a.id, &guarded, at(20, 12) - Duration::days(900)));
    writes.push(concern_about(w.a.id, guarded.id, admin));
    w.store.apply(writes).await.unwrap();
    w.app
        .save_retention(
            &w.scope_a,
            &RetentionInput {
                leavers_after_years: "2".into(),
                ..RetentionInput::default()
            },
        )
        .await
        .unwrap();

    let preview = w.app.retention_preview(&w.scope_a).await.unwrap();
    let names: Vec<(&str, bool)> = preview
        .items
        .iter()
        .map(|i| (i.candidate.name.as_str(), i.kept_because.is_empty()))
        .collect();
    assert_eq!(
        names,
        vec![("Gus Guarded", false), ("Larry Longgone", true)]
    );
    // A dry run: nobody was changed.
    assert_eq!(
        w.store
            .person(long_gone.id)
            .await
            .unwrap()
            .unwrap()
            .given_name,
        "Larry"
    );
    assert!(w.store.erasures(w.a.id).await.unwrap().is_empty());

    let run = w.app.run_retention(&w.scope_a).await.unwrap();
    assert!(run.report.contains(&"People who left: 1 erased".to_owned()));
    assert!(run.report.iter().any(|l| l.starts_with("Kept one record")));
    assert!(!run.report.join(" ").contains("Larry"));
    assert_eq!(
        w.store
            .person(long_gone.id)
            .await
            .unwrap()
            .unwrap()
            .given_name,
        "Erased"
    );
    assert_eq!(
        w.store.person(recent.id).await.unwrap().unwrap().given_name,
        "Rita"
    );
    assert_eq!(
        w.store
            .person(guarded.id)
            .await
            .unwrap()
            .unwrap()
            .given_name,
        "Gus"
    );
    let erasures = w.store.erasures(w.a.id).await.unwrap();
    assert_eq!(erasures.len(), 1);
    assert_eq!(erasures[0].reason, ErasureReason::Leavers);
    assert_eq!(w.app.retention_runs(&w.scope_a).await.unwrap(), vec![run]);
    // Run again: the stand-in and the erased profile are not reached twice.
    let again = w.app.retention_preview(&w.scope_a).await.unwrap();
    assert_eq!(again.items.len(), 1);
}
conformance!(the_dry_run_changes_nothing_and_the_run_erases_what_it_listed);

async fn retention_runs_as_a_daily_job(store: Arc<dyn Store>) {
    let w = world(store).await;
    let long_gone = person("Larry", "Longgone");
    w.store
        .apply(leaver(w.a.id, &long_gone, at(20, 12) - Duration::days(800)))
        .await
        .unwrap();
    // No rules yet: nothing is scheduled for retention.
    w.app.schedule_jobs().await.unwrap();
    w.app.run_jobs("worker", 50).await.unwrap();
    assert!(w.app.retention_runs(&w.scope_a).await.unwrap().is_empty());
    w.app
        .save_retention(
            &w.scope_a,
            &RetentionInput {
                leavers_after_years: "2".into(),
                ..RetentionInput::default()
            },
        )
        .await
        .unwrap();
    w.app.schedule_jobs().await.unwrap();
    w.app.schedule_jobs().await.unwrap();
    let report = w.app.run_jobs("worker", 50).await.unwrap();
    assert_eq!(report.failed, 0);
    let runs = w.app.retention_runs(&w.scope_a).await.unwrap();
    assert_eq!(
        runs.len(),
        1,
        "one run a day, however often scheduling runs"
    );
    assert_eq!(runs[0].ran_by, None);
    assert_eq!(
        w.store
            .person(long_gone.id)
            .await
            .unwrap()
            .unwrap()
            .given_name,
        "Erased"
    );
}
conformance!(retention_runs_as_a_daily_job);
