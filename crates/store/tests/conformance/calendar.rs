//! Calendar feeds and notification preferences in the store, and the day-before reminders
//! through the app: one per booking however often the queue runs, none for cancelled bookings
//! or shifts, none for a volunteer who opted out, and nothing of anyone else's.

use std::sync::Arc;

use app::ports::CalendarFeed;
use app::{App, FixedClock, Store, Write};
use chrono::{DateTime, Duration, Utc};
use domain::audit::{Actor, AuditEntry};
use domain::notification::{Channel, NotificationKind};
use domain::rota::{Booking, BookingStatus};

use crate::fixtures::{organisation, person};
use crate::rota::{morning, set_up};

fn feed(person: domain::ids::PersonId, hash: &str) -> CalendarFeed {
    CalendarFeed {
        person_id: person,
        token_hash: hash.into(),
        created_at: morning(0),
    }
}

async fn feeds_and_preferences_are_kept_per_person(store: Arc<dyn Store>) {
    let (bea, cal) = (person("Bea", "Booker"), person("Cal", "Colleague"));
    store
        .apply(vec![
            Write::InsertPerson(bea.clone(), None),
            Write::InsertPerson(cal.clone(), None),
        ])
        .await
        .unwrap();
    assert!(
        store
            .notification_preferences(bea.id)
            .await
            .unwrap()
            .is_empty()
    );
    let put = |chosen: Vec<(NotificationKind, Channel)>| {
        Write::PutNotificationPreferences(bea.id, chosen)
    };
    store
        .apply(vec![put(vec![(NotificationKind::Reminder, Channel::None)])])
        .await
        .unwrap();
    store
        .apply(vec![put(vec![
            (NotificationKind::Reminder, Channel::Email),
            (NotificationKind::Cancellation, Channel::None),
        ])])
        .await
        .unwrap();
    let mut chosen = store.notification_preferences(bea.id).await.unwrap();
    chosen.sort();
    assert_eq!(
        chosen,
        vec![
            (NotificationKind::Reminder, Channel::Email),
            (NotificationKind::Cancellation, Channel::None),
        ]
    );
    assert!(
        store
            .notification_preferences(cal.id)
            .await
            .unwrap()
            .is_empty()
    );

    // One feed a person: a new one replaces the old, and deleting it leaves none.
    store
        .apply(vec![Write::PutCalendarFeed(feed(bea.id, "aaa"))])
        .await
        .unwrap();
    store
        .apply(vec![Write::PutCalendarFeed(feed(cal.id, "ccc"))])
        .await
        .unwrap();
    assert_eq!(
        store.calendar_feed("aaa").await.unwrap(),
        Some(feed(bea.id, "aaa"))
    );
    store
        .apply(vec![Write::PutCalendarFeed(feed(bea.id, "bbb"))])
        .await
        .unwrap();
    assert_eq!(store.calendar_feed("aaa").await.unwrap(), None);
    assert_eq!(
        store.calendar_feed_of(bea.id).await.unwrap(),
        Some(feed(bea.id, "bbb"))
    );
    store
        .apply(vec![Write::DeleteCalendarFeed(bea.id)])
        .await
        .unwrap();
    assert_eq!(store.calendar_feed("bbb").await.unwrap(), None);
    assert_eq!(store.calendar_feed_of(bea.id).await.unwrap(), None);
    assert_eq!(
        store.calendar_feed("ccc").await.unwrap(),
        Some(feed(cal.id, "ccc"))
    );
}
conformance!(feeds_and_preferences_are_kept_per_person);

async fn booked_shifts_carry_names_and_changes(store: Arc<dyn Store>) {
    // Shifts on days 1, 2 and 3 (10:00-13:00 BST); two volunteers.
    let (org, people, shifts) = set_up(&store, 2, &[(1, 3, 2), (2, 3, 2), (3, 3, 2)]).await;
    let now = morning(-7);
    let first = Booking::new(&shifts[0], people[0], now);
    let second = Booking::new(&shifts[1], people[0], now);
    let theirs = Booking::new(&shifts[2], people[1], now);
    let cancelled = second.cancel("Unwell", now + Duration::hours(1)).unwrap();
    let audit = |action: &str, at: DateTime<Utc>| {
        let entry = AuditEntry::new(
            Some(org.id),
            Actor::System,
            action,
            "shift",
            shifts[0].id.0,
            at,
        );
        Write::Audit(entry)
    };
    store
        .apply(vec![
            Write::BookShift(first.clone()),
            Write::BookShift(second.clone()),
            Write::BookShift(theirs.clone()),
            Write::CancelBooking(cancelled),
            audit("shift.created", now),
            audit("booking.created", now),
            audit("shift.updated", now + Duration::hours(2)),
            audit("shift.updated", now + Duration::hours(3)),
        ])
        .await
        .unwrap();
    let mine = store.booked_shifts_of(people[0], morning(0)).await.unwrap();
    assert_eq!(
        mine.len(),
        2,
        "both of theirs, cancelled or not, and nobody else's"
    );
    assert_eq!(mine[0].booking.id, first.id);
    assert_eq!(mine[0].shift.id, shifts[0].id);
    assert_eq!(mine[0].shift.starts_at, shifts[0].starts_at);
    assert_eq!(mine[0].role_title, "Ward visitor");
    assert_eq!(mine[0].site_name, "Ward 7");
    assert_eq!(mine[0].site_postcode.as_deref(), Some("LS1 3EX"));
    assert_eq!(mine[0].organisation_name, "Ashby Trust");
    assert_eq!(
        mine[0].shift_changes, 2,
        "only changes, not creation or bookings"
    );
    assert_eq!(mine[0].shift_changed_at, Some(now + Duration::hours(3)));
    assert_eq!(mine[1].booking.status, BookingStatus::Cancelled);
    assert_eq!(mine[1].shift_changes, 0);
    assert_eq!(mine[1].shift_changed_at, None);
    // Shifts before `since` are left out.
    let later = store.booked_shifts_of(people[0], morning(2)).await.unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].booking.id, second.id);
    // Standing bookings on shifts starting in a range, in any organisation.
    let due = store
        .bookings_starting_between(morning(1), morning(3))
        .await
        .unwrap();
    assert_eq!(due.iter().map(|b| b.id).collect::<Vec<_>>(), vec![first.id]);
    // One booking by organisation: another organisation finds nothing.
    assert!(
        store
            .booked_shift(org.id, theirs.id)
            .await
            .unwrap()
            .is_some()
    );
    let other = organisation("Bramble Hospice");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert!(
        store
            .booked_shift(other.id, theirs.id)
            .await
            .unwrap()
            .is_none()
    );
}
conformance!(booked_shifts_carry_names_and_changes);

/// The reminder subjects sent to `email`.
async fn reminders_to(store: &Arc<dyn Store>, email: &str) -> usize {
    store
        .recent_messages(500)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.to == email && m.subject.starts_with("Tomorrow: Ward visitor at Ward 7"))
        .count()
}

async fn day_before_reminders_go_once_per_booking(store: Arc<dyn Store>) {
    // Day 1 (Wednesday 2 June 2027), 10:00 BST: two shifts; day 2: one.
    let (org, people, shifts) = set_up(&store, 6, &[(1, 3, 6), (1, 3, 6), (2, 3, 6)]).await;
    let booked_at = morning(-7);
    let book = |i: usize, s: usize| Booking::new(&shifts[s], people[i], booked_at);
    let bookings: Vec<Booking> = [(0, 0), (1, 0), (2, 0), (3, 1), (4, 2), (5, 0)]
        .iter()
        .map(|&(i, s)| book(i, s))
        .collect();
    store
        .apply(bookings.iter().cloned().map(Write::BookShift).collect())
        .await
        .unwrap();
    // 1 cancelled their place; 2 wants no reminders; shift 1 (person 3's) was cancelled.
    store
        .apply(vec![
            Write::CancelBooking(bookings[1].cancel("Away", booked_at).unwrap()),
            Write::PutNotificationPreferences(
                people[2],
                vec![(NotificationKind::Reminder, Channel::None)],
            ),
            Write::CancelShift {
                organisation_id: org.id,
                id: shifts[1].id,
                reason: "Ward closed".into(),
                at: booked_at,
                bookings: vec![bookings[3].cancel("Ward closed", booked_at).unwrap()],
            },
        ])
        .await
        .unwrap();
    let emails: Vec<String> = {
        let mut e = Vec::new();
        for p in &people {
            e.push(
                store
                    .person(*p)
                    .await
                    .unwrap()
                    .unwrap()
                    .email
                    .as_str()
                    .to_owned(),
            );
        }
        e
    };

    // Two days before: nothing is due yet.
    let app_at =
        |t: DateTime<Utc>| App::new(store.clone(), Arc::new(FixedClock(t)), "http://localhost");
    let early = app_at(morning(-1));
    early.schedule_jobs().await.unwrap();
    assert_eq!(early.run_jobs("a", 100).await.unwrap().done, 0);

    // At 07:00 the day before, the reminders are queued but wait for the morning.
    let dawn = morning(0) - Duration::hours(3);
    app_at(dawn).schedule_jobs().await.unwrap();
    assert_eq!(app_at(dawn).run_jobs("a", 100).await.unwrap().done, 0);
    assert_eq!(reminders_to(&store, &emails[0]).await, 0);

    // The afternoon before: scheduling twice, by two servers, adds one job per booking.
    let eve = morning(0) + Duration::hours(6);
    for worker in ["a", "b"] {
        app_at(eve).schedule_jobs().await.unwrap();
        app_at(eve).run_jobs(worker, 100).await.unwrap();
    }
    assert_eq!(reminders_to(&store, &emails[0]).await, 1);
    assert_eq!(reminders_to(&store, &emails[5]).await, 1);
    for (i, why) in [
        (1, "cancelled place"),
        (2, "opted out"),
        (3, "cancelled shift"),
        (4, "day after"),
    ] {
        assert_eq!(
            reminders_to(&store, &emails[i]).await,
            0,
            "person {i}: {why}"
        );
    }
    let body = store
        .recent_messages(500)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.to == emails[0] && m.subject.starts_with("Tomorrow:"))
        .unwrap();
    assert!(
        body.subject
            .contains("Wednesday 2 June 2027, 10:00 to 13:00"),
        "{}",
        body.subject
    );
    assert!(body.body.contains("Ashby Trust") && body.body.contains("/my/notifications"));

    // A later run the same evening sends nothing more.
    let later = eve + Duration::hours(1);
    app_at(later).schedule_jobs().await.unwrap();
    app_at(later).run_jobs("c", 100).await.unwrap();
    assert_eq!(reminders_to(&store, &emails[0]).await, 1);

    // A booking cancelled between scheduling and running gets no reminder.
    let next_eve = eve + Duration::days(1);
    app_at(next_eve).schedule_jobs().await.unwrap();
    store
        .apply(vec![Write::CancelBooking(
            bookings[4].cancel("Sorry", next_eve).unwrap(),
        )])
        .await
        .unwrap();
    app_at(next_eve).run_jobs("a", 100).await.unwrap();
    assert_eq!(reminders_to(&store, &emails[4]).await, 0);
}
conformance!(day_before_reminders_go_once_per_booking);
