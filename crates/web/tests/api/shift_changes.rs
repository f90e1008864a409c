//! Managers' changes to shifts through the API: changing one shift and a series (never below
//! those booked), and cancelling one (everyone booked emailed, nothing left to book). The
//! volunteers on a shift, bad input and tenancy are in `shift_bookings`.

use axum::http::{Method, StatusCode};
use chrono::{Duration, Months, NaiveDate, Utc};
use domain::application::ApplicationInput;
use domain::application::ApplicationStatus;
use domain::compliance::CheckKind;
use domain::compliance::check::CheckInput;
use domain::ids::{PersonId, RoleId};
use domain::role::RoleInput;
use domain::rota::{RecurrenceInput, Shift, ShiftInput};
use serde_json::{Value, json};

use crate::support::{Reply, World, person, world};

/// Organisation A with a ward visitor role (fire safety needed, running out in ten days),
/// three volunteers active in it, and its site.
pub(crate) struct Rota {
    pub(crate) w: World,
    pub(crate) role: RoleId,
    pub(crate) site: domain::ids::SiteId,
    pub(crate) people: Vec<PersonId>,
}

pub(crate) fn day(days: i64) -> NaiveDate {
    Utc::now().date_naive() + Duration::days(days)
}

pub(crate) fn input(days: i64, start: &str, end: &str, max: u16) -> ShiftInput {
    ShiftInput {
        date: day(days).to_string(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: "1".into(),
        max_volunteers: max.to_string(),
        notes: String::new(),
    }
}

impl Rota {
    pub(crate) async fn new() -> Self {
        let w = world().await;
        let scope = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
        let site = w
            .app
            .create_site(
                &scope,
                &domain::site::SiteInput {
                    name: "Ward 7".into(),
                    kind: "hospital".into(),
                    postcode: "LS1 4AP".into(),
                },
            )
            .await
            .unwrap()
            .id;
        let fire = w.app.catalogue(&scope).await.unwrap().into_iter();
        let fire = fire.filter(|t| t.code == "cstf-fire-safety").map(|t| t.id);
        let role = RoleInput {
            title: "Ward visitor".into(),
            summary: "Visit patients".into(),
            description: "A friendly role.".into(),
            setting: "in_hospital".into(),
            activities: "Talking".into(),
            site_ids: vec![site],
            time_commitment: "3 hours a week".into(),
            minimum_age: "16".into(),
            dbs_level: "none".into(),
            non_substitution_statement:
                "Volunteers keep patients company; nurses still feed and assess them.".into(),
            requirement_type_ids: fire.collect(),
            ..RoleInput::default()
        };
        let role = w.app.create_role(&scope, &role).await.unwrap().id;
        w.app.publish_role(&scope, role).await.unwrap();
        let mut people = Vec::new();
        for name in ["Bea", "Cal", "Dan"] {
            let email = format!("{}@volunteers.example", name.to_lowercase());
            let id = person(&w.app, name, &email).await;
            let answers = ApplicationInput {
                motivation: "I like people".into(),
                availability: "Weekends".into(),
            };
            let application = w.app.apply(id, role, &answers).await.unwrap();
            w.app
                .decide_application(&scope, application.id, ApplicationStatus::Accepted, "")
                .await
                .unwrap();
            let lists = w.app.checklists(&scope, id).await.unwrap();
            let list = lists.iter().find(|l| l.role.id == role).unwrap();
            let mut items = list.items.iter();
            let item = items
                .find_map(|i| i.check.clone().filter(|c| c.kind == CheckKind::Training))
                .unwrap();
            let done = Utc::now().date_naive() - Months::new(24) + Duration::days(10);
            let check = CheckInput {
                action: "verify".into(),
                issued_on: done.to_string(),
                ..CheckInput::default()
            };
            w.app.record_check(&scope, item.id, &check).await.unwrap();
            let placement = list.placement.placement.id;
            w.app.activate_placement(&scope, placement).await.unwrap();
            people.push(id);
        }
        Self {
            w,
            role,
            site,
            people,
        }
    }

    pub(crate) async fn shift(&self, input: &ShiftInput) -> Shift {
        let scope = self
            .w
            .app
            .authorise(self.w.a.admin, self.w.a.slug)
            .await
            .unwrap();
        self.w
            .app
            .add_shift(&scope, self.role, self.site, input)
            .await
            .unwrap()
    }

    pub(crate) async fn book(&self, who: usize, s: &Shift) -> domain::rota::Booking {
        let app = &self.w.app;
        app.book_shift(self.people[who], self.w.a.slug, s.id)
            .await
            .unwrap()
    }

    pub(crate) async fn send(&self, method: Method, path: &str, body: Value) -> Reply {
        self.w.send(method, path, &self.w.a.token, body).await
    }

    pub(crate) async fn row(&self, s: &Shift) -> app::ports::ShiftRow {
        let org = self
            .w
            .app
            .authorise(self.w.a.admin, self.w.a.slug)
            .await
            .unwrap();
        self.w.app.shift(&org, s.id).await.unwrap()
    }
}

pub(crate) fn change(date: NaiveDate, start: &str, end: &str, max: u32) -> Value {
    json!({"date": date.to_string(), "start_time": start, "end_time": end,
        "min_volunteers": 1, "max_volunteers": max, "notes": "Side door", "supervisor_id": null})
}

#[tokio::test]
async fn a_change_keeps_room_for_those_booked_and_a_series_change_only_later_ones() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 3)).await;
    r.book(0, &s).await;
    r.book(1, &s).await;
    let path = format!("/api/v1/shifts/{}", s.id);
    let small = r
        .send(Method::PUT, &path, change(day(5), "10:00", "13:00", 1))
        .await;
    small.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(small.error_fields(), ["max_volunteers"]);
    assert_eq!(r.row(&s).await.shift, s);
    let admin_id = r.w.a.admin.to_string();
    let mut body = change(day(5), "9am", "12:00", 2);
    body["supervisor_id"] = json!(admin_id);
    let done = r.send(Method::PUT, &path, body).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        (&done.body["start_time"], &done.body["max_volunteers"]),
        (&json!("09:00"), &json!(2))
    );
    assert_eq!(done.body["supervisor_id"], admin_id.as_str());
    assert_eq!(done.body["fill_state"], "2 of 2 places filled; full");
    let listed = r.w.get(&format!("{path}/bookings"), &r.w.a.token).await;
    assert_eq!(listed.body["booked"].as_array().unwrap().len(), 2);

    let scope = r.w.app.authorise(r.w.a.admin, r.w.a.slug).await.unwrap();
    let weekday = chrono::Datelike::weekday(&day(2));
    let repeat = RecurrenceInput {
        weekdays: vec![domain::rota::weekday_code(weekday).into()],
        interval_weeks: "1".into(),
        until: String::new(),
        count: "3".into(),
    };
    let series =
        r.w.app
            .add_series(
                &scope,
                r.role,
                r.site,
                &input(2, "10:00", "13:00", 3),
                &repeat,
            )
            .await
            .unwrap();
    let path = format!("/api/v1/shifts/{}/series", series[1].id);
    let done = r
        .send(Method::PUT, &path, change(day(0), "14:00", "16:00", 4))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let items = done.body["items"].as_array().unwrap();
    let ids: Vec<_> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [series[1].id.to_string(), series[2].id.to_string()]);
    for (item, s) in items.iter().zip(&series[1..]) {
        assert_eq!(item["start_time"], "14:00");
        assert_eq!(
            item["date"],
            domain::rota::from_utc(s.starts_at).date().to_string()
        );
    }
    assert_eq!(r.row(&series[0]).await.shift, series[0]);
    let alone = format!("/api/v1/shifts/{}/series", s.id);
    r.send(Method::PUT, &alone, change(day(5), "10:00", "12:00", 3))
        .await
        .assert_problem(StatusCode::CONFLICT);
}

#[tokio::test]
async fn cancelling_emails_everyone_booked_and_frees_nothing() {
    let r = Rota::new().await;
    let s = r.shift(&input(4, "10:00", "13:00", 3)).await;
    r.book(0, &s).await;
    r.book(1, &s).await;
    let path = format!("/api/v1/shifts/{}/cancel", s.id);
    let none = r.send(Method::POST, &path, json!({"reason": ""})).await;
    none.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(none.error_fields(), ["reason"]);
    let done = r
        .send(Method::POST, &path, json!({"reason": "Ward closed"}))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        (&done.body["cancelled"], &done.body["cancellation_reason"]),
        (&json!(true), &json!("Ward closed"))
    );
    let mail = r.w.app.store.recent_messages(100).await.unwrap();
    for who in ["bea@volunteers.example", "cal@volunteers.example"] {
        assert!(
            mail.iter()
                .any(|m| m.to == who && m.body.contains("Ward closed")),
            "{who}"
        );
    }
    assert!(
        !mail
            .iter()
            .any(|m| m.to == "dan@volunteers.example" && m.body.contains("Ward closed"))
    );
    let listed =
        r.w.get(&format!("/api/v1/shifts/{}/bookings", s.id), &r.w.a.token)
            .await;
    let cancelled = listed.body["cancelled"].as_array().unwrap();
    assert_eq!(cancelled.len(), 2);
    assert!(cancelled.iter().all(
        |b| b["cancellation_reason"] == "Shift cancelled: Ward closed"
            && b["late"] == false
            && b["status"] == "cancelled"
    ));
    // Nothing to book: not for a volunteer, nor added by a manager.
    assert!(
        r.w.app
            .book_shift(r.people[2], r.w.a.slug, s.id)
            .await
            .is_err()
    );
    let add = format!("/api/v1/shifts/{}/bookings", s.id);
    r.send(
        Method::POST,
        &add,
        json!({"person_id": r.people[2].to_string()}),
    )
    .await
    .assert_problem(StatusCode::CONFLICT);
    assert_eq!(r.row(&s).await.booked, 0);
    r.send(Method::POST, &path, json!({"reason": "Again"}))
        .await
        .assert_problem(StatusCode::CONFLICT);
}
