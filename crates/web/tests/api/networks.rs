//! Networks through the API: the organisation's networks, one network's details and directory,
//! coordinators' membership list (adding members, renewals, ending), and the benchmark.
//! Organisation B is never a member: everything of the network is not found for it.

mod agreements;
mod sharing;

use axum::http::{Method, StatusCode};
use chrono::{Duration, Months};
use domain::ids::OrganisationId;
use domain::network::NetworkInput;
use domain::network::membership::MemberInput;
use serde_json::{Value, json};

use crate::compliance::day;
use crate::support::{Org, World, organisation, world};

/// The network's slug.
pub const SLUG: &str = "northshire";

/// A's admin set up the Northshire network (A is its first member and they coordinate it);
/// Cedar Hospice (C) is the other member, renewing in 200 days. B is not a member.
pub struct Net {
    pub w: World,
    pub c: Org,
    pub a_id: OrganisationId,
    pub c_id: OrganisationId,
    pub network_id: String,
    pub c_member: String,
}

pub async fn net() -> Net {
    let w = world().await;
    let c = organisation(&w.app, "Cedar Hospice", "cedar", "RZ3").await;
    let a_scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let c_id = w
        .app
        .authorise(c.admin, c.slug)
        .await
        .unwrap()
        .organisation_id();
    let network = w
        .app
        .create_network(
            &a_scope,
            &NetworkInput {
                name: "Northshire Volunteering Partnership".into(),
                slug: SLUG.into(),
                kind: "care_partnership".into(),
                description: "Volunteering across Northshire".into(),
                contact_email: "hello@northshire.example".into(),
            },
        )
        .await
        .unwrap();
    let access = w.app.network_access(SLUG, Some(w.a.admin)).await.unwrap();
    let today = w.app.uk_today();
    let member = w
        .app
        .add_network_member(
            &access,
            &MemberInput {
                membership_type: "organisational".into(),
                organisation_id: c_id.to_string(),
                joined_on: day(today - Duration::days(30)),
                renews_on: day(today + Duration::days(200)),
                annual_fee: "45.00".into(),
                in_directory: true,
                directory_note: "Ask us about hospice volunteering".into(),
                ..MemberInput::default()
            },
        )
        .await
        .unwrap();
    Net {
        a_id: a_scope.organisation_id(),
        w,
        c,
        c_id,
        network_id: network.id.to_string(),
        c_member: member.id.to_string(),
    }
}

fn path(rest: &str) -> String {
    format!("/api/v1/networks/{SLUG}{rest}")
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("expected a list, found {list}"))
        .iter()
        .map(|v| v[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn members_see_their_networks_and_others_find_nothing() {
    let n = net().await;
    let w = &n.w;
    for token in [&w.a.token, &n.c.token] {
        let list = w.get("/api/v1/networks", token).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert_eq!(names(&list.body, "slug"), [SLUG]);
        assert_eq!(list.body[0]["kind"], "care_partnership");
    }
    assert_eq!(w.get("/api/v1/networks", &w.b.token).await.body, json!([]));

    let details = w.get(&path(""), &w.a.token).await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.body);
    assert_eq!(details.body["network"]["id"], n.network_id.as_str());
    assert_eq!(details.body["coordinator"], true);
    assert_eq!(details.body["coordinators"], json!(["Admin Example"]));
    assert_eq!(
        names(&details.body["directory"], "name"),
        ["Cedar Hospice", "Riverside Hospitals NHS Trust"]
    );
    // A member who does not coordinate sees the directory, without fees or emails.
    let seen_by_c = w.get(&path(""), &n.c.token).await;
    assert_eq!(seen_by_c.status, StatusCode::OK, "{}", seen_by_c.body);
    assert_eq!(seen_by_c.body["coordinator"], false);
    assert_eq!(
        seen_by_c.body["directory"][0]["directory_note"],
        "Ask us about hospice volunteering"
    );
    assert!(!seen_by_c.body.to_string().contains("annual_fee"));

    w.get(&path(""), &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.get("/api/v1/networks/nowhere", &w.a.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn coordinators_add_members_and_others_are_refused() {
    let n = net().await;
    let w = &n.w;
    let members = w.get(&path("/members"), &w.a.token).await;
    assert_eq!(members.status, StatusCode::OK, "{}", members.body);
    assert_eq!(
        names(&members.body, "name"),
        ["Cedar Hospice", "Riverside Hospitals NHS Trust"]
    );
    assert_eq!(members.body[0]["annual_fee_pence"], 4500);
    assert_eq!(members.body[0]["standing"], "active");
    assert_eq!(members.body[0]["organisation_id"], n.c_id.to_string());
    // A member who does not coordinate is refused; B does not find the network.
    w.get(&path("/members"), &n.c.token)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    w.get(&path("/members"), &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    let rowan = json!({
        "membership_type": "individual", "name": "Rowan Manager",
        "email": "rowan@council.example", "job_title": "Voluntary services manager",
        "employer": "Northshire Council", "joined_on": day(w.app.uk_today()),
        "in_directory": true,
    });
    for (token, status) in [
        (&w.b.token, StatusCode::NOT_FOUND),
        (&n.c.token, StatusCode::FORBIDDEN),
    ] {
        w.send(Method::POST, &path("/members"), token, rowan.clone())
            .await
            .assert_problem(status);
    }
    let added = w
        .send(Method::POST, &path("/members"), &w.a.token, rowan.clone())
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!(added.body["membership_type"], "individual");
    assert_eq!(added.body["email"], "rowan@council.example");
    assert_eq!(added.body["standing"], "active");
    assert_eq!(added.body["renews_on"], Value::Null);
    let again = w
        .send(Method::POST, &path("/members"), &w.a.token, rowan)
        .await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["membership_type"]);
    let bad = w
        .send(
            Method::POST,
            &path("/members"),
            &w.a.token,
            json!({"membership_type": "club", "joined_on": "soon", "annual_fee": "-3"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["membership_type", "joined_on", "annual_fee"]
    );
    w.send(Method::POST, &path("/members"), &w.a.token, json!([]))
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
    assert_eq!(
        w.get(&path("/members"), &w.a.token)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn coordinators_record_renewals_and_end_memberships() {
    let n = net().await;
    let w = &n.w;
    let today = w.app.uk_today();
    let renewals = path(&format!("/members/{}/renewals", n.c_member));
    let paid = json!({"paid_on": day(today), "amount": "45.00"});
    for (token, status) in [
        (&w.b.token, StatusCode::NOT_FOUND),
        (&n.c.token, StatusCode::FORBIDDEN),
    ] {
        w.send(Method::POST, &renewals, token, paid.clone())
            .await
            .assert_problem(status);
    }
    let bad = w
        .send(
            Method::POST,
            &renewals,
            &w.a.token,
            json!({"paid_on": day(today + Duration::days(1)), "amount": "lots"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["paid_on", "amount"]);
    let renewed = w.send(Method::POST, &renewals, &w.a.token, paid).await;
    assert_eq!(renewed.status, StatusCode::CREATED, "{}", renewed.body);
    let was = today + Duration::days(200);
    let next = was.checked_add_months(Months::new(12)).unwrap();
    assert_eq!(renewed.body["renewal"]["previous_renews_on"], day(was));
    assert_eq!(renewed.body["renewal"]["renews_on"], day(next));
    assert_eq!(renewed.body["renewal"]["amount_pence"], 4500);
    assert_eq!(renewed.body["renewal"]["recorded_by"], "Admin Example");
    assert_eq!(renewed.body["member"]["renews_on"], day(next));
    // A membership of no network of ours, or not an id, is not found.
    for member in [uuid::Uuid::now_v7().to_string(), "not-an-id".to_owned()] {
        w.send(
            Method::POST,
            &path(&format!("/members/{member}/renewals")),
            &w.a.token,
            json!({"paid_on": day(today), "amount": "0"}),
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    }

    let end = path(&format!("/members/{}/end", n.c_member));
    for (token, status) in [
        (&w.b.token, StatusCode::NOT_FOUND),
        (&n.c.token, StatusCode::FORBIDDEN),
    ] {
        w.call(Method::POST, &end, Some(token), None)
            .await
            .assert_problem(status);
    }
    let bad = w
        .send(
            Method::POST,
            &end,
            &w.a.token,
            json!({"ended_on": "2027-02-31"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["ended_on"]);
    let ended = w.call(Method::POST, &end, Some(&w.a.token), None).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(ended.body["standing"], "ended");
    assert_eq!(ended.body["ended_on"], day(today));
    w.call(Method::POST, &end, Some(&w.a.token), None)
        .await
        .assert_problem(StatusCode::CONFLICT);
    // Having left, C no longer finds the network.
    assert_eq!(w.get("/api/v1/networks", &n.c.token).await.body, json!([]));
    w.get(&path(""), &n.c.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_benchmark_is_for_members_the_token_manages() {
    let n = net().await;
    let w = &n.w;
    for token in [&w.a.token, &n.c.token] {
        let rows = w.get(&path("/benchmark"), token).await;
        assert_eq!(rows.status, StatusCode::OK, "{}", rows.body);
        assert_eq!(
            names(&rows.body, "measure"),
            [
                "days_to_onboard",
                "retention_12_months",
                "experience_score",
                "wellbeing_change",
                "hours_per_volunteer"
            ]
        );
        // Two small members: every figure and the network's spread are withheld.
        for row in rows.body.as_array().unwrap() {
            assert_eq!(row["own"], Value::Null, "{row}");
            assert_eq!(row["network"], Value::Null, "{row}");
        }
    }
    w.get(&path("/benchmark"), &w.b.token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    // Staff who do not manage volunteering at a member get nothing.
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.get(&path("/benchmark"), &viewer)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    assert_eq!(w.get(&path(""), &viewer).await.status, StatusCode::OK);
}
