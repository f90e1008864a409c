//! Young volunteers (16 and 17): a parent's or guardian's consent joins their checklist, roles for
//! 18 and over are closed to them, and consent stops being needed once they turn 18.

use chrono::{Datelike, Duration};
use domain::application::{ApplicationInput, ApplicationStatus};
use domain::compliance::check::CheckInput;
use domain::compliance::{Block, CheckKind};
use domain::role::RoleInput;

use crate::support::{STATEMENT, World, role_input};

#[tokio::test]
async fn a_seventeen_year_old_needs_a_guardians_consent_before_starting() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let today = chrono::Utc::now().date_naive();
    let born = today
        .with_year(today.year() - 17)
        .unwrap_or(today - Duration::days(17 * 365 + 4))
        - Duration::days(30);
    let role = w
        .site
        .publish(
            &scope,
            &RoleInput {
                dbs_level: "none".into(),
                dbs_workforce: String::new(),
                ..role_input("Young ward visitor", w.a.site, STATEMENT)
            },
        )
        .await;
    let adult_role = w
        .site
        .publish(
            &scope,
            &RoleInput {
                minimum_age: "18".into(),
                ..role_input("Discharge lounge helper", w.a.site, STATEMENT)
            },
        )
        .await;
    let young = w
        .site
        .person("Yasmin", "Young", "yasmin@example.org", &born.to_string())
        .await;

    // A role for 18 and over is closed to them.
    let refused = app
        .apply(
            young.id,
            adult_role.id,
            &ApplicationInput {
                motivation: "I want to be a doctor one day.".into(),
                availability: "Saturdays".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        format!("{refused:?}").contains("You must be 18 or over for this role"),
        "{refused:?}"
    );

    // Accepted for the 16+ role, their checklist asks for consent, and it blocks starting.
    let application = w.site.apply(&young, role.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let lists = app.checklists(&scope, young.id).await.unwrap();
    let consent = lists[0]
        .items
        .iter()
        .find(|i| i.requirement.kind == CheckKind::GuardianConsent)
        .and_then(|i| i.check.clone())
        .expect("a consent item");
    assert!(
        lists[0].eligibility.blocks().contains(&Block::Missing {
            name: "Parent or guardian consent".into()
        }),
        "{:?}",
        lists[0].eligibility
    );
    let placement = lists[0].placement.placement.id;
    assert!(app.activate_placement(&scope, placement).await.is_err());

    // The volunteer names their parent; a manager verifies; they can start.
    app.submit_my_check(
        young.id,
        &w.a.slug,
        consent.id,
        &CheckInput {
            note: "Priya Young (mother)".into(),
            ..CheckInput::default()
        },
    )
    .await
    .unwrap();
    app.record_check(
        &scope,
        consent.id,
        &CheckInput {
            action: "verify".into(),
            ..CheckInput::default()
        },
    )
    .await
    .unwrap();
    let (_, answer) = app.placement_eligibility(&scope, placement).await.unwrap();
    assert!(answer.is_eligible(), "{answer:?}");
    app.activate_placement(&scope, placement).await.unwrap();
}

#[tokio::test]
async fn an_adult_is_not_asked_for_a_guardians_consent() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = w
        .site
        .publish(
            &scope,
            &RoleInput {
                dbs_level: "none".into(),
                dbs_workforce: String::new(),
                ..role_input("Ward visitor", w.a.site, STATEMENT)
            },
        )
        .await;
    let adult = w
        .site
        .person("Adam", "Adult", "adam@example.org", "1980-01-01")
        .await;
    let application = w.site.apply(&adult, role.id).await;
    app.decide_application(&scope, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let lists = app.checklists(&scope, adult.id).await.unwrap();
    assert!(
        lists[0]
            .items
            .iter()
            .all(|i| i.requirement.kind != CheckKind::GuardianConsent)
    );
    assert!(
        lists[0].eligibility.is_eligible(),
        "{:?}",
        lists[0].eligibility
    );
}
