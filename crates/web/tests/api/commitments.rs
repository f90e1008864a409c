//! A volunteer's regular slots through the API: setting one up books the matching shifts on the
//! rota (and only those), it is listed with names and UK clock times, bad input is named by
//! field with nothing saved, ending one cancels its later places, and nobody outside the
//! organisation (or not a volunteer in it) finds anything.

use app::Write;
use axum::http::{Method, StatusCode};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use domain::application::{ApplicationInput, ApplicationStatus};
use domain::ids::{CommitmentId, PersonId, RoleId, SiteId};
use domain::rota::{Commitment, ShiftInput};
use serde_json::{Value, json};

use crate::support::{Reply, World, person, role_body, site_body, world};

/// Organisation A with a site, a role needing no checks, and Tess active in it.
struct Volunteer {
    w: World,
    person: PersonId,
    role: RoleId,
    site: SiteId,
}

async fn volunteer() -> Volunteer {
    let w = world().await;
    let token = &w.a.token;
    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await;
    let mut role = role_body(&[site.id()]);
    role["dbs_level"] = json!("none");
    role["dbs_workforce"] = json!("");
    let role = w.send(Method::POST, "/api/v1/roles", token, role).await;
    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    let publish = format!("/api/v1/roles/{}/publish", role.id());
    w.call(Method::POST, &publish, Some(token), None).await;
    let (role, site): (RoleId, SiteId) = (role.id().parse().unwrap(), site.id().parse().unwrap());
    let tess = person(&w.app, "Tess", "tess@volunteer.example").await;
    let answers = ApplicationInput {
        motivation: "I like people".into(),
        availability: "Tuesdays".into(),
    };
    let application = w.app.apply(tess, role, &answers).await.unwrap();
    let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    w.app
        .decide_application(&scope, application.id, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let placements = w
        .app
        .store
        .placements_of(scope.organisation_id(), tess)
        .await
        .unwrap();
    w.app
        .activate_placement(&scope, placements[0].placement.id)
        .await
        .unwrap();
    Volunteer {
        w,
        person: tess,
        role,
        site,
    }
}

impl Volunteer {
    /// Adds a shift of the role at the site.
    async fn shift(&self, date: NaiveDate, start: &str, end: &str) -> String {
        let scope = self
            .w
            .app
            .authorise(self.w.a.admin, self.w.a.slug)
            .await
            .unwrap();
        let input = ShiftInput {
            date: date.to_string(),
            start_time: start.into(),
            end_time: end.into(),
            min_volunteers: "1".into(),
            max_volunteers: "3".into(),
            notes: String::new(),
        };
        let shift = self.w.app.add_shift(&scope, self.role, self.site, &input);
        shift.await.unwrap().id.to_string()
    }

    /// Whether Tess has a place (not cancelled) on the shift.
    async fn booked_on(&self, shift: &str) -> bool {
        let path = format!("/api/v1/shifts/{shift}/bookings");
        let list = self.w.get(&path, &self.w.a.token).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        list.body["booked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["person_id"] == self.person.to_string())
    }

    fn path(&self) -> String {
        format!("/api/v1/people/{}/commitments", self.person)
    }

    fn body(&self, weekday: &str) -> Value {
        json!({"role_id": self.role.to_string(), "site_id": self.site.to_string(), "weekday": weekday,
            "start_time": "10:00", "end_time": "1pm", "interval_weeks": 1,
            "starts_on": uk_today().to_string()})
    }
}

fn uk_today() -> NaiveDate {
    domain::rota::from_utc(Utc::now()).date()
}

/// The first Tuesday at least two days from now.
fn next_tuesday() -> NaiveDate {
    let mut day = uk_today() + Days::new(2);
    while day.weekday() != Weekday::Tue {
        day = day + Days::new(1);
    }
    day
}

/// A regular slot of A's for a volunteer in a role at a site (inserted directly, so they need
/// not be active yet), for tests of every route; returns its id.
pub async fn a_commitment(w: &World, person: &str, role: &str, site: &str) -> String {
    let org = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let commitment = Commitment {
        id: CommitmentId::new(),
        organisation_id: org.organisation_id(),
        person_id: person.parse().unwrap(),
        role_id: role.parse().unwrap(),
        site_id: site.parse().unwrap(),
        weekday: Weekday::Tue,
        start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        interval_weeks: 1,
        starts_on: uk_today(),
        ends_on: None,
    };
    let id = commitment.id.to_string();
    w.app
        .store
        .apply(vec![Write::InsertCommitment(commitment)])
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn a_regular_slot_books_the_matching_shifts_and_ending_it_cancels_the_later_ones() {
    let v = volunteer().await;
    let tue = next_tuesday();
    let week = |n: u64| tue + Days::new(7 * n);
    let matching = [
        v.shift(week(0), "10:00", "13:00").await,
        v.shift(week(1), "10:00", "13:00").await,
        v.shift(week(2), "10:00", "13:00").await,
    ];
    let other_times = v.shift(week(1), "14:00", "16:00").await;
    let wednesday = v.shift(tue + Days::new(1), "10:00", "13:00").await;
    let beyond_12_weeks = v.shift(week(13), "10:00", "13:00").await;
    let empty = v.w.get(&v.path(), &v.w.a.token).await;
    assert_eq!(
        (empty.status, &empty.body),
        (StatusCode::OK, &json!([])),
        "{}",
        empty.body
    );

    let added =
        v.w.send(Method::POST, &v.path(), &v.w.a.token, v.body("Tuesday"))
            .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!(added.body["booked"], 3, "{}", added.body);
    for shift in &matching {
        assert!(v.booked_on(shift).await, "booked on {shift}");
    }
    for shift in [&other_times, &wednesday, &beyond_12_weeks] {
        assert!(!v.booked_on(shift).await, "not booked on {shift}");
    }
    let slot = &added.body["commitment"];
    let id = slot["id"].as_str().unwrap().to_owned();

    let listed = v.w.get(&v.path(), &v.w.a.token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    let c = &listed.body[0];
    assert_eq!(c, slot);
    assert_eq!(c["id"], id);
    assert_eq!(c["role_id"], v.role.to_string());
    assert_eq!(c["role_title"], "Mealtime companion");
    assert_eq!(c["site_id"], v.site.to_string());
    assert_eq!(c["site_name"], "Ward 7");
    assert_eq!(
        (&c["weekday"], &c["weekday_name"]),
        (&json!("tue"), &json!("Tuesday"))
    );
    assert_eq!(
        (&c["start_time"], &c["end_time"]),
        (&json!("10:00"), &json!("13:00"))
    );
    assert_eq!(c["interval_weeks"], 1);
    assert_eq!(c["starts_on"], uk_today().to_string());
    assert_eq!(c["ends_on"], Value::Null);

    // Ending it after the first week keeps that place and cancels the two after.
    let end = format!("{}/{id}/end", v.path());
    let past = (uk_today() - Days::new(1)).to_string();
    for (last_day, field) in [("not a date", "last_day"), (past.as_str(), "last_day")] {
        let refused =
            v.w.send(
                Method::POST,
                &end,
                &v.w.a.token,
                json!({"last_day": last_day}),
            )
            .await;
        refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.error_fields(), [field]);
    }
    let ended =
        v.w.send(
            Method::POST,
            &end,
            &v.w.a.token,
            json!({"last_day": week(0).to_string()}),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(ended.body, json!({"cancelled": 2}));
    assert!(v.booked_on(&matching[0]).await);
    assert!(!v.booked_on(&matching[1]).await);
    assert!(!v.booked_on(&matching[2]).await);
    let listed = v.w.get(&v.path(), &v.w.a.token).await;
    assert_eq!(listed.body[0]["ends_on"], week(0).to_string());

    // An empty body ends it today, which cancels the first week's place too.
    let today = v.w.call(Method::POST, &end, Some(&v.w.a.token), None).await;
    assert_eq!(
        (today.status, &today.body),
        (StatusCode::OK, &json!({"cancelled": 1}))
    );
    assert!(!v.booked_on(&matching[0]).await);
    let listed = v.w.get(&v.path(), &v.w.a.token).await;
    assert_eq!(listed.body[0]["ends_on"], uk_today().to_string());
}

#[tokio::test]
async fn bad_input_is_named_by_field_and_nothing_is_saved() {
    let v = volunteer().await;
    let token = &v.w.a.token;
    let b_site =
        v.w.send(
            Method::POST,
            "/api/v1/sites",
            &v.w.b.token,
            site_body("Elsewhere"),
        )
        .await
        .id();
    let fields = |reply: &Reply| {
        reply.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        let mut f = reply.error_fields();
        f.sort();
        f
    };

    let nothing = v.w.send(Method::POST, &v.path(), token, json!({})).await;
    assert_eq!(
        fields(&nothing),
        [
            "end_time",
            "role_id",
            "site_id",
            "start_time",
            "starts_on",
            "weekday"
        ]
    );
    let garbled = json!({"role_id": "ward-visitor", "site_id": 7, "weekday": "someday",
        "start_time": "25:00", "end_time": "10:00", "interval_weeks": "0",
        "starts_on": "31 2 2027", "ends_on": "soon"});
    let garbled = v.w.send(Method::POST, &v.path(), token, garbled).await;
    assert_eq!(
        fields(&garbled),
        [
            "ends_on",
            "interval_weeks",
            "role_id",
            "site_id",
            "start_time",
            "starts_on",
            "weekday"
        ]
    );
    // Another organisation's site, and a role the volunteer is not active in.
    let mut elsewhere = v.body("tue");
    elsewhere["site_id"] = json!(b_site);
    let elsewhere = v.w.send(Method::POST, &v.path(), token, elsewhere).await;
    assert_eq!(fields(&elsewhere), ["site_id"]);
    let mut other_role = v.body("tue");
    other_role["role_id"] = json!(RoleId::new());
    let other_role = v.w.send(Method::POST, &v.path(), token, other_role).await;
    assert_eq!(fields(&other_role), ["role_id"]);
    let mut backwards = v.body("tue");
    backwards["ends_on"] = json!((uk_today() - Days::new(7)).to_string());
    let backwards = v.w.send(Method::POST, &v.path(), token, backwards).await;
    assert_eq!(fields(&backwards), ["ends_on"]);
    let not_json =
        v.w.call(
            Method::POST,
            &v.path(),
            Some(token),
            Some("weekday=tue".into()),
        )
        .await;
    not_json.assert_problem(StatusCode::BAD_REQUEST);
    let list = v.w.get(&v.path(), token).await;
    assert_eq!(list.body, json!([]), "nothing was saved");

    // A viewer may see the slots but not set one up.
    let viewer = v.w.staff_token(&v.w.a, "viewer").await;
    assert_eq!(v.w.get(&v.path(), &viewer).await.status, StatusCode::OK);
    v.w.send(Method::POST, &v.path(), &viewer, v.body("tue"))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn nobody_outside_the_organisation_finds_a_volunteers_slots() {
    let v = volunteer().await;
    let a = &v.w.a.token;
    let added = v.w.send(Method::POST, &v.path(), a, v.body("tue")).await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let id = added.body["commitment"]["id"].as_str().unwrap().to_owned();
    let end = format!("{}/{id}/end", v.path());

    // Organisation B's token: every route is not found, whatever the body.
    let b = &v.w.b.token;
    let b_site =
        v.w.send(Method::POST, "/api/v1/sites", b, site_body("Elsewhere"))
            .await
            .id();
    let mut b_body = v.body("tue");
    b_body["site_id"] = json!(b_site);
    v.w.get(&v.path(), b)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    for body in [b_body, json!({})] {
        v.w.send(Method::POST, &v.path(), b, body)
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }
    for body in [Some(json!({}).to_string()), None, Some("oops".into())] {
        v.w.call(Method::POST, &end, Some(b), body)
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }

    // A's token, for someone who is not a volunteer in A, and for slots that are not theirs.
    let stranger = person(&v.w.app, "Sam", "sam@elsewhere.example").await;
    let theirs = format!("/api/v1/people/{stranger}/commitments");
    v.w.get(&theirs, a)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    v.w.send(Method::POST, &theirs, a, v.body("tue"))
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    for path in [
        format!("{theirs}/{id}/end"),
        format!("{}/{}/end", v.path(), CommitmentId::new()),
        format!("{}/not-an-id/end", v.path()),
        format!("/api/v1/people/not-an-id/commitments/{id}/end"),
        "/api/v1/people/not-an-id/commitments".to_owned(),
    ] {
        v.w.send(Method::POST, &path, a, json!({}))
            .await
            .assert_problem(StatusCode::NOT_FOUND);
    }

    // Nothing of A's changed.
    let listed = v.w.get(&v.path(), a).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    assert_eq!(listed.body[0]["ends_on"], Value::Null);
    assert_eq!(listed.body[0]["site_name"], "Ward 7");
}
