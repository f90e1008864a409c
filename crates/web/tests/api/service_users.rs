//! Service users and carers through the API: recorded with their consent, carers linked, the
//! triangle view without health notes, health notes only for those who need them (each read
//! audited), status moved by hand, and bad input named by field with nothing saved.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{World, world};

/// A service user who has consented to support and to their data being used, today.
pub fn service_user_body(w: &World, given: &str) -> Value {
    let today = w.app.uk_today().to_string();
    json!({
        "given_name": given, "family_name": "Example", "postcode": "LS6 2AB",
        "date_of_birth": "1941-06-02", "language": "English",
        "communication_needs": "Hard of hearing: face her and speak clearly",
        "interests": ["gardening", "cricket"], "days": ["mon", "thu"],
        "consent_to_support_on": today, "consent_to_data_on": today, "consent_method": "verbal",
    })
}

/// Records a service user in organisation A and returns their id.
pub async fn add_service_user(w: &World, given: &str) -> String {
    let reply = w
        .send(
            Method::POST,
            "/api/v1/service-users",
            &w.a.token,
            service_user_body(w, given),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.id()
}

/// Moves a service user of A's on by hand.
pub async fn move_to(w: &World, id: &str, status: &str) {
    let reply = w
        .send(
            Method::POST,
            &format!("/api/v1/service-users/{id}/status"),
            &w.a.token,
            json!({"status": status}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[tokio::test]
async fn a_service_user_is_recorded_with_consent_and_seen_with_their_carer_but_no_health_notes() {
    let w = world().await;
    let token = &w.a.token;
    let created = w
        .send(
            Method::POST,
            "/api/v1/service-users",
            token,
            service_user_body(&w, "Edna"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let edna = created.id();
    let today = w.app.uk_today().to_string();
    assert_eq!(created.body["status"], "referred");
    assert_eq!(created.body["consent_to_support"]["method"], "verbal");
    assert_eq!(created.body["consent_to_data"]["given_on"], today.as_str());
    assert_eq!(created.body["days"], json!(["mon", "thu"]));
    assert_eq!(created.body["interests"], json!(["gardening", "cricket"]));
    assert_eq!(created.body["postcode"], "LS6 2AB");

    // A carer who is not supported themselves has no status.
    let mut carer = service_user_body(&w, "Pat");
    carer["receives_support"] = json!(false);
    carer["interests"] = json!("knitting, baking");
    let carer = w
        .send(Method::POST, "/api/v1/service-users", token, carer)
        .await;
    assert_eq!(carer.status, StatusCode::CREATED, "{}", carer.body);
    assert_eq!(carer.body["status"], Value::Null);
    assert_eq!(carer.body["interests"], json!(["knitting", "baking"]));
    let link = w
        .send(
            Method::POST,
            &format!("/api/v1/service-users/{edna}/carers"),
            token,
            json!({"carer_id": carer.id(), "relationship": "child"}),
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    assert_eq!(link.body["relationship_label"], "Son or daughter");

    let notes_path = format!("/api/v1/service-users/{edna}/health-notes");
    let notes = "Type 2 diabetes; takes insulin at lunchtime";
    let saved = w
        .send(
            Method::PUT,
            &notes_path,
            token,
            json!({"health_notes": format!("  {notes} ")}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["health_notes"], notes);

    let triangle = w.get(&format!("/api/v1/service-users/{edna}"), token).await;
    assert_eq!(triangle.status, StatusCode::OK, "{}", triangle.body);
    assert_eq!(triangle.body["person"]["given_name"], "Edna");
    assert_eq!(triangle.body["carers"][0]["id"], carer.id().as_str());
    assert_eq!(triangle.body["carers"][0]["relationship"], "child");
    assert_eq!(triangle.body["may_read_health_notes"], true);
    assert!(
        !triangle.body.to_string().contains("diabetes"),
        "the triangle shows health notes: {}",
        triangle.body
    );
    let pat = w
        .get(&format!("/api/v1/service-users/{}", carer.id()), token)
        .await;
    assert_eq!(pat.body["cared_for"][0]["id"], edna.as_str());

    // Reading health notes is audited; viewers (like supervisors) may not read them at all.
    let read = w.get(&notes_path, token).await;
    assert_eq!(read.body["health_notes"], notes);
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let audit = w
        .app
        .store
        .audit_for(Some(scope.organisation_id()), edna.parse().unwrap())
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "health_notes.viewed"));
    {
        let other = w.staff_token(&w.a, "viewer").await;
        let seen = w
            .get(&format!("/api/v1/service-users/{edna}"), &other)
            .await;
        assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
        assert_eq!(seen.body["may_read_health_notes"], false);
        w.get(&notes_path, &other)
            .await
            .assert_problem(StatusCode::FORBIDDEN);
        w.send(
            Method::PUT,
            &notes_path,
            &other,
            json!({"health_notes": ""}),
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    }

    // Status by hand: assessed, then closed only with a reason.
    let status = format!("/api/v1/service-users/{edna}/status");
    let moved = w
        .send(Method::POST, &status, token, json!({"status": "assessed"}))
        .await;
    assert_eq!(moved.body["status"], "assessed", "{}", moved.body);
    let matched = w
        .send(Method::POST, &status, token, json!({"status": "matched"}))
        .await;
    matched.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(matched.error_fields(), ["status"]);
    let unexplained = w
        .send(Method::POST, &status, token, json!({"status": "closed"}))
        .await;
    unexplained.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unexplained.error_fields(), ["reason"]);
    let closed = w
        .send(
            Method::POST,
            &status,
            token,
            json!({"status": "closed", "reason": "Moved to a care home"}),
        )
        .await;
    assert_eq!(closed.body["status"], "closed", "{}", closed.body);
    assert_eq!(closed.body["closure_reason"], "Moved to a care home");

    let list = w.get("/api/v1/service-users", token).await;
    assert_eq!(list.body.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn bad_service_users_and_carer_links_are_named_by_field_and_nothing_is_saved() {
    let w = world().await;
    let token = &w.a.token;
    let nameless = w
        .send(
            Method::POST,
            "/api/v1/service-users",
            token,
            json!({"given_name": " ", "postcode": "NOT A POSTCODE", "days": ["mon"]}),
        )
        .await;
    nameless.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        nameless.error_fields(),
        ["given_name", "family_name", "postcode"]
    );
    let mut undated = service_user_body(&w, "Edna");
    undated["consent_method"] = json!("");
    undated["consent_to_support_on"] = json!("2999-01-01");
    let undated = w
        .send(Method::POST, "/api/v1/service-users", token, undated)
        .await;
    undated.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        undated.error_fields(),
        ["consent_to_support_on", "consent_method"]
    );
    let list = w.get("/api/v1/service-users", token).await;
    assert_eq!(list.body, json!([]));

    let edna = add_service_user(&w, "Edna").await;
    let carers = format!("/api/v1/service-users/{edna}/carers");
    let bad = w
        .send(
            Method::POST,
            &carers,
            token,
            json!({"carer_id": "nobody", "relationship": "cousin"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["carer_id", "relationship"]);
    let unknown = w
        .send(
            Method::POST,
            &carers,
            token,
            json!({"carer_id": uuid::Uuid::now_v7(), "relationship": "friend"}),
        )
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["carer_id"]);
    let themselves = w
        .send(
            Method::POST,
            &carers,
            token,
            json!({"carer_id": edna, "relationship": "friend"}),
        )
        .await;
    themselves.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(themselves.error_fields(), ["carer_id"]);
    let triangle = w.get(&format!("/api/v1/service-users/{edna}"), token).await;
    assert_eq!(triangle.body["carers"], json!([]));
    assert_eq!(triangle.body["cared_for"], json!([]));

    let too_long = w
        .send(
            Method::PUT,
            &format!("/api/v1/service-users/{edna}/health-notes"),
            token,
            json!({"health_notes": "x".repeat(2001)}),
        )
        .await;
    too_long.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_long.error_fields(), ["health_notes"]);
    w.get("/api/v1/service-users/not-an-id", token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn feedback_on_someones_support_is_recorded_by_staff_and_listed_newest_first() {
    let w = world().await;
    let edna = add_service_user(&w, "Edna").await;
    let path = format!("/api/v1/service-users/{edna}/feedback");
    let empty = w
        .send(Method::POST, &path, &w.a.token, json!({"comment": "x"}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_fields(), ["rating", "answered_by"]);
    for (rating, comment) in [
        ("good", "Kind"),
        ("very_good", "She looks forward to Tuesdays"),
    ] {
        let kept = w
            .send(
                Method::POST,
                &path,
                &w.a.token,
                json!({"rating": rating, "answered_by": "carer", "comment": comment}),
            )
            .await;
        assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    }
    let listed = w.get(&path, &w.a.token).await;
    assert_eq!(listed.status, StatusCode::OK);
    let items = listed.body.as_array().expect("a list").clone();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|f| f["recorded_by_staff"] == true && f["answered_by"] == "carer")
    );
    assert_eq!(w.get(&path, &w.b.token).await.status, StatusCode::NOT_FOUND);
}
