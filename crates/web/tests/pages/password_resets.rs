//! Password resets: the emailed link works once and signs out other sessions.

use axum::http::StatusCode;

use crate::support::{PASSWORD, TestSite};

#[tokio::test]
async fn a_password_can_be_reset_once_with_the_emailed_link() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let email = person.email.as_str();
    let mut browser = site.browser();

    // An unknown address gets the same answer and no email.
    browser
        .post("/forgot-password", &[("email", "nobody@example.org")])
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Check your email");
    assert!(site.app.store.recent_messages(10).await.unwrap().is_empty());
    browser
        .post("/forgot-password", &[("email", "")])
        .await
        .assert_errors(&["email"]);

    browser
        .post("/forgot-password", &[("email", "ADA@example.org")])
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Check your email");
    let messages = site.app.store.recent_messages(10).await.unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, email);
    let marker = "http://localhost/reset-password/";
    let at = messages[0].body.find(marker).expect("a reset link") + marker.len();
    let token: String = messages[0].body[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    assert!(token.len() >= 32, "token {token:?}");
    let link = format!("/reset-password/{token}");

    browser
        .get(&link)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Choose a new password");
    // Too short: refused, and the link still works.
    browser
        .post(&link, &[("password", "short")])
        .await
        .assert_errors(&["password"])
        .assert_contains("Password must be 10 characters or more");
    browser.get(&link).await.assert_status(StatusCode::OK);

    let new_password = "a much better passphrase";
    let page = browser.post(&link, &[("password", new_password)]).await;
    assert_eq!(page.redirect(), "/sign-in");

    browser
        .post("/sign-in", &[("email", email), ("password", PASSWORD)])
        .await
        .assert_errors(&["email"])
        .assert_contains("Enter a correct email address and password");
    browser.sign_in(email, new_password).await;

    for page in [
        site.browser().get(&link).await,
        site.browser()
            .post(&link, &[("password", "yet another passphrase")])
            .await,
    ] {
        page.assert_status(StatusCode::NOT_FOUND)
            .assert_contains("This link has expired");
    }
    site.browser()
        .get("/reset-password/not-a-real-token")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("This link has expired");
    // The used link did not set the password again.
    site.browser().sign_in(email, new_password).await;
}

#[tokio::test]
async fn resetting_a_password_signs_out_existing_sessions() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let email = person.email.as_str();
    // Someone else is signed in as Ada (say, on a shared computer, or with a stolen password).
    let mut other = site.signed_in(email).await;
    site.app.request_password_reset(email).await.unwrap();
    let body = site.app.store.recent_messages(1).await.unwrap()[0]
        .body
        .clone();
    let at = body.find("/reset-password/").unwrap() + "/reset-password/".len();
    let token: String = body[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let page = site
        .browser()
        .post(
            &format!("/reset-password/{token}"),
            &[("password", "a much better passphrase")],
        )
        .await;
    assert_eq!(page.redirect(), "/sign-in");
    assert!(
        other
            .get("/my/profile")
            .await
            .redirect()
            .starts_with("/sign-in"),
        "a session from before the reset still works"
    );
}

#[tokio::test]
async fn reset_requests_cannot_flood_an_inbox() {
    let site = TestSite::new().await;
    site.person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    for _ in 0..6 {
        browser
            .post("/forgot-password", &[("email", "ada@example.org")])
            .await
            .assert_contains("Check your email");
    }
    let sent = site.app.store.recent_messages(20).await.unwrap();
    assert_eq!(
        sent.len(),
        3,
        "three links an hour at most, however often the form is sent"
    );
}
