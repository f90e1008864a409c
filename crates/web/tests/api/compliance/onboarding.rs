//! From acceptance to starting: checklists, recording checks, references, eligibility, the
//! board and time to onboard.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use domain::compliance::reference::ReferenceReplyInput;
use domain::ids::RoleId;
use serde_json::{Value, json};

use super::{check, checklists, day, dbs_verification, record, text};
use crate::support::{World, person, site_body, world};

/// A role needing an enhanced DBS check, one reference and fire safety training, with a
/// volunteer accepted into it. Returns (person, placement, the DBS, references and training
/// check ids).
async fn accepted_into_demanding_role(w: &World) -> (String, String, [String; 3]) {
    let token = &w.a.token;
    let catalogue = w.get("/api/v1/catalogue?per_page=500", token).await;
    assert_eq!(catalogue.status, StatusCode::OK, "{}", catalogue.body);
    let fire = catalogue.body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["code"] == "cstf-fire-safety"))
        .map(|i| text(&i["id"]))
        .expect("fire safety is in the standard catalogue");
    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 9"))
        .await
        .id();
    let role = w
        .send(
            Method::POST,
            "/api/v1/roles",
            token,
            json!({
                "title": "Discharge buddy",
                "summary": "Help patients home",
                "setting": "in_hospital",
                "site_ids": [site],
                "minimum_age": 18,
                "dbs_level": "enhanced",
                "dbs_workforce": "adult",
                "references_required": 1,
                "requirement_type_ids": [fire],
                "non_substitution_statement": "Volunteers keep patients company; staff plan discharges.",
            }),
        )
        .await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    assert_eq!(role.body["requirement_type_ids"], json!([fire]));
    let published = w
        .call(
            Method::POST,
            &format!("/api/v1/roles/{}/publish", role.id()),
            Some(token),
            None,
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let volunteer = person(&w.app, "Dara", "dara@volunteer.example").await;
    let role_id: RoleId = role.id().parse().expect("a role id");
    let answers = domain::application::ApplicationInput {
        motivation: "I want to help".into(),
        availability: "Mornings".into(),
    };
    let application = w
        .app
        .apply(volunteer, role_id, &answers)
        .await
        .expect("applying");
    let accepted = w
        .send(
            Method::POST,
            &format!("/api/v1/applications/{}/decision", application.id),
            token,
            json!({"status": "accepted", "note": "Welcome"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);

    let person = volunteer.to_string();
    let lists = checklists(w, &person).await;
    assert_eq!(lists["person_id"], person.as_str());
    let list = &lists["checklists"][0];
    assert_eq!(lists["checklists"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["placement"]["role_id"], role.id().as_str());
    assert_eq!(list["placement"]["role_title"], "Discharge buddy");
    assert_eq!(list["placement"]["status"], "onboarding");
    let items = list["items"].as_array().expect("items");
    let codes: Vec<&str> = items
        .iter()
        .map(|i| i["requirement"]["code"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(codes, ["dbs", "references", "cstf-fire-safety"]);
    let kinds: Vec<&str> = items
        .iter()
        .map(|i| i["requirement"]["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds, ["dbs", "references", "training"]);
    assert_eq!(items[2]["requirement"]["id"], fire.as_str());
    for item in items {
        assert_eq!(item["check"]["status"], "pending", "{item}");
        assert_eq!(item["holds"], false);
    }
    assert_eq!(list["eligibility"]["status"], "blocked");
    let reasons: Vec<&str> = list["eligibility"]["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["reason"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(reasons, ["missing", "missing", "missing"]);
    let ids = [0, 1, 2].map(|i| text(&items[i]["check"]["id"]));
    (person, text(&list["placement"]["id"]), ids)
}

/// The token in the link of the newest email to `to`.
async fn reference_token(w: &World, to: &str) -> String {
    let messages = w.app.store.recent_messages(20).await.expect("the outbox");
    let message = messages
        .iter()
        .find(|m| m.to == to)
        .unwrap_or_else(|| panic!("no email to {to}"));
    let (_, after) = message
        .body
        .split_once("/references/")
        .expect("a reference link");
    after.split_whitespace().next().expect("a token").to_owned()
}

#[tokio::test]
async fn a_volunteer_is_onboarded_from_acceptance_to_starting() {
    let w = world().await;
    let token = &w.a.token;
    let today = w.app.clock.today();
    let (person, placement, [dbs, references, training]) = accepted_into_demanding_role(&w).await;

    // On the board, waiting for the volunteer; starting is refused, listing every block.
    let board = w.get("/api/v1/onboarding", token).await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.body);
    assert_eq!(board.body["total"], 1);
    let card = &board.body["items"][0];
    assert_eq!(card["placement"]["id"], placement.as_str());
    assert_eq!(card["placement"]["person_id"], person.as_str());
    assert_eq!(card["placement"]["person_name"], "Dara Example");
    assert_eq!(card["placement"]["role_title"], "Discharge buddy");
    assert_eq!(card["stage"], "with_volunteer");
    assert_eq!(card["days_waiting"], 0);
    assert_eq!(card["blocking"].as_array().map(Vec::len), Some(3));
    let activate = format!("/api/v1/placements/{placement}/activate");
    let refused = w.call(Method::POST, &activate, Some(token), None).await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.error_fields(),
        ["eligibility", "eligibility", "eligibility"]
    );
    let messages = refused.body["errors"].to_string();
    for expected in [
        "DBS check: not done yet",
        "References: not done yet",
        "Fire safety: not done yet",
    ] {
        assert!(messages.contains(expected), "{expected} in {messages}");
    }

    // Bad DBS records are refused, naming the field, and change nothing.
    let pending = check(&w, &person, &dbs).await;
    let mut unknown_level = dbs_verification(&w);
    unknown_level["dbs_level"] = json!("platinum");
    let mut update_service = dbs_verification(&w);
    update_service["dbs_update_service"] = json!("maybe");
    let mut expiry_first = dbs_verification(&w);
    expiry_first["expires_on"] = json!(day(today - Duration::days(30)));
    for (body, field) in [
        (unknown_level, "dbs_level"),
        (update_service, "dbs_update_service"),
        (expiry_first, "expires_on"),
        (
            json!({"action": "waive", "waiver_reason": " "}),
            "waiver_reason",
        ),
        (json!({"action": "approve"}), "action"),
    ] {
        let reply = record(&w, &dbs, body.clone()).await;
        reply.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            reply.error_fields().iter().any(|f| f == field),
            "{body} should name {field}: {}",
            reply.body
        );
        assert_eq!(check(&w, &person, &dbs).await, pending, "after {body}");
    }
    let verified = record(&w, &dbs, dbs_verification(&w)).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    assert_eq!(verified.body["id"], dbs.as_str());
    assert_eq!(verified.body["status"], "verified");
    assert_eq!(verified.body["decided_by"], "Admin Example");
    assert_eq!(
        verified.body["dbs"],
        json!({
            "level": "enhanced",
            "workforce": "adult",
            "certificate_number": "001234567890",
            "outcome": "clear",
            "update_service": true,
            "status_checked_on": null,
            "details_removed_at": null,
        })
    );
    assert_eq!(check(&w, &person, &dbs).await, verified.body);

    // A referee is asked by email; the link's token is never shown.
    let referees = format!("/api/v1/checks/{references}/referees");
    let missing = w
        .send(
            Method::POST,
            &referees,
            token,
            json!({"referee_name": "Rob"}),
        )
        .await;
    missing.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.error_fields(), ["referee_email", "relationship"]);
    let not_references = w
        .send(
            Method::POST,
            &format!("/api/v1/checks/{dbs}/referees"),
            token,
            json!({"referee_name": "Rob", "referee_email": "rob@referee.example", "relationship": "Old manager"}),
        )
        .await;
    not_references.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(not_references.error_fields(), ["check"]);
    let asked = w
        .send(
            Method::POST,
            &referees,
            token,
            json!({"referee_name": "Rob Referee", "referee_email": "Rob@Referee.example", "relationship": "My manager at the library"}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    assert_eq!(asked.body["check_id"], references.as_str());
    assert_eq!(asked.body["person_id"], person.as_str());
    assert_eq!(asked.body["referee_name"], "Rob Referee");
    assert_eq!(asked.body["reply"], Value::Null);
    let email = text(&asked.body["referee_email"]);
    let link_token = reference_token(&w, &email).await;
    assert!(!asked.body.to_string().contains(&link_token));
    let again = w
        .send(
            Method::POST,
            &referees,
            token,
            json!({"referee_name": "Rob", "referee_email": email, "relationship": "Manager"}),
        )
        .await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["referee_email"]);

    // References are verified only once given.
    let early = record(&w, &references, json!({"action": "verify"})).await;
    early.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early.error_fields(), ["action"]);
    let reply = ReferenceReplyInput {
        known_for: "Two years, at the library".into(),
        suitability: "Kind and reliable".into(),
        recommends: "yes".into(),
    };
    w.app
        .give_reference(&link_token, &reply)
        .await
        .expect("giving the reference");
    let lists = checklists(&w, &person).await;
    let item = &lists["checklists"][0]["items"][1];
    assert_eq!(item["check"]["status"], "submitted");
    assert_eq!(item["references"].as_array().map(Vec::len), Some(1));
    assert_eq!(item["references"][0]["reply"]["recommends"], true);
    assert!(!lists.to_string().contains(&link_token));
    let refs = record(&w, &references, json!({"action": "verify"})).await;
    assert_eq!(refs.status, StatusCode::OK, "{}", refs.body);
    assert_eq!(refs.body["status"], "verified");

    // Training: the expiry is worked out from the catalogue (24 months for fire safety).
    let finished = today - Duration::days(10);
    let trained = record(
        &w,
        &training,
        json!({"action": "verify", "issued_on": day(finished)}),
    )
    .await;
    assert_eq!(trained.status, StatusCode::OK, "{}", trained.body);
    assert_eq!(trained.body["status"], "verified");
    let expiry = finished
        .checked_add_months(chrono::Months::new(24))
        .and_then(|d| d.pred_opt())
        .expect("a date");
    assert_eq!(trained.body["expires_on"], day(expiry));

    // Eligible now: ready to start, and starting makes the volunteer active.
    let board = w.get("/api/v1/onboarding", token).await;
    assert_eq!(board.body["items"][0]["stage"], "ready_to_start");
    assert_eq!(board.body["items"][0]["blocking"], json!([]));
    let eligibility = w
        .get(
            &format!("/api/v1/placements/{placement}/eligibility"),
            token,
        )
        .await;
    assert_eq!(eligibility.status, StatusCode::OK, "{}", eligibility.body);
    assert_eq!(
        eligibility.body["eligibility"],
        json!({"status": "eligible", "blocks": []})
    );
    assert_eq!(eligibility.body["placement"]["status"], "onboarding");
    let started = w.call(Method::POST, &activate, Some(token), None).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!(started.body["id"], placement.as_str());
    assert_eq!(started.body["status"], "active");
    assert!(started.body["activated_at"].is_string());
    let record = w.get(&format!("/api/v1/people/{person}"), token).await;
    assert_eq!(record.body["engagement"]["status"], "active");
    let twice = w.call(Method::POST, &activate, Some(token), None).await;
    twice.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(twice.error_fields(), ["placement"]);
    assert_eq!(w.get("/api/v1/onboarding", token).await.body["total"], 0);

    // Time to onboard counts them.
    let report = w.get("/api/v1/reports/time-to-onboard", token).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert_eq!(report.body["months"], 12);
    assert_eq!(report.body["overall"]["count"], 1);
    assert_eq!(report.body["overall"]["bands"][0]["count"], 1);
    assert_eq!(report.body["roles"][0]["role_title"], "Discharge buddy");
    assert_eq!(report.body["stages"].as_array().map(Vec::len), Some(3));
    let bad = w
        .get("/api/v1/reports/time-to-onboard?months=0", token)
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["months"]);
}
