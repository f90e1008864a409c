//! Bad input: malformed JSON and ids, invalid fields and unknown addresses, as problem+json.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{organisation_body, role_body, site_body, world};

#[tokio::test]
async fn malformed_json_is_a_400_naming_the_problem() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;
    let bodied = [
        (Method::PUT, "/api/v1/organisation".to_owned()),
        (Method::POST, "/api/v1/sites".to_owned()),
        (Method::PUT, format!("/api/v1/sites/{}", a.site)),
        (Method::POST, "/api/v1/roles".to_owned()),
        (Method::PUT, format!("/api/v1/roles/{}", a.role)),
        (Method::POST, format!("/api/v1/people/{}/status", a.person)),
        (
            Method::POST,
            format!("/api/v1/applications/{}/decision", a.application),
        ),
        (Method::POST, "/api/v1/people".to_owned()),
    ];
    for (verb, path) in &bodied {
        for (body, expected) in [
            ("{\"name\": ", "EOF"),
            ("", "empty"),
            ("[1, 2]", "JSON object"),
            (
                "{\"name\": true, \"status\": true, \"title\": true, \"given_name\": true}",
                "expected text",
            ),
            ("not json", "JSON object"),
        ] {
            let reply = w
                .call(verb.clone(), path, Some(token), Some(body.to_owned()))
                .await;
            reply.assert_problem(StatusCode::BAD_REQUEST);
            let detail = reply.body["detail"].as_str().unwrap_or_default();
            assert!(
                detail.contains(expected),
                "{verb} {path} with {body:?}: {detail}"
            );
        }
    }
    let sites = w.get("/api/v1/sites", token).await;
    assert_eq!(sites.body["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(sites.body["items"][0]["name"], "Ward 7");
}

#[tokio::test]
async fn bodies_are_read_leniently() {
    let w = world().await;
    let token = &w.a.token;
    // Unknown fields are ignored, null is blank, numbers are text.
    let body = json!({"name": "Phone line", "kind": "remote", "postcode": null, "colour": "blue"});
    let created = w.send(Method::POST, "/api/v1/sites", token, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let mut role = role_body(&[]);
    role["minimum_age"] = json!("16");
    role["site_ids"] = Value::Null;
    let created = w.send(Method::POST, "/api/v1/roles", token, role).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
}

#[tokio::test]
async fn invalid_fields_are_a_422_listing_each_and_nothing_is_saved() {
    let w = world().await;
    let token = &w.a.token;
    let bad_site = w
        .send(
            Method::POST,
            "/api/v1/sites",
            token,
            json!({"name": " ", "kind": "hospital", "postcode": "NOT A POSTCODE"}),
        )
        .await;
    bad_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_site.body["type"], "urn:alongside:problem:invalid-input");
    let fields = bad_site.error_fields();
    assert!(
        fields.iter().any(|f| f == "name") && fields.iter().any(|f| f == "postcode"),
        "{fields:?}"
    );
    assert!(
        bad_site.body["errors"]
            .as_array()
            .is_some_and(|e| e.iter().all(|e| e["message"].is_string()))
    );
    assert_eq!(w.get("/api/v1/sites", token).await.body["items"], json!([]));

    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await
        .id();
    let bad_change = w
        .send(
            Method::PUT,
            &format!("/api/v1/sites/{site}"),
            token,
            json!({"name": "", "kind": "castle"}),
        )
        .await;
    bad_change.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_change.error_fields(), ["name", "kind"]);
    assert_eq!(
        w.get(&format!("/api/v1/sites/{site}"), token).await.body["name"],
        "Ward 7"
    );

    let mut role = role_body(&["not-an-id".to_owned()]);
    role["title"] = json!("");
    role["minimum_age"] = json!(14);
    let bad_role = w.send(Method::POST, "/api/v1/roles", token, role).await;
    bad_role.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad_role.error_fields(),
        ["title", "minimum_age", "site_ids"]
    );
    let unknown_site = w
        .send(
            Method::POST,
            "/api/v1/roles",
            token,
            role_body(&[Uuid::now_v7().to_string()]),
        )
        .await;
    unknown_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown_site.error_fields(), ["site_ids"]);
    assert_eq!(w.get("/api/v1/roles", token).await.body["items"], json!([]));

    let bad_org = w.send(Method::PUT, "/api/v1/organisation", token, json!({"name": "Riverside", "slug": "riverside", "sector": "voluntary", "kind": "acute_trust", "postcode": "LS1 4AP"})).await;
    bad_org.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_org.error_fields().iter().any(|f| f == "kind"));
    let taken = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            token,
            organisation_body("Riverside", "hillside"),
        )
        .await;
    taken.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.error_fields(), ["slug"]);
    assert_eq!(
        w.get("/api/v1/organisation", token).await.body["name"],
        "Riverside Hospitals NHS Trust"
    );
}

#[tokio::test]
async fn publishing_needs_the_non_substitution_statement() {
    let w = world().await;
    let token = &w.a.token;
    let mut body = role_body(&[]);
    body["non_substitution_statement"] = json!("");
    let role = w
        .send(Method::POST, "/api/v1/roles", token, body)
        .await
        .id();
    let published = w
        .call(
            Method::POST,
            &format!("/api/v1/roles/{role}/publish"),
            Some(token),
            None,
        )
        .await;
    published.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(published.error_fields(), ["non_substitution_statement"]);
    assert_eq!(
        w.get(&format!("/api/v1/roles/{role}"), token).await.body["status"],
        "draft"
    );
}

#[tokio::test]
async fn malformed_ids_and_unknown_addresses_are_404_problems() {
    let w = world().await;
    let token = &w.a.token;
    for (verb, path) in [
        (Method::GET, "/api/v1/sites/not-a-uuid"),
        (Method::PUT, "/api/v1/sites/123"),
        (Method::GET, "/api/v1/roles/%20"),
        (Method::POST, "/api/v1/roles/xyz/publish"),
        (Method::POST, "/api/v1/roles/xyz/close"),
        (Method::GET, "/api/v1/people/1"),
        (Method::POST, "/api/v1/people/1/status"),
        (Method::GET, "/api/v1/applications/0000"),
        (Method::POST, "/api/v1/applications/abc/decision"),
        (Method::GET, "/api/v1/nowhere"),
    ] {
        let reply = w
            .call(verb.clone(), path, Some(token), Some("{}".into()))
            .await;
        reply.assert_problem(StatusCode::NOT_FOUND);
    }
    let random = w
        .get(&format!("/api/v1/sites/{}", Uuid::now_v7()), token)
        .await;
    random.assert_problem(StatusCode::NOT_FOUND);
    let wrong_method = w
        .call(Method::DELETE, "/api/v1/sites", Some(token), None)
        .await;
    wrong_method.assert_problem(StatusCode::METHOD_NOT_ALLOWED);
}
