//! Sharing across the network through the API: roles listed to it, volunteers referred to
//! another member's role, and what an organisation took on through the volunteer passport.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use domain::application::{ApplicationInput, ApplicationStatus};
use domain::compliance::check::CheckInput;
use domain::ids::{PersonId, RoleId};
use serde_json::{Value, json};

use super::{Net, net};
use crate::compliance::day;
use crate::support::{Org, person, role_body, site_body};

/// An open role of `org`'s, needing no DBS check or references, only the items with `codes`.
async fn open_role(n: &Net, org: &Org, codes: &[&str]) -> String {
    let w = &n.w;
    let site = w
        .send(
            Method::POST,
            "/api/v1/sites",
            &org.token,
            site_body("The Lodge"),
        )
        .await;
    assert_eq!(site.status, StatusCode::CREATED, "{}", site.body);
    let catalogue = w.get("/api/v1/catalogue?per_page=500", &org.token).await;
    let ids: Vec<Value> = catalogue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| codes.contains(&t["code"].as_str().unwrap_or_default()))
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids.len(), codes.len(), "{}", catalogue.body);
    let mut body = role_body(&[site.id()]);
    body["dbs_level"] = json!("none");
    body["dbs_workforce"] = json!("");
    body["references_required"] = json!(0);
    body["requirement_type_ids"] = json!(ids);
    let role = w
        .send(Method::POST, "/api/v1/roles", &org.token, body)
        .await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    let published = w
        .call(
            Method::POST,
            &format!("/api/v1/roles/{}/publish", role.id()),
            Some(&org.token),
            None,
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    role.id()
}

async fn apply(n: &Net, person: PersonId, role: &str) -> domain::ids::ApplicationId {
    let answers = ApplicationInput {
        motivation: "I like people".into(),
        availability: "Weekends".into(),
    };
    let role: RoleId = role.parse().unwrap();
    n.w.app.apply(person, role, &answers).await.unwrap().id
}

#[tokio::test]
async fn roles_are_listed_to_the_network_and_volunteers_referred_to_them() {
    let n = net().await;
    let w = &n.w;
    let a = w.seed_a().await;
    let cedar_role = open_role(&n, &n.c, &["identity"]).await;

    // Listing: B does not find C's role; the network must be one C belongs to.
    let listings = format!("/api/v1/roles/{cedar_role}/network-listings");
    let listing = json!({"network_id": n.network_id});
    w.send(Method::POST, &listings, &w.b.token, listing.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    for network in [json!("not-an-id"), json!(uuid::Uuid::now_v7())] {
        let bad = w
            .send(
                Method::POST,
                &listings,
                &n.c.token,
                json!({"network_id": network}),
            )
            .await;
        bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.error_fields(), ["network_id"]);
    }
    let listed = w.send(Method::POST, &listings, &n.c.token, listing).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body[0]["network_id"], n.network_id.as_str());
    assert_eq!(listed.body[0]["role_id"], cedar_role.as_str());

    // A refers Vera, who agreed yesterday, to C's listed role.
    let refer = format!("/api/v1/people/{}/network-referrals", a.person);
    let today = w.app.uk_today();
    let good = json!({"role_id": cedar_role, "consent_on": day(today - Duration::days(1)),
        "note": "Vera has been a great ward companion"});
    w.send(Method::POST, &refer, &w.b.token, good.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let bad = w
        .send(
            Method::POST,
            &refer,
            &w.a.token,
            json!({"role_id": a.role, "consent_on": day(today + Duration::days(1)), "note": ""}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["consent_on", "note", "role_id"]);
    let referred = w.send(Method::POST, &refer, &w.a.token, good).await;
    assert_eq!(referred.status, StatusCode::CREATED, "{}", referred.body);
    assert_eq!(referred.body["to_organisation"], "Cedar Hospice");
    assert_eq!(
        referred.body["from_organisation"],
        "Riverside Hospitals NHS Trust"
    );
    assert_eq!(referred.body["volunteer"], "Vera Example");
    assert_eq!(referred.body["network_id"], n.network_id.as_str());
    assert!(referred.body["application_id"].is_string());
    for token in [&w.a.token, &n.c.token] {
        let list = w.get("/api/v1/network-referrals", token).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert_eq!(list.body[0]["id"], referred.body["id"]);
    }
    assert_eq!(
        w.get("/api/v1/network-referrals", &w.b.token).await.body,
        json!([])
    );

    // Taken off the network, the role can no longer be referred to.
    let unlisted = w
        .send(
            Method::POST,
            &listings,
            &n.c.token,
            json!({"network_id": n.network_id, "listed": false}),
        )
        .await;
    assert_eq!(unlisted.body, json!([]));
    let gone = w
        .send(
            Method::POST,
            &refer,
            &w.a.token,
            json!({"role_id": cedar_role, "consent_on": day(today), "note": "Again"}),
        )
        .await;
    gone.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(gone.error_fields(), ["role_id"]);
}

#[tokio::test]
async fn recognitions_show_what_the_passport_brought_and_each_read_is_audited() {
    let n = net().await;
    let w = &n.w;
    let app = &w.app;
    let hospice = app.authorise(n.c.admin, n.c.slug).await.unwrap();
    let trust = app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let pat = person(app, "Pat", "pat@example.org").await;

    // Pat is active at the hospice with identity verified.
    let hospice_role = open_role(&n, &n.c, &["identity"]).await;
    let applied = apply(&n, pat, &hospice_role).await;
    app.decide_application(&hospice, applied, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let list = &app.checklists(&hospice, pat).await.unwrap()[0];
    let check = list.items[0].check.clone().unwrap();
    let verify = CheckInput {
        action: "verify".into(),
        issued_on: day(app.uk_today() - Duration::days(20)),
        ..CheckInput::default()
    };
    app.record_check(&hospice, check.id, &verify).await.unwrap();
    app.activate_placement(&hospice, list.placement.placement.id)
        .await
        .unwrap();
    // Accepted at the trust, whose role needs identity; both accept each other's.
    let trust_role = open_role(&n, &w.a, &["identity"]).await;
    let applied = apply(&n, pat, &trust_role).await;
    app.decide_application(&trust, applied, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let proposed = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "Riverside and Cedar", "partners": [n.c_id],
                "accepts": [{"code": "identity"}]}),
        )
        .await;
    assert_eq!(proposed.status, StatusCode::CREATED, "{}", proposed.body);
    let signed = w
        .send(
            Method::POST,
            &format!("/api/v1/agreements/{}/sign", proposed.id()),
            &n.c.token,
            json!({"accepts": [{"code": "identity"}]}),
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);

    let recognitions = format!("/api/v1/people/{pat}/recognitions");
    assert_eq!(w.get(&recognitions, &w.a.token).await.body, json!([]));
    app.share_passport(pat, n.c_id, n.a_id).await.unwrap();

    let viewed = || async {
        app.store
            .audit_for(Some(n.a_id), pat.0)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action == "checks.viewed")
            .count()
    };
    let before = viewed().await;
    let taken = w.get(&recognitions, &w.a.token).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert_eq!(viewed().await, before + 1);
    let taken = taken.body.as_array().unwrap().clone();
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert_eq!(taken[0]["item"], "Identity check");
    assert_eq!(taken[0]["from_organisation"], "Cedar Hospice");
    assert_eq!(taken[0]["from_organisation_id"], n.c_id.to_string());
    assert_eq!(taken[0]["agreement_id"], proposed.id());
    // The hospice took nothing on; B does not know Pat; a viewer may not see check data.
    assert_eq!(w.get(&recognitions, &n.c.token).await.body, json!([]));
    w.get(&recognitions, &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.get(&recognitions, &viewer)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
}
