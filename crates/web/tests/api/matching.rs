//! Matching through the API: a volunteer's offer, suggestions with reasons (and who was ruled
//! out), the batch plan (which sends nothing), an invitation that stays "proposed" until the
//! volunteer answers (the API cannot accept or introduce for them), withdrawing, the rest of
//! the lifecycle with contacts, and bad input named by field.

use app::OrgScope;
use axum::http::{Method, StatusCode};
use domain::application::{ApplicationInput, ApplicationStatus};
use domain::ids::{PersonId, RoleId};
use serde_json::{Value, json};

use crate::service_users::{add_service_user, move_to};
use crate::support::{Reply, World, person, role_body, site_body, world};

/// Organisation A with a role needing no checks; Mo, active in it and offering befriending;
/// Wendy, active in it with no offer; and Edna, assessed and consented, waiting.
pub struct Matchable {
    pub role: String,
    pub mo: String,
    pub wendy: String,
    pub edna: String,
}

pub fn profile_body() -> Value {
    json!({"capacity": 2, "travel_miles": "10", "days": ["mon", "tue", "wed", "thu", "fri"],
        "gender": "man", "support_types": ["befriending", "home_from_hospital"]})
}

/// Someone active in `role` (which needs no checks).
async fn active_volunteer(w: &World, scope: &OrgScope, role: RoleId, given: &str) -> PersonId {
    let email = format!("{}@volunteer.example", given.to_lowercase());
    let volunteer = person(&w.app, given, &email).await;
    let answers = ApplicationInput {
        motivation: "I like people".into(),
        availability: "Weekdays".into(),
    };
    let application = w.app.apply(volunteer, role, &answers).await.unwrap();
    w.app
        .decide_application(scope, application.id, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let placements = w
        .app
        .store
        .placements_of(scope.organisation_id(), volunteer)
        .await
        .unwrap();
    w.app
        .activate_placement(scope, placements[0].placement.id)
        .await
        .unwrap();
    volunteer
}

pub async fn matchable(w: &World) -> Matchable {
    let token = &w.a.token;
    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Community"))
        .await;
    let mut role = role_body(&[site.id()]);
    role["title"] = json!("Befriender");
    role["dbs_level"] = json!("none");
    role["dbs_workforce"] = json!("");
    let role = w.send(Method::POST, "/api/v1/roles", token, role).await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    let publish = format!("/api/v1/roles/{}/publish", role.id());
    w.call(Method::POST, &publish, Some(token), None).await;
    let role_id: RoleId = role.id().parse().unwrap();
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let mo = active_volunteer(w, &scope, role_id, "Mo").await;
    let wendy = active_volunteer(w, &scope, role_id, "Wendy").await;
    let offered = w
        .send(
            Method::PUT,
            &format!("/api/v1/people/{mo}/match-profile"),
            token,
            profile_body(),
        )
        .await;
    assert_eq!(offered.status, StatusCode::OK, "{}", offered.body);
    let edna = add_service_user(w, "Edna").await;
    move_to(w, &edna, "assessed").await;
    Matchable {
        role: role.id(),
        mo: mo.to_string(),
        wendy: wendy.to_string(),
        edna,
    }
}

impl Matchable {
    pub fn proposal(&self) -> Value {
        json!({"service_user_id": self.edna, "volunteer_id": self.mo, "role_id": self.role,
            "support_type": "befriending", "contact_every_days": 7})
    }
}

/// Invites Mo to befriend Edna.
pub async fn propose(w: &World, m: &Matchable) -> Reply {
    let reply = w
        .send(Method::POST, "/api/v1/matches", &w.a.token, m.proposal())
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply
}

async fn step(w: &World, id: &str, body: Value) -> Reply {
    w.send(
        Method::POST,
        &format!("/api/v1/matches/{id}/step"),
        &w.a.token,
        body,
    )
    .await
}

async fn status_of(w: &World, edna: &str) -> Value {
    let triangle = w
        .get(&format!("/api/v1/service-users/{edna}"), &w.a.token)
        .await;
    triangle.body["person"]["status"].clone()
}

#[tokio::test]
async fn volunteers_are_suggested_with_reasons_and_invited_never_assigned() {
    let w = world().await;
    let m = matchable(&w).await;
    let token = &w.a.token;
    let profile = w
        .get(&format!("/api/v1/people/{}/match-profile", m.mo), token)
        .await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.body);
    assert_eq!(profile.body["capacity"], 2);
    assert_eq!(profile.body["support_types"][1], "home_from_hospital");
    w.get(&format!("/api/v1/people/{}/match-profile", m.wendy), token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    let path = format!(
        "/api/v1/service-users/{}/suggestions?role={}&support_type=befriending",
        m.edna, m.role
    );
    let suggestions = w.get(&path, token).await;
    assert_eq!(suggestions.status, StatusCode::OK, "{}", suggestions.body);
    let suggested = &suggestions.body["suggested"];
    assert_eq!(suggested.as_array().map(Vec::len), Some(1));
    assert_eq!(suggested[0]["volunteer_id"], m.mo.as_str());
    assert!(suggested[0]["score"].as_i64().unwrap() > 0);
    let reasons = suggested[0]["reasons"].to_string();
    assert!(
        reasons.contains("Free on Mondays and Thursdays"),
        "{reasons}"
    );
    assert!(reasons.contains("Has room for 2 more"), "{reasons}");
    assert_eq!(
        suggestions.body["ruled_out"],
        json!([{"name": "Wendy Example", "reason": "has not offered person-to-person support"}])
    );

    // The plan pairs Edna with Mo and sends nothing.
    let plan = w
        .send(
            Method::POST,
            "/api/v1/matching/plan",
            token,
            json!({"role_id": m.role, "support_type": "befriending"}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert_eq!(plan.body["pairs"][0]["service_user_id"], m.edna.as_str());
    assert_eq!(plan.body["pairs"][0]["volunteer_id"], m.mo.as_str());
    assert_eq!(plan.body["unmatched"], json!([]));
    assert_eq!(plan.body["total_fit"], suggested[0]["score"]);
    assert_eq!(plan.body["greedy_fit"], plan.body["total_fit"]);
    assert_eq!(w.get("/api/v1/matches", token).await.body, json!([]));

    // Proposed: Mo is emailed an invitation and the match waits for him.
    let proposed = propose(&w, &m).await;
    assert_eq!(proposed.body["status"], "proposed");
    assert_eq!(proposed.body["volunteer_name"], "Mo Example");
    assert!(!proposed.body["reasons"].as_array().unwrap().is_empty());
    let outbox = w.app.store.recent_messages(50).await.unwrap();
    assert!(
        outbox
            .iter()
            .any(|x| x.to == "mo@volunteer.example" && x.body.contains("Say yes or no"))
    );
    let id = proposed.id();
    // Nothing here can move it past "proposed": only Mo accepts.
    for body in [json!({"step": "introduce"}), json!({"step": "accept"})] {
        let refused = step(&w, &id, body).await;
        refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.error_fields(), ["step"]);
    }
    let again = w
        .send(Method::POST, "/api/v1/matches", token, m.proposal())
        .await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["volunteer_id"]);
    let list = w.get("/api/v1/matches", token).await;
    assert_eq!(list.body[0]["status"], "proposed");
    assert_eq!(status_of(&w, &m.edna).await, "assessed");

    let withdrawn = step(&w, &id, json!({"step": "withdraw"})).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    assert_eq!(withdrawn.body["status"], "withdrawn");
}

#[tokio::test]
async fn an_accepted_match_is_introduced_started_contacted_and_ended() {
    let w = world().await;
    let m = matchable(&w).await;
    let token = &w.a.token;
    let id = propose(&w, &m).await.id();
    // Contacts wait for the introduction.
    let contacts = format!("/api/v1/matches/{id}/contacts");
    let today = w.app.uk_today().to_string();
    let early = w
        .send(
            Method::POST,
            &contacts,
            token,
            json!({"on": today, "minutes": 30, "kind": "call"}),
        )
        .await;
    early.assert_problem(StatusCode::CONFLICT);

    // Mo says yes himself; then the manager introduces them and support starts.
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let mo: PersonId = m.mo.parse().unwrap();
    w.app
        .answer_invitation(mo, scope.organisation_id(), id.parse().unwrap(), true)
        .await
        .unwrap();
    let introduced = step(&w, &id, json!({"step": "introduce"})).await;
    assert_eq!(
        introduced.body["status"], "introduced",
        "{}",
        introduced.body
    );
    assert_eq!(status_of(&w, &m.edna).await, "matched");
    let active = step(&w, &id, json!({"step": "activate"})).await;
    assert_eq!(active.body["status"], "active", "{}", active.body);
    assert_eq!(active.body["started_on"], today.as_str());
    assert_eq!(status_of(&w, &m.edna).await, "supported");

    let zero = w
        .send(
            Method::POST,
            &contacts,
            token,
            json!({"on": today, "minutes": 0, "kind": "visit"}),
        )
        .await;
    zero.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(zero.error_fields(), ["minutes"]);
    let bad = w
        .send(
            Method::POST,
            &contacts,
            token,
            json!({"on": "2999-01-01", "minutes": "45", "kind": "telepathy"}),
        )
        .await;
    assert_eq!(bad.error_fields(), ["on", "kind"]);
    let contact = w
        .send(
            Method::POST,
            &contacts,
            token,
            json!({"on": today, "minutes": "45", "kind": "visit", "note": "Tea and the cricket",
                "concerns": false}),
        )
        .await;
    assert_eq!(contact.status, StatusCode::CREATED, "{}", contact.body);
    assert_eq!(contact.body["volunteer_name"], "Mo Example");
    assert_eq!(contact.body["minutes"], 45);
    let list = w.get("/api/v1/matches", token).await;
    assert_eq!(list.body[0]["last_contact"], today.as_str());
    assert_eq!(list.body[0]["overdue_days"], Value::Null);
    let triangle = w
        .get(&format!("/api/v1/service-users/{}", m.edna), token)
        .await;
    assert_eq!(triangle.body["contacts"][0]["note"], "Tea and the cricket");
    assert_eq!(triangle.body["matches"][0]["id"], id.as_str());

    let unexplained = step(&w, &id, json!({"step": "end"})).await;
    assert_eq!(unexplained.error_fields(), ["reason"]);
    let unknown = step(&w, &id, json!({"step": "dance"})).await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["step"]);
    let ended = step(
        &w,
        &id,
        json!({"step": "end", "reason": "Edna moved to her daughter's"}),
    )
    .await;
    assert_eq!(ended.body["status"], "ended", "{}", ended.body);
    assert_eq!(ended.body["end_reason"], "Edna moved to her daughter's");
    assert_eq!(status_of(&w, &m.edna).await, "assessed");
}

#[tokio::test]
async fn bad_matching_input_is_named_by_field_and_nothing_is_saved() {
    let w = world().await;
    let m = matchable(&w).await;
    let token = &w.a.token;
    let bare = w
        .get(
            &format!("/api/v1/service-users/{}/suggestions", m.edna),
            token,
        )
        .await;
    bare.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bare.error_fields(), ["role", "support_type"]);
    let elsewhere = w
        .get(
            &format!(
                "/api/v1/service-users/{}/suggestions?role={}&support_type=befriending",
                m.edna,
                uuid::Uuid::now_v7()
            ),
            token,
        )
        .await;
    assert_eq!(elsewhere.error_fields(), ["role"]);

    let empty = w
        .send(Method::POST, "/api/v1/matches", token, json!({}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        empty.error_fields(),
        ["service_user_id", "volunteer_id", "role_id", "support_type"]
    );
    let mut rare = m.proposal();
    rare["contact_every_days"] = json!(400);
    let rare = w.send(Method::POST, "/api/v1/matches", token, rare).await;
    assert_eq!(rare.error_fields(), ["contact_every_days"]);
    // Someone who has not consented is never matched.
    let unconsented = w
        .send(
            Method::POST,
            "/api/v1/service-users",
            token,
            json!({"given_name": "Iris", "family_name": "Example"}),
        )
        .await;
    let mut proposal = m.proposal();
    proposal["service_user_id"] = json!(unconsented.id());
    move_to(&w, &unconsented.id(), "assessed").await;
    let refused = w
        .send(Method::POST, "/api/v1/matches", token, proposal)
        .await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_fields(), ["volunteer_id"]);
    assert_eq!(w.get("/api/v1/matches", token).await.body, json!([]));

    let profile = format!("/api/v1/people/{}/match-profile", m.mo);
    let bad = w
        .send(
            Method::PUT,
            &profile,
            token,
            json!({"capacity": 11, "travel_miles": "far", "gender": "robot",
                "support_types": ["juggling"]}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.error_fields(),
        ["capacity", "travel_miles", "gender", "support_types"]
    );
    assert_eq!(w.get(&profile, token).await.body["capacity"], 2);
    // Only someone volunteering (or applying) with the organisation has an offer here.
    let stranger = person(&w.app, "Sam", "sam@elsewhere.example").await;
    w.send(
        Method::PUT,
        &format!("/api/v1/people/{stranger}/match-profile"),
        token,
        profile_body(),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.send(Method::PUT, &profile, &viewer, profile_body())
        .await
        .assert_problem(StatusCode::FORBIDDEN);

    let plan = w
        .send(Method::POST, "/api/v1/matching/plan", token, json!({}))
        .await;
    plan.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(plan.error_fields(), ["role_id", "support_type"]);
}
