//! A network's role library and resource library over the API, for the token's person: members
//! see the library and what is shared with members; a token for a non-member's organisation
//! sees only public resources and no templates; publishing and copying act for the token's own
//! organisation only.

use app::resources::FileUpload;
use axum::http::{Method, StatusCode};
use domain::network::NetworkInput;
use domain::network::membership::MemberInput;
use domain::network::resource::ResourceInput;
use serde_json::json;

use crate::support::{World, world};

/// The network's short name.
pub const NETWORK: &str = "northshire";

/// A's network (A's admin coordinates it), with a template id, a public link and a
/// members-only file.
pub struct Library {
    pub template: String,
    pub public: String,
    pub members: String,
}

pub const PDF: &[u8] = b"%PDF-1.7\nmembers only";

pub async fn library(w: &World) -> Library {
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let input = NetworkInput {
        name: "Northshire Volunteering Partnership".into(),
        slug: NETWORK.into(),
        kind: "care_partnership".into(),
        ..NetworkInput::default()
    };
    w.app.create_network(&scope, &input).await.unwrap();
    let access = w
        .app
        .network_access(NETWORK, Some(w.a.admin))
        .await
        .unwrap();
    let template = w.app.role_library(&access).await.unwrap()[0]
        .template
        .id
        .to_string();
    let resource = |title: &str, audience: &str, link: &str| ResourceInput {
        title: title.into(),
        summary: "For volunteer managers".into(),
        kind: "policy".into(),
        audience: audience.into(),
        tags: "policy".into(),
        owner: format!("organisation:{}", scope.organisation_id()),
        review_on: "2099-01-01".into(),
        link: link.into(),
    };
    let public = w
        .app
        .add_resource(
            &access,
            &resource("Volunteer policy", "public", "https://example.org/p"),
            None,
        )
        .await
        .unwrap();
    let members = w
        .app
        .add_resource(
            &access,
            &resource("Members' lone working policy", "members", ""),
            Some(FileUpload {
                file_name: "lone.pdf".into(),
                bytes: PDF.to_vec(),
            }),
        )
        .await
        .unwrap();
    Library {
        template,
        public: public.id.to_string(),
        members: members.id.to_string(),
    }
}

/// Makes B a member of the network.
pub async fn join_b(w: &World) {
    let access = w
        .app
        .network_access(NETWORK, Some(w.a.admin))
        .await
        .unwrap();
    let b = w.app.authorise(w.b.admin, w.b.slug).await.unwrap();
    let member = MemberInput {
        membership_type: "organisational".into(),
        organisation_id: b.organisation_id().to_string(),
        joined_on: "2026-01-01".into(),
        ..MemberInput::default()
    };
    w.app.add_network_member(&access, &member).await.unwrap();
}

#[tokio::test]
async fn a_non_members_token_sees_only_public_resources_and_no_templates() {
    let w = world().await;
    let lib = library(&w).await;
    let base = format!("/api/v1/networks/{NETWORK}");
    let b = &w.b.token;

    let list = w.get(&format!("{base}/resources"), b).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let titles: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Volunteer policy"]);
    w.get(&format!("{base}/resources/{}", lib.public), b)
        .await
        .body["link"]
        .as_str()
        .unwrap();
    for path in [
        format!("{base}/resources/{}", lib.members),
        format!("{base}/resources/{}/file", lib.members),
        format!("{base}/role-templates"),
        format!("{base}/role-templates/{}", lib.template),
    ] {
        w.get(&path, b).await.assert_problem(StatusCode::NOT_FOUND);
    }
    w.send(
        Method::POST,
        &format!("{base}/role-templates/{}/copy", lib.template),
        b,
        json!({}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    w.send(
        Method::POST,
        &format!("{base}/resources/{}/withdraw", lib.members),
        b,
        json!({}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    w.send(
        Method::POST,
        &format!("{base}/resources"),
        b,
        json!({"title": "Ours", "summary": "x", "kind": "guide", "audience": "public",
            "review_on": "2099-01-01", "link": "https://example.org"}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    // No such network at all.
    w.get("/api/v1/networks/nowhere/resources", b)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    // A's token (a member) sees both, and downloads the file.
    let a = &w.a.token;
    let list = w
        .get(&format!("{base}/resources?kind=policy&tag=policy"), a)
        .await;
    assert_eq!(list.body.as_array().unwrap().len(), 2, "{}", list.body);
    let found = w.get(&format!("{base}/resources?q=lone"), a).await;
    assert_eq!(found.body[0]["file"]["content_type"], "application/pdf");
    let file = w
        .get(&format!("{base}/resources/{}/file", lib.members), a)
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.content_type, "application/pdf");
    let bad_kind = w.get(&format!("{base}/resources?kind=poster"), a).await;
    bad_kind.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_kind.error_fields(), ["kind"]);
}

#[tokio::test]
async fn members_copy_and_publish_templates_for_their_own_organisation() {
    let w = world().await;
    let lib = library(&w).await;
    join_b(&w).await;
    let base = format!("/api/v1/networks/{NETWORK}");
    let b = &w.b.token;

    let one = w
        .get(&format!("{base}/role-templates/{}", lib.template), b)
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.body["organisations_using"], 0);
    assert!(!one.body["requirements"].as_array().unwrap().is_empty());

    let copied = w
        .send(
            Method::POST,
            &format!("{base}/role-templates/{}/copy", lib.template),
            b,
            json!({}),
        )
        .await;
    assert_eq!(copied.status, StatusCode::CREATED, "{}", copied.body);
    assert_eq!(copied.body["role"]["status"], "draft");
    let role = copied.body["role"]["id"].as_str().unwrap().to_owned();
    // The role is B's: B's token reads it, A's does not.
    assert_eq!(
        w.get(&format!("/api/v1/roles/{role}"), b).await.status,
        StatusCode::OK
    );
    w.get(&format!("/api/v1/roles/{role}"), &w.a.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let indicators = w.get("/api/v1/outcome-indicators", b).await;
    assert_eq!(indicators.status, StatusCode::OK, "{}", indicators.body);
    let on_copy: Vec<&str> = indicators
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["role_id"] == role.as_str())
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    let template_indicators: Vec<&str> = one.body["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(!on_copy.is_empty());
    assert_eq!(on_copy, template_indicators);
    let list = w.get(&format!("{base}/role-templates"), b).await;
    let used = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == lib.template.as_str())
        .unwrap();
    assert_eq!(used["organisations_using"], 1);

    // B publishes its copy back; a role id that is not B's is not found.
    let published = w
        .send(
            Method::POST,
            &format!("{base}/role-templates"),
            b,
            json!({"role_id": role}),
        )
        .await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
    assert_eq!(
        published.body["source_name"],
        "Hillside Community NHS Trust"
    );
    let a_role = w
        .send(
            Method::POST,
            "/api/v1/roles",
            &w.a.token,
            crate::support::role_body(&[]),
        )
        .await
        .id();
    w.send(
        Method::POST,
        &format!("{base}/role-templates"),
        b,
        json!({"role_id": a_role}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    let bad = w
        .send(
            Method::POST,
            &format!("{base}/role-templates"),
            b,
            json!({"role_id": "nope"}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["role_id"]);
}

#[tokio::test]
async fn members_managers_add_change_and_withdraw_their_own_resources() {
    let w = world().await;
    let lib = library(&w).await;
    join_b(&w).await;
    let base = format!("/api/v1/networks/{NETWORK}");
    let b = &w.b.token;

    let bad = w
        .send(
            Method::POST,
            &format!("{base}/resources"),
            b,
            json!({"link": "http://x"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["title", "summary", "kind", "audience", "review_on", "link"]
    );
    let body = json!({"title": "Hospice induction", "summary": "Our first day",
        "kind": "template", "audience": "members", "tags": ["Induction", "hospice"],
        "review_on": "2099-02-01", "link": "https://example.org/induction"});
    let added = w
        .send(Method::POST, &format!("{base}/resources"), b, body.clone())
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!(added.body["owner_name"], "Hillside Community NHS Trust");
    assert_eq!(added.body["tags"], json!(["hospice", "induction"]));
    assert_eq!(added.body["can_edit"], true);
    let id = added.id();

    // A's token: the coordinator may change it; B's may not change A's.
    let mut changed = body.clone();
    changed["title"] = json!("Hospice induction pack");
    let put = w
        .send(
            Method::PUT,
            &format!("{base}/resources/{id}"),
            &w.a.token,
            changed.clone(),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["title"], "Hospice induction pack");
    // The owner stays B although A's coordinator changed it.
    assert_eq!(put.body["owner_name"], "Hillside Community NHS Trust");
    w.send(
        Method::PUT,
        &format!("{base}/resources/{}", lib.public),
        b,
        changed,
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
    w.send(
        Method::POST,
        &format!("{base}/resources/{}/withdraw", lib.public),
        b,
        json!({}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);

    // The owner sends a file for it: it is a file now, and a file that is not one of the
    // accepted kinds is refused by its content.
    let file = format!("{base}/resources/{id}/file");
    let sent = w
        .call(
            Method::PUT,
            &file,
            Some(b),
            Some("%PDF-1.7 the pack".into()),
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["link"], serde_json::Value::Null);
    assert_eq!(sent.body["file"]["content_type"], "application/pdf");
    let download = w.get(&file, b).await;
    assert_eq!(download.content_type, "application/pdf");
    let refused = w
        .call(
            Method::PUT,
            &file,
            Some(b),
            Some("<html>not a pdf</html>".into()),
        )
        .await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_fields(), ["file"]);
    let public_file = format!("{base}/resources/{}/file", lib.public);
    w.call(Method::PUT, &public_file, Some(b), Some("%PDF-1.7".into()))
        .await
        .assert_problem(StatusCode::FORBIDDEN);

    let gone = w
        .send(
            Method::POST,
            &format!("{base}/resources/{id}/withdraw"),
            b,
            json!({}),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    w.get(&format!("{base}/resources/{id}"), b)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}
