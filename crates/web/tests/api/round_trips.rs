//! Round trips in one's own organisation: the organisation, sites, roles, applications and
//! people.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{organisation_body, role_body, site_body, world};

#[tokio::test]
async fn own_organisation_can_be_read_and_changed_by_its_admin() {
    let w = world().await;
    let got = w.get("/api/v1/organisation", &w.a.token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["slug"], "riverside");
    assert_eq!(got.body["ods_code"], "RX1");

    let put = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            &w.a.token,
            organisation_body("Riverside University Hospitals", "riverside"),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["name"], "Riverside University Hospitals");
    let got = w.get("/api/v1/organisation", &w.a.token).await;
    assert_eq!(got.body["name"], "Riverside University Hospitals");
}

#[tokio::test]
async fn sites_round_trip() {
    let w = world().await;
    let token = &w.a.token;
    let created = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["postcode"], "LS1 4AP");
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/sites/{}", created.id()).as_str())
    );

    let list = w.get("/api/v1/sites", token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list.body["items"][0]["id"], created.body["id"]);
    // Paged like every list: a second page is empty, a bad page size is named.
    let second = w.get("/api/v1/sites?page=2&per_page=1", token).await;
    assert_eq!(
        (second.body["total"].as_u64(), second.body["pages"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(second.body["items"], json!([]));
    let bad = w.get("/api/v1/sites?per_page=0", token).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.body["errors"][0]["field"], "per_page");

    let path = format!("/api/v1/sites/{}", created.id());
    assert_eq!(w.get(&path, token).await.body, created.body);
    let changed = w
        .send(
            Method::PUT,
            &path,
            token,
            json!({"name": "Phone line", "kind": "remote"}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let got = w.get(&path, token).await;
    assert_eq!(got.body["name"], "Phone line");
    assert_eq!(got.body["kind"], "remote");
    assert_eq!(got.body["postcode"], Value::Null);
}

#[tokio::test]
async fn roles_round_trip_through_publishing_and_closing() {
    let w = world().await;
    let token = &w.a.token;
    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await
        .id();
    let created = w
        .send(
            Method::POST,
            "/api/v1/roles",
            token,
            role_body(std::slice::from_ref(&site)),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["status"], "draft");
    assert_eq!(created.body["minimum_age"], 16);
    assert_eq!(created.body["site_ids"], json!([site]));
    let path = format!("/api/v1/roles/{}", created.id());
    assert_eq!(created.location.as_deref(), Some(path.as_str()));

    let list = w.get("/api/v1/roles", token).await;
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list.body["total"], 1);
    assert_eq!(w.get(&path, token).await.body, created.body);

    let mut body = role_body(&[]);
    body["title"] = json!("Ward companion");
    body["minimum_age"] = json!("18");
    let changed = w.send(Method::PUT, &path, token, body).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["title"], "Ward companion");
    assert_eq!(changed.body["minimum_age"], 18);
    assert_eq!(changed.body["site_ids"], json!([]));
    assert_eq!(changed.body["status"], "draft");

    let published = w
        .call(Method::POST, &format!("{path}/publish"), Some(token), None)
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.body["status"], "open");
    let closed = w
        .call(Method::POST, &format!("{path}/close"), Some(token), None)
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(w.get(&path, token).await.body["status"], "closed");
}

#[tokio::test]
async fn applications_and_people_round_trip() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;

    let list = w.get("/api/v1/applications", token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list.body["items"][0]["id"], a.application.as_str());
    assert_eq!(list.body["items"][0]["role_title"], "Mealtime companion");
    let submitted = w
        .get("/api/v1/applications?status=submitted&per_page=1", token)
        .await;
    assert_eq!(submitted.body["total"], 1, "{}", submitted.body);
    let declined = w.get("/api/v1/applications?status=declined", token).await;
    assert_eq!(declined.body["total"], 0);
    let bad = w
        .get(
            "/api/v1/applications?status=lost&page=0&per_page=501",
            token,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["status", "page", "per_page"]);

    let path = format!("/api/v1/applications/{}", a.application);
    let got = w.get(&path, token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["application"]["status"], "submitted");

    let declined = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "declined"}),
        )
        .await;
    declined.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(declined.error_fields(), ["note"]);
    let accepted = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "accepted", "note": "Welcome"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["application"]["status"], "accepted");
    assert_eq!(
        accepted.body["history"]
            .as_array()
            .and_then(|h| h.last())
            .map(|e| e["note"].clone()),
        Some(json!("Welcome"))
    );
    let again = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "declined", "note": "No"}),
        )
        .await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["status"]);

    let people = w.get("/api/v1/people", token).await;
    assert_eq!(people.status, StatusCode::OK, "{}", people.body);
    assert_eq!(people.body["total"], 1);
    assert_eq!(
        (people.body["page"].clone(), people.body["per_page"].clone()),
        (json!(1), json!(50))
    );
    assert_eq!(people.body["items"][0]["person"]["id"], a.person.as_str());
    assert_eq!(
        people.body["items"][0]["engagement"]["status"],
        "onboarding"
    );
    assert!(
        people.body["items"][0]["person"]
            .get("password_hash")
            .is_none()
    );
    for (query, total) in [
        ("status=onboarding", 1),
        ("status=active", 0),
        ("q=vera", 1),
        ("q=nobody", 0),
        (&format!("role={}", a.role) as &str, 1),
        ("page=2&per_page=1", 1),
    ] {
        let page = w.get(&format!("/api/v1/people?{query}"), token).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert_eq!(page.body["total"], total, "{query}");
    }
    let bad = w
        .get("/api/v1/people?status=asleep&page=nought", token)
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["status", "page"]);

    let record_path = format!("/api/v1/people/{}", a.person);
    let record = w.get(&record_path, token).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    assert_eq!(record.body["person"]["email"], "vera@volunteer.example");
    assert_eq!(record.body["engagement"]["status"], "onboarding");
    assert_eq!(record.body["applications"][0]["status"], "accepted");
    assert_eq!(record.body["history"].as_array().map(Vec::len), Some(2));

    // Nobody becomes active by a status change: they start in a role once its checklist is
    // complete.
    let status_path = format!("{record_path}/status");
    let moved = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "active", "note": "Trained"}),
        )
        .await;
    moved.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(moved.error_fields(), ["status"]);
    assert_eq!(
        w.get(&record_path, token).await.body["engagement"]["status"],
        "onboarding"
    );
    let checklists = w.get(&format!("{record_path}/checklists"), token).await;
    assert_eq!(checklists.status, StatusCode::OK, "{}", checklists.body);
    let list = &checklists.body["checklists"][0];
    assert_eq!(list["eligibility"]["status"], "blocked");
    let items = list["items"].as_array().expect("checklist items");
    assert_eq!(items.len(), 1, "the role needs a DBS check only: {items:?}");
    let dbs = items[0]["check"]["id"].as_str().expect("a check id");
    let issued = chrono::Utc::now().date_naive() - chrono::Duration::days(7);
    let verified = w
        .send(
            Method::POST,
            &format!("/api/v1/checks/{dbs}"),
            token,
            json!({
                "action": "verify",
                "issued_on": issued.to_string(),
                "dbs_level": "enhanced",
                "dbs_workforce": "adult",
                "dbs_certificate_number": "001234567890",
                "dbs_outcome": "clear",
                "dbs_update_service": "no",
            }),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    assert_eq!(verified.body["dbs"]["update_service"], false);
    let placement = list["placement"]["id"].as_str().expect("a placement id");
    let started = w
        .call(
            Method::POST,
            &format!("/api/v1/placements/{placement}/activate"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!(started.body["status"], "active");
    let record = w.get(&record_path, token).await;
    assert_eq!(record.body["engagement"]["status"], "active");
    assert_eq!(
        record.body["history"]
            .as_array()
            .and_then(|h| h.last())
            .map(|e| e["note"].clone()),
        Some(json!("Started as Mealtime companion"))
    );

    let leaving = w
        .send(Method::POST, &status_path, token, json!({"status": "left"}))
        .await;
    leaving.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(leaving.error_fields(), ["leaving_reason"]);
    let unknown = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "left", "leaving_reason": "bored"}),
        )
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["leaving_reason"]);
    let left = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "left", "leaving_reason": "moved_away"}),
        )
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT, "{}", left.body);
    let record = w.get(&record_path, token).await;
    assert_eq!(record.body["engagement"]["status"], "left");
    assert_eq!(record.body["engagement"]["leaving_reason"], "moved_away");
}
