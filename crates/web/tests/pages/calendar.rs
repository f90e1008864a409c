//! A volunteer's calendar feed, read back with an independent RFC 5545 parser (`icalendar`, see
//! docs/adr/0003): their own bookings only, in UK local time with the zone, right across the
//! clock changes; cancelled ones marked; a replaced or stopped address gives 404. And their
//! notification preferences: an opted-out kind sends nothing while the others still send.

use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::application::ApplicationStatus;
use domain::ids::{PersonId, RoleId};
use domain::person::Person;
use domain::rota::{Shift, ShiftInput};
use icalendar::{
    CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};

use crate::support::{Browser, STATEMENT, World, attribute_after, role_input};

/// Org `a` with a role needing no checks, Bea and Cal active in it, and Hal active in org `b`.
pub(crate) struct Cal {
    pub(crate) w: World,
    pub(crate) bea: Person,
    pub(crate) cal: Person,
    pub(crate) hal: Person,
    pub(crate) role: RoleId,
    b_role: RoleId,
}

impl Cal {
    pub(crate) async fn new() -> Self {
        let w = World::new().await;
        let input = |title: &str, site| domain::role::RoleInput {
            dbs_level: "none".into(),
            dbs_workforce: String::new(),
            ..role_input(title, site, STATEMENT)
        };
        let a = w.site.scope(&w.a.admin, &w.a.slug).await;
        let role = w
            .site
            .publish(&a, &input("Ward visitor", w.a.site))
            .await
            .id;
        let b = w.site.scope(&w.b.admin, &w.b.slug).await;
        let b_role = w.site.publish(&b, &input("Shop helper", w.b.site)).await.id;
        let bea = w
            .site
            .person("Bea", "Booker", "bea@example.org", "1979-09-09")
            .await;
        let cal = w
            .site
            .person("Cal", "Colleague", "cal@example.org", "1981-02-03")
            .await;
        let hal = w
            .site
            .person("Hal", "Hospice", "hal@example.org", "1984-04-05")
            .await;
        let c = Self {
            w,
            bea,
            cal,
            hal,
            role,
            b_role,
        };
        c.activate(&c.bea, &c.w.a.admin, &c.w.a.slug, role).await;
        c.activate(&c.cal, &c.w.a.admin, &c.w.a.slug, role).await;
        c.activate(&c.hal, &c.w.b.admin, &c.w.b.slug, b_role).await;
        c
    }

    async fn activate(&self, who: &Person, admin: &Person, slug: &str, role: RoleId) {
        let app = &self.w.site.app;
        let scope = self.w.site.scope(admin, slug).await;
        let application = self.w.site.apply(who, role).await;
        app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
            .await
            .unwrap();
        let lists = app.checklists(&scope, who.id).await.unwrap();
        app.activate_placement(&scope, lists[0].placement.placement.id)
            .await
            .unwrap();
    }

    /// A shift of org `a`'s role (or `b`'s) on `date`, `start` to `end` UK time, with notes.
    pub(crate) async fn shift(
        &self,
        in_b: bool,
        date: NaiveDate,
        start: &str,
        end: &str,
        notes: &str,
    ) -> Shift {
        let (org, role, site) = if in_b {
            (&self.w.b, self.b_role, self.w.b.site)
        } else {
            (&self.w.a, self.role, self.w.a.site)
        };
        let scope = self.w.site.scope(&org.admin, &org.slug).await;
        let input = ShiftInput {
            date: date.to_string(),
            start_time: start.into(),
            end_time: end.into(),
            min_volunteers: "1".into(),
            max_volunteers: "3".into(),
            notes: notes.into(),
        };
        self.w
            .site
            .app
            .add_shift(&scope, role, site, &input)
            .await
            .unwrap()
    }

    pub(crate) async fn book(
        &self,
        who: PersonId,
        in_b: bool,
        shift: &Shift,
    ) -> domain::rota::Booking {
        let slug = if in_b { &self.w.b.slug } else { &self.w.a.slug };
        self.w
            .site
            .app
            .book_shift(who, slug, shift.id)
            .await
            .unwrap()
    }
}

/// Makes a calendar address on the page and returns its path (`/calendar/….ics`).
async fn make_address(browser: &mut Browser) -> String {
    let page = browser.submit("/my/calendar", &[]).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Your calendar address")
        .assert_contains("webcal://localhost/calendar/");
    let at = page
        .body
        .find(r#"id="calendar-url""#)
        .expect("the address box");
    let url = attribute_after(&page.body[at..], r#"value="http://localhost"#)
        .expect("the address on the page");
    assert!(
        url.starts_with("/calendar/") && url.ends_with(".ics"),
        "{url}"
    );
    url
}

/// Fetches a feed with no session and parses it independently.
async fn feed_events(w: &World, path: &str) -> Vec<Event> {
    let page = w.site.browser().get(path).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers["content-type"], "text/calendar; charset=utf-8");
    assert!(page.body.contains("\r\n") && !page.body.replace("\r\n", "").contains('\n'));
    let calendar: icalendar::Calendar = page.body.parse().expect("an RFC 5545 calendar");
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    assert!(
        calendar
            .components
            .iter()
            .any(|c| matches!(c, CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE"))
    );
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// A `DTSTART`/`DTEND` as an instant: with `TZID=Europe/London` (the first occurrence of a
/// repeated local time, as RFC 5545 says), or UTC.
fn instant(value: Option<DatePerhapsTime>) -> DateTime<Utc> {
    match value.expect("a date-time") {
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            assert_eq!(tzid, "Europe/London");
            let zone: chrono_tz::Tz = tzid.parse().unwrap();
            zone.from_local_datetime(&date_time)
                .earliest()
                .unwrap()
                .with_timezone(&Utc)
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => t,
        other => panic!("unexpected {other:?}"),
    }
}

fn uk(date: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    chrono_tz::Europe::London
        .from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn the_feed_holds_my_bookings_everywhere_and_nobody_elses() {
    let c = Cal::new().await;
    let day = Utc::now().date_naive() + Duration::days(9);
    let mine = c
        .shift(
            false,
            day,
            "10:00",
            "13:00",
            "Bring ID; sign in, then see the ward sister",
        )
        .await;
    let theirs = c
        .shift(false, day + Duration::days(1), "10:00", "12:00", "")
        .await;
    let hospice = c
        .shift(true, day + Duration::days(2), "14:00", "16:00", "")
        .await;
    let booking = c.book(c.bea.id, false, &mine).await;
    c.book(c.cal.id, false, &theirs).await;
    c.book(c.hal.id, true, &hospice).await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.get("/my/calendar")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<h1>My shifts in my calendar</h1>")
        .assert_contains("Make my calendar address");
    let path = make_address(&mut bea).await;
    // Afterwards the page says one exists but never shows it again.
    bea.get("/my/calendar")
        .await
        .assert_contains("You made a calendar address on")
        .assert_lacks(&path);

    let events = feed_events(&c.w, &path).await;
    assert_eq!(events.len(), 1, "only Bea's booking");
    let e = &events[0];
    assert_eq!(
        e.get_uid(),
        Some(format!("{}@localhost", booking.id).as_str())
    );
    assert_eq!(
        e.get_summary(),
        Some("Ward visitor at trust General Hospital")
    );
    assert!(
        e.get_location()
            .unwrap()
            .starts_with("trust General Hospital")
    );
    let description = e.get_description().unwrap();
    assert!(
        description.contains("Bring ID; sign in, then see the ward sister"),
        "{description}"
    );
    assert!(description.contains(&c.w.a.name));
    assert_eq!(e.get_status(), Some(EventStatus::Confirmed));
    assert_eq!(e.get_sequence(), Some(0));
    assert_eq!(instant(e.get_start()), uk(day, 10, 0));
    assert_eq!(instant(e.get_end()), uk(day, 13, 0));
    assert!(e.get_timestamp().is_some());

    // Cal's own feed has only Cal's shift.
    let mut cal = c.w.site.signed_in("cal@example.org").await;
    cal.get("/my/calendar")
        .await
        .assert_contains("Make my calendar address");
    let cal_path = make_address(&mut cal).await;
    assert_ne!(cal_path, path);
    let cal_events = feed_events(&c.w, &cal_path).await;
    assert_eq!(cal_events.len(), 1);
    assert_eq!(
        instant(cal_events[0].get_start()),
        uk(day + Duration::days(1), 10, 0)
    );
    // Hal (another organisation) sees only their own.
    let mut hal = c.w.site.signed_in("hal@example.org").await;
    let hal_events = feed_events(&c.w, &make_address(&mut hal).await).await;
    assert_eq!(hal_events.len(), 1);
    assert_eq!(
        hal_events[0].get_summary(),
        Some("Shop helper at hospice General Hospital")
    );
}

#[tokio::test]
async fn night_shifts_over_the_clock_changes_read_back_as_the_right_instants() {
    let c = Cal::new().await;
    let march = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
    let october = NaiveDate::from_ymd_opt(2027, 10, 31).unwrap();
    let spring = c.shift(false, march, "01:00", "03:00", "").await;
    let autumn = c.shift(false, october, "01:00", "03:00", "").await;
    c.book(c.bea.id, false, &spring).await;
    c.book(c.bea.id, false, &autumn).await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let path = make_address(&mut bea).await;
    let body = c.w.site.browser().get(&path).await.body;
    assert!(
        body.contains("DTSTART;TZID=Europe/London:20270328T020000\r\n"),
        "{body}"
    );
    assert!(body.contains("DTSTART;TZID=Europe/London:20271031T010000\r\n"));
    let events = feed_events(&c.w, &path).await;
    assert_eq!(events.len(), 2);
    let utc = |d: u32, m: u32, h: u32| Utc.with_ymd_and_hms(2027, m, d, h, 0, 0).unwrap();
    // Spring: 01:00 never happens; the shift is 02:00-03:00 BST, one real hour.
    assert_eq!(instant(events[0].get_start()), utc(28, 3, 1));
    assert_eq!(instant(events[0].get_end()), utc(28, 3, 2));
    // Autumn: from the first 01:00 (BST) to 03:00 GMT, three real hours.
    assert_eq!(instant(events[1].get_start()), utc(31, 10, 0));
    assert_eq!(instant(events[1].get_end()), utc(31, 10, 3));
}

#[tokio::test]
async fn cancelled_places_are_marked_and_old_or_stopped_addresses_give_404() {
    let c = Cal::new().await;
    let day = Utc::now().date_naive() + Duration::days(9);
    let shift = c.shift(false, day, "10:00", "13:00", "").await;
    let booking = c.book(c.bea.id, false, &shift).await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let first = make_address(&mut bea).await;
    c.w.site
        .app
        .cancel_booking(c.bea.id, booking.id, "Family visiting")
        .await
        .unwrap();
    let events = feed_events(&c.w, &first).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].get_status(), Some(EventStatus::Cancelled));
    assert_eq!(events[0].get_sequence(), Some(1));
    assert!(events[0].get_summary().unwrap().starts_with("Cancelled: "));

    // A new address replaces the old one.
    bea.get("/my/calendar")
        .await
        .assert_contains("Make a new address");
    let second = make_address(&mut bea).await;
    assert_ne!(first, second);
    let mut anyone = c.w.site.browser();
    anyone
        .get(&first)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    anyone.get(&second).await.assert_status(StatusCode::OK);

    // Stopping it: the address gives 404 and the page says so.
    let stopped = bea.submit("/my/calendar/stop", &[]).await;
    assert_eq!(stopped.redirect(), "/my/calendar?done=stopped");
    bea.get(stopped.redirect())
        .await
        .assert_contains("Your calendar address has stopped working")
        .assert_contains("Make my calendar address");
    anyone
        .get(&second)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Made-up, malformed and suffix-less addresses are not found either.
    for path in [
        format!("/calendar/{}.ics", "0".repeat(64)),
        "/calendar/not-a-token.ics".to_owned(),
        second.trim_end_matches(".ics").to_owned(),
    ] {
        anyone.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_calendar_page_needs_sign_in_and_its_forms_their_token() {
    let c = Cal::new().await;
    let mut anyone = c.w.site.browser();
    let page = anyone.get("/my/calendar").await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    bea.post("/my/calendar", &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    bea.post("/my/calendar/stop", &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert!(
        c.w.site
            .app
            .my_calendar_feed(c.bea.id)
            .await
            .unwrap()
            .is_none()
    );
}
