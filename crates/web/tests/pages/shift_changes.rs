//! A manager's shift page and its forms: fill state in words, changing a shift (never below
//! those booked, never double-booking anyone), changing a series from one date on, cancelling
//! a shift (everyone booked emailed). Adding, removing and moving people are in `shift_people`.

use app::AppError;
use axum::http::StatusCode;
use chrono::{Duration, Months, NaiveDate, Utc};
use domain::application::ApplicationStatus;
use domain::compliance::CheckKind;
use domain::compliance::check::CheckInput;
use domain::ids::RoleId;
use domain::person::Person;
use domain::rota::{BookingStatus, RecurrenceInput, Shift, ShiftInput};

use crate::support::{STATEMENT, World, role_input};

/// An organisation with a ward visitor role (fire safety needed, running out in 10 days) and
/// three volunteers active in it.
pub(crate) struct Rota {
    pub(crate) w: World,
    pub(crate) role: RoleId,
    pub(crate) bea: Person,
    pub(crate) cal: Person,
    pub(crate) dan: Person,
}

pub(crate) fn day(days: i64) -> NaiveDate {
    Utc::now().date_naive() + Duration::days(days)
}

pub(crate) fn input(days: i64, start: &str, end: &str, min: u16, max: u16) -> ShiftInput {
    ShiftInput {
        date: day(days).to_string(),
        start_time: start.into(),
        end_time: end.into(),
        min_volunteers: min.to_string(),
        max_volunteers: max.to_string(),
        notes: "Ask at the ward desk".into(),
    }
}

impl Rota {
    pub(crate) async fn new() -> Self {
        let w = World::new().await;
        let app = w.site.app.clone();
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let fire = app.catalogue(&scope).await.unwrap().into_iter();
        let fire = fire
            .filter(|t| t.code == "cstf-fire-safety")
            .map(|t| t.id)
            .collect();
        let role = w
            .site
            .publish(
                &scope,
                &domain::role::RoleInput {
                    dbs_level: "none".into(),
                    dbs_workforce: String::new(),
                    requirement_type_ids: fire,
                    ..role_input("Ward visitor", w.a.site, STATEMENT)
                },
            )
            .await
            .id;
        let mut people = Vec::new();
        for (given, family, email) in [
            ("Bea", "Booker", "bea@example.org"),
            ("Cal", "Colleague", "cal@example.org"),
            ("Dan", "Davies", "dan@example.org"),
        ] {
            let p = w.site.person(given, family, email, "1980-02-03").await;
            let application = w.site.apply(&p, role).await;
            app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
                .await
                .unwrap();
            let lists = app.checklists(&scope, p.id).await.unwrap();
            let list = lists.iter().find(|l| l.role.id == role).unwrap();
            let mut items = list.items.iter();
            let item =
                items.find_map(|i| i.check.clone().filter(|c| c.kind == CheckKind::Training));
            let done = Utc::now().date_naive() - Months::new(24) + Duration::days(10);
            let check = CheckInput {
                action: "verify".into(),
                issued_on: done.to_string(),
                ..CheckInput::default()
            };
            app.record_check(&scope, item.unwrap().id, &check)
                .await
                .unwrap();
            app.activate_placement(&scope, list.placement.placement.id)
                .await
                .unwrap();
            people.push(p);
        }
        let mut it = people.into_iter();
        let (bea, cal, dan) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
        Self {
            w,
            role,
            bea,
            cal,
            dan,
        }
    }

    pub(crate) async fn shift(&self, input: &ShiftInput) -> Shift {
        let scope = self.w.site.scope(&self.w.a.admin, &self.w.a.slug).await;
        let app = &self.w.site.app;
        app.add_shift(&scope, self.role, self.w.a.site, input)
            .await
            .unwrap()
    }

    pub(crate) fn path(&self, s: &Shift, rest: &str) -> String {
        self.w.a.path(&format!("/shifts/{}{rest}", s.id))
    }

    pub(crate) async fn book(&self, who: &Person, s: &Shift) -> domain::rota::Booking {
        let app = &self.w.site.app;
        app.book_shift(who.id, &self.w.a.slug, s.id).await.unwrap()
    }

    pub(crate) async fn row(&self, s: &Shift) -> app::ports::ShiftRow {
        self.w
            .site
            .app
            .store
            .shift(self.w.a.id, s.id)
            .await
            .unwrap()
            .unwrap()
    }

    pub(crate) async fn emails_to(&self, who: &Person) -> Vec<app::ports::OutboxMessage> {
        let all = self.w.site.app.store.recent_messages(500).await.unwrap();
        all.into_iter()
            .filter(|m| m.to == who.email.as_str())
            .collect()
    }
}

#[tokio::test]
async fn the_shift_page_says_how_full_it_is_and_who_is_booked_or_cancelled() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 2, 3)).await;
    r.book(&r.bea, &s).await;
    let cals = r.book(&r.cal, &s).await;
    r.w.site
        .app
        .cancel_booking(r.cal.id, cals.id, "Car broken")
        .await
        .unwrap();
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let weekday = day(5).format("%A %-d %B %Y").to_string();
    admin
        .get(&r.path(&s, ""))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<h1>Ward visitor shift</h1>")
        .assert_contains("trust General Hospital")
        .assert_contains(&format!("{weekday}, 10:00 to 13:00"))
        .assert_contains("1 of 3 places filled; needs 1 more to reach the minimum")
        .assert_contains("Under-filled")
        .assert_contains("Bea Booker")
        .assert_contains("Cal Colleague")
        .assert_contains("Car broken")
        .assert_contains("Ask at the ward desk")
        .assert_contains("Change this shift");
}

#[tokio::test]
async fn a_change_never_drops_below_those_booked_nor_double_books_and_tells_them() {
    let r = Rota::new().await;
    let s = r.shift(&input(5, "10:00", "13:00", 1, 3)).await;
    let afternoon = r.shift(&input(5, "14:00", "16:00", 1, 3)).await;
    r.book(&r.bea, &s).await;
    r.book(&r.cal, &s).await;
    r.book(&r.bea, &afternoon).await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let form = |start: &'static str, end: &'static str, max: &'static str| {
        let d = day(5);
        vec![
            ("date-day", d.format("%-d").to_string()),
            ("date-month", d.format("%-m").to_string()),
            ("date-year", d.format("%Y").to_string()),
            ("start_time", start.to_owned()),
            ("end_time", end.to_owned()),
            ("min_volunteers", "1".to_owned()),
            ("max_volunteers", max.to_owned()),
            ("notes", "Use the side door".to_owned()),
            ("supervisor_id", r.w.a_viewer.id.to_string()),
        ]
    };
    let edit = r.path(&s, "/edit");
    admin
        .get(&edit)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("value=\"10:00\"");
    let f = form("10:00", "13:00", "1");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin
        .submit(&edit, &fields)
        .await
        .assert_errors(&["max_volunteers"])
        .assert_contains("2 volunteers are booked on this shift");
    let f = form("13:00", "15:00", "3");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin
        .submit(&edit, &fields)
        .await
        .assert_errors(&["start_time"])
        .assert_contains("Bea Booker already has a place on another shift");
    assert_eq!(r.row(&s).await.shift, s, "nothing changed");

    let f = form("9am", "12:30", "2");
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = admin.submit(&edit, &fields).await;
    assert_eq!(done.redirect(), r.path(&s, "?done=updated"));
    let now = r.row(&s).await.shift;
    assert_eq!(now.starts_at, s.starts_at - Duration::hours(1));
    assert_eq!(
        (now.max_volunteers, now.supervisor),
        (2, Some(r.w.a_viewer.id))
    );
    let bookings = r.w.site.app.my_bookings(r.cal.id).await.unwrap();
    assert_eq!((bookings[0].starts_at, bookings[0].ends_at), now.span());
    let told = r.emails_to(&r.cal).await;
    assert!(
        told.iter()
            .any(|m| m.subject == "The times of your shift have changed"
                && m.body.contains("09:00 to 12:30"))
    );
    admin
        .get(&r.path(&s, "?done=updated"))
        .await
        .assert_contains("The shift has been changed")
        .assert_contains("Vic Viewer-trust");
}

#[tokio::test]
async fn a_series_change_touches_only_this_and_later_shifts() {
    let r = Rota::new().await;
    let scope = r.w.site.scope(&r.w.a.admin, &r.w.a.slug).await;
    let weekday = domain::rota::weekday_code(chrono::Datelike::weekday(&day(2))).to_owned();
    let repeat = RecurrenceInput {
        weekdays: vec![weekday],
        interval_weeks: "1".into(),
        until: String::new(),
        count: "4".into(),
    };
    let app = &r.w.site.app;
    let series = app
        .add_series(
            &scope,
            r.role,
            r.w.a.site,
            &input(2, "10:00", "13:00", 1, 3),
            &repeat,
        )
        .await
        .unwrap();
    r.book(&r.bea, &series[1]).await;
    app.cancel_shift(&scope, series[3].id, "Bank holiday")
        .await
        .unwrap();
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let path = r.path(&series[1], "/series");
    admin
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("date-day");
    let fields = [
        ("start_time", "11:00"),
        ("end_time", "15:00"),
        ("min_volunteers", "2"),
        ("max_volunteers", "5"),
        ("notes", ""),
        ("supervisor_id", ""),
    ];
    let done = admin.submit(&path, &fields).await;
    assert_eq!(done.redirect(), r.path(&series[1], "?done=series"));
    assert_eq!(
        r.row(&series[0]).await.shift,
        series[0],
        "earlier shifts stay"
    );
    assert_eq!(
        r.row(&series[3]).await.shift.starts_at,
        series[3].starts_at,
        "cancelled stay"
    );
    for s in &series[1..3] {
        let now = r.row(s).await.shift;
        assert_eq!(now.starts_at, s.starts_at + Duration::hours(1));
        assert_eq!((now.max_volunteers, now.notes.as_str()), (5, ""));
        assert_eq!(
            domain::rota::from_utc(now.starts_at).date(),
            domain::rota::from_utc(s.starts_at).date()
        );
    }
    let moved = app.my_bookings(r.bea.id).await.unwrap();
    assert_eq!(moved[0].starts_at, series[1].starts_at + Duration::hours(1));
    // A shift on its own has no series page.
    let alone = r.shift(&input(3, "10:00", "11:00", 1, 1)).await;
    admin
        .get(&r.path(&alone, "/series"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cancelling_a_shift_tells_everyone_booked_and_it_takes_no_more() {
    let r = Rota::new().await;
    let s = r.shift(&input(4, "10:00", "13:00", 1, 3)).await;
    r.book(&r.bea, &s).await;
    r.book(&r.cal, &s).await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let cancel = r.path(&s, "/cancel");
    admin
        .get(&cancel)
        .await
        .assert_contains("Bea Booker")
        .assert_contains("Cal Colleague");
    admin
        .submit(&cancel, &[("reason", " ")])
        .await
        .assert_errors(&["reason"]);
    assert!(!r.row(&s).await.shift.cancelled);
    let done = admin
        .submit(&cancel, &[("reason", "Ward closed for cleaning")])
        .await;
    assert_eq!(done.redirect(), r.path(&s, "?done=cancelled"));
    for who in [&r.bea, &r.cal] {
        let mail = r.emails_to(who).await;
        assert!(
            mail.iter()
                .any(|m| m.subject == "A shift you booked has been cancelled"
                    && m.body.contains("Ward closed for cleaning")),
            "{mail:?}"
        );
        let b = &r.w.site.app.my_bookings(who.id).await.unwrap()[0];
        assert_eq!(b.status, BookingStatus::Cancelled);
        assert_eq!(
            b.cancellation_reason,
            "Shift cancelled: Ward closed for cleaning"
        );
        assert!(!b.late);
    }
    assert!(
        r.emails_to(&r.dan)
            .await
            .iter()
            .all(|m| !m.subject.contains("cancelled"))
    );
    let refused = r.w.site.app.book_shift(r.dan.id, &r.w.a.slug, s.id).await;
    assert!(matches!(refused, Err(AppError::Conflict(m)) if m.contains("cancelled")));
    let row = r.row(&s).await;
    assert_eq!(row.booked, 0);
    admin
        .get(&r.path(&s, ""))
        .await
        .assert_contains("This shift has been cancelled")
        .assert_contains("Ward closed for cleaning")
        .assert_lacks("Change this shift");
    admin
        .submit(&cancel, &[("reason", "Again")])
        .await
        .assert_status(StatusCode::CONFLICT);
}
