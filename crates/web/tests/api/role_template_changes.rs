//! Changing and withdrawing role templates through the API: the publishing organisation's
//! token and the coordinator's may; another member's may not (403); a non-member's finds
//! nothing (404); bad words are named; a withdrawn template is neither listed nor copied.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::library::{NETWORK, join_b, library};
use crate::support::world;

#[tokio::test]
async fn templates_are_changed_and_withdrawn_by_their_publisher_or_the_coordinator() {
    let w = world().await;
    let lib = library(&w).await;
    let base = format!("/api/v1/networks/{NETWORK}/role-templates");
    let seeded = format!("{base}/{}", lib.template);
    let change = json!({
        "title": "Ward companion",
        "summary": "Company for patients on the ward",
        "minimum_age": 18,
        "non_substitution_statement": "Adds time with patients; never replaces staff."
    });

    // B is not a member yet: nothing there.
    w.send(Method::PUT, &seeded, &w.b.token, change.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    join_b(&w).await;
    // A member that did not publish it (and does not coordinate) is refused.
    w.send(Method::PUT, &seeded, &w.b.token, change.clone())
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    w.send(
        Method::POST,
        &format!("{seeded}/withdraw"),
        &w.b.token,
        json!({}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);

    // The coordinator looks after the seeded NHS roles; bad words are named.
    let bad = w
        .send(
            Method::PUT,
            &seeded,
            &w.a.token,
            json!({"title": "", "summary": "x", "minimum_age": 12}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["title", "minimum_age", "non_substitution_statement"]
    );
    let changed = w.send(Method::PUT, &seeded, &w.a.token, change).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["title"], "Ward companion");
    assert_eq!(changed.body["minimum_age"], 18);
    assert_eq!(
        w.get(&seeded, &w.b.token).await.body["title"],
        "Ward companion"
    );

    // B publishes one of its own roles; B's token may change it, and withdraw it.
    let copied = w
        .send(
            Method::POST,
            &format!("{seeded}/copy"),
            &w.b.token,
            json!({}),
        )
        .await;
    let role = copied.body["role"]["id"].as_str().unwrap().to_owned();
    let published = w
        .send(Method::POST, &base, &w.b.token, json!({"role_id": role}))
        .await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
    let own = format!("{base}/{}", published.id());
    let reworded = w
        .send(
            Method::PUT,
            &own,
            &w.b.token,
            json!({"title": "Hillside ward companion", "summary": "Ours",
                "minimum_age": "16", "non_substitution_statement": "Never replaces staff."}),
        )
        .await;
    assert_eq!(reworded.status, StatusCode::OK, "{}", reworded.body);
    assert_eq!(reworded.body["organisations_using"], 0);
    let gone = w
        .send(
            Method::POST,
            &format!("{own}/withdraw"),
            &w.b.token,
            json!({}),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let list = w.get(&base, &w.a.token).await;
    assert!(
        !list
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == "Hillside ward companion")
    );
    w.get(&own, &w.a.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.send(Method::POST, &format!("{own}/copy"), &w.a.token, json!({}))
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.send(
        Method::POST,
        &format!("{own}/withdraw"),
        &w.b.token,
        json!({}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    // The role B copied earlier is untouched.
    assert_eq!(
        w.get(&format!("/api/v1/roles/{role}"), &w.b.token)
            .await
            .status,
        StatusCode::OK
    );
}
