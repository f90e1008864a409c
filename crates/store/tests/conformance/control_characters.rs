//! Text with control characters (a NUL byte, say, which PostgreSQL refuses outright) is turned
//! away by validation or dropped from lookups — never passed to the database to fail as a 500.

use std::sync::Arc;

use app::ports::{OpportunitySearch, VolunteerSearch};
use app::{App, AppError, Store, SystemClock};
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;

fn invalid_fields(result: Result<impl std::fmt::Debug, AppError>) -> Vec<String> {
    match result {
        Err(AppError::Invalid(errors)) => errors.0.into_iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn control_characters_never_reach_the_database(store: Arc<dyn Store>) {
    let app = App::new(store, Arc::new(SystemClock), "http://localhost");
    let admin = PersonInput {
        given_name: "Ada".into(),
        family_name: "Admin".into(),
        email: format!("ada.{}@example.org", uuid::Uuid::now_v7().simple()),
        ..Default::default()
    };
    let admin = app
        .register(&admin, "a long enough password")
        .await
        .unwrap();
    let org = OrganisationInput {
        name: "Wharfe Meadows Hospice".into(),
        slug: format!("wharfe-{}", uuid::Uuid::now_v7().simple()),
        sector: "voluntary".into(),
        kind: "hospice".into(),
        postcode: "LS21 3HB".into(),
        ..Default::default()
    };
    let org = app.create_organisation(&org, admin.id).await.unwrap();

    // Saved text: refused by validation, naming each field.
    let bad = PersonInput {
        given_name: "Ro\0bin".into(),
        family_name: "Shah".into(),
        email: "robin\0@example.org".into(),
        languages: "English\0".into(),
        accessibility_needs: "\u{7}".into(),
        ..Default::default()
    };
    let fields = invalid_fields(app.register(&bad, "a long enough password").await);
    for field in ["given_name", "email", "languages", "accessibility_needs"] {
        assert!(
            fields.iter().any(|f| f == field),
            "{field} missing from {fields:?}"
        );
    }

    // Lookups: nothing found, no database error.
    assert!(matches!(
        app.sign_in("ada\0@example.org", "wrong password", "127.0.0.1", None)
            .await,
        Err(AppError::Unauthenticated)
    ));
    assert!(
        app.authorise(admin.id, &format!("{}\0", org.slug))
            .await
            .is_ok(),
        "the NUL is dropped, the slug still names the organisation"
    );
    assert!(matches!(
        app.authorise(admin.id, "no\0where").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.organisation("\0").await,
        Err(AppError::NotFound)
    ));
    app.request_password_reset("nobody\0@example.org")
        .await
        .unwrap();
    let search = OpportunitySearch {
        keywords: "garden\0 visit".into(),
        setting: None,
        organisation: Some("x\0".into()),
    };
    assert!(app.opportunities(&search).await.unwrap().is_empty());
    let scope = app.authorise(admin.id, org.slug.as_str()).await.unwrap();
    let people = app
        .volunteers(
            &scope,
            VolunteerSearch {
                keywords: "\0".into(),
                page: 1,
                per_page: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(people.total, 0);
    let fields = invalid_fields(
        app.grant_permission(&scope, "x\0@example.org", "viewer", vec![])
            .await,
    );
    assert_eq!(fields, ["email"]);
}

conformance!(control_characters_never_reach_the_database);
