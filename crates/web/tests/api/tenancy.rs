//! Tenancy: another organisation's token finds none of this one's records, on every route.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::commitments::a_commitment;
use crate::compliance::accept;
use crate::expenses::a_claim;
use crate::library::library;
use crate::matching::{matchable, propose};
use crate::referrals::refer;
use crate::safeguarding::raise;
use crate::shifts::add_shift;
use crate::support::{World, method, operations, role_body, site_body, world};

/// Every operation with an `{id}`, tried with organisation B's token on organisation A's
/// records, is not found; nothing of A's changes; B's lists never show A's records.
#[tokio::test]
async fn another_organisations_records_are_not_found_on_every_route() {
    let w = world().await;
    let a = w.seed_a().await;
    let placed = accept(&w, &a.application, &a.person).await;
    let shift = add_shift(&w, &a.role, &a.site, "2027-03-10").await.id();
    let claim = a_claim(&w).await;
    let commitment = a_commitment(&w, &a.person, &a.role, &a.site).await;
    let m = matchable(&w).await;
    let matched = propose(&w, &m).await.id();
    let referral = refer(&w, "Arthur", "befriending").await.id();
    let concern = raise(&w, &m.edna).await;
    // B's organisation is not a member of A's network.
    let lib = library(&w).await;
    let (network, membership, agreement) = a_network(&w).await;
    let (event, registration) = crate::events::an_event_with_a_registration(&w).await;
    let (network_event, network_registration) = a_network_event(&w).await;
    let today = w.app.uk_today().to_string();
    let consent = w
        .send(
            Method::POST,
            &format!("/api/v1/people/{}/consents", a.person),
            &w.a.token,
            json!({"purpose": "Photographs", "state": "given", "on": today, "way": "written"}),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b_token = &w.b.token;

    let id_for = |path: &str| {
        if path.starts_with("/api/v1/sites/") {
            &a.site
        } else if path.starts_with("/api/v1/roles/") {
            &a.role
        } else if path.starts_with("/api/v1/people/") {
            &a.person
        } else if path.starts_with("/api/v1/applications/") {
            &a.application
        } else if path.starts_with("/api/v1/catalogue/") {
            &placed.catalogue_item
        } else if path.starts_with("/api/v1/checks/") {
            &placed.check
        } else if path.starts_with("/api/v1/placements/") {
            &placed.placement
        } else if path.starts_with("/api/v1/shifts/") {
            &shift
        } else if path.starts_with("/api/v1/expenses/") {
            &claim
        } else if path.starts_with("/api/v1/service-users/") {
            &m.edna
        } else if path.starts_with("/api/v1/referrals/") {
            &referral
        } else if path.starts_with("/api/v1/matches/") {
            &matched
        } else if path.starts_with("/api/v1/concerns/") {
            &concern
        } else if path.starts_with("/api/v1/networks/{slug}/role-templates/") {
            &lib.template
        } else if path.starts_with("/api/v1/networks/{slug}/resources/") {
            &lib.members
        } else if path.starts_with("/api/v1/networks/{slug}/events/") {
            &network_event
        } else if path.starts_with("/api/v1/networks/") {
            &membership
        } else if path.starts_with("/api/v1/agreements/") {
            &agreement
        } else if path.starts_with("/api/v1/events/") {
            &event
        } else {
            panic!("no organisation A id for {path}")
        }
    };
    let body_for = |method: &str, path: &str| match (method, path) {
        ("PUT", "/api/v1/sites/{id}") => Some(site_body("Taken over")),
        ("PUT", "/api/v1/roles/{id}") => Some(role_body(&[])),
        ("POST", "/api/v1/people/{id}/status") => Some(json!({"status": "onboarding"})),
        ("POST", "/api/v1/people/{id}/erasure") => Some(json!({"confirmed": true})),
        ("POST", "/api/v1/people/{id}/consents") => {
            Some(json!({"purpose": "Taken over", "state": "given", "on": today, "way": "written"}))
        }
        ("POST", "/api/v1/applications/{id}/decision") => Some(json!({"status": "screening"})),
        ("PUT", "/api/v1/catalogue/{id}") => {
            Some(json!({"name": "Taken over", "description": "Ours now", "validity_months": 1}))
        }
        ("POST", "/api/v1/checks/{id}") => {
            Some(json!({"action": "waive", "waiver_reason": "Taken over"}))
        }
        ("POST", "/api/v1/checks/{id}/referees") => Some(
            json!({"referee_name": "Eve", "referee_email": "eve@hillside.example", "relationship": "Spy"}),
        ),
        ("POST", "/api/v1/shifts/{id}/attendance") => {
            Some(json!({"booking_id": a.person, "status": "no_show"}))
        }
        ("POST", "/api/v1/shifts/{id}/bookings") => Some(json!({"person_id": a.person})),
        ("POST", "/api/v1/roles/{id}/outcome-indicators") => {
            Some(json!({"name": "Taken over", "unit": "people"}))
        }
        ("POST", "/api/v1/people/{id}/activity") => {
            Some(json!({"indicator_id": a.role, "quantity": 1}))
        }
        ("POST", "/api/v1/shifts/{id}/cancel") => Some(json!({"reason": "Taken over"})),
        ("POST", "/api/v1/people/{id}/commitments") => Some(json!({
            "role_id": a.role, "site_id": a.site, "weekday": "tue", "start_time": "10:00",
            "end_time": "13:00", "starts_on": "2027-03-01"})),
        ("POST", "/api/v1/people/{id}/commitments/{commitment_id}/end") => {
            Some(json!({"last_day": ""}))
        }
        ("PUT", "/api/v1/shifts/{id}") | ("PUT", "/api/v1/shifts/{id}/series") => Some(
            json!({"date": "2027-03-10", "start_time": "10:00", "end_time": "12:00",
                "min_volunteers": 1, "max_volunteers": 2, "notes": ""}),
        ),
        ("PUT", "/api/v1/service-users/{id}/health-notes") => {
            Some(json!({"health_notes": "Taken over"}))
        }
        ("POST", "/api/v1/service-users/{id}/status") => {
            Some(json!({"status": "closed", "reason": "Taken over"}))
        }
        ("POST", "/api/v1/service-users/{id}/feedback") => {
            Some(json!({"rating": "very_poor", "answered_by": "carer"}))
        }
        ("POST", "/api/v1/service-users/{id}/carers") => {
            Some(json!({"carer_id": m.edna, "relationship": "friend"}))
        }
        ("POST", "/api/v1/referrals/{id}/decision") => {
            Some(json!({"decision": "decline", "note": "Taken over"}))
        }
        ("POST", "/api/v1/matches/{id}/step") => Some(json!({"step": "withdraw"})),
        ("POST", "/api/v1/matches/{id}/contacts") => {
            Some(json!({"on": today, "minutes": 10, "kind": "call"}))
        }
        ("PUT", "/api/v1/people/{id}/match-profile") => Some(crate::matching::profile_body()),
        ("PUT", "/api/v1/networks/{slug}/resources/{id}") => Some(json!({
            "title": "Taken over", "summary": "Ours now", "kind": "guide", "audience": "public",
            "review_on": "2099-01-01", "link": "https://example.org"})),
        ("POST", "/api/v1/events/{id}/registrations/{registration_id}/attendance") => {
            Some(json!({"attended": true}))
        }
        ("POST", "/api/v1/concerns/{id}/entries") => {
            Some(json!({"kind": "note", "text": "Taken over"}))
        }
        ("POST", "/api/v1/networks/{slug}/members/{id}/renewals") => {
            Some(json!({"paid_on": today, "amount": "0"}))
        }
        ("POST", "/api/v1/agreements/{id}/sign") => {
            Some(json!({"accepts": [{"code": "identity"}]}))
        }
        ("POST", "/api/v1/roles/{id}/network-listings") => {
            Some(json!({"network_id": network, "listed": false}))
        }
        ("POST", "/api/v1/people/{id}/network-referrals") => {
            Some(json!({"role_id": a.role, "consent_on": today, "note": "Taken over"}))
        }
        (_, path) if path.contains("{booking_id}") => {
            Some(json!({"reason": "Taken over", "to_shift_id": a.role}))
        }
        ("POST", path) if path.starts_with("/api/v1/expenses/") => {
            Some(json!({"reason": "Taken over", "question": "Why?"}))
        }
        _ => None,
    };

    // Logged hours need a volunteer active in a role of A's; their routes are tried with B's
    // token in `attendance::no_shows_are_reported_and_nothing_is_shared_with_another_organisation`.
    let templated: Vec<(String, String)> = operations()
        .into_iter()
        .filter(|(_, path)| path.contains("{id}") && !path.starts_with("/api/v1/hours/"))
        .collect();
    assert_eq!(
        templated.len(),
        83,
        "expected 83 operations on a record, found {templated:?}"
    );
    for (verb, template) in &templated {
        let path = template
            .replace("{id}", id_for(template))
            .replace("{commitment_id}", &commitment)
            .replace("{consent_id}", &consent)
            .replace(
                "{slug}",
                if template.contains("/role-templates")
                    || template.contains("/resources")
                    || template.contains("/events")
                {
                    crate::library::NETWORK
                } else {
                    NETWORK
                },
            )
            .replace(
                "{registration_id}",
                if template.starts_with("/api/v1/networks/") {
                    &network_registration
                } else {
                    &registration
                },
            );
        let body = body_for(verb, template).map(|b| b.to_string());
        let reply = w.call(method(verb), &path, Some(b_token), body).await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "{verb} {path} with B's token: {}",
            reply.body
        );
        reply.assert_problem(StatusCode::NOT_FOUND);
    }

    // A filter naming A's role, and a new role of B's at A's site, are refused too.
    w.get(&format!("/api/v1/people?role={}", a.role), b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let stolen_site = w
        .send(
            Method::POST,
            "/api/v1/roles",
            b_token,
            role_body(std::slice::from_ref(&a.site)),
        )
        .await;
    stolen_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen_site.error_fields(), ["site_ids"]);
    // A's records named in B's bodies and queries are simply not found here (a 422 naming the
    // field, the same as for an id that exists nowhere).
    let mut stolen_match = m.proposal();
    stolen_match["volunteer_id"] = json!(m.mo);
    let stolen_match = w
        .send(Method::POST, "/api/v1/matches", b_token, stolen_match)
        .await;
    stolen_match.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen_match.error_fields(), ["service_user_id", "role_id"]);
    let stolen_plan = w
        .send(
            Method::POST,
            "/api/v1/matching/plan",
            b_token,
            json!({"role_id": m.role, "support_type": "befriending"}),
        )
        .await;
    assert_eq!(stolen_plan.error_fields(), ["role_id"]);
    let stolen_concern = w
        .send(
            Method::POST,
            "/api/v1/concerns",
            b_token,
            json!({"subject": "service_user", "service_user_id": m.edna, "what": "Who is she?"}),
        )
        .await;
    assert_eq!(
        stolen_concern.error_fields(),
        ["service_user_id", "subject_name"]
    );
    w.get("/api/v1/concerns", b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    // B's lists and organisation show nothing of A's.
    let a_secrets = [
        a.site.as_str(),
        &a.role,
        &a.person,
        &a.application,
        &placed.placement,
        &placed.check,
        &placed.catalogue_item,
        &shift,
        &claim,
        &commitment,
        &m.edna,
        &m.mo,
        &matched,
        &referral,
        &concern,
        &network,
        &membership,
        &agreement,
        NETWORK,
        "Edna Example",
        "Arthur Example",
        "riverside",
        "vera@volunteer.example",
    ];
    for path in [
        "/api/v1/organisation",
        "/api/v1/sites",
        "/api/v1/roles",
        "/api/v1/people",
        "/api/v1/applications",
        "/api/v1/catalogue?per_page=500",
        "/api/v1/onboarding",
        "/api/v1/expiring?days=730",
        "/api/v1/reports/time-to-onboard",
        "/api/v1/shifts?from=2027-03-10&to=2027-03-11",
        "/api/v1/expenses",
        "/api/v1/reports/expenses",
        "/api/v1/service-users",
        "/api/v1/referrals",
        "/api/v1/matches",
        "/api/v1/safeguarding-leads",
        "/api/v1/networks",
        "/api/v1/agreements",
        "/api/v1/network-referrals",
    ] {
        let reply = w.get(path, b_token).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        let text = reply.body.to_string();
        for secret in a_secrets {
            assert!(
                !text.contains(secret),
                "{path} with B's token shows A's {secret}: {text}"
            );
        }
    }
    assert_eq!(w.get("/api/v1/people", b_token).await.body["total"], 0);
    assert_eq!(w.get("/api/v1/onboarding", b_token).await.body["total"], 0);
    // A role of B's cannot ask for an item of A's catalogue.
    let mut stolen_item = role_body(&[]);
    stolen_item["requirement_type_ids"] = json!([placed.catalogue_item]);
    let stolen_item = w
        .send(Method::POST, "/api/v1/roles", b_token, stolen_item)
        .await;
    stolen_item.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen_item.error_fields(), ["requirement_type_ids"]);

    // Nothing of A's changed.
    let token = &w.a.token;
    assert_eq!(
        w.get(&format!("/api/v1/sites/{}", a.site), token)
            .await
            .body["name"],
        "Ward 7"
    );
    let role = w.get(&format!("/api/v1/roles/{}", a.role), token).await;
    assert_eq!(
        (role.body["status"].clone(), role.body["title"].clone()),
        (json!("open"), json!("Mealtime companion"))
    );
    let application = w
        .get(&format!("/api/v1/applications/{}", a.application), token)
        .await;
    assert_eq!(application.body["application"]["status"], "accepted");
    assert_eq!(
        w.get(&format!("/api/v1/people/{}", a.person), token)
            .await
            .body["engagement"]["status"],
        "onboarding"
    );
    let item = w
        .get(
            &format!("/api/v1/catalogue/{}", placed.catalogue_item),
            token,
        )
        .await;
    assert_ne!(item.body["description"], "Ours now");
    let checklist = w
        .get(&format!("/api/v1/people/{}/checklists", a.person), token)
        .await;
    let list = &checklist.body["checklists"][0];
    assert_eq!(list["placement"]["status"], "onboarding");
    assert_eq!(list["items"][0]["check"]["status"], "pending");
    assert_eq!(list["items"][0]["check"]["waiver_reason"], "");
    let commitments = w
        .get(&format!("/api/v1/people/{}/commitments", a.person), token)
        .await;
    assert_eq!(commitments.body[0]["id"], commitment.as_str());
    assert_eq!(commitments.body[0]["ends_on"], serde_json::Value::Null);
    let matches = w.get("/api/v1/matches", token).await;
    assert_eq!(matches.body[0]["status"], "proposed");
    let referrals = w.get("/api/v1/referrals", token).await;
    assert!(
        referrals
            .body
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "new")
    );
    let edna = w
        .get(&format!("/api/v1/service-users/{}", m.edna), token)
        .await;
    assert_eq!(edna.body["person"]["status"], "assessed");
    assert_eq!(edna.body["carers"], json!([]));
    let notes = w
        .get(
            &format!("/api/v1/service-users/{}/health-notes", m.edna),
            token,
        )
        .await;
    assert_eq!(notes.body["health_notes"], "");
    let profile = w
        .get(&format!("/api/v1/people/{}/match-profile", m.mo), token)
        .await;
    assert_eq!(profile.body["capacity"], 2);
    let members = w
        .get(&format!("/api/v1/networks/{NETWORK}/members"), token)
        .await;
    assert_eq!(members.body[0]["id"], membership.as_str());
    assert_eq!(members.body[0]["standing"], "active");
    assert_eq!(members.body[0]["renews_on"], serde_json::Value::Null);
    let agreement = w
        .get(&format!("/api/v1/agreements/{agreement}"), token)
        .await;
    assert_eq!(agreement.body["ended_at"], serde_json::Value::Null);
    assert_eq!(agreement.body["parties"].as_array().unwrap().len(), 1);
    let outbox = w.app.store.recent_messages(50).await.unwrap();
    assert!(outbox.iter().all(|m| m.to != "eve@hillside.example"));
}

/// The slug of organisation A's network.
const NETWORK: &str = "riverside-partners";

/// A network A's admin set up (A its only member), and an open agreement A proposed in it: the
/// network's id, A's membership and the agreement.
async fn a_network(w: &crate::support::World) -> (String, String, String) {
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let network = w
        .app
        .create_network(
            &scope,
            &domain::network::NetworkInput {
                name: "Riverside partners".into(),
                slug: NETWORK.into(),
                kind: "other".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let access = w
        .app
        .network_access(NETWORK, Some(w.a.admin))
        .await
        .unwrap();
    let membership = w.app.network_members(&access).await.unwrap()[0].member.id;
    let agreement = w
        .send(
            Method::POST,
            "/api/v1/agreements",
            &w.a.token,
            json!({"name": "Riverside partners passport", "network_id": network.id,
                "accepts": [{"code": "identity"}]}),
        )
        .await;
    assert_eq!(agreement.status, StatusCode::CREATED, "{}", agreement.body);
    (
        network.id.to_string(),
        membership.to_string(),
        agreement.id(),
    )
}

/// An event of the library's network (run by A's admin, who coordinates it) with one place
/// taken: (event id, registration id).
async fn a_network_event(w: &World) -> (String, String) {
    let made = w
        .send(
            Method::POST,
            &format!("/api/v1/networks/{}/events", crate::library::NETWORK),
            &w.a.token,
            crate::events::event_body(&crate::events::in_days(w, 7), 2),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id: domain::ids::EventId = made.id().parse().unwrap();
    let someone = crate::support::person(&w.app, "Net", "net-reg@example.org").await;
    let access = w
        .app
        .network_access(crate::library::NETWORK, Some(someone))
        .await
        .unwrap();
    let host = w.app.network_event_host(&access);
    let r = w.app.register_for_event(&host, id).await.unwrap();
    (id.to_string(), r.id.to_string())
}
