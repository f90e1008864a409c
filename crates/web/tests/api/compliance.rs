//! Onboarding and compliance through the API: the catalogue, checklists, recording checks,
//! references, eligibility, starting in a role, the board, expiring items and time to onboard.

mod catalogue;
mod checks;
mod onboarding;

use axum::http::{Method, StatusCode};
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::support::{Reply, World};

/// Organisation A's seeded volunteer, accepted: their placement, their DBS check (the seeded
/// role's only item), and one item of A's catalogue.
pub struct Placed {
    pub placement: String,
    pub check: String,
    pub catalogue_item: String,
}

/// Accepts organisation A's seeded `application` from `person` and reads back what onboarding
/// made.
pub async fn accept(w: &World, application: &str, person: &str) -> Placed {
    let token = &w.a.token;
    let accepted = w
        .send(
            Method::POST,
            &format!("/api/v1/applications/{application}/decision"),
            token,
            json!({"status": "accepted"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    let lists = checklists(w, person).await;
    let catalogue = w.get("/api/v1/catalogue", token).await;
    Placed {
        placement: text(&lists["checklists"][0]["placement"]["id"]),
        check: text(&lists["checklists"][0]["items"][0]["check"]["id"]),
        catalogue_item: text(&catalogue.body["items"][0]["id"]),
    }
}

pub fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected text, found {value}"))
        .to_owned()
}

pub fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub async fn checklists(w: &World, person: &str) -> Value {
    let reply = w
        .get(&format!("/api/v1/people/{person}/checklists"), &w.a.token)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

/// The check with `id` on the person's checklists.
pub async fn check(w: &World, person: &str, id: &str) -> Value {
    let lists = checklists(w, person).await;
    lists["checklists"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|list| list["items"].as_array().into_iter().flatten())
        .map(|item| item["check"].clone())
        .find(|check| check["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {lists}"))
}

pub async fn record(w: &World, check: &str, body: Value) -> Reply {
    w.send(
        Method::POST,
        &format!("/api/v1/checks/{check}"),
        &w.a.token,
        body,
    )
    .await
}

/// A good DBS verification, issued 20 days ago.
pub fn dbs_verification(w: &World) -> Value {
    json!({
        "action": "verify",
        "issued_on": day(w.app.clock.today() - chrono::Duration::days(20)),
        "dbs_level": "enhanced",
        "dbs_workforce": "adult",
        "dbs_certificate_number": "0012 3456 7890",
        "dbs_outcome": "clear",
        "dbs_update_service": true,
    })
}
