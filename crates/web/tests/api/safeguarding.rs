//! Safeguarding through the API: any staff token raises a concern; only the named leads see
//! concerns (an admin who is not a lead finds nothing); the record is only ever added to, in
//! order; only admins name the leads; and bad input is named by field.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::service_users::add_service_user;
use crate::support::{Reply, World, world};

/// Raises a concern about a service user of A's as A's admin; returns its id.
pub async fn raise(w: &World, service_user: &str) -> String {
    let reply = w
        .send(
            Method::POST,
            "/api/v1/concerns",
            &w.a.token,
            json!({"subject": "service_user", "service_user_id": service_user,
                "what": "Bruising on her forearm; she would not say how", "urgent": true}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.id()
}

/// Adds an entry to a concern's record with `token`.
async fn add(w: &World, entries: &str, token: &str, kind: &str, text: &str) -> Reply {
    let body = json!({"kind": kind, "text": text});
    w.send(Method::POST, entries, token, body).await
}

/// The person id of A's staff member with this email.
async fn person_id(w: &World, email: &str) -> String {
    let (person, _) = w.app.store.person_by_email(email).await.unwrap().unwrap();
    person.id.to_string()
}

#[tokio::test]
async fn only_named_leads_see_concerns_and_the_record_is_only_added_to() {
    let w = world().await;
    let admin = &w.a.token;
    let lead = w.staff_token(&w.a, "volunteer_manager").await;
    let viewer = w.staff_token(&w.a, "viewer").await;
    let edna = add_service_user(&w, "Edna").await;

    let raised = w
        .send(
            Method::POST,
            "/api/v1/concerns",
            admin,
            json!({"subject": "service_user", "service_user_id": edna,
                "what": "Bruising on her forearm; she would not say how", "urgent": true}),
        )
        .await;
    assert_eq!(raised.status, StatusCode::CREATED, "{}", raised.body);
    assert_eq!(raised.body["status"], "raised");
    assert_eq!(raised.body["subject_name"], "Edna Example");
    assert!(raised.body.get("entries").is_none(), "{}", raised.body);
    let id = raised.id();
    // A viewer can raise one too: anyone on the staff may.
    let by_viewer = w
        .send(
            Method::POST,
            "/api/v1/concerns",
            &viewer,
            json!({"subject": "volunteer", "subject_name": "A driver", "what": "Shouted at a patient"}),
        )
        .await;
    assert_eq!(by_viewer.status, StatusCode::CREATED, "{}", by_viewer.body);

    // No leads yet: the admin who raised it still sees nothing.
    let concern = format!("/api/v1/concerns/{id}");
    w.get("/api/v1/concerns", admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.get(&concern, admin)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    let lead_id = person_id(&w, "volunteer-manager@riverside.example").await;
    let leads = json!({"leads": [{"person_id": lead_id}]});
    w.send(
        Method::PUT,
        "/api/v1/safeguarding-leads",
        &lead,
        leads.clone(),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
    let named = w
        .send(Method::PUT, "/api/v1/safeguarding-leads", admin, leads)
        .await;
    assert_eq!(named.status, StatusCode::OK, "{}", named.body);
    assert_eq!(
        named.body,
        json!([{"person_id": lead_id, "name": "Staff Example", "deputy": false}])
    );
    let known = w.get("/api/v1/safeguarding-leads", &viewer).await;
    assert_eq!(known.body, named.body);

    // The lead sees both, with the record; the admin, not a lead, still sees nothing.
    let list = w.get("/api/v1/concerns", &lead).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.body.as_array().map(Vec::len), Some(2));
    let seen = w.get(&concern, &lead).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!(seen.body["urgent"], true);
    assert_eq!(seen.body["service_user_id"], edna.as_str());
    assert_eq!(seen.body["acknowledgement_overdue"], false);
    assert_eq!(seen.body["entries"][0]["kind"], "raised");
    assert!(
        seen.body["entries"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Bruising")
    );
    for path in ["/api/v1/concerns", concern.as_str()] {
        w.get(path, admin)
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }
    let entries = format!("{concern}/entries");
    w.send(
        Method::POST,
        &entries,
        admin,
        json!({"kind": "note", "text": "Mine"}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);

    // The record grows in order and nothing in it changes.
    let early = add(&w, &entries, &lead, "assessed", "Spoke to her GP").await;
    early.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early.error_fields(), ["kind"]);
    let acknowledged = add(&w, &entries, &lead, "acknowledged", "").await;
    assert_eq!(
        acknowledged.status,
        StatusCode::CREATED,
        "{}",
        acknowledged.body
    );
    assert_eq!(acknowledged.body["status"], "acknowledged");
    let before: Vec<Value> = acknowledged.body["entries"].as_array().unwrap().clone();
    let escalated = add(
        &w,
        &entries,
        &lead,
        "escalated",
        "Referred to Leeds Adult Social Care",
    )
    .await;
    assert_eq!(escalated.body["status"], "escalated", "{}", escalated.body);
    let closed = add(
        &w,
        &entries,
        &lead,
        "closed",
        "Section 42 enquiry found no abuse",
    )
    .await;
    assert_eq!(closed.body["status"], "closed");
    let after = closed.body["entries"].as_array().unwrap();
    assert_eq!(after.len(), 4);
    assert_eq!(&after[..2], &before[..]);
    let kinds: Vec<&str> = after.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["raised", "acknowledged", "escalated", "closed"]);
    assert!(after[1..].iter().all(|e| e["by"] == lead_id.as_str()));
    let reopened = add(&w, &entries, &lead, "assessed", "Another look").await;
    assert_eq!(reopened.error_fields(), ["kind"]);
    let note = add(
        &w,
        &entries,
        &lead,
        "note",
        "Edna's daughter called to thank us",
    )
    .await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.body);
    assert_eq!(note.body["status"], "closed");
}

#[tokio::test]
async fn bad_concerns_and_leads_are_named_by_field_and_nothing_is_saved() {
    let w = world().await;
    let admin = &w.a.token;
    let empty = w
        .send(Method::POST, "/api/v1/concerns", admin, json!({}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_fields(), ["subject", "subject_name", "what"]);
    let nobody = w
        .send(
            Method::POST,
            "/api/v1/concerns",
            admin,
            json!({"subject": "service_user", "service_user_id": uuid::Uuid::now_v7(),
                "what": "Worried"}),
        )
        .await;
    nobody.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nobody.error_fields(), ["service_user_id", "subject_name"]);

    let no_lead = w
        .send(
            Method::PUT,
            "/api/v1/safeguarding-leads",
            admin,
            json!({"leads": [{"person_id": w.a.admin.to_string(), "deputy": true}]}),
        )
        .await;
    no_lead.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_lead.error_fields(), ["leads"]);
    let outsider = w
        .send(
            Method::PUT,
            "/api/v1/safeguarding-leads",
            admin,
            json!({"leads": [{"person_id": w.b.admin.to_string()}]}),
        )
        .await;
    assert_eq!(outsider.error_fields(), ["leads"]);
    let garbled = w
        .send(
            Method::PUT,
            "/api/v1/safeguarding-leads",
            admin,
            json!({"leads": [{"person_id": "the boss"}]}),
        )
        .await;
    assert_eq!(garbled.error_fields(), ["leads"]);
    assert_eq!(
        w.get("/api/v1/safeguarding-leads", admin).await.body,
        json!([])
    );

    // A lead's entry needs a kind, and words for anything but an acknowledgement.
    let edna = add_service_user(&w, "Edna").await;
    let id = raise(&w, &edna).await;
    let me = json!({"leads": [{"person_id": w.a.admin.to_string()}]});
    let named = w
        .send(Method::PUT, "/api/v1/safeguarding-leads", admin, me)
        .await;
    assert_eq!(named.status, StatusCode::OK, "{}", named.body);
    let entries = format!("/api/v1/concerns/{id}/entries");
    let bad = w
        .send(Method::POST, &entries, admin, json!({"kind": "shrug"}))
        .await;
    assert_eq!(bad.error_fields(), ["kind"]);
    w.send(
        Method::POST,
        &entries,
        admin,
        json!({"kind": "acknowledged"}),
    )
    .await;
    let wordless = w
        .send(
            Method::POST,
            &entries,
            admin,
            json!({"kind": "note", "text": " "}),
        )
        .await;
    assert_eq!(wordless.error_fields(), ["text"]);
    let record = w.get(&format!("/api/v1/concerns/{id}"), admin).await;
    assert_eq!(record.body["entries"].as_array().map(Vec::len), Some(2));
}
