//! The Apply journey: a newcomer registers, applies and is accepted.

use axum::http::StatusCode;
use domain::engagement::EngagementStatus;

use crate::routes::{fields, registration};
use crate::support::{self, PASSWORD, World, engagement};

#[tokio::test]
async fn a_newcomer_registers_applies_and_is_accepted() {
    let w = World::new().await;
    let a = &w.a;
    let apply = format!("/opportunities/{}/apply", a.role);
    let mut browser = w.site.browser();

    browser
        .get(&format!("/opportunities/{}", a.role))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("trust mealtime companion");
    browser
        .get(&apply)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(&format!(r#"href="/register?next={apply}""#))
        .assert_lacks(r#"name="motivation""#);
    browser
        .get(&format!("/register?next={apply}"))
        .await
        .assert_contains(&format!(r#"name="next" value="{apply}""#));

    let mut form = registration(
        "Nina",
        "Newcomer",
        "Nina@Example.org",
        ("14", "2", "1995"),
        PASSWORD,
    );
    form.push(("next", apply.clone()));
    let page = browser.post("/register", &fields(&form)).await;
    assert_eq!(page.redirect(), apply);
    assert!(browser.cookie.is_some(), "registering signs in");

    let page = browser.get(&apply).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Apply to be a trust mealtime companion")
        .assert_contains(r#"name="motivation""#)
        .assert_lacks("We need your date of birth");
    let token = page.csrf();
    let page = browser
        .post(
            &apply,
            &[
                ("_csrf", &token),
                ("motivation", "My mum was cared for here."),
                ("availability", "Tuesday afternoons"),
            ],
        )
        .await;
    assert_eq!(
        page.redirect(),
        format!("/opportunities/{}/applied", a.role)
    );
    browser
        .get(page.redirect())
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Application sent")
        .assert_contains("We have sent a confirmation to nina@example.org");

    let mine = browser.get("/my/applications").await;
    let row = mine
        .body
        .find("trust mealtime companion")
        .map(|at| &mine.body[at..]);
    let row = row.expect("the application is listed");
    assert!(
        row.contains(r#"Status: <strong class="tag">Submitted</strong>"#),
        "{}",
        mine.body
    );
    // Applying twice is refused.
    browser
        .submit(
            &apply,
            &[("motivation", "Again"), ("availability", "Any time")],
        )
        .await
        .assert_errors(&["role"])
        .assert_contains("You have already applied for this role");

    let messages = w.site.app.store.recent_messages(20).await.unwrap();
    let confirmation = messages
        .iter()
        .find(|m| m.to == "nina@example.org")
        .expect("a confirmation email");
    assert_eq!(
        confirmation.subject,
        "Your application: trust mealtime companion"
    );
    assert!(confirmation.body.contains("Hello Nina"));
    assert!(
        confirmation
            .body
            .contains("http://localhost/my/applications")
    );
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.to == "nina@example.org")
            .count(),
        1
    );

    // The manager sees an applicant, opens the application and accepts it.
    let mut manager = w.site.signed_in(a.admin.email.as_str()).await;
    let list = manager.get(&a.path("/volunteers?q=newcomer")).await;
    list.assert_status(StatusCode::OK)
        .assert_contains("1 person");
    let row = list.row("Nina Newcomer").expect("Nina is listed");
    assert!(row.contains("<td>Applicant</td>"), "{row}");
    assert!(row.contains("<td>trust mealtime companion</td>"), "{row}");
    let record_path = support::attribute_after(row, r#"<a href=""#).unwrap();
    let record = manager.get(&record_path).await;
    record
        .assert_status(StatusCode::OK)
        .assert_contains(r#"Status: <strong class="tag">Applicant</strong>"#);
    let application_path = support::attribute_after(
        &record.body,
        &format!(r#"<a href="/manage/{}/applications/"#, a.slug),
    )
    .map(|id| a.path(&format!("/applications/{id}")))
    .expect("a link to the application");
    manager
        .get(&application_path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("My mum was cared for here.")
        .assert_contains("Tuesday afternoons");
    let page = manager
        .submit(&application_path, &[("status", "accepted"), ("note", "")])
        .await;
    assert_eq!(page.redirect(), application_path);

    manager
        .get(&record_path)
        .await
        .assert_contains(r#"Status: <strong class="tag">Onboarding</strong>"#)
        .assert_contains("Accepted for trust mealtime companion");
    let nina = w
        .site
        .app
        .store
        .person_by_email("nina@example.org")
        .await
        .unwrap()
        .unwrap()
        .0;
    assert_eq!(
        engagement(&w, a, nina.id).await,
        EngagementStatus::Onboarding
    );
    browser
        .get("/my/applications")
        .await
        .assert_contains(r#"<strong class="tag">Accepted</strong>"#);
    let orgs = browser.get("/my/organisations").await;
    let row = orgs.row(&a.name).expect("the trust is listed");
    assert!(row.contains("<td>Onboarding</td>"), "{row}");
    // Every change is in the audit log: the engagement's start and its move to onboarding.
    let e = w
        .site
        .app
        .store
        .engagement_of(a.id, nina.id)
        .await
        .unwrap()
        .unwrap();
    let actions: Vec<String> = w
        .site
        .app
        .store
        .audit_for(Some(a.id), e.id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert_eq!(actions, ["engagement.onboarding", "engagement.applicant"]);
}
