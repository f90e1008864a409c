//! Consents recorded on their own form: recorded and withdrawn (once) by a manager, withdrawn by
//! the person, shown in the register and the person's own list, in a subject access export, and
//! never reachable from another organisation.

use std::sync::Arc;

use app::{App, AppError, OrgScope, Store, SystemClock};
use domain::engagement::EngagementStatus;
use domain::person::{Person, PersonInput};
use domain::privacy::consent::ConsentInput;

use crate::fixtures::{organisation_input, unique};

async fn admin_of(app: &App, name: &str) -> (Person, OrgScope) {
    let admin = app
        .register(
            &PersonInput {
                given_name: name.into(),
                family_name: "Admin".into(),
                email: format!("{name}-{}@example.org", unique()),
                ..Default::default()
            },
            "a long enough password",
        )
        .await
        .unwrap();
    let input = organisation_input(&format!("Consents {name} {}", unique()));
    let org = app.create_organisation(&input, admin.id).await.unwrap();
    let scope = app.authorise(admin.id, org.slug.as_str()).await.unwrap();
    (admin, scope)
}

fn photos(state: &str) -> ConsentInput {
    ConsentInput {
        purpose: "Photographs in our newsletter".into(),
        state: state.into(),
        on: "2026-01-05".into(),
        way: "written".into(),
        note: "Signed at induction".into(),
    }
}

async fn consents_are_recorded_withdrawn_once_and_kept(store: Arc<dyn Store>) {
    let app = App::new(store, Arc::new(SystemClock), "");
    let (_, a) = admin_of(&app, "Ada").await;
    let (_, b) = admin_of(&app, "Bea").await;
    let vera = app
        .register(
            &PersonInput {
                given_name: "Vera".into(),
                family_name: "Volunteer".into(),
                email: format!("vera-{}@example.org", unique()),
                ..Default::default()
            },
            "a long enough password",
        )
        .await
        .unwrap();
    // Someone not with the organisation has no consents page there.
    assert!(matches!(
        app.record_consent(&a, vera.id, &photos("given")).await,
        Err(AppError::NotFound)
    ));
    app.store
        .apply(vec![app::Write::InsertEngagement(
            crate::fixtures::engagement(
                a.organisation_id(),
                vera.id,
                EngagementStatus::Active,
                chrono::Utc::now(),
            ),
        )])
        .await
        .unwrap();

    // Bad input is named, nothing saved.
    let Err(AppError::Invalid(errors)) = app
        .record_consent(&a, vera.id, &ConsentInput::default())
        .await
    else {
        panic!("empty input accepted");
    };
    for field in ["purpose", "state", "on", "way"] {
        assert!(errors.get(field).is_some(), "{field}");
    }
    let given = app
        .record_consent(&a, vera.id, &photos("given"))
        .await
        .unwrap();
    let declined = app
        .record_consent(&a, vera.id, &photos("withdrawn"))
        .await
        .unwrap();
    let listed = app.person_consents(&a, vera.id).await.unwrap();
    // (PostgreSQL keeps times to the microsecond, so compare what was recorded, not the time.)
    let ids: Vec<_> = listed
        .iter()
        .map(|c| (c.id, c.given_on, c.withdrawn_on))
        .collect();
    assert_eq!(
        ids,
        vec![
            (given.id, given.given_on, None),
            (declined.id, None, declined.withdrawn_on)
        ]
    );
    assert!(listed[0].in_force() && !listed[1].in_force());

    // Another organisation sees nothing, and cannot withdraw it.
    assert!(matches!(
        app.person_consents(&b, vera.id).await,
        Err(AppError::NotFound)
    ));
    assert!(
        app.withdraw_consent(&b, vera.id, given.id, "")
            .await
            .is_err()
    );

    // The register and the person's own list show both, with what can still be withdrawn.
    let register = app.consent_register(&a).await.unwrap();
    let mine: Vec<_> = register
        .iter()
        .filter(|c| c.purpose == given.purpose)
        .collect();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine[0].given, "5 January 2026");
    assert!(
        mine[0]
            .how
            .starts_with("In writing (recorded by Ada Admin)"),
        "{:?}",
        mine[0]
    );
    assert_eq!(mine[0].can_withdraw, Some(given.id));
    assert_eq!(mine[1].given, "Declined");
    assert_eq!(mine[1].can_withdraw, None);
    let own = app.my_consents(vera.id).await.unwrap();
    assert_eq!(
        own.iter()
            .filter(|c| c.can_withdraw == Some(given.id))
            .count(),
        1
    );

    // The person withdraws it; a second withdrawal is refused and changes nothing.
    let withdrawn = app.withdraw_my_consent(vera.id, given.id).await.unwrap();
    assert_eq!(withdrawn.withdrawn_by, "Vera Volunteer");
    assert!(matches!(
        app.withdraw_consent(&a, vera.id, given.id, "").await,
        Err(AppError::Invalid(_))
    ));
    assert!(app.withdraw_my_consent(vera.id, declined.id).await.is_err());
    let now = app.person_consents(&a, vera.id).await.unwrap();
    assert_eq!(now[0].withdrawn_on, withdrawn.withdrawn_on);
    assert!(!now[0].in_force());
    // Someone else's consent is not the person's to withdraw.
    let (other, _) = admin_of(&app, "Cal").await;
    assert!(matches!(
        app.withdraw_my_consent(other.id, declined.id).await,
        Err(AppError::NotFound)
    ));

    // Subject access holds them, as rows and in the consents list.
    let export = app.subject_access_for(&a, vera.id).await.unwrap();
    let section = export
        .records
        .iter()
        .find(|r| r.section == "recorded_consents")
        .expect("recorded consents in the export");
    assert_eq!(section.rows.len(), 2);
    assert!(export.consents.iter().any(|c| c.purpose == given.purpose));
    let audit = app
        .store
        .audit_for(Some(a.organisation_id()), vera.id.0)
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "consent.recorded")
            .count(),
        2
    );
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "consent.withdrawn")
            .count(),
        1
    );
}
conformance!(consents_are_recorded_withdrawn_once_and_kept);
