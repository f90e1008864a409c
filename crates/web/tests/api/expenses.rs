//! Expenses through the API: recording a volunteer's paper claim, listing, approving (never by
//! whoever recorded it), rejecting with a reason, querying with a question, marking paid, the
//! receipt, the payment CSV, bad input named by field with nothing saved, and another
//! organisation's token finding nothing.

use axum::http::{Method, StatusCode};
use chrono::Utc;
use domain::application::ApplicationStatus;
use domain::ids::PersonId;
use serde_json::{Value, json};

use crate::support::{World, person, site_body, world};

mod receipts;
mod tenancy;

/// Organisation A with a role needing no checks, and Val active in it.
pub struct Claimant {
    pub person: PersonId,
    pub email: &'static str,
}

pub async fn active_volunteer(w: &World) -> Claimant {
    let token = &w.a.token;
    let site = w
        .send(
            Method::POST,
            "/api/v1/sites",
            token,
            site_body("Day hospice"),
        )
        .await;
    let mut role = crate::support::role_body(&[site.id()]);
    role["dbs_level"] = json!("none");
    role["dbs_workforce"] = json!("");
    let role = w.send(Method::POST, "/api/v1/roles", token, role).await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    let published = w
        .call(
            Method::POST,
            &format!("/api/v1/roles/{}/publish", role.id()),
            Some(token),
            None,
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let email = "val@volunteer.example";
    let val = person(&w.app, "Val", email).await;
    let answers = domain::application::ApplicationInput {
        motivation: "I like driving".into(),
        availability: "Weekdays".into(),
    };
    let application = w
        .app
        .apply(val, role.id().parse().unwrap(), &answers)
        .await
        .unwrap();
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    w.app
        .decide_application(&scope, application.id, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let placement = w
        .app
        .store
        .placements_of(scope.organisation_id(), val)
        .await
        .unwrap()[0]
        .placement
        .id;
    w.app.activate_placement(&scope, placement).await.unwrap();
    Claimant { person: val, email }
}

/// A parking claim for `person`, dated today.
pub fn parking(person: PersonId, amount: Value) -> Value {
    json!({
        "person_id": person.to_string(),
        "category": "parking",
        "date": domain::rota::from_utc(Utc::now()).date().to_string(),
        "description": "Car park at the day hospice",
        "amount": amount,
    })
}

/// A claim of organisation A's, for tests of every route.
pub async fn a_claim(w: &World) -> String {
    let val = active_volunteer(w).await;
    record(w, parking(val.person, json!("4.50"))).await
}

/// Records a claim as A's admin, which must succeed; returns its id.
pub async fn record(w: &World, body: Value) -> String {
    let created = w
        .send(Method::POST, "/api/v1/expenses", &w.a.token, body)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created.id()
}

#[tokio::test]
async fn claims_are_recorded_listed_decided_and_paid_through_the_api() {
    let w = world().await;
    let val = active_volunteer(&w).await;
    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    let created = w
        .send(
            Method::POST,
            "/api/v1/expenses",
            &w.a.token,
            parking(val.person, json!("£4.80")),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.id();
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/expenses/{id}").as_str())
    );
    let body = &created.body;
    assert_eq!(
        (&body["amount_pence"], &body["amount"], &body["status"]),
        (&json!(480), &json!("4.80"), &json!("submitted"))
    );
    assert_eq!(
        (&body["category"], &body["claimant_name"]),
        (&json!("parking"), &json!("Val Example"))
    );
    assert_eq!(body["recorded_by"], w.a.admin.to_string());

    // Whoever recorded it cannot approve it; another manager can, and Val is told.
    let own = w
        .call(
            Method::POST,
            &format!("/api/v1/expenses/{id}/approve"),
            Some(&w.a.token),
            None,
        )
        .await;
    own.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(own.error_fields(), ["decision"]);
    let approved = w
        .call(
            Method::POST,
            &format!("/api/v1/expenses/{id}/approve"),
            Some(&manager),
            None,
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(
        (&approved.body["status"], &approved.body["decided_by_name"]),
        (&json!("approved"), &json!("Staff Example"))
    );
    let mail = w.app.store.recent_messages(10).await.unwrap();
    assert!(
        mail.iter()
            .any(|m| m.to == val.email && m.subject.contains("approved"))
    );

    // Mileage is worked out at 45p a mile; rejecting needs a reason; querying a question.
    let mut drive = parking(val.person, Value::Null);
    drive["category"] = json!("mileage");
    drive["vehicle"] = json!("car");
    drive["miles"] = json!(20);
    let miles = w
        .send(Method::POST, "/api/v1/expenses", &w.a.token, drive)
        .await;
    assert_eq!(
        (&miles.body["amount_pence"], &miles.body["mileage_rates"]),
        (&json!(900), &json!("20 miles at 45p"))
    );
    let reject = format!("/api/v1/expenses/{}/reject", miles.id());
    let no_reason = w.send(Method::POST, &reject, &manager, json!({})).await;
    assert_eq!(no_reason.error_fields(), ["reason"]);
    let rejected = w
        .send(
            Method::POST,
            &reject,
            &manager,
            json!({"reason": "Please claim the bus fare"}),
        )
        .await;
    assert_eq!(
        (&rejected.body["status"], &rejected.body["note"]),
        (&json!("rejected"), &json!("Please claim the bus fare"))
    );
    let third = record(&w, parking(val.person, json!(3))).await;
    let query = format!("/api/v1/expenses/{third}/query");
    let queried = w
        .send(
            Method::POST,
            &query,
            &manager,
            json!({"question": "Which car park?"}),
        )
        .await;
    assert_eq!(queried.body["status"], "queried");
    let again = w
        .send(
            Method::POST,
            &query,
            &manager,
            json!({"question": "And when?"}),
        )
        .await;
    assert_eq!(again.error_fields(), ["decision"]);
    let malformed = w
        .call(Method::POST, &query, Some(&manager), Some("[1]".into()))
        .await;
    malformed.assert_problem(StatusCode::BAD_REQUEST);

    let list = w.get("/api/v1/expenses", &manager).await;
    let ids: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [id.as_str(), miles.id().as_str(), third.as_str()],
        "oldest first"
    );
    assert_eq!(
        w.get("/api/v1/expenses?status=approved", &manager)
            .await
            .body["total"],
        1
    );
    assert_eq!(
        w.get("/api/v1/expenses?status=allowance", &manager)
            .await
            .error_fields(),
        ["status"]
    );

    // Paid: only approved claims; then in the payment CSV.
    let not_approved = w
        .call(
            Method::POST,
            &format!("/api/v1/expenses/{third}/paid"),
            Some(&manager),
            None,
        )
        .await;
    assert_eq!(not_approved.error_fields(), ["claims"]);
    let paid = w
        .call(
            Method::POST,
            &format!("/api/v1/expenses/{id}/paid"),
            Some(&manager),
            None,
        )
        .await;
    assert_eq!(paid.body["status"], "paid");
    let csv = w
        .get("/api/v1/reports/expenses?status=paid", &manager)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    let text = csv.body.as_str().unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(&id) && text.contains(",4.80,Paid,Staff Example,"),
        "{text}"
    );
    let approved_csv = w.get("/api/v1/reports/expenses", &manager).await;
    assert_eq!(
        approved_csv.body.as_str().unwrap().lines().count(),
        1,
        "nothing approved and unpaid"
    );
    let bad = w
        .get(
            "/api/v1/reports/expenses?from=2026-13-01&status=rejected",
            &manager,
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["status", "from"]);
}

#[tokio::test]
async fn bad_claims_are_refused_with_field_errors_and_nothing_is_saved() {
    let w = world().await;
    let val = active_volunteer(&w).await;
    let p = val.person;
    let future =
        (domain::rota::from_utc(Utc::now()).date() + chrono::Duration::days(2)).to_string();
    let cases = [
        (
            json!({"person_id": p.to_string(), "category": "allowance", "date": "2026-11-01", "description": "Monthly allowance", "amount": 20}),
            vec!["category", "description"],
        ),
        (
            json!({"person_id": p.to_string(), "category": "flat_rate", "description": "Per day", "amount": 10}),
            vec!["category", "date"],
        ),
        (
            json!({"person_id": p.to_string(), "category": "fares", "description": "Bus"}),
            vec!["date", "amount"],
        ),
        (
            json!({"person_id": p.to_string(), "category": "fares", "date": future, "description": "Bus", "amount": -2}),
            vec!["date", "amount"],
        ),
        (
            json!({"person_id": p.to_string(), "category": "meals", "date": "2026-11-01", "description": "Lunch", "amount": "1500"}),
            vec!["amount"],
        ),
        (
            json!({"person_id": p.to_string(), "category": "mileage", "date": "2026-11-01", "description": "Drove", "miles": 0}),
            vec!["vehicle", "miles"],
        ),
        (
            json!({"category": "fares", "date": "2026-11-01", "description": "Bus", "amount": 2}),
            vec!["person_id"],
        ),
        (
            json!({"person_id": w.a.admin.to_string(), "category": "fares", "date": "2026-11-01", "description": "Bus", "amount": 2, "role_id": "nope"}),
            vec!["person_id"],
        ),
    ];
    for (body, fields) in cases {
        let reply = w
            .send(Method::POST, "/api/v1/expenses", &w.a.token, body.clone())
            .await;
        reply.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.error_fields(), fields, "{body}: {}", reply.body);
    }
    let flat = w
        .send(
            Method::POST,
            "/api/v1/expenses",
            &w.a.token,
            json!({"category": "per_day"}),
        )
        .await;
    assert!(
        flat.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("minimum wage")
    );
    assert_eq!(
        w.get("/api/v1/expenses", &w.a.token).await.body["total"],
        0,
        "nothing was saved"
    );
}
