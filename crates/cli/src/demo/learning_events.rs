//! A year of a network's learning events for the demo: past events with registrations, a
//! place given up and offered on, attendance and feedback; events to come with places taken
//! and a waiting list. Everything goes through the real use cases, each at the time it would
//! have happened (an `App` whose clock is fixed then), so statuses, offers and emails are what
//! the live system would have written.

use std::sync::Arc;

use anyhow::{Context, Result};
use app::{App, FixedClock};
use chrono::{DateTime, Duration, Utc};
use domain::events::{EventInput, FeedbackInput, RegistrationStatus};
use domain::ids::PersonId;

/// The year's programme: title, format, places, who it is for.
const PROGRAMME: &[(&str, &str, u32, &str)] = &[
    ("Recruiting younger volunteers", "online", 6, "public"),
    (
        "Safeguarding refresher for volunteer managers",
        "in_person",
        5,
        "members",
    ),
    (
        "Measuring the difference volunteers make",
        "hybrid",
        6,
        "public",
    ),
    ("Supporting volunteers' wellbeing", "online", 5, "members"),
    (
        "Volunteering in discharge support",
        "in_person",
        6,
        "public",
    ),
    (
        "Inclusive volunteering: reaching new communities",
        "online",
        6,
        "public",
    ),
    ("Working with ward teams", "hybrid", 5, "members"),
    (
        "Expenses and the law for volunteer managers",
        "online",
        6,
        "public",
    ),
    ("Planning the winter rota", "in_person", 4, "members"),
    (
        "Volunteer passports across the system",
        "online",
        6,
        "public",
    ),
    ("Recognising volunteers", "hybrid", 5, "public"),
    ("Looking back on the year", "in_person", 6, "members"),
];

/// The app as it was at `at`, but never later than now: demo data has no future, so nothing it
/// queues (an offer's email) waits to go out after the demo's emails are held.
fn at(app: &App, at: DateTime<Utc>) -> App {
    App::new(
        app.store.clone(),
        Arc::new(FixedClock(at.min(app.clock.now()))),
        app.base_url.clone(),
    )
}

/// Adds the network's year of learning events, run by `coordinator`, with `people` (at least
/// eight) registering. Events run monthly from eight months ago to four months ahead. Returns
/// how many events it added.
pub async fn learning_events(
    app: &App,
    network_slug: &str,
    coordinator: PersonId,
    people: &[PersonId],
) -> Result<usize> {
    let today = app.uk_today();
    let made_at = app.clock.now() - Duration::days(300);
    let organiser = at(app, made_at);
    let access = organiser
        .network_access(network_slug, Some(coordinator))
        .await?;
    let host = organiser.network_event_host(&access);
    for (i, (title, format, capacity, visibility)) in PROGRAMME.iter().enumerate() {
        let month = i as i64 - 8;
        let date = today + Duration::days(month * 30 + 3);
        let input = EventInput {
            title: (*title).into(),
            description: format!(
                "{title}: a practical session for volunteer managers, with time for questions."
            ),
            audience_note: "Volunteer managers and coordinators".into(),
            visibility: (*visibility).into(),
            format: (*format).into(),
            venue: "Northshire Civic Centre, Leeds LS1 1UR".into(),
            joining_link: "https://meet.example.org/northshire-learning".into(),
            date: date.format("%Y-%m-%d").to_string(),
            start_time: "10:00".into(),
            end_time: if i % 2 == 0 { "12:30" } else { "13:00" }.into(),
            capacity: capacity.to_string(),
            member_price: "0".into(),
            non_member_price: if *visibility == "public" { "25" } else { "0" }.into(),
            series: format!("Learning programme {}", today.format("%Y")),
        };
        let event = organiser
            .create_event(&host, &input)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))
            .with_context(|| format!("adding {title}"))?;
        // Sign-ups three weeks before: more people than places, so some wait.
        let wanted = (*capacity as usize + 2).min(people.len());
        let coordinator_too = [coordinator];
        let keen = people
            .iter()
            .cycle()
            .skip(i)
            .take(wanted)
            .chain(coordinator_too.iter().filter(|_| i % 3 == 0));
        for (n, p) in keen.enumerate() {
            let when = at(
                app,
                event.starts_at - Duration::days(21) + Duration::minutes(n as i64),
            );
            let a = when.network_access(network_slug, Some(*p)).await?;
            let h = when.network_event_host(&a);
            // Members-only events are not for everyone: the use case says so, and they skip it.
            let _ = when.register_for_event(&h, event.id).await;
        }
        // A week later someone gives their place up; it is offered to the first waiting.
        let first = people[i % people.len()];
        let giving_up = at(app, event.starts_at - Duration::days(14));
        let a = giving_up.network_access(network_slug, Some(first)).await?;
        let _ = giving_up
            .cancel_event_registration(&giving_up.network_event_host(&a), event.id)
            .await;
        if event.starts_at > app.clock.now() {
            continue;
        }
        // Those offered took the place; then attendance, and feedback from those who came.
        let day_before = at(app, event.starts_at - Duration::days(13));
        let after = at(app, event.starts_at + Duration::hours(4));
        let registrants = app.store.event_registrants(event.id).await?;
        for r in &registrants {
            if r.registration.status == RegistrationStatus::Offered {
                let a = day_before
                    .network_access(network_slug, Some(r.registration.person_id))
                    .await?;
                let _ = day_before
                    .accept_event_offer(&day_before.network_event_host(&a), event.id)
                    .await;
            }
        }
        let a = after
            .network_access(network_slug, Some(coordinator))
            .await?;
        let organiser_after = after.network_event_host(&a);
        for (n, r) in app
            .store
            .event_registrants(event.id)
            .await?
            .into_iter()
            .filter(|r| r.registration.status == RegistrationStatus::Registered)
            .enumerate()
        {
            let came = n % 5 != 4;
            after
                .mark_event_attendance(&organiser_after, event.id, r.registration.id, came)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            if came && n % 3 != 2 {
                let answers = FeedbackInput {
                    useful: (3 + (n % 3)).to_string(),
                    comments: "Practical, and good to meet others doing the same job.".into(),
                    will_do_differently: match n % 3 {
                        0 => "Write shorter role descriptions",
                        _ => "Ask volunteers sooner how it is going",
                    }
                    .into(),
                };
                after
                    .give_event_feedback(r.registration.person_id, r.registration.id, &answers)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            }
        }
    }
    Ok(PROGRAMME.len())
}

#[cfg(test)]
mod tests {
    use app::SystemClock;
    use domain::network::NetworkInput;

    use super::*;

    #[tokio::test]
    async fn a_year_of_events_with_registrations_attendance_and_feedback() {
        let path =
            std::env::temp_dir().join(format!("alongside-demo-events-{}.db", uuid::Uuid::now_v7()));
        let store = store::open(&format!("sqlite://{}", path.display()))
            .await
            .expect("a database");
        let app = App::new(store, Arc::new(SystemClock), "http://localhost");
        let person = |n: usize| domain::person::PersonInput {
            given_name: format!("Person{n}"),
            family_name: "Demo".into(),
            email: format!("person{n}@demo.example"),
            date_of_birth: "1980-05-01".into(),
            ..Default::default()
        };
        let admin = app
            .register(&person(0), "a long password here")
            .await
            .unwrap()
            .id;
        let org = domain::organisation::OrganisationInput {
            name: "Northshire Hospice".into(),
            slug: "northshire-hospice".into(),
            sector: "nhs".into(),
            kind: "acute_trust".into(),
            ods_code: "RX1".into(),
            postcode: "LS1 4AP".into(),
            ..Default::default()
        };
        app.create_organisation(&org, admin).await.unwrap();
        let scope = app.authorise(admin, "northshire-hospice").await.unwrap();
        app.create_network(
            &scope,
            &NetworkInput {
                name: "Northshire Volunteering Partnership".into(),
                slug: "northshire".into(),
                kind: "care_partnership".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let mut people = Vec::new();
        for n in 1..=10 {
            people.push(
                app.register(&person(n), "a long password here")
                    .await
                    .unwrap()
                    .id,
            );
        }
        let added = learning_events(&app, "northshire", admin, &people)
            .await
            .unwrap();
        assert_eq!(added, 12);
        let access = app.network_access("northshire", Some(admin)).await.unwrap();
        let host = app.network_event_host(&access);
        let events = app.hosted_events(&host).await.unwrap();
        assert_eq!(events.len(), 12);
        let now = app.clock.now();
        let mut attended = 0;
        let mut feedback = 0;
        let mut waiting = 0;
        for e in &events {
            let regs = app.event_registrants(&host, e.event.id).await.unwrap();
            attended += regs
                .iter()
                .filter(|r| r.registration.status == RegistrationStatus::Attended)
                .count();
            feedback += app.event_feedback(&host, e.event.id).await.unwrap().len();
            if e.event.starts_at > now {
                waiting += e.waiting;
            }
        }
        assert!(attended > 20, "{attended} attended");
        assert!(feedback > 10, "{feedback} answers");
        assert!(waiting > 0, "future events have a waiting list");
        let (record, _) = app.my_learning(people[1]).await.unwrap();
        assert!(record.total_minutes() > 0);
    }
}
