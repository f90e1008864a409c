//! A volunteer's shifts: the shifts they can do (only roles they are active in, and only days
//! they are eligible on), booking one, refusals shown in an error summary, cancelling with a
//! reason (late notice flagged), and nobody else's bookings or organisations.

use app::AppError;
use axum::http::StatusCode;
use chrono::{Duration, Months, Utc};
use domain::application::ApplicationStatus;
use domain::compliance::CheckKind;
use domain::compliance::check::CheckInput;
use domain::ids::{PersonId, RoleId};
use domain::person::Person;
use domain::rota::{BookingStatus, Shift, ShiftInput};

use crate::support::{STATEMENT, World, role_input};

/// An organisation with a ward visitor role (fire safety needed, running out in ten days), two
/// active volunteers in it, and shifts.
struct Rota {
    w: World,
    bea: Person,
    cal: Person,
    /// Five days ahead, 10:00 to 13:00, two places.
    soon: Shift,
    /// The same day, 12:00 to 15:00: overlaps `soon`.
    clash: Shift,
    /// Six days ahead, one place.
    single: Shift,
    /// Twenty days ahead: fire safety has run out by then.
    later: Shift,
    /// Tomorrow: cancelling it is late notice.
    tomorrow: Shift,
    /// A shift of a role Bea is not active in.
    garden: Shift,
}

impl Rota {
    async fn new() -> Self {
        let w = World::new().await;
        let app = w.site.app.clone();
        let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
        let fire = app
            .catalogue(&scope)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.code == "cstf-fire-safety")
            .unwrap();
        let role = w
            .site
            .publish(
                &scope,
                &domain::role::RoleInput {
                    dbs_level: "none".into(),
                    dbs_workforce: String::new(),
                    requirement_type_ids: vec![fire.id],
                    ..role_input("Ward visitor", w.a.site, STATEMENT)
                },
            )
            .await;
        let garden_role = w
            .site
            .publish(
                &scope,
                &domain::role::RoleInput {
                    dbs_level: "none".into(),
                    dbs_workforce: String::new(),
                    ..role_input("Garden helper", w.a.site, STATEMENT)
                },
            )
            .await;
        let bea = w
            .site
            .person("Bea", "Booker", "bea@example.org", "1979-09-09")
            .await;
        let cal = w
            .site
            .person("Cal", "Colleague", "cal@example.org", "1981-02-03")
            .await;
        let mut rota_shifts = Vec::new();
        for (days, start, end, max, role_id) in [
            (5, "10:00", "13:00", "2", role.id),
            (5, "12:00", "15:00", "2", role.id),
            (6, "10:00", "13:00", "1", role.id),
            (20, "10:00", "13:00", "2", role.id),
            (1, "10:00", "13:00", "2", role.id),
            (5, "16:00", "17:00", "2", garden_role.id),
        ] {
            let input = ShiftInput {
                date: (Utc::now().date_naive() + Duration::days(days)).to_string(),
                start_time: start.into(),
                end_time: end.into(),
                min_volunteers: "1".into(),
                max_volunteers: max.into(),
                notes: String::new(),
            };
            rota_shifts.push(
                app.add_shift(&scope, role_id, w.a.site, &input)
                    .await
                    .unwrap(),
            );
        }
        let mut it = rota_shifts.into_iter();
        let mut next = || it.next().unwrap();
        let r = Self {
            soon: next(),
            clash: next(),
            single: next(),
            later: next(),
            tomorrow: next(),
            garden: next(),
            bea,
            cal,
            w,
        };
        r.activate(r.bea.id, role.id).await;
        r.activate(r.cal.id, role.id).await;
        r
    }

    /// Applies, is accepted, has fire safety (done two years ago less ten days) and is active.
    async fn activate(&self, person: PersonId, role: RoleId) {
        let app = &self.w.site.app;
        let scope = self.w.site.scope(&self.w.a.admin, &self.w.a.slug).await;
        let who = app.store.person(person).await.unwrap().unwrap();
        let application = self.w.site.apply(&who, role).await;
        app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
            .await
            .unwrap();
        let lists = app.checklists(&scope, person).await.unwrap();
        let item = lists[0]
            .items
            .iter()
            .find_map(|i| i.check.clone().filter(|c| c.kind == CheckKind::Training))
            .unwrap();
        let done = Utc::now().date_naive() - Months::new(24) + Duration::days(10);
        app.record_check(
            &scope,
            item.id,
            &CheckInput {
                action: "verify".into(),
                issued_on: done.to_string(),
                ..CheckInput::default()
            },
        )
        .await
        .unwrap();
        app.activate_placement(&scope, lists[0].placement.placement.id)
            .await
            .unwrap();
    }

    fn book_path(&self, shift: &Shift) -> String {
        format!("/my/shifts/{}/{}/book", self.w.a.slug, shift.id)
    }

    async fn bookings(&self, person: &Person) -> Vec<domain::rota::Booking> {
        self.w.site.app.my_bookings(person.id).await.unwrap()
    }
}

#[tokio::test]
async fn a_volunteer_sees_only_shifts_they_can_do_and_books_one() {
    let r = Rota::new().await;
    let mut bea = r.w.site.signed_in("bea@example.org").await;
    let page = bea.get("/my/shifts/available").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<h1>Shifts I can do</h1>")
        .assert_contains(&r.book_path(&r.soon))
        .assert_contains(&r.book_path(&r.clash))
        .assert_contains(&r.book_path(&r.tomorrow))
        .assert_lacks(&r.book_path(&r.later))
        .assert_lacks(&r.garden.id.to_string())
        .assert_lacks("Garden helper")
        .assert_contains("10:00 to 13:00")
        .assert_contains(&r.w.a.name);

    // Someone not active anywhere sees none of them.
    let mut vera = r.w.site.signed_in("vera@trust.example.org").await;
    vera.get("/my/shifts/available")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("There are no shifts you can book")
        .assert_lacks(&r.soon.id.to_string());

    let done = bea.submit(&r.book_path(&r.soon), &[]).await;
    assert_eq!(done.redirect(), "/my/shifts?done=booked");
    let mine = r.bookings(&r.bea).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].shift_id, r.soon.id);
    bea.get("/my/shifts")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<h1>My shifts</h1>")
        .assert_contains(&format!("booking-{}", mine[0].id))
        .assert_contains("Ward visitor")
        .assert_contains("trust General Hospital")
        .assert_contains("10:00 to 13:00");
    // It stays on offer, marked as booked, without a Book button.
    bea.get("/my/shifts/available")
        .await
        .assert_lacks(&r.book_path(&r.soon))
        .assert_contains("You have a place on this shift");
}

#[tokio::test]
async fn full_overlapping_and_ineligible_shifts_are_refused_saying_why() {
    let r = Rota::new().await;
    let app = &r.w.site.app;
    app.book_shift(r.bea.id, &r.w.a.slug, r.soon.id)
        .await
        .unwrap();
    let mut bea = r.w.site.signed_in("bea@example.org").await;

    let clash = bea.submit(&r.book_path(&r.clash), &[]).await;
    clash
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("There is a problem")
        .assert_contains("<title>Error: ")
        .assert_contains("You already have a place on a shift at that time")
        .assert_contains(r##"href="#shifts""##)
        .assert_contains(r#"id="shifts""#);

    app.book_shift(r.cal.id, &r.w.a.slug, r.single.id)
        .await
        .unwrap();
    bea.submit(&r.book_path(&r.single), &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This shift is full");
    // A full shift is no longer on offer.
    bea.get("/my/shifts/available")
        .await
        .assert_lacks(&r.book_path(&r.single))
        .assert_contains(&r.book_path(&r.tomorrow));

    bea.submit(&r.book_path(&r.later), &[])
        .await
        .assert_errors(&["shifts"])
        .assert_contains("Fire safety: expired after");

    let mine = r.bookings(&r.bea).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].shift_id, r.soon.id);
    assert_eq!(r.bookings(&r.cal).await.len(), 1);
}

#[tokio::test]
async fn cancelling_needs_a_reason_and_late_notice_is_flagged() {
    let r = Rota::new().await;
    let app = &r.w.site.app;
    let soon = app
        .book_shift(r.bea.id, &r.w.a.slug, r.soon.id)
        .await
        .unwrap();
    let near = app
        .book_shift(r.bea.id, &r.w.a.slug, r.tomorrow.id)
        .await
        .unwrap();
    let mut bea = r.w.site.signed_in("bea@example.org").await;
    let page = bea.get("/my/shifts").await;
    let card = |id: &str| {
        let at = page.body.find(&format!(r#"id="booking-{id}""#)).unwrap();
        let rest = &page.body[at..];
        rest[..rest.find("</form>").unwrap()].to_owned()
    };
    assert!(card(&near.id.to_string()).contains("This is late notice"));
    assert!(!card(&soon.id.to_string()).contains("This is late notice"));

    let cancel = |b: &domain::rota::Booking| format!("/my/shifts/{}/cancel", b.id);
    bea.submit(&cancel(&soon), &[("reason", "  ")])
        .await
        .assert_errors(&[format!("{}-reason", soon.id).as_str()])
        .assert_contains("why you cannot come");
    assert!(
        r.bookings(&r.bea)
            .await
            .iter()
            .all(|b| b.status == BookingStatus::Booked)
    );

    let done = bea.submit(&cancel(&near), &[("reason", "Unwell")]).await;
    assert_eq!(done.redirect(), "/my/shifts?done=late");
    let done = bea
        .submit(&cancel(&soon), &[("reason", "Family visiting")])
        .await;
    assert_eq!(done.redirect(), "/my/shifts?done=cancelled");
    let mine = r.bookings(&r.bea).await;
    let near_now = mine.iter().find(|b| b.id == near.id).unwrap();
    assert_eq!(near_now.status, BookingStatus::Cancelled);
    assert!(near_now.late);
    assert!(!mine.iter().find(|b| b.id == soon.id).unwrap().late);
    bea.get("/my/shifts?done=late")
        .await
        .assert_contains("late cancellation")
        .assert_contains("Cancelled (late notice): Unwell")
        .assert_contains("You have no shifts booked");
}

#[tokio::test]
async fn nobody_else_s_bookings_or_organisations_and_forms_need_the_token() {
    let r = Rota::new().await;
    let app = &r.w.site.app;
    let cals = app
        .book_shift(r.cal.id, &r.w.a.slug, r.soon.id)
        .await
        .unwrap();
    let mut bea = r.w.site.signed_in("bea@example.org").await;

    // Another person's booking is not found, and stands.
    bea.submit(
        &format!("/my/shifts/{}/cancel", cals.id),
        &[("reason", "Not mine")],
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    bea.submit("/my/shifts/not-an-id/cancel", &[("reason", "x")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(r.bookings(&r.cal).await[0].status, BookingStatus::Booked);

    // Another organisation's slug, or none, finds nothing to book.
    for slug in [r.w.b.slug.as_str(), "no-such-place"] {
        bea.submit(&format!("/my/shifts/{slug}/{}/book", r.soon.id), &[])
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Another organisation's volunteer sees none of these shifts and cannot book them.
    let mut hospice = r.w.site.signed_in("vera@hospice.example.org").await;
    hospice
        .get("/my/shifts/available")
        .await
        .assert_lacks(&r.soon.id.to_string());
    hospice
        .submit(&r.book_path(&r.soon), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert!(matches!(
        app.book_shift(r.w.b.volunteer.id, &r.w.a.slug, r.soon.id)
            .await,
        Err(AppError::NotFound)
    ));

    // Without the page's token nothing happens.
    bea.post(&r.book_path(&r.soon), &[("_csrf", "forged")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mine = app
        .book_shift(r.bea.id, &r.w.a.slug, r.tomorrow.id)
        .await
        .unwrap();
    bea.post(
        &format!("/my/shifts/{}/cancel", mine.id),
        &[("reason", "Busy")],
    )
    .await
    .assert_status(StatusCode::FORBIDDEN);
    let now = r.bookings(&r.bea).await;
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].status, BookingStatus::Booked);

    // Signed out, the pages ask you to sign in.
    let mut visitor = r.w.site.browser();
    assert_eq!(
        visitor.get("/my/shifts").await.redirect(),
        "/sign-in?next=%2Fmy%2Fshifts"
    );
    assert_eq!(
        visitor.get("/my/shifts/available").await.redirect(),
        "/sign-in?next=%2Fmy%2Fshifts%2Favailable"
    );
}

#[tokio::test]
async fn shifts_i_can_do_filter_by_day_and_time_of_day() {
    let r = Rota::new().await;
    let mut bea = r.w.site.signed_in("bea@example.org").await;
    // "soon" starts at 10:00 and "clash" at 12:00 on the same day; "tomorrow" at 10:00.
    let day = domain::rota::from_utc(r.soon.starts_at)
        .format("%a")
        .to_string();
    let mornings = bea
        .get(&format!("/my/shifts/available?day={day}&time=morning"))
        .await;
    mornings
        .assert_status(StatusCode::OK)
        .assert_contains(&r.book_path(&r.soon))
        .assert_lacks(&r.book_path(&r.clash));
    let afternoons = bea
        .get(&format!("/my/shifts/available?day={day}&time=afternoon"))
        .await;
    afternoons
        .assert_contains(&r.book_path(&r.clash))
        .assert_lacks(&r.book_path(&r.soon))
        .assert_lacks(&r.book_path(&r.tomorrow));
    // Unknown values are ignored rather than hiding everything.
    bea.get("/my/shifts/available?day=someday&time=teatime")
        .await
        .assert_contains(&r.book_path(&r.soon))
        .assert_contains(&r.book_path(&r.tomorrow));
}
