//! The manager's rota: the week grid by site or role with under-filled and cancelled shifts, the
//! day grid and "who is coming today" with names, the print view, the CSV export, the forms that
//! add shifts, and who may see any of it.

mod access;
mod forms;

use app::Write;
use axum::http::StatusCode;
use chrono::{Datelike, Days, NaiveDate, Utc};
use domain::ids::ShiftId;
use domain::ids::{RoleId, SiteId};
use domain::person::Person;
use domain::rota::{Booking, Shift, ShiftInput, ShiftLinks, from_utc};

use crate::support::{Page, World};

/// The world, with a second site and role in A, and a week of A's shifts a fortnight ahead:
/// Monday at A's site under-filled (1 of 2 needed), Wednesday at Ward 9 filled, Friday at A's
/// site cancelled; and one of B's shifts on the same Monday.
pub struct Rota {
    pub w: World,
    pub monday: NaiveDate,
    pub ward9: SiteId,
    pub ward9_role: RoleId,
    pub monday_shift: Shift,
}

/// Adds a shift as `who`'s organisation's admin.
pub async fn add(
    w: &World,
    org: &crate::support::Org,
    role: RoleId,
    site: SiteId,
    date: NaiveDate,
    times: (&str, &str),
    min_max: (u16, u16),
) -> Shift {
    let scope = w.site.scope(&org.admin, &org.slug).await;
    let input = ShiftInput {
        date: date.to_string(),
        start_time: times.0.into(),
        end_time: times.1.into(),
        min_volunteers: min_max.0.to_string(),
        max_volunteers: min_max.1.to_string(),
        notes: String::new(),
    };
    w.site
        .app
        .add_shift(&scope, role, site, &input)
        .await
        .unwrap()
}

/// Books `person` onto `shift` directly in the store (the booking rules are tested elsewhere).
pub async fn book(w: &World, shift: &Shift, person: &Person) {
    let booking = Booking::new(shift, person.id, Utc::now());
    w.site
        .app
        .store
        .apply(vec![Write::BookShift(booking)])
        .await
        .unwrap();
}

/// How many of A's shifts start in the fortnight from `monday`.
pub async fn count_shifts(w: &World, monday: NaiveDate) -> usize {
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let rota = w
        .site
        .app
        .rota(&scope, monday, monday + Days::new(14), Default::default())
        .await
        .unwrap();
    rota.shifts.len()
}

impl Rota {
    pub async fn new() -> Self {
        let w = World::new().await;
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let ward9 = w.site.site(&scope, "Ward 9").await;
        let ward9_role = w.site.open_role(&scope, "Ward 9 helper", ward9).await;
        let later = from_utc(Utc::now()).date() + Days::new(14);
        let monday = later - Days::new(u64::from(later.weekday().num_days_from_monday()));
        let (a, day) = (&w.a, |n| monday + Days::new(n));
        let monday_shift = add(&w, a, a.role, a.site, day(0), ("10:00", "13:00"), (2, 4)).await;
        book(&w, &monday_shift, &a.volunteer).await;
        let wednesday = add(&w, a, ward9_role, ward9, day(2), ("09:00", "12:00"), (1, 2)).await;
        book(&w, &wednesday, &w.a_volunteer2).await;
        let friday_shift = Shift {
            cancelled: true,
            ..ShiftInput {
                date: day(4).to_string(),
                start_time: "18:00".into(),
                end_time: "21:00".into(),
                min_volunteers: "2".into(),
                max_volunteers: "3".into(),
                notes: String::new(),
            }
            .parse(
                ShiftId::new(),
                ShiftLinks {
                    organisation_id: a.id,
                    role_id: a.role,
                    site_id: a.site,
                    supervisor: None,
                    series_id: None,
                },
            )
            .unwrap()
        };
        w.site
            .app
            .store
            .apply(vec![Write::InsertShift(friday_shift.clone())])
            .await
            .unwrap();
        let b = &w.b;
        add(&w, b, b.role, b.site, day(0), ("10:00", "13:00"), (2, 4)).await;
        Self {
            w,
            monday,
            ward9,
            ward9_role,
            monday_shift,
        }
    }

    /// A path in A's manager area.
    pub fn path(&self, rest: &str) -> String {
        self.w.a.path(rest)
    }
}

/// The grid row (`<tr>…</tr>`) headed `name`.
fn row<'a>(page: &'a Page, name: &str) -> &'a str {
    page.row(&format!(r#"<th scope="row">{name}</th>"#))
        .unwrap_or_else(|| panic!("no row headed {name}"))
}

#[tokio::test]
async fn the_week_grid_groups_by_site_and_marks_under_filled_and_cancelled_shifts() {
    let r = Rota::new().await;
    let a = &r.w.a;
    let mut admin = r.w.site.signed_in(a.admin.email.as_str()).await;
    // Any day of the week shows the whole week, Monday to Sunday.
    let page = admin
        .get(&r.path(&format!("/rota?week={}", r.monday + Days::new(3))))
        .await;
    page.assert_status(StatusCode::OK);
    page.assert_contains(&format!(
        "Week starting Monday {}",
        r.monday.format("%-d %B %Y")
    ));
    page.assert_contains("3 shifts this week, 1 under-filled");
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let header = &page.body[page.body.find("<thead>").unwrap()..];
    let mut at = 0;
    for day in days {
        at += header[at..].find(&format!(">{day} ")).expect(day);
    }

    let hospital = row(&page, "trust General Hospital");
    assert!(hospital.contains("10:00 to 13:00"), "{hospital}");
    assert!(hospital.contains(&format!(
        r#"href="/manage/{}/shifts/{}""#,
        a.slug, r.monday_shift.id
    )));
    assert!(hospital.contains("trust mealtime companion"));
    assert!(hospital.contains("1/4<span class=\"visually-hidden\"> places</span> booked"));
    assert!(
        hospital.contains("Under-filled: needs 1 more"),
        "{hospital}"
    );
    assert!(hospital.contains("rota-cancelled"));
    assert!(hospital.contains("Cancelled"));
    assert_eq!(
        hospital.matches("Under-filled").count(),
        1,
        "a cancelled shift is not under-filled"
    );
    assert!(!hospital.contains("Ward 9 helper"));

    let ward9 = row(&page, "Ward 9");
    assert!(ward9.contains("09:00 to 12:00") && ward9.contains("1/2"));
    assert!(!ward9.contains("Under-filled"));
    // B's shift on the same Monday is not on A's rota.
    page.assert_lacks("hospice");
    // Links to the weeks either side keep the filters.
    page.assert_contains(&format!("?week={}", r.monday - Days::new(7)));
    page.assert_contains(&format!("?week={}", r.monday + Days::new(7)));
    page.assert_contains(&format!(
        "/rota.csv?from={}&#38;to={}",
        r.monday,
        r.monday + Days::new(7)
    ));
}

#[tokio::test]
async fn filters_narrow_the_grid_and_a_role_filter_groups_by_role() {
    let r = Rota::new().await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let week = format!("/rota?week={}", r.monday);
    let page = admin
        .get(&r.path(&format!("{week}&site={}", r.ward9)))
        .await;
    page.assert_status(StatusCode::OK);
    page.assert_contains("1 shift this week.");
    row(&page, "Ward 9");
    assert!(
        page.row(r#"<th scope="row">trust General Hospital</th>"#)
            .is_none()
    );
    page.assert_contains(&format!(r#"<option value="{}" selected>"#, r.ward9));
    page.assert_contains(&format!("&#38;site={}", r.ward9));

    let by_role = admin
        .get(&r.path(&format!("{week}&role={}", r.w.a.role)))
        .await;
    let companion = row(&by_role, "trust mealtime companion");
    assert!(companion.contains("trust General Hospital"), "{companion}");
    by_role.assert_contains("2 shifts this week, 1 under-filled");
    by_role.assert_lacks("Ward 9 helper</th>");

    let bad = admin.get(&r.path("/rota?week=someday")).await;
    bad.assert_errors(&["week"]);
}

#[tokio::test]
async fn the_day_grid_names_who_is_booked_and_the_print_view_has_no_navigation() {
    let r = Rota::new().await;
    let mut admin = r.w.site.signed_in(r.w.a.admin.email.as_str()).await;
    let page = admin
        .get(&r.path(&format!("/rota/day?date={}", r.monday)))
        .await;
    page.assert_status(StatusCode::OK);
    let shift = page.row("10:00 to 13:00").unwrap();
    assert!(shift.contains(&r.w.a.volunteer.full_name()), "{shift}");
    assert!(shift.contains("Under-filled: needs 1 more"));
    page.assert_contains(r#"class="org-nav""#);

    let print = admin
        .get(&r.path(&format!("/rota/day?date={}&print=1", r.monday)))
        .await;
    print.assert_status(StatusCode::OK);
    print
        .assert_lacks(r#"class="org-nav""#)
        .assert_lacks("header-nav");
    print.assert_contains(&r.w.a.volunteer.full_name());
    let week = admin
        .get(&r.path(&format!("/rota?week={}&print=1", r.monday)))
        .await;
    week.assert_status(StatusCode::OK);
    week.assert_lacks(r#"class="org-nav""#)
        .assert_lacks("<form");
    week.assert_contains("Back to the rota")
        .assert_contains("Under-filled: needs 1 more");
}

#[tokio::test]
async fn supervisors_see_their_own_sites_and_who_is_coming_today() {
    let r = Rota::new().await;
    let (w, a) = (&r.w, &r.w.a);
    let today = from_utc(Utc::now()).date();
    let now_shift = add(w, a, a.role, a.site, today, ("00:00", "23:59"), (1, 3)).await;
    book(w, &now_shift, &a.volunteer).await;
    let elsewhere = add(
        w,
        a,
        r.ward9_role,
        r.ward9,
        today,
        ("00:00", "23:59"),
        (1, 3),
    )
    .await;
    book(w, &elsewhere, &w.a_volunteer2).await;

    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    let page = supervisor.get(&a.path("/today")).await;
    page.assert_status(StatusCode::OK);
    page.assert_contains("Who is coming today");
    page.assert_contains(&a.volunteer.full_name());
    page.assert_lacks(&w.a_volunteer2.full_name())
        .assert_lacks("Ward 9");

    let week = supervisor
        .get(&a.path(&format!("/rota?week={}", r.monday)))
        .await;
    week.assert_status(StatusCode::OK);
    week.assert_contains("2 shifts this week");
    week.assert_lacks(r#"<th scope="row">Ward 9</th>"#);
    week.assert_lacks(&format!(r#"<option value="{}""#, r.ward9));
    let wednesday = supervisor
        .get(&a.path(&format!("/rota/day?date={}", r.monday + Days::new(2))))
        .await;
    wednesday.assert_contains("There are no shifts on this day");
    // Supervisors only look; they cannot add shifts.
    let form = supervisor.get(&a.path("/rota/new")).await;
    form.assert_status(StatusCode::FORBIDDEN);

    // A manager sees every site today, and can pick one.
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let all = admin.get(&a.path("/today")).await;
    all.assert_contains(&a.volunteer.full_name());
    all.assert_contains(&w.a_volunteer2.full_name());
    let one = admin
        .get(&a.path(&format!("/today?site={}", r.ward9)))
        .await;
    one.assert_contains(&w.a_volunteer2.full_name());
    one.assert_lacks(&a.volunteer.full_name());
}
