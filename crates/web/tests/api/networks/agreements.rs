//! Mutual recognition agreements through the API: proposing (with every bad field named),
//! signing, ending, and nothing of them for an organisation that is not a party.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::{names, net};

#[tokio::test]
async fn agreements_are_proposed_signed_and_ended_by_their_parties_only() {
    let n = net().await;
    let w = &n.w;
    assert_eq!(
        w.get("/api/v1/agreements", &w.a.token).await.body,
        json!([])
    );

    let bad = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "", "partners": ["not-an-id"], "accepts": [{"code": "nope"}]}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["name", "accepts", "partners"]);
    let too_old = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "Riverside and Cedar", "partners": [n.c_id],
                "accepts": [{"code": "identity", "max_age_months": 500}]}),
        )
        .await;
    too_old.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_old.error_fields(), ["accepts[0].max_age_months"]);
    assert_eq!(
        w.get("/api/v1/agreements", &w.a.token).await.body,
        json!([])
    );

    let proposed = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "Riverside and Cedar", "mou_reference": "MOU-1", "partners": [n.c_id],
                "accepts": [{"code": "identity", "max_age_months": 12}]}),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let id = proposed.id();
    let parties = &proposed.body["parties"];
    assert_eq!(parties[0]["organisation_id"], n.a_id.to_string());
    assert_eq!(parties[0]["signed_by"], "Admin Example");
    assert_eq!(parties[0]["accepts"][0]["code"], "identity");
    assert_eq!(parties[0]["accepts"][0]["max_age_months"], 12);
    assert_eq!(parties[1]["organisation_id"], n.c_id.to_string());
    assert_eq!(parties[1]["signed_at"], Value::Null);

    let one = format!("/api/v1/agreements/{id}");
    for token in [&w.a.token, &n.c.token] {
        assert_eq!(
            names(&w.get("/api/v1/agreements", token).await.body, "id"),
            [id.as_str()]
        );
        assert_eq!(w.get(&one, token).await.body["name"], "Riverside and Cedar");
    }
    assert_eq!(
        w.get("/api/v1/agreements", &w.b.token).await.body,
        json!([])
    );
    w.get(&one, &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    // Signing: B does not find it; C signs with what it accepts.
    let sign = format!("{one}/sign");
    let accepts = json!({"accepts": [{"code": "identity"}]});
    w.send(Method::POST, &sign, &w.b.token, accepts.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let empty = w
        .send(Method::POST, &sign, &n.c.token, json!({"accepts": []}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_fields(), ["accepts"]);
    let signed = w
        .send(Method::POST, &sign, &n.c.token, accepts.clone())
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    let c_party = signed.body["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["organisation_id"] == n.c_id.to_string())
        .unwrap()
        .clone();
    assert_eq!(c_party["signed_by"], "Admin Example");
    assert_eq!(c_party["accepts"][0]["max_age_months"], Value::Null);

    // Ending: B does not find it; a party ends it once; nobody signs after.
    let end = format!("{one}/end");
    w.call(Method::POST, &end, Some(&w.b.token), None)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let ended = w.call(Method::POST, &end, Some(&w.a.token), None).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert!(ended.body["ended_at"].is_string());
    w.call(Method::POST, &end, Some(&n.c.token), None)
        .await
        .assert_problem(StatusCode::CONFLICT);
    w.send(Method::POST, &sign, &n.c.token, accepts)
        .await
        .assert_problem(StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_open_network_agreement_is_seen_by_members_only() {
    let n = net().await;
    let w = &n.w;
    let stranger = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.b.token,
            json!({"name": "Hillside joins", "network_id": n.network_id,
                "accepts": [{"code": "identity"}]}),
        )
        .await;
    stranger.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stranger.error_fields(), ["network_id"]);
    let open = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "Northshire passport", "network_id": n.network_id,
                "accepts": [{"code": "identity"}]}),
        )
        .await;
    assert_eq!(open.status, StatusCode::CREATED, "{}", open.body);
    assert_eq!(open.body["network_id"], n.network_id.as_str());
    let id = open.id();
    // C may sign it (it is a member); B finds nothing.
    assert_eq!(
        names(&w.get("/api/v1/agreements", &n.c.token).await.body, "id"),
        [id.as_str()]
    );
    assert_eq!(
        w.get("/api/v1/agreements", &w.b.token).await.body,
        json!([])
    );
    let signed = w
        .send(
            Method::POST,
            &format!("/api/v1/agreements/{id}/sign"),
            &n.c.token,
            json!({"accepts": [{"code": "identity", "max_age_months": "24"}]}),
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(signed.body["parties"].as_array().unwrap().len(), 2);
    w.send(
        Method::POST,
        &format!("/api/v1/agreements/{id}/sign"),
        &w.b.token,
        json!({"accepts": [{"code": "identity"}]}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
}
