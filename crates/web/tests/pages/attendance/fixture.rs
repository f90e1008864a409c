//! An organisation with a ward visitor role (no checks needed), two volunteers active in it, and
//! helpers for shifts relative to now, bookings, the kiosk cookie and what was recorded.

use app::OrgScope;
use axum::body::Body;
use axum::http::Request;
use axum::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use chrono::{Duration, Utc};
use domain::application::ApplicationStatus;
use domain::ids::{BookingId, PersonId, RoleId, SiteId};
use domain::person::Person;
use domain::rota::attendance::Attendance;
use domain::rota::{Booking, Shift, ShiftInput, from_utc};

use crate::support::{Browser, Page, STATEMENT, World, role_input};

/// The world, a role with no checks at organisation A's first site, and two active volunteers.
pub struct Att {
    pub w: World,
    pub role: RoleId,
    /// Organisation A's second site (the supervisor does not look after it).
    pub site2: SiteId,
    pub sam: Person,
    pub ria: Person,
}

impl Att {
    pub async fn new() -> Self {
        let w = World::new().await;
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let site2 = w.site.site(&scope, "trust Riverside Annexe").await;
        let role = w
            .site
            .publish(
                &scope,
                &domain::role::RoleInput {
                    dbs_level: "none".into(),
                    dbs_workforce: String::new(),
                    site_ids: vec![w.a.site, site2],
                    ..role_input("Ward visitor", w.a.site, STATEMENT)
                },
            )
            .await
            .id;
        let sam = w
            .site
            .person("Sam", "Sutton", "sam@example.org", "1979-09-09")
            .await;
        let ria = w
            .site
            .person("Ria", "Rahman", "ria@example.org", "1984-02-03")
            .await;
        let att = Self {
            w,
            role,
            site2,
            sam,
            ria,
        };
        att.activate(&att.sam).await;
        att.activate(&att.ria).await;
        att
    }

    pub async fn admin_scope(&self) -> OrgScope {
        self.w.site.scope(&self.w.a.admin, &self.w.a.slug).await
    }

    /// Applies, is accepted and starts in the role.
    async fn activate(&self, who: &Person) {
        let app = &self.w.site.app;
        let scope = self.admin_scope().await;
        let application = self.w.site.apply(who, self.role).await;
        app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
            .await
            .unwrap();
        let placement = app
            .checklists(&scope, who.id)
            .await
            .unwrap()
            .into_iter()
            .find(|l| l.placement.placement.role_id == self.role)
            .unwrap()
            .placement
            .placement
            .id;
        app.activate_placement(&scope, placement).await.unwrap();
    }

    /// A shift of the role at `site` starting `minutes` from now (negative: in the past),
    /// lasting `hours`, typed in UK clock time as a manager would.
    pub async fn shift(&self, site: SiteId, minutes: i64, hours: i64) -> Shift {
        let start = Utc::now() + Duration::minutes(minutes);
        let (local_start, local_end) = (from_utc(start), from_utc(start + Duration::hours(hours)));
        let input = ShiftInput {
            date: local_start.date().to_string(),
            start_time: local_start.format("%H:%M").to_string(),
            end_time: local_end.format("%H:%M").to_string(),
            min_volunteers: "1".into(),
            max_volunteers: "10".into(),
            notes: String::new(),
        };
        let scope = self.admin_scope().await;
        self.w
            .site
            .app
            .add_shift(&scope, self.role, site, &input)
            .await
            .unwrap()
    }

    /// A place for `person` on `shift`, written straight to the store (so past shifts can be
    /// booked too, as if booked before they started).
    pub async fn book(&self, shift: &Shift, person: PersonId) -> Booking {
        let booking = Booking::new(shift, person, shift.starts_at - Duration::days(2));
        self.w
            .site
            .app
            .store
            .apply(vec![app::Write::BookShift(booking.clone())])
            .await
            .unwrap();
        booking
    }

    /// What is recorded for a booking.
    pub async fn recorded(&self, booking: BookingId) -> Option<Attendance> {
        self.w
            .site
            .app
            .store
            .attendance_for_booking(self.w.a.id, booking)
            .await
            .unwrap()
    }

    /// A volunteer's personal code at organisation A.
    pub async fn code(&self, person: PersonId) -> String {
        self.w
            .site
            .app
            .check_in_code(person, self.w.a.id)
            .await
            .unwrap()
    }

    /// The kiosk's address for a site of organisation A.
    pub fn kiosk(&self, site: SiteId) -> String {
        format!("/kiosk/{}/{site}", self.w.a.slug)
    }

    /// Sets a site's kiosk code as organisation A's admin.
    pub async fn set_kiosk_code(&self, site: SiteId, code: &str) {
        let scope = self.admin_scope().await;
        self.w
            .site
            .app
            .set_kiosk_code(&scope, site, code)
            .await
            .unwrap();
    }

    /// Unlocks a site's kiosk over HTTP and returns its cookie.
    pub async fn unlock(&self, site: SiteId, code: &str) -> String {
        let mut device = self.w.site.browser();
        let page = kiosk_request(
            &mut device,
            &format!("{}/unlock", self.kiosk(site)),
            None,
            &[("kiosk_code", code)],
        )
        .await;
        assert_eq!(page.redirect(), self.kiosk(site));
        kiosk_cookie(&page).expect("unlocking sets the kiosk cookie")
    }
}

/// The kiosk cookie a response set, if any (empty when it was cleared).
pub fn kiosk_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("alongside_kiosk="))
        .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
}

/// The whole `Set-Cookie` header for the kiosk cookie.
pub fn kiosk_cookie_header(page: &Page) -> String {
    page.headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("alongside_kiosk="))
        .expect("a kiosk cookie")
        .to_owned()
}

/// A request from the kiosk device: a GET (no fields) or a form POST, with its cookie.
pub async fn kiosk_request(
    device: &mut Browser,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> Page {
    let mut builder = if fields.is_empty() {
        Request::get(path)
    } else {
        Request::post(path).header(CONTENT_TYPE, "application/x-www-form-urlencoded")
    };
    if let Some(c) = cookie {
        builder = builder.header(COOKIE, format!("alongside_kiosk={c}"));
    }
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        body.append_pair(k, v);
    }
    device
        .send(builder.body(Body::from(body.finish())).unwrap())
        .await
}
