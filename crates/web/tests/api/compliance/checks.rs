//! Expiring items, auditing reads of check data, and malformed requests.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use serde_json::json;

use super::{accept, check, checklists, day, dbs_verification, record};
use crate::support::{person, world};

#[tokio::test]
async fn expiring_items_are_listed_by_how_far_ahead_to_look() {
    let w = world().await;
    let a = w.seed_a().await;
    let placed = accept(&w, &a.application, &a.person).await;
    let token = &w.a.token;
    let today = w.app.clock.today();
    let mut body = dbs_verification(&w);
    body["expires_on"] = json!(day(today + Duration::days(20)));
    let verified = record(&w, &placed.check, body).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);

    for (query, total) in [("days=19", 0), ("days=20", 1), ("", 1), ("days=0", 0)] {
        let page = w.get(&format!("/api/v1/expiring?{query}"), token).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert_eq!(page.body["total"], total, "{query}: {}", page.body);
    }
    let page = w.get("/api/v1/expiring?days=30", token).await;
    assert_eq!(
        page.body["items"],
        json!([{
            "check_id": placed.check,
            "name": "DBS check",
            "kind": "dbs",
            "expires_on": day(today + Duration::days(20)),
            "person_id": a.person,
            "person_name": "Vera Example",
            "person_email": "vera@volunteer.example",
        }])
    );
    let second = w.get("/api/v1/expiring?days=30&page=2", token).await;
    assert_eq!(second.body["items"], json!([]));
    for query in ["days=731", "days=-1", "days=soon"] {
        let bad = w.get(&format!("/api/v1/expiring?{query}"), token).await;
        bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.error_fields(), ["days"], "{query}");
    }
    let both = w.get("/api/v1/expiring?days=x&per_page=0", token).await;
    assert_eq!(both.error_fields(), ["days", "per_page"]);

    // Seeing it is audited, as a read of check data.
    let org = w
        .app
        .store
        .organisation_by_slug("riverside")
        .await
        .unwrap()
        .unwrap();
    let actions: Vec<String> = w
        .app
        .store
        .audit_for(Some(org.id), org.id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "checks.listed").count(), 6);
}

#[tokio::test]
async fn reading_a_checklist_is_audited() {
    let w = world().await;
    let a = w.seed_a().await;
    accept(&w, &a.application, &a.person).await;
    let org = w
        .app
        .store
        .organisation_by_slug("riverside")
        .await
        .unwrap()
        .unwrap();
    let person: uuid::Uuid = a.person.parse().unwrap();
    let viewed = || async {
        w.app
            .store
            .audit_for(Some(org.id), person)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "checks.viewed")
            .count()
    };
    let before = viewed().await;
    checklists(&w, &a.person).await;
    assert_eq!(viewed().await, before + 1);
    // A refused read is not a read.
    let viewer = w.staff_token(&w.a, "viewer").await;
    let refused = w
        .get(&format!("/api/v1/people/{}/checklists", a.person), &viewer)
        .await;
    refused.assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(viewed().await, before + 1);
}

#[tokio::test]
async fn malformed_bodies_and_ids_are_problems() {
    let w = world().await;
    let a = w.seed_a().await;
    let placed = accept(&w, &a.application, &a.person).await;
    let token = &w.a.token;
    let pending = check(&w, &a.person, &placed.check).await;
    for (verb, path) in [
        (Method::POST, "/api/v1/catalogue".to_owned()),
        (
            Method::PUT,
            format!("/api/v1/catalogue/{}", placed.catalogue_item),
        ),
        (Method::POST, format!("/api/v1/checks/{}", placed.check)),
        (
            Method::POST,
            format!("/api/v1/checks/{}/referees", placed.check),
        ),
    ] {
        for (body, expected) in [
            ("{\"action\": ", "EOF"),
            ("", "empty"),
            ("[1]", "JSON object"),
            (
                "{\"name\": [], \"action\": [], \"referee_name\": []}",
                "expected text",
            ),
        ] {
            let reply = w
                .call(verb.clone(), &path, Some(token), Some(body.to_owned()))
                .await;
            reply.assert_problem(StatusCode::BAD_REQUEST);
            let detail = reply.body["detail"].as_str().unwrap_or_default();
            assert!(
                detail.contains(expected),
                "{verb} {path} {body:?}: {detail}"
            );
        }
    }
    assert_eq!(check(&w, &a.person, &placed.check).await, pending);
    for (verb, path) in [
        (Method::GET, "/api/v1/catalogue/nope"),
        (Method::PUT, "/api/v1/catalogue/1"),
        (Method::GET, "/api/v1/people/x/checklists"),
        (Method::POST, "/api/v1/checks/x"),
        (Method::POST, "/api/v1/checks/x/referees"),
        (Method::GET, "/api/v1/placements/x/eligibility"),
        (Method::POST, "/api/v1/placements/x/activate"),
    ] {
        let reply = w
            .call(verb.clone(), path, Some(token), Some("{}".into()))
            .await;
        reply.assert_problem(StatusCode::NOT_FOUND);
    }
    // Someone who is not engaged with the organisation has no checklists here.
    let stranger = person(&w.app, "Sam", "sam@volunteer.example").await;
    w.get(&format!("/api/v1/people/{stranger}/checklists"), token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}
