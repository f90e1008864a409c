//! Overdue reviews of shared resources are emailed once per review date: to the owning
//! organisation's managers (not its supervisors) or to the person who owns it, never for a
//! withdrawn resource or one not yet due.

use std::sync::Arc;

use app::ports::LibraryWrite;
use app::{App, FixedClock, Store, Write};
use chrono::{TimeZone, Utc};
use domain::ids::StaffMemberId;
use domain::network::Audience;
use domain::network::resource::{Owner, ResourceKind};
use domain::staff::{Permission, StaffMember};

use crate::fixtures::{at, day, person};
use crate::resources::{resource, set_up};

async fn reminders(store: &Arc<dyn Store>, to: &str) -> Vec<String> {
    store
        .recent_messages(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to == to && m.subject.starts_with("Time to review"))
        .map(|m| m.subject)
        .collect()
}

async fn run_on(store: &Arc<dyn Store>, y: i32, m: u32, d: u32) {
    let app = App::new(
        store.clone(),
        Arc::new(FixedClock(Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap())),
        "https://alongside.example",
    );
    app.schedule_jobs().await.unwrap();
    app.run_jobs("worker", 100).await.unwrap();
}

async fn overdue_reviews_are_emailed_once_to_whoever_looks_after_them(store: Arc<dyn Store>) {
    let lib = set_up(&store).await;
    let manager = person("Mo", "Farah");
    let supervisor = person("Sam", "Ward");
    let staff = |p: &domain::person::Person, permission| StaffMember {
        id: StaffMemberId::new(),
        organisation_id: lib.org,
        person_id: p.id,
        permission,
        site_ids: vec![],
    };
    // Due on 5 March 2027, owned by the hospice.
    let guide = resource(
        &lib,
        "Welcome guide",
        ResourceKind::Guide,
        Audience::Public,
        &[],
    );
    // Due on 10 March, owned by a person.
    let mut policy = resource(
        &lib,
        "Lone working",
        ResourceKind::Policy,
        Audience::Members,
        &[],
    );
    policy.review_on = day(2027, 3, 10);
    policy.owner = Owner::Person {
        person_id: lib.person,
        name: "Asha Patel".into(),
    };
    // Overdue but withdrawn.
    let old = resource(
        &lib,
        "Old leaflet",
        ResourceKind::Guide,
        Audience::Public,
        &[],
    );
    store
        .apply(vec![
            Write::InsertPerson(manager.clone(), None),
            Write::InsertPerson(supervisor.clone(), None),
            Write::PutStaffMember(staff(&manager, Permission::VolunteerManager)),
            Write::PutStaffMember(staff(&supervisor, Permission::Supervisor)),
            Write::Library(LibraryWrite::InsertResource(guide, None)),
            Write::Library(LibraryWrite::InsertResource(policy, None)),
            Write::Library(LibraryWrite::InsertResource(old.clone(), None)),
            Write::Library(LibraryWrite::WithdrawResource(
                lib.network.id,
                old.id,
                at(3, 9),
            )),
        ])
        .await
        .unwrap();
    let asha = store.person(lib.person).await.unwrap().unwrap();

    // On the review day itself nothing is overdue yet.
    run_on(&store, 2027, 3, 5).await;
    assert!(reminders(&store, manager.email.as_str()).await.is_empty());

    // The next day, and the day after, the hospice's manager has one reminder.
    run_on(&store, 2027, 3, 6).await;
    run_on(&store, 2027, 3, 7).await;
    assert_eq!(
        reminders(&store, manager.email.as_str()).await,
        vec!["Time to review \"Welcome guide\"".to_owned()]
    );
    assert!(
        reminders(&store, supervisor.email.as_str())
            .await
            .is_empty()
    );
    assert!(reminders(&store, asha.email.as_str()).await.is_empty());

    // Once the person's policy is overdue, they are told, once.
    run_on(&store, 2027, 3, 11).await;
    run_on(&store, 2027, 3, 12).await;
    assert_eq!(
        reminders(&store, asha.email.as_str()).await,
        vec!["Time to review \"Lone working\"".to_owned()]
    );
    let all = store.recent_messages(100).await.unwrap();
    assert!(!all.iter().any(|m| m.subject.contains("Old leaflet")));
}
conformance!(overdue_reviews_are_emailed_once_to_whoever_looks_after_them);
