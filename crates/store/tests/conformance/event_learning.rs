//! Learning events after sign-up: the day-before reminder sent once per place, and people's own
//! learning kept and removed only by its owner.

use std::sync::Arc;

use app::ports::EventWrite;
use app::{Store, Write};
use chrono::{Duration, TimeZone, Utc};

use crate::events::{now, register, set_up};
use crate::fixtures::assert_conflict;

async fn the_day_before_each_place_gets_one_reminder(store: Arc<dyn Store>) {
    use app::{App, FixedClock};
    let (event, people) = set_up(&store, 3, 2).await;
    for p in &people {
        store
            .apply(vec![register(&event, *p, now())])
            .await
            .unwrap();
    }
    // The event is on 5 March 2027 at 10:00; on the 4th, those with places are reminded.
    let eve = Utc.with_ymd_and_hms(2027, 3, 4, 12, 0, 0).unwrap();
    let app = App::new(
        store.clone(),
        Arc::new(FixedClock(eve)),
        "https://alongside.example",
    );
    for _ in 0..2 {
        app.schedule_jobs().await.unwrap();
        app.run_jobs("worker", 100).await.unwrap();
    }
    let reminders: Vec<_> = store
        .recent_messages(50)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject == "Tomorrow: Recruiting younger volunteers")
        .collect();
    // Two places, each reminded once; the person waiting is not.
    assert_eq!(reminders.len(), 2);
    assert!(
        reminders[0]
            .body
            .contains("Joining link: https://meet.example.org/abc")
    );
    assert!(
        reminders[0]
            .body
            .contains("Friday 5 March 2027, 10:00 to 12:00")
    );
    // Two days before, nothing is due.
    let earlier = App::new(
        store.clone(),
        Arc::new(FixedClock(eve - Duration::days(1))),
        "https://alongside.example",
    );
    let (other, more) = set_up(&store, 1, 2).await;
    store
        .apply(vec![register(&other, more[0], now())])
        .await
        .unwrap();
    earlier.schedule_jobs().await.unwrap();
    earlier.run_jobs("worker", 100).await.unwrap();
    let all = store.recent_messages(50).await.unwrap();
    assert_eq!(
        all.iter()
            .filter(|m| m.subject.starts_with("Tomorrow:"))
            .count(),
        2
    );
}
conformance!(the_day_before_each_place_gets_one_reminder);

async fn own_learning_is_kept_and_removed_only_by_its_owner(store: Arc<dyn Store>) {
    let (_, people) = set_up(&store, 2, 1).await;
    let entry = domain::events::CpdInput {
        title: "Level 3 safeguarding".into(),
        provider: "County council".into(),
        done_on: "2027-01-20".into(),
        hours: "2.5".into(),
    }
    .parse(
        domain::ids::CpdEntryId::new(),
        people[0],
        crate::fixtures::day(2027, 2, 1),
        now(),
    )
    .unwrap();
    store
        .apply(vec![Write::Events(EventWrite::InsertCpdEntry(
            entry.clone(),
        ))])
        .await
        .unwrap();
    assert_eq!(
        store.cpd_entries_of(people[0]).await.unwrap(),
        vec![entry.clone()]
    );
    assert!(store.cpd_entries_of(people[1]).await.unwrap().is_empty());
    assert_conflict(
        store
            .apply(vec![Write::Events(EventWrite::DeleteCpdEntry(
                people[1], entry.id,
            ))])
            .await,
    );
    store
        .apply(vec![Write::Events(EventWrite::DeleteCpdEntry(
            people[0], entry.id,
        ))])
        .await
        .unwrap();
    assert!(store.cpd_entries_of(people[0]).await.unwrap().is_empty());
}
conformance!(own_learning_is_kept_and_removed_only_by_its_owner);
