//! The rota through the API: shifts in a range with their role and site by name, fill and
//! under-filling, filtered by site or role; a week template adding a site's shifts across the
//! clock change, or naming the bad row and adding none; and tenancy and permissions.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::shifts::add_shift;
use crate::support::{World, site_body, world};

/// A week template for `site` with `rows`.
fn template(site: &str, from: &str, until: &str, rows: Value) -> Value {
    json!({"site_id": site, "from": from, "until": until, "rows": rows})
}

/// A row of a week's pattern.
fn row(day: &str, role: &str, start: &str, end: &str) -> Value {
    json!({"weekday": day, "role_id": role, "start_time": start, "end_time": end,
        "min_volunteers": 1, "max_volunteers": "3"})
}

/// How many shifts organisation A's rota has from 1 October to 1 December 2027.
async fn count(w: &World) -> Value {
    let reply = w
        .get("/api/v1/rota?from=2027-10-01&to=2027-12-01", &w.a.token)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body["total"].clone()
}

#[tokio::test]
async fn the_rota_names_role_and_site_shows_fill_and_filters() {
    let w = world().await;
    let a = w.seed_a().await;
    let shift = add_shift(&w, &a.role, &a.site, "2027-03-10").await;
    let other = w
        .send(
            Method::POST,
            "/api/v1/sites",
            &w.a.token,
            site_body("Ward 8"),
        )
        .await;
    let reply = w
        .get("/api/v1/rota?from=2027-03-08&to=2027-03-15", &w.a.token)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = &reply.body;
    assert_eq!(
        (&body["from"], &body["to"]),
        (&json!("2027-03-08"), &json!("2027-03-15"))
    );
    assert_eq!(
        (&body["total"], &body["under_filled"]),
        (&json!(1), &json!(1))
    );
    let listed = &body["shifts"][0];
    assert_eq!(listed["id"], shift.id().as_str());
    assert_eq!(listed["site_name"], "Ward 7");
    assert!(listed["role_title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        (
            &listed["booked"],
            &listed["max_volunteers"],
            &listed["under_filled"]
        ),
        (&json!(0), &json!(4), &json!(true))
    );
    assert_eq!(listed["start_time"], "10:00");

    let site = |id: &str| format!("/api/v1/rota?from=2027-03-08&to=2027-03-15&site={id}");
    let at_ward8 = w.get(&site(&other.id()), &w.a.token).await;
    assert_eq!(at_ward8.body["total"], 0, "{}", at_ward8.body);
    let at_ward7 = w.get(&site(&a.site), &w.a.token).await;
    assert_eq!(at_ward7.body["total"], 1);
    let by_role = w
        .get(
            &format!("/api/v1/rota?from=2027-03-08&to=2027-03-15&role={}", a.role),
            &w.a.token,
        )
        .await;
    assert_eq!(by_role.body["total"], 1);

    for (query, field) in [
        ("from=tomorrow", "from"),
        ("to=2027-02-30", "to"),
        ("site=ward-7", "site"),
        ("role=42", "role"),
        ("from=2027-03-10&to=2027-03-10", "to"),
        ("from=2027-01-01&to=2027-04-04", "to"),
    ] {
        let bad = w.get(&format!("/api/v1/rota?{query}"), &w.a.token).await;
        bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.error_fields(), [field], "{query}: {}", bad.body);
    }
}

#[tokio::test]
async fn a_week_template_adds_every_shift_at_uk_clock_times_or_names_the_bad_row() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;
    // The clocks go back at 2am BST on Sunday 31 October 2027.
    let good = template(
        &a.site,
        "2027-10-25",
        "2027-11-07",
        json!([
            row("mon", &a.role, "10:00", "1pm"),
            {"weekday": "", "role_id": null},
            row("Sunday", &a.role, "01:00", "03:00"),
        ]),
    );
    let created = w
        .send(Method::POST, "/api/v1/rota/template", token, good)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["added"], 4);
    let shifts = created.body["shifts"].as_array().expect("shifts");
    let starts: Vec<&str> = shifts
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2027-10-25T09:00:00Z",
            "2027-10-31T00:00:00Z",
            "2027-11-01T10:00:00Z",
            "2027-11-07T01:00:00Z"
        ]
    );
    assert_eq!(shifts[1]["duration_minutes"], 180);
    assert_eq!(shifts[3]["duration_minutes"], 120);
    assert!(shifts.iter().all(|s| s["site_id"] == a.site.as_str()));
    assert_eq!(count(&w).await, 4);

    let bad = template(
        &a.site,
        "2027-10-25",
        "2027-11-07",
        json!([
            row("mon", &a.role, "10:00", "13:00"),
            row("tue", &a.role, "25:00", "13:00"),
            row("funday", &a.role, "10:00", "13:00"),
        ]),
    );
    let refused = w
        .send(Method::POST, "/api/v1/rota/template", token, bad)
        .await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.error_fields(),
        ["row-2-start_time", "row-3-weekday"]
    );
    assert!(
        refused
            .body
            .to_string()
            .contains("Row 2: Enter the start time as a real time"),
        "{}",
        refused.body
    );
    assert_eq!(count(&w).await, 4, "nothing saved");

    let empty = w
        .send(Method::POST, "/api/v1/rota/template", token, json!({}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = empty.error_fields();
    fields.sort();
    assert_eq!(fields, ["from", "row-1-weekday", "site_id", "until"]);
    w.send(Method::POST, "/api/v1/rota/template", token, json!([]))
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn another_organisation_gets_nothing_and_viewers_cannot_add() {
    let w = world().await;
    let a = w.seed_a().await;
    add_shift(&w, &a.role, &a.site, "2027-10-12").await;
    let theirs = w
        .get(
            &format!("/api/v1/rota?from=2027-10-01&to=2027-12-01&site={}", a.site),
            &w.b.token,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_eq!(theirs.body["total"], 0, "{}", theirs.body);
    let all = w
        .get("/api/v1/rota?from=2027-10-01&to=2027-12-01", &w.b.token)
        .await;
    assert_eq!(all.body["shifts"], json!([]));

    let body = template(
        &a.site,
        "2027-10-25",
        "2027-10-31",
        json!([row("mon", &a.role, "10:00", "13:00")]),
    );
    let foreign = w
        .send(
            Method::POST,
            "/api/v1/rota/template",
            &w.b.token,
            body.clone(),
        )
        .await;
    foreign.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign.error_fields(), ["site_id", "row-1-role_id"]);

    let viewer = w.staff_token(&w.a, "viewer").await;
    assert_eq!(count(&w).await, 1);
    let seen = w
        .get("/api/v1/rota?from=2027-10-01&to=2027-12-01", &viewer)
        .await;
    assert_eq!(seen.body["total"], 1, "viewers see the rota: {}", seen.body);
    w.send(Method::POST, "/api/v1/rota/template", &viewer, body)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(count(&w).await, 1, "nothing saved");
    w.get("/api/v1/rota", "not-a-token")
        .await
        .assert_problem(StatusCode::UNAUTHORIZED);
}
