//! Permissions: what a token may do follows its staff member's permission.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::compliance::accept;
use crate::shifts::shift_body;
use crate::support::{organisation_body, role_body, site_body, world};

#[tokio::test]
async fn permissions_limit_what_a_token_may_do() {
    let w = world().await;
    let a = w.seed_a().await;
    let placed = accept(&w, &a.application, &a.person).await;
    let viewer = w.staff_token(&w.a, "viewer").await;
    let manager = w.staff_token(&w.a, "volunteer_manager").await;

    for path in [
        "/api/v1/organisation".to_owned(),
        "/api/v1/sites".to_owned(),
        "/api/v1/roles".to_owned(),
        "/api/v1/people".to_owned(),
        "/api/v1/applications".to_owned(),
        "/api/v1/catalogue".to_owned(),
        "/api/v1/onboarding".to_owned(),
        "/api/v1/reports/time-to-onboard".to_owned(),
        "/api/v1/shifts".to_owned(),
    ] {
        assert_eq!(
            w.get(&path, &viewer).await.status,
            StatusCode::OK,
            "viewer reading {path}"
        );
    }
    // Viewers see who is ready to start, never the details of people's checks.
    for path in [
        format!("/api/v1/people/{}/checklists", a.person),
        "/api/v1/expiring".to_owned(),
        format!("/api/v1/placements/{}/eligibility", placed.placement),
    ] {
        w.get(&path, &viewer)
            .await
            .assert_problem(StatusCode::FORBIDDEN);
        assert_eq!(
            w.get(&path, &manager).await.status,
            StatusCode::OK,
            "manager reading {path}"
        );
    }
    let refused = [
        (
            Method::POST,
            "/api/v1/sites".to_owned(),
            site_body("Ward 8"),
        ),
        (
            Method::PUT,
            format!("/api/v1/sites/{}", a.site),
            site_body("Ward 8"),
        ),
        (Method::POST, "/api/v1/roles".to_owned(), role_body(&[])),
        (
            Method::PUT,
            format!("/api/v1/roles/{}", a.role),
            role_body(&[]),
        ),
        (
            Method::POST,
            format!("/api/v1/roles/{}/close", a.role),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/people/{}/status", a.person),
            json!({"status": "onboarding"}),
        ),
        (
            Method::POST,
            format!("/api/v1/applications/{}/decision", a.application),
            json!({"status": "screening"}),
        ),
        (
            Method::PUT,
            "/api/v1/organisation".to_owned(),
            organisation_body("Viewer's Trust", "riverside"),
        ),
        (
            Method::POST,
            "/api/v1/catalogue".to_owned(),
            json!({"name": "Viewer's module", "kind": "training"}),
        ),
        (
            Method::PUT,
            format!("/api/v1/catalogue/{}", placed.catalogue_item),
            json!({"name": "Viewer's module", "description": "Changed"}),
        ),
        (
            Method::POST,
            format!("/api/v1/checks/{}", placed.check),
            json!({"action": "waive", "waiver_reason": "Viewer says so"}),
        ),
        (
            Method::POST,
            format!("/api/v1/checks/{}/referees", placed.check),
            json!({"referee_name": "Rob", "referee_email": "rob@example.org", "relationship": "Friend"}),
        ),
        (
            Method::POST,
            format!("/api/v1/placements/{}/activate", placed.placement),
            json!({}),
        ),
        (
            Method::POST,
            "/api/v1/shifts".to_owned(),
            shift_body(&a.role, &a.site, "2027-03-10", "10:00", "13:00"),
        ),
    ];
    for (verb, path, body) in refused {
        let reply = w.send(verb.clone(), &path, &viewer, body).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "viewer {verb} {path}: {}",
            reply.body
        );
        reply.assert_problem(StatusCode::FORBIDDEN);
    }
    assert_eq!(
        w.get("/api/v1/sites", &viewer).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let checklist = w
        .get(&format!("/api/v1/people/{}/checklists", a.person), &manager)
        .await;
    assert_eq!(
        checklist.body["checklists"][0]["items"][0]["check"]["status"],
        "pending"
    );
    assert_eq!(
        w.get(
            &format!("/api/v1/catalogue/{}", placed.catalogue_item),
            &viewer
        )
        .await
        .body["description"],
        ""
    );

    let created = w
        .send(Method::POST, "/api/v1/sites", &manager, site_body("Ward 8"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let org = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            &manager,
            organisation_body("Manager's Trust", "riverside"),
        )
        .await;
    org.assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(
        w.get("/api/v1/organisation", &manager).await.body["name"],
        "Riverside Hospitals NHS Trust"
    );
}
