//! Recording an enquiry from the volunteers list.

use axum::http::StatusCode;
use domain::engagement::EngagementStatus;

use crate::routes::{enquiry_form, fields};
use crate::support::{World, engagement};

#[tokio::test]
async fn a_manager_records_an_enquiry_and_sees_their_record() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path("/volunteers"))
        .await
        .assert_contains("Record an enquiry");
    let page = admin
        .submit(
            &a.path("/volunteers/new"),
            &fields(&enquiry_form("Priya.Shah@Example.org")),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let record = admin.get(page.location().unwrap()).await;
    record
        .assert_status(StatusCode::OK)
        .assert_contains("Priya Shah")
        .assert_contains("priya.shah@example.org")
        .assert_contains("Enquiry recorded");
    let (person, _) = w
        .site
        .app
        .store
        .person_by_email("priya.shah@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        engagement(&w, a, person.id).await,
        EngagementStatus::Enquiry
    );
}

#[tokio::test]
async fn enquiries_with_bad_input_or_an_existing_account_are_refused() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let people = w.site.app.store.count_people().await.unwrap();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut bad = enquiry_form("not an email");
    bad.retain(|(k, _)| *k != "given_name");
    admin
        .submit(&a.path("/volunteers/new"), &fields(&bad))
        .await
        .assert_errors(&["given_name", "email"])
        .assert_contains(r#"value="not an email""#);
    // B's volunteer already uses Alongside: A cannot pull their profile in.
    admin
        .submit(
            &a.path("/volunteers/new"),
            &fields(&enquiry_form(w.b.volunteer.email.as_str())),
        )
        .await
        .assert_errors(&["email"])
        .assert_contains("Ask them to apply");
    assert_eq!(w.site.app.store.count_people().await.unwrap(), people);
    assert_eq!(w.snapshot(a).await, before);
    // Viewers cannot record enquiries.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&a.path("/volunteers/new"))
        .await
        .assert_status(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn someone_recorded_as_an_enquiry_can_claim_their_details() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin
        .submit(
            &a.path("/volunteers/new"),
            &fields(&enquiry_form("priya@example.org")),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // Priya tries to register: her details are already there, so she gets a link instead.
    let mut priya = w.site.browser();
    let form = crate::routes::registration(
        "Priya",
        "Shah",
        "priya@example.org",
        ("14", "2", "1988"),
        "a long enough password",
    );
    priya
        .post("/register", &fields(&form))
        .await
        .assert_errors(&["email"])
        .assert_contains("We have emailed you a link to choose your password");
    let messages = w.site.app.store.recent_messages(5).await.unwrap();
    let message = messages
        .iter()
        .find(|m| m.to == "priya@example.org")
        .expect("a link was sent");
    assert_eq!(message.subject, "Choose your Alongside password");
    let at = message.body.find("/reset-password/").unwrap() + "/reset-password/".len();
    let token: String = message.body[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let page = priya
        .post(
            &format!("/reset-password/{token}"),
            &[("password", "priya's own passphrase")],
        )
        .await;
    assert_eq!(page.redirect(), "/sign-in");
    let page = priya
        .post(
            "/sign-in",
            &[
                ("email", "priya@example.org"),
                ("password", "priya's own passphrase"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}
