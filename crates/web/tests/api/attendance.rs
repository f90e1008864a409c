//! Attendance and hours through the API: a shift's register, marking attendance (bad input as
//! problem+json 422, nothing saved), no-shows, recording, approving and querying hours, the
//! year's totals by month, and another organisation's token finding nothing.

use axum::http::{Method, StatusCode};
use chrono::{Datelike, Duration, Utc};
use domain::application::ApplicationInput;
use domain::ids::{PersonId, RoleId};
use domain::rota::{Booking, Shift, from_utc};
use serde_json::{Value, json};

use crate::support::{World, person, site_body, world};

/// Organisation A with a site, a role needing no checks, a volunteer active in it, and a shift
/// that started four hours ago (three hours long) with the volunteer's place on it.
struct Fx {
    w: World,
    role: String,
    person: PersonId,
    shift: Shift,
    booking: Booking,
}

async fn fixture() -> Fx {
    let w = world().await;
    let token = w.a.token.clone();
    let site = w
        .send(Method::POST, "/api/v1/sites", &token, site_body("Ward 7"))
        .await
        .id();
    let role = w
        .send(
            Method::POST,
            "/api/v1/roles",
            &token,
            json!({
                "title": "Ward visitor",
                "summary": "Visit patients",
                "setting": "in_hospital",
                "site_ids": [site],
                "minimum_age": 16,
                "dbs_level": "none",
                "non_substitution_statement": "Volunteers keep patients company; nurses still care for them.",
            }),
        )
        .await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    let role = role.id();
    w.call(
        Method::POST,
        &format!("/api/v1/roles/{role}/publish"),
        Some(&token),
        None,
    )
    .await;
    let person = person(&w.app, "Sam", "sam@volunteer.example").await;
    let role_id: RoleId = role.parse().unwrap();
    let answers = ApplicationInput {
        motivation: "I like people".into(),
        availability: "Weekends".into(),
    };
    let application = w.app.apply(person, role_id, &answers).await.unwrap();
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    w.app
        .decide_application(
            &scope,
            application.id,
            domain::application::ApplicationStatus::Accepted,
            "",
        )
        .await
        .unwrap();
    let placement = w.app.checklists(&scope, person).await.unwrap()[0]
        .placement
        .placement
        .id;
    w.app.activate_placement(&scope, placement).await.unwrap();
    let start = from_utc(Utc::now() - Duration::hours(4));
    let end = from_utc(Utc::now() - Duration::hours(1));
    let created = w
        .send(
            Method::POST,
            "/api/v1/shifts",
            &token,
            json!({
                "role_id": role, "site_id": site, "date": start.date().to_string(),
                "start_time": start.format("%H:%M").to_string(),
                "end_time": end.format("%H:%M").to_string(),
                "min_volunteers": 1, "max_volunteers": 5,
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let shift = w
        .app
        .store
        .shift(scope.organisation_id(), created.id().parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .shift;
    let booking = Booking::new(&shift, person, shift.starts_at - Duration::days(2));
    w.app
        .store
        .apply(vec![app::Write::BookShift(booking.clone())])
        .await
        .unwrap();
    Fx {
        w,
        role,
        person,
        shift,
        booking,
    }
}

fn clock(t: chrono::DateTime<Utc>) -> String {
    from_utc(t).format("%H:%M").to_string()
}

#[tokio::test]
async fn attendance_is_marked_and_read_through_the_api() {
    let f = fixture().await;
    let (w, token) = (&f.w, &f.w.a.token);
    let path = format!("/api/v1/shifts/{}/attendance", f.shift.id);
    let register = w.get(&path, token).await;
    assert_eq!(register.status, StatusCode::OK, "{}", register.body);
    assert_eq!(register.body["lines"][0]["name"], "Sam Example");
    assert_eq!(register.body["lines"][0]["attendance"], Value::Null);

    // Bad input: every problem named; nothing saved.
    let booking = f.booking.id.to_string();
    let arrived = clock(f.shift.starts_at + Duration::minutes(10));
    let bad = w
        .send(
            Method::POST,
            &path,
            token,
            json!({"booking_id": booking, "status": "paid", "arrived": "11:99"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["status", "arrived"]);
    let backwards = w
        .send(
            Method::POST,
            &path,
            token,
            json!({"booking_id": booking, "status": "attended", "arrived": arrived,
                   "left": clock(f.shift.starts_at)}),
        )
        .await;
    backwards.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(backwards.error_fields(), ["left"]);
    let no_place = w
        .send(Method::POST, &path, token, json!({"status": "attended"}))
        .await;
    no_place.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_place.error_fields(), ["booking_id"]);
    let other = json!({"booking_id": uuid::Uuid::now_v7(), "status": "attended"});
    w.send(Method::POST, &path, token, other)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    assert_eq!(
        w.get(&path, token).await.body["lines"][0]["attendance"],
        Value::Null
    );

    // Marked: attended from ten past until the end.
    let marked = w
        .send(
            Method::POST,
            &path,
            token,
            json!({"booking_id": booking, "status": "attended", "arrived": arrived,
                   "left": clock(f.shift.ends_at)}),
        )
        .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
    assert_eq!(marked.body["status"], "attended");
    assert_eq!(marked.body["method"], "staff");
    assert_eq!(marked.body["arrived"], arrived);
    let read = w.get(&path, token).await;
    assert_eq!(read.body["lines"][0]["attendance"]["id"], marked.body["id"]);

    // A viewer reads but cannot mark.
    let viewer = w.staff_token(&w.a, "viewer").await;
    assert_eq!(w.get(&path, &viewer).await.status, StatusCode::OK);
    w.send(
        Method::POST,
        &path,
        &viewer,
        json!({"booking_id": booking, "status": "no_show"}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hours_are_recorded_queried_approved_and_totalled_through_the_api() {
    let f = fixture().await;
    let (w, token) = (&f.w, &f.w.a.token);
    let today = from_utc(Utc::now()).date();
    let day = from_utc(f.shift.starts_at).date();
    let body = |date: String, hours: Value, minutes: Value| {
        json!({"person_id": f.person, "role_id": f.role, "date": date, "hours": hours,
               "minutes": minutes, "description": "Befriending calls"})
    };
    for (bad, fields) in [
        (
            body(
                (today + Duration::days(1)).to_string(),
                json!(1),
                json!(null),
            ),
            vec!["date"],
        ),
        (body(day.to_string(), json!(0), json!(0)), vec!["minutes"]),
        (body(day.to_string(), json!(-1), json!(30)), vec!["hours"]),
        (body(day.to_string(), json!(24), json!(1)), vec!["minutes"]),
        (
            json!({"person_id": uuid::Uuid::now_v7(), "role_id": f.role, "date": day.to_string(),
                "hours": 1, "description": "x"}),
            vec!["role_id"],
        ),
        (json!({}), vec!["role_id", "date", "minutes", "description"]),
    ] {
        let reply = w.send(Method::POST, "/api/v1/hours", token, bad).await;
        reply.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.error_fields(), fields, "{}", reply.body);
    }
    assert_eq!(w.get("/api/v1/hours", token).await.body["total"], 0);

    // Staff record 90 minutes: approved at once.
    let recorded = w
        .send(
            Method::POST,
            "/api/v1/hours",
            token,
            body(day.to_string(), json!(1), json!("30")),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    assert_eq!(recorded.body["status"], "approved");
    assert_eq!(recorded.body["minutes"], 90);
    let location = recorded.location.clone().unwrap();
    assert_eq!(
        w.get(&location, token).await.body["id"],
        recorded.body["id"]
    );

    // The volunteer logs 30 minutes; the manager queries, then approves.
    let input = domain::rota::hours::HoursInput {
        date: day.to_string(),
        minutes: "30".into(),
        description: "Letters".into(),
        ..Default::default()
    };
    let logged = w.app.log_hours(f.person, &f.role, &input).await.unwrap();
    let waiting = w.get("/api/v1/hours?status=submitted", token).await;
    assert_eq!(waiting.body["total"], 1);
    assert_eq!(waiting.body["items"][0]["id"], logged.id.to_string());
    w.get("/api/v1/hours?status=maybe", token)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let query = format!("/api/v1/hours/{}/query", logged.id);
    let empty = w
        .send(Method::POST, &query, token, json!({"message": ""}))
        .await;
    empty.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_fields(), ["message"]);
    let asked = w
        .send(
            Method::POST,
            &query,
            token,
            json!({"message": "Which letters?"}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert_eq!(asked.body["status"], "queried");
    assert_eq!(asked.body["message"], "Which letters?");
    w.send(Method::POST, &query, token, json!({"message": "Again?"}))
        .await
        .assert_problem(StatusCode::CONFLICT);
    let approve = format!("/api/v1/hours/{}/approve", logged.id);
    let approved = w.call(Method::POST, &approve, Some(token), None).await;
    assert_eq!(approved.body["status"], "approved", "{}", approved.body);
    w.call(Method::POST, &approve, Some(token), None)
        .await
        .assert_problem(StatusCode::CONFLICT);
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.call(Method::POST, &approve, Some(&viewer), None)
        .await
        .assert_problem(StatusCode::FORBIDDEN);

    // The shift, marked attended without times, counts its three hours.
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let mark = domain::rota::attendance::MarkInput {
        status: "attended".into(),
        ..Default::default()
    };
    w.app
        .mark_attendance(&scope, f.shift.id, f.booking.id, &mark)
        .await
        .unwrap();
    let report = w
        .get(&format!("/api/v1/reports/hours?year={}", day.year()), token)
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let m = day.month0() as usize;
    assert_eq!(report.body["organisation"]["months"][m], 180 + 90 + 30);
    assert_eq!(report.body["organisation"]["total"], 300);
    assert_eq!(report.body["volunteers"][0]["name"], "Sam Example");
    assert_eq!(report.body["roles"][0]["total"], 300);
    let sites: Vec<(Value, Value)> = report.body["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].clone(), s["total"].clone()))
        .collect();
    assert_eq!(
        sites,
        [
            (json!("Logged hours (no site)"), json!(120)),
            (json!("Ward 7"), json!(180))
        ]
    );
    for year in ["nineteen", "1999"] {
        let bad = w
            .get(&format!("/api/v1/reports/hours?year={year}"), token)
            .await;
        bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.error_fields(), ["year"]);
    }
}

#[tokio::test]
async fn no_shows_are_reported_and_nothing_is_shared_with_another_organisation() {
    let f = fixture().await;
    let (w, a_token, b_token) = (&f.w, &f.w.a.token, &f.w.b.token);
    w.app.schedule_jobs().await.unwrap();
    w.app.run_jobs("api-test", 50).await.unwrap();
    let no_shows = w.get("/api/v1/reports/no-shows", a_token).await;
    assert_eq!(no_shows.status, StatusCode::OK, "{}", no_shows.body);
    assert_eq!(no_shows.body[0]["person_id"], f.person.to_string());
    assert_eq!(no_shows.body[0]["missed"], 1);
    assert_eq!(no_shows.body[0]["prompt"], Value::Null);
    let path = format!("/api/v1/shifts/{}/attendance", f.shift.id);
    assert_eq!(
        w.get(&path, a_token).await.body["lines"][0]["attendance"]["status"],
        "no_show"
    );
    let input = domain::rota::hours::HoursInput {
        date: from_utc(f.shift.starts_at).date().to_string(),
        hours: "1".into(),
        description: "Calls".into(),
        ..Default::default()
    };
    let hours = w.app.log_hours(f.person, &f.role, &input).await.unwrap();

    // B's token: every route with A's records is not found, and B's lists are empty.
    w.get(&path, b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.send(
        Method::POST,
        &path,
        b_token,
        json!({"booking_id": f.booking.id, "status": "attended"}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    let id = hours.id;
    w.get(&format!("/api/v1/hours/{id}"), b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    w.call(
        Method::POST,
        &format!("/api/v1/hours/{id}/approve"),
        Some(b_token),
        None,
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    w.send(
        Method::POST,
        &format!("/api/v1/hours/{id}/query"),
        b_token,
        json!({"message": "Ours?"}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);
    let stolen = w
        .send(
            Method::POST,
            "/api/v1/hours",
            b_token,
            json!({"person_id": f.person, "role_id": f.role, "date": input.date,
                   "hours": 1, "description": "Ours"}),
        )
        .await;
    stolen.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen.error_fields(), ["role_id"]);
    assert_eq!(w.get("/api/v1/hours", b_token).await.body["total"], 0);
    assert_eq!(
        w.get("/api/v1/reports/no-shows", b_token).await.body,
        json!([])
    );
    let year = from_utc(f.shift.starts_at).year();
    let report = w
        .get(&format!("/api/v1/reports/hours?year={year}"), b_token)
        .await;
    assert_eq!(report.body["organisation"]["total"], 0);
    assert!(!report.body.to_string().contains("Sam"));
    // Nothing of A's changed.
    let still = w.get(&format!("/api/v1/hours/{id}"), a_token).await;
    assert_eq!(still.body["status"], "submitted");
}
