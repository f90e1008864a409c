//! The rota through the API: adding a shift, reading it back alone and in a range of UK dates,
//! the clock change, bad input named by field, and another organisation's token finding nothing.

use axum::http::{Method, StatusCode};
use chrono::{DateTime, Days, Utc};
use serde_json::{Value, json};

use crate::support::{Reply, World, world};

/// A shift body for organisation A's `role` and `site`.
pub fn shift_body(role: &str, site: &str, date: &str, start: &str, end: &str) -> Value {
    json!({
        "role_id": role,
        "site_id": site,
        "date": date,
        "start_time": start,
        "end_time": end,
        "min_volunteers": 2,
        "max_volunteers": "4",
        "notes": "Ask for Sister Okafor at the ward desk",
    })
}

/// Adds a shift as organisation A's admin, which must succeed.
pub async fn add_shift(w: &World, role: &str, site: &str, date: &str) -> Reply {
    let created = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            &w.a.token,
            shift_body(role, site, date, "10:00", "1pm"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    created
}

fn instant(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not an RFC 3339 instant: {value}"))
}

fn ids(reply: &Reply) -> Vec<String> {
    reply.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|s| s["id"].as_str().expect("an id").to_owned())
        .collect()
}

#[tokio::test]
async fn shifts_round_trip_through_create_get_and_list() {
    let w = world().await;
    let a = w.seed_a().await;
    let created = add_shift(&w, &a.role, &a.site, "2027-03-10").await;
    let id = created.id();
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/shifts/{id}").as_str())
    );
    let body = &created.body;
    assert_eq!(body["role_id"], a.role.as_str());
    assert_eq!(body["site_id"], a.site.as_str());
    // March 10th is GMT: UK clock time and UTC agree.
    assert_eq!(body["starts_at"], "2027-03-10T10:00:00Z");
    assert_eq!(body["ends_at"], "2027-03-10T13:00:00Z");
    assert_eq!(
        (&body["date"], &body["start_time"], &body["end_time"]),
        (&json!("2027-03-10"), &json!("10:00"), &json!("13:00"))
    );
    assert_eq!(
        (&body["min_volunteers"], &body["max_volunteers"]),
        (&json!(2), &json!(4))
    );
    assert_eq!(
        (&body["booked"], &body["places_left"], &body["under_filled"]),
        (&json!(0), &json!(4), &json!(true))
    );
    assert_eq!(body["notes"], "Ask for Sister Okafor at the ward desk");
    assert_eq!(body["cancelled"], false);

    let got = w.get(&format!("/api/v1/shifts/{id}"), &w.a.token).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(&got.body, body);

    // In summer time the UTC instants are an hour before the clock times.
    let summer = add_shift(&w, &a.role, &a.site, "2027-06-01").await;
    assert_eq!(summer.body["starts_at"], "2027-06-01T09:00:00Z");
    assert_eq!(summer.body["start_time"], "10:00");

    let listed = w
        .get("/api/v1/shifts?from=2027-03-10&to=2027-03-11", &w.a.token)
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body["total"], 1);
    assert_eq!(&listed.body["items"][0], body);
    // `to` is not included; `from` is.
    for range in [
        "from=2027-03-09&to=2027-03-10",
        "from=2027-03-11&to=2027-03-12",
    ] {
        let none = w.get(&format!("/api/v1/shifts?{range}"), &w.a.token).await;
        assert_eq!(none.body["total"], 0, "{range}: {}", none.body);
    }
    let both = w
        .get(
            "/api/v1/shifts?from=2027-03-10&to=2027-06-02&per_page=1&page=2",
            &w.a.token,
        )
        .await;
    assert_eq!(both.status, StatusCode::OK, "{}", both.body);
    assert_eq!(
        (&both.body["total"], &both.body["pages"]),
        (&json!(2), &json!(2))
    );
    assert_eq!(ids(&both), [summer.id()]);
}

#[tokio::test]
async fn shifts_list_defaults_to_the_next_seven_days() {
    let w = world().await;
    let a = w.seed_a().await;
    let today = domain::rota::from_utc(Utc::now()).date();
    let day = |n| {
        today
            .checked_add_days(Days::new(n))
            .expect("a date")
            .to_string()
    };
    let soon = add_shift(&w, &a.role, &a.site, &day(6)).await;
    let later = add_shift(&w, &a.role, &a.site, &day(7)).await;
    let listed = w.get("/api/v1/shifts", &w.a.token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(ids(&listed), [soon.id()]);
    let from = w
        .get(&format!("/api/v1/shifts?from={}", day(1)), &w.a.token)
        .await;
    assert_eq!(ids(&from), [soon.id(), later.id()]);
}

#[tokio::test]
async fn a_shift_over_the_clocks_going_back_lasts_three_hours() {
    let w = world().await;
    let a = w.seed_a().await;
    // The clocks go back at 2am BST on Sunday 31 October 2027: 1am to 3am lasts three hours.
    let created = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            &w.a.token,
            shift_body(&a.role, &a.site, "31/10/2027", "01:00", "3am"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let got = w
        .get(&format!("/api/v1/shifts/{}", created.id()), &w.a.token)
        .await;
    for body in [&created.body, &got.body] {
        let minutes = (instant(&body["ends_at"]) - instant(&body["starts_at"])).num_minutes();
        assert_eq!(minutes, 180, "{body}");
        assert_eq!(body["duration_minutes"], 180);
        assert_eq!(body["starts_at"], "2027-10-31T00:00:00Z");
        assert_eq!(body["ends_at"], "2027-10-31T03:00:00Z");
        assert_eq!(
            (&body["date"], &body["start_time"], &body["end_time"]),
            (&json!("2027-10-31"), &json!("01:00"), &json!("03:00"))
        );
    }
}

#[tokio::test]
async fn bad_shift_input_names_every_field() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;
    let bad = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            token,
            json!({
                "role_id": "not-a-role",
                "site_id": 42,
                "date": "31 February 2027",
                "start_time": "25:00",
                "end_time": "",
                "min_volunteers": "some",
                "max_volunteers": 0,
            }),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "date",
            "end_time",
            "max_volunteers",
            "min_volunteers",
            "role_id",
            "site_id",
            "start_time"
        ]
    );
    // Ids that are ids but not of this organisation's records are named too.
    let unknown = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            token,
            shift_body(&a.site, &a.role, "2027-03-10", "10:00", "13:00"),
        )
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["role_id", "site_id"]);
    let more = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            token,
            json!({"role_id": a.role, "site_id": a.site, "date": "2027-03-10",
                "start_time": "10:00", "end_time": "13:00", "min_volunteers": 5, "max_volunteers": 4}),
        )
        .await;
    assert_eq!(more.error_fields(), ["min_volunteers"], "{}", more.body);
    w.send(Method::POST, "/api/v1/shifts", token, json!([]))
        .await
        .assert_problem(StatusCode::BAD_REQUEST);

    for (query, field) in [
        ("from=2027-13-01", "from"),
        ("from=tomorrow", "from"),
        ("to=2027-02-30", "to"),
        ("from=2027-03-10&to=2027-03-10", "to"),
        ("from=2027-03-10&to=2027-03-01", "to"),
        ("from=2027-01-01&to=2027-04-04", "to"),
        ("page=0", "page"),
        ("per_page=501", "per_page"),
    ] {
        let reply = w.get(&format!("/api/v1/shifts?{query}"), token).await;
        reply.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.error_fields(), [field], "{query}: {}", reply.body);
    }
    // 92 days is allowed.
    let longest = w
        .get("/api/v1/shifts?from=2027-01-01&to=2027-04-03", token)
        .await;
    assert_eq!(longest.status, StatusCode::OK, "{}", longest.body);
}

#[tokio::test]
async fn another_organisation_finds_none_of_the_shifts() {
    let w = world().await;
    let a = w.seed_a().await;
    let shift = add_shift(&w, &a.role, &a.site, "2027-03-10").await.id();
    let b_token = &w.b.token;
    w.get(&format!("/api/v1/shifts/{shift}"), b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let listed = w
        .get("/api/v1/shifts?from=2027-03-10&to=2027-03-11", b_token)
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body["total"], 0);
    assert!(!listed.body.to_string().contains(&shift));
    // B cannot add a shift to A's role at A's site.
    let stolen = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            b_token,
            shift_body(&a.role, &a.site, "2027-03-10", "10:00", "13:00"),
        )
        .await;
    stolen.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen.error_fields(), ["role_id", "site_id"]);
    let still = w
        .get("/api/v1/shifts?from=2027-03-10&to=2027-03-11", &w.a.token)
        .await;
    assert_eq!(ids(&still), [shift]);
}

#[tokio::test]
async fn a_viewer_can_read_the_rota_but_not_add_to_it() {
    let w = world().await;
    let a = w.seed_a().await;
    let shift = add_shift(&w, &a.role, &a.site, "2027-03-10").await.id();
    let viewer = w.staff_token(&w.a, "viewer").await;
    let refused = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            &viewer,
            shift_body(&a.role, &a.site, "2027-03-11", "10:00", "13:00"),
        )
        .await;
    refused.assert_problem(StatusCode::FORBIDDEN);
    let got = w.get(&format!("/api/v1/shifts/{shift}"), &viewer).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let listed = w
        .get("/api/v1/shifts?from=2027-03-10&to=2027-03-12", &viewer)
        .await;
    assert_eq!(ids(&listed), [shift]);
    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    let added = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            &manager,
            shift_body(&a.role, &a.site, "2027-03-11", "10:00", "13:00"),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
}
