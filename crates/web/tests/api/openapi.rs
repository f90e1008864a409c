//! The OpenAPI document: served without a token, version 3.1, every route described, and
//! matching the committed snapshot.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{operations, world};

#[tokio::test]
async fn openapi_document_is_served_without_a_token() {
    let w = world().await;
    let reply = w
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/json");
    let expected: Value = serde_json::from_str(&alongside_web::openapi_json()).expect("JSON");
    assert_eq!(reply.body, expected);
}

#[test]
fn openapi_document_is_3_1_and_describes_every_route() {
    let doc: Value =
        serde_json::from_str(&alongside_web::openapi_json()).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let expected = [
        ("GET", "/api/v1/openapi.json"),
        ("GET", "/api/v1/organisation"),
        ("PUT", "/api/v1/organisation"),
        ("GET", "/api/v1/sites"),
        ("POST", "/api/v1/sites"),
        ("GET", "/api/v1/sites/{id}"),
        ("PUT", "/api/v1/sites/{id}"),
        ("GET", "/api/v1/roles"),
        ("POST", "/api/v1/roles"),
        ("GET", "/api/v1/roles/{id}"),
        ("PUT", "/api/v1/roles/{id}"),
        ("POST", "/api/v1/roles/{id}/publish"),
        ("POST", "/api/v1/roles/{id}/close"),
        ("GET", "/api/v1/people"),
        ("POST", "/api/v1/people"),
        ("GET", "/api/v1/people/{id}"),
        ("POST", "/api/v1/people/{id}/status"),
        ("GET", "/api/v1/surveys/plans"),
        ("PUT", "/api/v1/surveys/plans/{occasion}"),
        ("PUT", "/api/v1/surveys/licences/{instrument}"),
        ("GET", "/api/v1/surveys/responses"),
        ("GET", "/api/v1/outcome-indicators"),
        ("POST", "/api/v1/roles/{id}/outcome-indicators"),
        ("POST", "/api/v1/people/{id}/activity"),
        ("GET", "/api/v1/activity"),
        ("GET", "/api/v1/reports/quality"),
        ("GET", "/api/v1/people/{id}/commitments"),
        ("POST", "/api/v1/people/{id}/commitments"),
        (
            "POST",
            "/api/v1/people/{id}/commitments/{commitment_id}/end",
        ),
        ("GET", "/api/v1/applications"),
        ("GET", "/api/v1/applications/{id}"),
        ("POST", "/api/v1/applications/{id}/decision"),
        ("GET", "/api/v1/catalogue"),
        ("POST", "/api/v1/catalogue"),
        ("GET", "/api/v1/catalogue/{id}"),
        ("PUT", "/api/v1/catalogue/{id}"),
        ("GET", "/api/v1/people/{id}/checklists"),
        ("POST", "/api/v1/checks/{id}"),
        ("POST", "/api/v1/checks/{id}/referees"),
        ("GET", "/api/v1/expiring"),
        ("GET", "/api/v1/onboarding"),
        ("GET", "/api/v1/placements/{id}/eligibility"),
        ("POST", "/api/v1/placements/{id}/activate"),
        ("GET", "/api/v1/reports/time-to-onboard"),
        ("GET", "/api/v1/expenses"),
        ("POST", "/api/v1/expenses"),
        ("GET", "/api/v1/expenses/{id}"),
        ("POST", "/api/v1/expenses/{id}/approve"),
        ("POST", "/api/v1/expenses/{id}/reject"),
        ("POST", "/api/v1/expenses/{id}/query"),
        ("POST", "/api/v1/expenses/{id}/paid"),
        ("GET", "/api/v1/expenses/{id}/receipt"),
        ("PUT", "/api/v1/expenses/{id}/receipt"),
        ("GET", "/api/v1/reports/expenses"),
        ("GET", "/api/v1/shifts"),
        ("POST", "/api/v1/shifts"),
        ("GET", "/api/v1/shifts/{id}"),
        ("GET", "/api/v1/shifts/{id}/attendance"),
        ("POST", "/api/v1/shifts/{id}/attendance"),
        ("GET", "/api/v1/reports/no-shows"),
        ("GET", "/api/v1/hours"),
        ("POST", "/api/v1/hours"),
        ("GET", "/api/v1/hours/{id}"),
        ("POST", "/api/v1/hours/{id}/approve"),
        ("POST", "/api/v1/hours/{id}/query"),
        ("GET", "/api/v1/reports/hours"),
        ("PUT", "/api/v1/shifts/{id}"),
        ("PUT", "/api/v1/shifts/{id}/series"),
        ("POST", "/api/v1/shifts/{id}/cancel"),
        ("GET", "/api/v1/shifts/{id}/bookings"),
        ("POST", "/api/v1/shifts/{id}/bookings"),
        ("DELETE", "/api/v1/shifts/{id}/bookings/{booking_id}"),
        ("POST", "/api/v1/shifts/{id}/bookings/{booking_id}/move"),
        ("GET", "/api/v1/shifts/{id}/waiting-list"),
        ("GET", "/api/v1/rota"),
        ("POST", "/api/v1/rota/template"),
        ("GET", "/api/v1/service-users"),
        ("POST", "/api/v1/service-users"),
        ("GET", "/api/v1/service-users/{id}"),
        ("GET", "/api/v1/service-users/{id}/health-notes"),
        ("PUT", "/api/v1/service-users/{id}/health-notes"),
        ("POST", "/api/v1/service-users/{id}/status"),
        ("POST", "/api/v1/service-users/{id}/carers"),
        ("GET", "/api/v1/service-users/{id}/feedback"),
        ("POST", "/api/v1/service-users/{id}/feedback"),
        ("GET", "/api/v1/referrals"),
        ("POST", "/api/v1/referrals"),
        ("POST", "/api/v1/referrals/{id}/decision"),
        ("GET", "/api/v1/service-users/{id}/suggestions"),
        ("GET", "/api/v1/people/{id}/match-profile"),
        ("PUT", "/api/v1/people/{id}/match-profile"),
        ("GET", "/api/v1/matches"),
        ("POST", "/api/v1/matches"),
        ("POST", "/api/v1/matches/{id}/step"),
        ("POST", "/api/v1/matches/{id}/contacts"),
        ("POST", "/api/v1/matching/plan"),
        ("POST", "/api/v1/concerns"),
        ("GET", "/api/v1/concerns"),
        ("GET", "/api/v1/concerns/{id}"),
        ("POST", "/api/v1/concerns/{id}/entries"),
        ("GET", "/api/v1/safeguarding-leads"),
        ("PUT", "/api/v1/safeguarding-leads"),
        ("GET", "/api/v1/networks/{slug}/role-templates"),
        ("POST", "/api/v1/networks/{slug}/role-templates"),
        ("GET", "/api/v1/networks/{slug}/role-templates/{id}"),
        ("POST", "/api/v1/networks/{slug}/role-templates/{id}/copy"),
        ("PUT", "/api/v1/networks/{slug}/role-templates/{id}"),
        (
            "POST",
            "/api/v1/networks/{slug}/role-templates/{id}/withdraw",
        ),
        ("GET", "/api/v1/networks/{slug}/events"),
        ("POST", "/api/v1/networks/{slug}/events"),
        ("GET", "/api/v1/networks/{slug}/events/{id}"),
        ("GET", "/api/v1/networks/{slug}/events/{id}/registrations"),
        (
            "POST",
            "/api/v1/networks/{slug}/events/{id}/registrations/{registration_id}/attendance",
        ),
        ("GET", "/api/v1/networks/{slug}/resources"),
        ("POST", "/api/v1/networks/{slug}/resources"),
        ("GET", "/api/v1/networks/{slug}/resources/{id}"),
        ("PUT", "/api/v1/networks/{slug}/resources/{id}"),
        ("GET", "/api/v1/networks/{slug}/resources/{id}/file"),
        ("PUT", "/api/v1/networks/{slug}/resources/{id}/file"),
        ("POST", "/api/v1/networks/{slug}/resources/{id}/withdraw"),
        ("GET", "/api/v1/networks"),
        ("GET", "/api/v1/networks/{slug}"),
        ("GET", "/api/v1/networks/{slug}/members"),
        ("POST", "/api/v1/networks/{slug}/members"),
        ("POST", "/api/v1/networks/{slug}/members/{id}/renewals"),
        ("POST", "/api/v1/networks/{slug}/members/{id}/end"),
        ("GET", "/api/v1/networks/{slug}/benchmark"),
        ("GET", "/api/v1/agreements"),
        ("POST", "/api/v1/agreements"),
        ("GET", "/api/v1/agreements/{id}"),
        ("POST", "/api/v1/agreements/{id}/sign"),
        ("POST", "/api/v1/agreements/{id}/end"),
        ("GET", "/api/v1/people/{id}/recognitions"),
        ("POST", "/api/v1/roles/{id}/network-listings"),
        ("GET", "/api/v1/network-referrals"),
        ("POST", "/api/v1/people/{id}/network-referrals"),
        ("GET", "/api/v1/events"),
        ("POST", "/api/v1/events"),
        ("GET", "/api/v1/events/{id}"),
        ("GET", "/api/v1/events/{id}/registrations"),
        (
            "POST",
            "/api/v1/events/{id}/registrations/{registration_id}/attendance",
        ),
        ("POST", "/api/v1/people/{id}/subject-access"),
        ("POST", "/api/v1/people/{id}/erasure"),
        ("GET", "/api/v1/privacy/erasures"),
        ("GET", "/api/v1/privacy/retention"),
        ("PUT", "/api/v1/privacy/retention"),
        ("GET", "/api/v1/privacy/retention/preview"),
        ("POST", "/api/v1/privacy/retention/run"),
        ("GET", "/api/v1/privacy/consents"),
        ("GET", "/api/v1/people/{id}/consents"),
        ("POST", "/api/v1/people/{id}/consents"),
        ("POST", "/api/v1/people/{id}/consents/{consent_id}/withdraw"),
        ("GET", "/api/v1/organisation/notification-settings"),
        ("PUT", "/api/v1/organisation/notification-settings"),
        ("POST", "/api/v1/imports/{kind}"),
    ];
    let expected: BTreeSet<(String, String)> = expected
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(operations(), expected);
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert_eq!(doc["security"], json!([{"bearer": []}]));
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    let ops = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("an item").values());
    let mut ids = BTreeSet::new();
    for op in ops {
        let id = op["operationId"].as_str().expect("an operation id");
        assert!(ids.insert(id.to_owned()), "operation id {id} is used twice");
    }
}

/// The document is committed, so changes to the API show up in review. Run with
/// `UPDATE_SNAPSHOTS=1` to accept a change.
#[test]
fn openapi_document_matches_the_snapshot() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    let actual = alongside_web::openapi_json();
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a directory"))
            .expect("creating the snapshot directory");
        std::fs::write(&path, &actual).expect("writing the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the OpenAPI snapshot {} ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .map_or_else(
                || "the lengths differ".to_owned(),
                |i| {
                    format!(
                        "first difference at line {}:\n  snapshot: {}\n  now:      {}",
                        i + 1,
                        expected.lines().nth(i).unwrap_or(""),
                        actual.lines().nth(i).unwrap_or("")
                    )
                },
            );
        panic!(
            "the OpenAPI document no longer matches {}; {line}\nIf the change is intended, run \
             `UPDATE_SNAPSHOTS=1 cargo test -p alongside-web --test api` and commit the snapshot.",
            path.display()
        );
    }
}
