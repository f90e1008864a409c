//! Signing in: the way back after signing in, lock-outs, and a fresh session each time.

use axum::http::StatusCode;

use crate::routes::{fields, registration};
use crate::support::{PASSWORD, TestSite};

#[tokio::test]
async fn signed_out_requests_are_sent_to_sign_in_and_back() {
    let site = TestSite::new().await;
    let id = uuid::Uuid::now_v7();
    let gets = [
        "/manage".to_owned(),
        "/manage/riverside".to_owned(),
        "/manage/riverside/volunteers?q=ada smith&status=applicant".to_owned(),
        "/manage/riverside/volunteers.csv".to_owned(),
        format!("/manage/riverside/volunteers/{id}"),
        format!("/manage/riverside/applications/{id}"),
        "/manage/riverside/roles/new".to_owned(),
        "/manage/riverside/staff".to_owned(),
        "/my/profile".to_owned(),
        "/my/profile/edit".to_owned(),
        "/my/applications".to_owned(),
        "/my/organisations".to_owned(),
        format!("/opportunities/{id}/applied"),
    ];
    let posts = [
        "/manage/riverside/roles/new".to_owned(),
        format!("/manage/riverside/volunteers/{id}/status"),
        "/my/profile/edit".to_owned(),
        format!("/my/applications/{id}/withdraw"),
        format!("/opportunities/{id}/apply"),
        "/sign-out".to_owned(),
    ];
    // No cookie, and a cookie that names no session, are both signed out.
    for cookie in [None, Some("not-a-session".to_owned())] {
        let mut browser = site.browser();
        browser.cookie = cookie;
        for (method, path) in gets
            .iter()
            .map(|p| ("GET", p))
            .chain(posts.iter().map(|p| ("POST", p)))
        {
            let uri = path.replace(' ', "%20");
            let page = if method == "GET" {
                browser.get(&uri).await
            } else {
                browser.post(&uri, &[("_csrf", "x")]).await
            };
            let location = page.redirect().to_owned();
            let query = location
                .strip_prefix("/sign-in?")
                .unwrap_or_else(|| panic!("{method} {path} went to {location}"));
            let next = form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "next")
                .map(|(_, v)| v.into_owned());
            assert_eq!(next.as_deref(), Some(uri.as_str()), "{method} {path}");
        }
    }

    // Signing in with that `next` comes back to it; other sites are never a destination.
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let email = person.email.as_str();
    for (next, expected) in [
        ("/my/organisations?x=1", "/my/organisations?x=1"),
        ("", "/my/applications"),
        ("//evil.example/", "/my/applications"),
        ("https://evil.example/", "/my/applications"),
        ("/\\evil.example", "/my/applications"),
    ] {
        let mut browser = site.browser();
        let page = browser
            .post(
                "/sign-in",
                &[("email", email), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(page.redirect(), expected, "next={next:?}");
    }
}

#[tokio::test]
async fn a_next_with_control_characters_falls_back_to_the_applications_page() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    let page = browser
        .post(
            "/sign-in",
            &[
                ("email", person.email.as_str()),
                ("password", PASSWORD),
                ("next", "/my/profile\r\nX-Injected: 1"),
            ],
        )
        .await;
    assert_eq!(page.redirect(), "/my/applications");
    // Registering shares the same `next` handling.
    let mut form = registration(
        "Bob",
        "Jones",
        "bob@example.org",
        ("1", "2", "1990"),
        PASSWORD,
    );
    form.push(("next", "/opportunities\nX-Injected: 1".into()));
    let page = site.browser().post("/register", &fields(&form)).await;
    assert_eq!(page.redirect(), "/my/applications");
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_a_while() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let other = site
        .person("Bob", "Jones", "bob@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    for attempt in 1..=5 {
        let page = browser
            .post(
                "/sign-in",
                &[
                    ("email", "Ada@Example.org"),
                    ("password", "wrong password!"),
                ],
            )
            .await;
        page.assert_errors(&["email"])
            .assert_contains("Enter a correct email address and password");
        assert!(browser.cookie.is_none(), "attempt {attempt} set a cookie");
    }
    let page = browser
        .post(
            "/sign-in",
            &[("email", person.email.as_str()), ("password", PASSWORD)],
        )
        .await;
    page.assert_errors(&["email"]).assert_contains(
        "You have tried to sign in too many times. Wait 15 minutes, then try again",
    );
    assert!(browser.cookie.is_none(), "a locked account was signed in");
    // The lock is per account: someone else on the same network can still sign in.
    site.signed_in(other.email.as_str()).await;
}

#[tokio::test]
async fn twenty_wrong_passwords_from_one_address_stop_sign_ins_from_it() {
    let site = TestSite::new().await;
    let person = site
        .person("Cleo", "Grant", "cleo@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    // Guessing across many accounts from one address: no single account reaches its limit.
    for n in 0..20 {
        let email = format!("guess{n}@example.org");
        browser
            .post(
                "/sign-in",
                &[("email", email.as_str()), ("password", "wrong password!")],
            )
            .await
            .assert_errors(&["email"])
            .assert_contains("Enter a correct email address and password");
    }
    let page = browser
        .post(
            "/sign-in",
            &[("email", person.email.as_str()), ("password", PASSWORD)],
        )
        .await;
    page.assert_errors(&["email"]).assert_contains(
        "You have tried to sign in too many times. Wait 15 minutes, then try again",
    );
    assert!(
        browser.cookie.is_none(),
        "a sign-in from a blocked address succeeded"
    );
}

#[tokio::test]
async fn signing_in_always_starts_a_new_session() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let email = person.email.as_str();

    let mut first = site.browser();
    let page = first.sign_in(email, PASSWORD).await;
    let set_cookie = page.headers["set-cookie"].to_str().unwrap();
    for attribute in ["Path=/", "HttpOnly", "SameSite=Lax"] {
        assert!(
            set_cookie.contains(attribute),
            "{set_cookie} lacks {attribute}"
        );
    }
    let first_cookie = first.cookie.clone().unwrap();
    first.get("/my/profile").await.assert_status(StatusCode::OK);

    // Signing in again, presenting the first session, replaces it.
    let mut again = first.clone();
    again.sign_in(email, PASSWORD).await;
    let second_cookie = again.cookie.clone().unwrap();
    assert_ne!(first_cookie, second_cookie);
    let page = first.get("/my/profile").await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "the replaced session still works"
    );
    again.get("/my/profile").await.assert_status(StatusCode::OK);

    // A cookie planted before signing in is never adopted.
    let mut planted = site.browser();
    planted.cookie = Some("chosen-by-an-attacker".into());
    planted.sign_in(email, PASSWORD).await;
    assert_ne!(planted.cookie.as_deref(), Some("chosen-by-an-attacker"));
    let mut attacker = site.browser();
    attacker.cookie = Some("chosen-by-an-attacker".into());
    assert!(
        attacker
            .get("/my/profile")
            .await
            .redirect()
            .starts_with("/sign-in")
    );

    // Signing out ends the session on the server, not just in the browser.
    let kept = again.cookie.clone();
    let page = again.submit("/sign-out", &[]).await;
    assert_eq!(page.redirect(), "/");
    assert!(
        again.cookie.is_none(),
        "signing out should clear the cookie"
    );
    let mut replay = site.browser();
    replay.cookie = kept;
    assert!(
        replay
            .get("/my/profile")
            .await
            .redirect()
            .starts_with("/sign-in")
    );
}

/// Behind a trusted proxy, each client's own address (from `X-Forwarded-For`) is limited, not
/// the proxy's.
#[tokio::test]
async fn behind_a_trusted_proxy_the_limit_is_per_client() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let site = TestSite::new().await;
    let person = site
        .person("Cleo", "Grant", "cleo@example.org", "1980-01-01")
        .await;
    let router = alongside_web::router(alongside_web::AppState {
        app: site.app.clone(),
        secure_cookies: false,
        trust_forwarded_for: true,
    });
    let sign_in = |forwarded: &str, email: &str, password: &str| {
        let body = format!("email={email}&password={}", password.replace(' ', "+"));
        Request::post("/sign-in")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-forwarded-for", forwarded)
            .body(Body::from(body))
            .unwrap()
    };
    for n in 0..20 {
        let request = sign_in(
            "203.0.113.9, 10.0.0.1",
            &format!("guess{n}@example.org"),
            "wrong password",
        );
        router.clone().oneshot(request).await.unwrap();
    }
    let text = |response: axum::response::Response| async move {
        String::from_utf8(
            response
                .into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec(),
        )
        .unwrap()
    };
    // The guesses came from 10.0.0.1, the address the proxy saw and appended; the first entry is
    // whatever the client claimed, so it cannot dodge the limit by changing it.
    let blocked = router
        .clone()
        .oneshot(sign_in(
            "198.51.100.7, 10.0.0.1",
            person.email.as_str(),
            PASSWORD,
        ))
        .await
        .unwrap();
    assert!(
        text(blocked)
            .await
            .contains("You have tried to sign in too many times")
    );
    let other = router
        .clone()
        .oneshot(sign_in("10.0.0.2", person.email.as_str(), PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        other.status(),
        axum::http::StatusCode::SEE_OTHER,
        "another client is not blocked"
    );
}
