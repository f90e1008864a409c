//! Booking shifts through the app: only volunteers active in the shift's role, and eligible on
//! the shift's day — a check that runs out before the shift blocks it.

use chrono::{Duration, Months, Utc};
use domain::application::ApplicationStatus;
use domain::compliance::CheckKind;
use domain::compliance::check::CheckInput;
use domain::rota::ShiftInput;

use crate::support::{STATEMENT, World, role_input};

#[tokio::test]
async fn only_active_eligible_volunteers_book_and_an_expiring_check_blocks_later_shifts() {
    let w = World::new().await;
    let app = &w.site.app;
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
    let volunteer = w
        .site
        .person("Bea", "Booker", "bea@example.org", "1979-09-09")
        .await;
    let today = Utc::now().date_naive();
    let shift_on = |days: i64| ShiftInput {
        date: (today + Duration::days(days)).to_string(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        min_volunteers: "1".into(),
        max_volunteers: "2".into(),
        notes: String::new(),
    };
    let soon = app
        .add_shift(&scope, role.id, w.a.site, &shift_on(5))
        .await
        .unwrap();
    let later = app
        .add_shift(&scope, role.id, w.a.site, &shift_on(20))
        .await
        .unwrap();

    // Not yet active in the role: the shift is not theirs to book.
    let application = w.site.apply(&volunteer, role.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    assert!(matches!(
        app.book_shift(volunteer.id, &w.a.slug, soon.id).await,
        Err(app::AppError::NotFound)
    ));

    // Fire safety done two years ago less ten days: it runs out in ten days.
    let lists = app.checklists(&scope, volunteer.id).await.unwrap();
    let item = lists[0]
        .items
        .iter()
        .find_map(|i| i.check.clone().filter(|c| c.kind == CheckKind::Training))
        .unwrap();
    let done = today - Months::new(24) + Duration::days(10);
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

    // The shift in five days: booked. The one in twenty: blocked, saying why.
    let booking = app
        .book_shift(volunteer.id, &w.a.slug, soon.id)
        .await
        .unwrap();
    let refused = app
        .book_shift(volunteer.id, &w.a.slug, later.id)
        .await
        .unwrap_err();
    match refused {
        app::AppError::Invalid(errors) => {
            assert!(
                errors
                    .get("eligibility")
                    .unwrap()
                    .starts_with("Fire safety: expired after"),
                "{errors:?}"
            );
        }
        other => panic!("expected the eligibility blocks, got {other:?}"),
    }
    // Another organisation's slug finds nothing.
    assert!(matches!(
        app.book_shift(volunteer.id, &w.b.slug, soon.id).await,
        Err(app::AppError::NotFound)
    ));

    // Cancelling needs a reason; five days ahead is in good time.
    assert!(
        app.cancel_booking(volunteer.id, booking.id, " ")
            .await
            .is_err()
    );
    let cancelled = app
        .cancel_booking(volunteer.id, booking.id, "Family visiting")
        .await
        .unwrap();
    assert!(!cancelled.late);
    let rows = app
        .shifts_between(&scope, Utc::now(), Utc::now() + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.booked == 0));
}

#[tokio::test]
async fn a_weekly_series_keeps_its_uk_times_across_the_clock_change() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = app
        .create_role(
            &scope,
            &role_input("Mealtime companion", w.a.site, STATEMENT),
        )
        .await
        .unwrap();
    let input = ShiftInput {
        date: "2027-03-23".into(),
        start_time: "10:00".into(),
        end_time: "13:00".into(),
        min_volunteers: "2".into(),
        max_volunteers: "4".into(),
        notes: "Ward 7 day room".into(),
    };
    let repeat = domain::rota::RecurrenceInput {
        weekdays: vec!["tue".into(), "thu".into()],
        interval_weeks: "1".into(),
        until: String::new(),
        count: "6".into(),
    };
    let shifts = app
        .add_series(&scope, role.id, w.a.site, &input, &repeat)
        .await
        .unwrap();
    let local: Vec<String> = shifts
        .iter()
        .map(|s| {
            domain::rota::from_utc(s.starts_at)
                .format("%a %-d %b %H:%M")
                .to_string()
        })
        .collect();
    assert_eq!(
        local,
        [
            "Tue 23 Mar 10:00",
            "Thu 25 Mar 10:00",
            "Tue 30 Mar 10:00",
            "Thu 1 Apr 10:00",
            "Tue 6 Apr 10:00",
            "Thu 8 Apr 10:00"
        ]
    );
    // In UTC the clock change shows: 10:00 GMT, then 09:00 UTC for 10:00 BST.
    assert_eq!(
        shifts[1].starts_at.to_rfc3339(),
        "2027-03-25T10:00:00+00:00"
    );
    assert_eq!(
        shifts[2].starts_at.to_rfc3339(),
        "2027-03-30T09:00:00+00:00"
    );
    assert!(
        shifts
            .iter()
            .all(|s| s.series_id == shifts[0].series_id && s.series_id.is_some())
    );
    let stored = app
        .shifts_between(
            &scope,
            "2027-03-01T00:00:00Z".parse().unwrap(),
            "2027-05-01T00:00:00Z".parse().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(stored.len(), 6);

    // Bad rules name their fields and add nothing.
    let bad = domain::rota::RecurrenceInput {
        weekdays: vec!["funday".into()],
        interval_weeks: "9".into(),
        ..repeat
    };
    let refused = app
        .add_series(&scope, role.id, w.a.site, &input, &bad)
        .await
        .unwrap_err();
    match refused {
        app::AppError::Invalid(errors) => {
            assert!(errors.get("weekdays").is_some(), "{errors:?}");
            assert!(errors.get("interval_weeks").is_some(), "{errors:?}");
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    // Another organisation's site is refused by name.
    let other_site = app
        .add_series(
            &scope,
            role.id,
            w.b.site,
            &input,
            &domain::rota::RecurrenceInput {
                weekdays: vec!["tue".into()],
                count: "2".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        format!("{other_site:?}").contains("site_id"),
        "{other_site:?}"
    );
    assert_eq!(
        app.shifts_between(
            &scope,
            "2027-03-01T00:00:00Z".parse().unwrap(),
            "2027-05-01T00:00:00Z".parse().unwrap(),
        )
        .await
        .unwrap()
        .len(),
        6
    );
}
