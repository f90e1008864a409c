//! Re-importing a file updates what it says has changed: a person matched on email gets the
//! status the file gives, by the manager's own rules (a move those rules refuse is a problem
//! with the row), and a carer matched by name and date of birth is linked to the person the row
//! names when they were not yet. The report says what changed; importing again changes nothing.

use std::sync::Arc;

use app::import::{ImportOptions, ImportReport, NoProgress};
use app::{App, OrgScope, Store, SystemClock};
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::import::ImportKind;
use domain::person::PersonInput;

use crate::fixtures::{organisation_input, unique};

async fn set_up(store: Arc<dyn Store>) -> (App, OrgScope) {
    let app = App::new(store, Arc::new(SystemClock), "");
    let admin = app
        .register(
            &PersonInput {
                given_name: "Ada".into(),
                family_name: "Admin".into(),
                email: format!("ada-{}@example.org", unique()),
                ..Default::default()
            },
            "a long enough password",
        )
        .await
        .unwrap();
    let input = organisation_input(&format!("Reimport {}", unique()));
    let org = app.create_organisation(&input, admin.id).await.unwrap();
    let scope = app.authorise(admin.id, org.slug.as_str()).await.unwrap();
    (app, scope)
}

async fn import(
    app: &App,
    scope: &OrgScope,
    kind: ImportKind,
    file: &str,
    skip: bool,
) -> ImportReport {
    let options = ImportOptions {
        skip_invalid: skip,
        file_name: "file.csv".into(),
        ..ImportOptions::default()
    };
    app.import(scope, kind, file.as_bytes(), &options, &NoProgress)
        .await
        .unwrap()
}

async fn status_of(app: &App, scope: &OrgScope, email: &str) -> EngagementStatus {
    let (person, _) = app.store.person_by_email(email).await.unwrap().unwrap();
    app.store
        .engagement_of(scope.organisation_id(), person.id)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn a_reimport_changes_status_by_the_managers_rules(store: Arc<dyn Store>) {
    let (app, scope) = set_up(store).await;
    let first = import(
        &app,
        &scope,
        ImportKind::People,
        "First name,Last name,Email,Status\n\
         Asha,Patel,asha@example.org,Active\n\
         Ben,Jones,ben@example.org,Active\n\
         Cara,Lee,cara@example.org,Onboarding\n\
         Dan,Ode,dan@example.org,Active\n",
        false,
    )
    .await;
    assert!(first.saved && first.created == 4, "{first:?}");

    let again = "First name,Last name,Email,Status,Why they left\n\
         Asha,Patel,asha@example.org,Paused,\n\
         Ben,Jones,ben@example.org,Left,Moved away\n\
         Cara,Lee,cara@example.org,Active,\n\
         Dan,Ode,dan@example.org,,\n";
    // Onboarding to active is refused as on the volunteer's record, so (all or nothing) the
    // file changes nobody.
    let refused = import(&app, &scope, ImportKind::People, again, false).await;
    assert!(!refused.saved);
    assert_eq!(refused.problems.len(), 1, "{:?}", refused.problems);
    let p = &refused.problems[0];
    assert_eq!((p.row, p.column.as_str()), (Some(4), "Status"));
    assert!(
        p.message
            .starts_with("Start them in a role from their checklist"),
        "{p:?}"
    );
    assert_eq!(
        status_of(&app, &scope, "asha@example.org").await,
        EngagementStatus::Active
    );

    // Skipping that row, the others change; a row without a status keeps theirs.
    let report = import(&app, &scope, ImportKind::People, again, true).await;
    assert!(report.saved, "{report:?}");
    assert_eq!(report.created, 0);
    let changed: Vec<(u64, Vec<String>)> = report
        .merged
        .iter()
        .map(|m| (m.row, m.changed.clone()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (2, vec!["their status from active to paused".to_owned()]),
            (3, vec!["their status from active to left".to_owned()]),
            (5, vec![]),
        ]
    );
    assert!(
        report.merged[0]
            .sentence()
            .ends_with("kept their existing record and changed their status from active to paused"),
        "{}",
        report.merged[0].sentence()
    );
    assert_eq!(
        status_of(&app, &scope, "asha@example.org").await,
        EngagementStatus::Paused
    );
    assert_eq!(
        status_of(&app, &scope, "cara@example.org").await,
        EngagementStatus::Onboarding
    );
    assert_eq!(
        status_of(&app, &scope, "dan@example.org").await,
        EngagementStatus::Active
    );
    let (ben, _) = app
        .store
        .person_by_email("ben@example.org")
        .await
        .unwrap()
        .unwrap();
    let engagement = app
        .store
        .engagement_of(scope.organisation_id(), ben.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(engagement.status, EngagementStatus::Left);
    assert_eq!(engagement.leaving_reason, Some(LeavingReason::MovedAway));
    // The history says how, as the manager's change does.
    let history = app
        .store
        .engagement_events(scope.organisation_id(), engagement.id)
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.from, last.to),
        (Some(EngagementStatus::Active), EngagementStatus::Left)
    );
    assert_eq!(last.note, "Changed by an import");

    // Leaving needs a reason, as on the record.
    let no_reason = import(
        &app,
        &scope,
        ImportKind::People,
        "First name,Last name,Email,Status\nDan,Ode,dan@example.org,Left\n",
        false,
    )
    .await;
    assert!(!no_reason.saved);
    assert_eq!(no_reason.problems[0].message, "Select why they are leaving");

    // The same file again changes nothing more.
    let same = import(&app, &scope, ImportKind::People, again, true).await;
    assert!(
        same.merged.iter().all(|m| m.changed.is_empty()),
        "{:?}",
        same.merged
    );
}
conformance!(a_reimport_changes_status_by_the_managers_rules);

async fn a_reimported_carer_is_linked_to_the_person_the_row_names(store: Arc<dyn Store>) {
    let (app, scope) = set_up(store).await;
    let clients = import(
        &app,
        &scope,
        ImportKind::ServiceUsers,
        "First name,Surname,DOB,Consent to support,Consent to data,Consent method\n\
         Edna,Brown,01/01/1935,01/01/2026,01/01/2026,written\n\
         Fred,Brown,02/02/1933,01/01/2026,01/01/2026,written\n",
        false,
    )
    .await;
    assert!(clients.saved, "{clients:?}");
    let carers = "First name,Surname,Date of birth,Cares for,Relationship\n\
                  Joan,Brown,03/03/1960,Edna Brown,Son or daughter\n";
    assert!(
        import(&app, &scope, ImportKind::Carers, carers, false)
            .await
            .saved
    );
    // Joan again, now as Fred's carer too: matched, and the missing link added.
    let report = import(
        &app,
        &scope,
        ImportKind::Carers,
        "First name,Surname,Date of birth,Cares for,Relationship\n\
         Joan,Brown,03/03/1960,Fred Brown,Son or daughter\n\
         Joan,Brown,03/03/1960,Edna Brown,Son or daughter\n",
        false,
    )
    .await;
    assert!(report.saved, "{report:?}");
    assert_eq!(report.created, 0);
    let changed: Vec<Vec<String>> = report.merged.iter().map(|m| m.changed.clone()).collect();
    assert_eq!(
        changed,
        vec![
            vec!["linked them as carer of Fred Brown".to_owned()],
            vec![]
        ]
    );
    let people = app.supported_people(&scope).await.unwrap();
    let id = |name: &str| people.iter().find(|p| p.given_name == name).unwrap().id;
    let links = app
        .store
        .carer_links(scope.organisation_id(), id("Joan"))
        .await
        .unwrap();
    let mut cared_for: Vec<_> = links.iter().map(|l| l.cared_for_id).collect();
    cared_for.sort();
    let mut expected = vec![id("Edna"), id("Fred")];
    expected.sort();
    assert_eq!(cared_for, expected);
    assert_eq!(people.len(), 3, "nobody added twice");
    // Again: nothing left to change.
    let same = import(
        &app,
        &scope,
        ImportKind::Carers,
        "First name,Surname,Date of birth,Cares for\nJoan,Brown,03/03/1960,Fred Brown\n",
        false,
    )
    .await;
    assert!(
        same.merged.iter().all(|m| m.changed.is_empty()),
        "{:?}",
        same.merged
    );
    // A carer named as caring for themselves is a problem with the row.
    let own = import(
        &app,
        &scope,
        ImportKind::Carers,
        "First name,Surname,Date of birth,Cares for\nJoan,Brown,03/03/1960,Joan Brown\n",
        false,
    )
    .await;
    assert!(!own.saved);
    assert_eq!(own.problems[0].column, "Cares for");
}
conformance!(a_reimported_carer_is_linked_to_the_person_the_row_names);
