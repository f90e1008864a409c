//! HTTP tests for the HTML pages: tenancy, sign-in, forms and their errors, anti-forgery, the Apply
//! journey, password resets, permissions, theming and the CSV export.
//!
//! Each test builds its own site over a fresh SQLite file and drives it through the router, as a
//! browser would: form posts, a session cookie, and the `_csrf` token read from the page.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pages_support;

use axum::http::StatusCode;
use chrono::Datelike;
use domain::application::ApplicationStatus;
use domain::engagement::EngagementStatus;
use domain::ids::{PersonId, StaffMemberId};
use domain::role::RoleStatus;
use pages_support::{Browser, Org, PASSWORD, Page, STATEMENT, TestSite, World, role_input};

// ---------------------------------------------------------------------------------------------
// Route tables

/// The ids one organisation's manager routes are exercised with.
struct Ids {
    person: String,
    application: String,
    role: String,
    draft_role: String,
    site: String,
    staff: String,
}

impl Ids {
    fn of(org: &Org, staff: StaffMemberId) -> Self {
        Self {
            person: org.volunteer.id.to_string(),
            application: org.application.to_string(),
            role: org.role.to_string(),
            draft_role: org.draft_role.to_string(),
            site: org.site.to_string(),
            staff: staff.to_string(),
        }
    }

    fn all(&self) -> [&str; 6] {
        [
            &self.person,
            &self.application,
            &self.role,
            &self.draft_role,
            &self.site,
            &self.staff,
        ]
    }
}

/// Every manager page a GET can reach.
fn manager_gets(slug: &str, ids: &Ids) -> Vec<String> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    vec![
        m(""),
        m("/volunteers"),
        m("/volunteers.csv"),
        m(&format!("/volunteers/{}", ids.person)),
        m(&format!("/applications/{}", ids.application)),
        m("/roles"),
        m("/roles/new"),
        m(&format!("/roles/{}", ids.role)),
        m(&format!("/roles/{}/edit", ids.role)),
        m("/sites"),
        m("/sites/new"),
        m(&format!("/sites/{}/edit", ids.site)),
        m("/staff"),
    ]
}

type Form = Vec<(&'static str, String)>;

fn role_form(title: &str, site: &str) -> Form {
    vec![
        ("title", title.into()),
        ("summary", "Keep patients company at mealtimes".into()),
        ("description", "Sit with patients.".into()),
        ("setting", "in_hospital".into()),
        ("activities", "Chatting".into()),
        ("site_ids", site.into()),
        ("time_commitment", "2 hours a week".into()),
        ("minimum_age", "16".into()),
        ("dbs_level", "enhanced".into()),
        ("non_substitution_statement", STATEMENT.into()),
    ]
}

fn site_form(name: &str) -> Form {
    vec![
        ("name", name.into()),
        ("kind", "hospital".into()),
        ("postcode", "LS2 9JT".into()),
    ]
}

/// Every manager form, each with a body that is valid for the organisation the ids belong to.
fn manager_posts(slug: &str, ids: &Ids, grant_email: &str) -> Vec<(String, Form)> {
    let m = |rest: &str| format!("/manage/{slug}{rest}");
    vec![
        (m("/roles/new"), role_form("Intruder role", &ids.site)),
        (
            m(&format!("/roles/{}/edit", ids.role)),
            role_form("Renamed role", &ids.site),
        ),
        (m(&format!("/roles/{}/publish", ids.draft_role)), vec![]),
        (m(&format!("/roles/{}/close", ids.role)), vec![]),
        (m("/sites/new"), site_form("Intruder site")),
        (
            m(&format!("/sites/{}/edit", ids.site)),
            site_form("Renamed site"),
        ),
        (
            m("/staff"),
            vec![
                ("email", grant_email.into()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (m(&format!("/staff/{}/remove", ids.staff)), vec![]),
        (
            m(&format!("/volunteers/{}/status", ids.person)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
                ("note", "Moved to Leeds".into()),
            ],
        ),
        (
            m(&format!("/applications/{}", ids.application)),
            vec![("status", "screening".into()), ("note", String::new())],
        ),
    ]
}

/// Posts `fields` with `token` as the anti-forgery token.
async fn post_with_token(browser: &mut Browser, path: &str, token: &str, fields: &Form) -> Page {
    let mut all: Vec<(&str, &str)> = vec![("_csrf", token)];
    all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    browser.post(path, &all).await
}

fn fields(form: &Form) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Tenancy

#[tokio::test]
async fn another_organisations_admin_gets_404_on_every_manager_route() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let b_ids = Ids::of(b, w.b_viewer_member);
    let a_before = w.snapshot(a).await;
    let b_before = w.snapshot(b).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let token = admin.csrf().await;

    // B's slug, B's ids.
    for path in manager_gets(&b.slug, &b_ids) {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        page.assert_contains("Page not found").assert_lacks(&b.name);
    }
    for (path, form) in manager_posts(&b.slug, &b_ids, a.admin.email.as_str()) {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }

    // A's slug, B's ids.
    let mut mixed: Vec<String> = manager_gets(&a.slug, &b_ids)
        .into_iter()
        .filter(|p| b_ids.all().iter().any(|id| p.contains(id)))
        .collect();
    mixed.push(a.path(&format!("/volunteers?role={}", b.role)));
    mixed.push(a.path(&format!("/volunteers.csv?role={}", b.role)));
    assert_eq!(mixed.len(), 7, "{mixed:#?}");
    for path in mixed {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    let mixed_posts: Vec<(String, Form)> = manager_posts(&a.slug, &b_ids, a.admin.email.as_str())
        .into_iter()
        .filter(|(p, _)| b_ids.all().iter().any(|id| p.contains(id)))
        .collect();
    assert_eq!(mixed_posts.len(), 7, "{mixed_posts:#?}");
    for (path, form) in mixed_posts {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }

    assert_eq!(w.snapshot(b).await, b_before, "B's data changed");
    assert_eq!(w.snapshot(a).await, a_before, "A's data changed");
    assert!(
        w.site.app.authorise(a.admin.id, &b.slug).await.is_err(),
        "A's admin became staff in B"
    );

    // The chooser lists only A.
    let choose = admin.get("/manage").await;
    choose
        .assert_status(StatusCode::OK)
        .assert_contains(&a.name)
        .assert_lacks(&b.name);

    // Control: the same pages and forms work for A's admin in A, so the 404s above were tenancy.
    let a_ids = Ids::of(a, w.a_viewer_member);
    for path in manager_gets(&a.slug, &a_ids) {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "GET {path}: {}", page.body);
    }
    for (path, form) in manager_posts(&a.slug, &a_ids, b.admin.email.as_str()) {
        let page = post_with_token(&mut admin, &path, &token, &form).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "POST {path}: {}",
            page.body
        );
    }
    assert_ne!(w.snapshot(a).await, a_before, "the control posts changed A");
}

#[tokio::test]
async fn people_who_are_not_staff_get_404_on_every_manager_route() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut volunteer = w.site.signed_in(a.volunteer.email.as_str()).await;
    let token = volunteer.csrf().await;
    let ids = Ids::of(a, w.a_viewer_member);
    for path in manager_gets(&a.slug, &ids) {
        let page = volunteer.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    for (path, form) in manager_posts(&a.slug, &ids, a.volunteer.email.as_str()) {
        let page = post_with_token(&mut volunteer, &path, &token, &form).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(w.snapshot(a).await, before);
    volunteer
        .get("/manage")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You are not on the staff of any organisation");
}

#[tokio::test]
async fn forms_refuse_another_organisations_sites() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let before = w.snapshot(a).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;

    let b_site = b.site.to_string();
    let form = role_form("Role at a foreign site", &b_site);
    admin
        .submit(&a.path("/roles/new"), &fields(&form))
        .await
        .assert_errors(&["site_ids"]);
    let edit = role_form("Moved to a foreign site", &b_site);
    admin
        .submit(&a.path(&format!("/roles/{}/edit", a.role)), &fields(&edit))
        .await
        .assert_errors(&["site_ids"]);
    admin
        .submit(
            &a.path("/staff"),
            &[
                ("email", b.admin.email.as_str()),
                ("permission", "supervisor"),
                ("site_ids", &b_site),
            ],
        )
        .await
        .assert_errors(&["site_ids"]);
    assert_eq!(w.snapshot(a).await, before);
}

// ---------------------------------------------------------------------------------------------
// 2. Signing in

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

// ---------------------------------------------------------------------------------------------
// 3. Bad input on every form

/// A registration form's fields.
fn registration(
    given: &str,
    family: &str,
    email: &str,
    dob: (&str, &str, &str),
    password: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("given_name", given.into()),
        ("family_name", family.into()),
        ("email", email.into()),
        ("date_of_birth-day", dob.0.into()),
        ("date_of_birth-month", dob.1.into()),
        ("date_of_birth-year", dob.2.into()),
        ("password", password.into()),
    ]
}

#[tokio::test]
async fn registering_with_empty_fields_names_each_one() {
    let site = TestSite::new().await;
    let mut browser = site.browser();
    let form = registration("", "", "", ("", "", ""), "");
    let page = browser.post("/register", &fields(&form)).await;
    page.assert_errors(&["given_name", "family_name", "email", "password"])
        .assert_contains("Enter your first name")
        .assert_contains("Enter your last name")
        .assert_contains("Enter an email address")
        .assert_contains("Password must be 10 characters or more")
        .assert_contains(r#"<form method="post" action="/register""#);
    assert!(browser.cookie.is_none());
    assert_eq!(site.count_people().await, 0);
}

#[tokio::test]
async fn registering_keeps_what_was_typed_except_the_password() {
    let site = TestSite::new().await;
    let mut browser = site.browser();
    let mut form = registration(
        "Zoë <b>",
        "",
        "not-an-email",
        ("31", "2", "2000"),
        "tooshort",
    );
    form.push(("postcode", "LS1 4AP".into()));
    form.push(("next", "/opportunities".into()));
    let page = browser.post("/register", &fields(&form)).await;
    page.assert_errors(&["family_name", "email", "date_of_birth", "password"])
        .assert_contains("Enter an email address in the correct format, like name@example.com")
        .assert_contains("Date of birth must be a real date")
        .assert_contains(r#"value="Zoë &#60;b&#62;""#)
        .assert_lacks("Zoë <b>")
        .assert_contains(r#"value="not-an-email""#)
        .assert_contains(r#"value="LS1 4AP""#)
        .assert_contains(r#"autocomplete="bday-day" value="31""#)
        .assert_contains(r#"autocomplete="bday-month" value="2""#)
        .assert_contains(r#"autocomplete="bday-year" value="2000""#)
        .assert_contains(r#"<input type="hidden" name="next" value="/opportunities">"#)
        .assert_lacks("tooshort");
    assert_eq!(site.count_people().await, 0);
}

#[tokio::test]
async fn registering_an_email_twice_is_refused() {
    let site = TestSite::new().await;
    site.person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    let form = registration(
        "Another",
        "Ada",
        "  ADA@Example.ORG ",
        ("1", "2", "1990"),
        PASSWORD,
    );
    browser
        .post("/register", &fields(&form))
        .await
        .assert_errors(&["email"])
        .assert_contains("An account with this email address already exists. Sign in instead");
    assert!(browser.cookie.is_none());
    assert_eq!(site.count_people().await, 1);
}

#[tokio::test]
async fn under_sixteens_can_register_but_not_apply() {
    let w = World::new().await;
    let people = w.site.count_people().await;
    let today = chrono::Utc::now().date_naive();
    let (day, month, year) = (
        "1".to_owned(),
        today.month().to_string(),
        (today.year() - 10).to_string(),
    );
    let mut browser = w.site.browser();
    let form = registration(
        "Tim",
        "Young",
        "tim@example.org",
        (&day, &month, &year),
        PASSWORD,
    );
    let page = browser.post("/register", &fields(&form)).await;
    assert_eq!(page.redirect(), "/my/applications");
    assert_eq!(w.site.count_people().await, people + 1);
    let tim = w
        .site
        .app
        .store
        .person_by_email("tim@example.org")
        .await
        .unwrap()
        .unwrap()
        .0;

    let apply = format!("/opportunities/{}/apply", w.a.role);
    browser
        .submit(
            &apply,
            &[
                ("motivation", "I want to help"),
                ("availability", "Saturdays"),
            ],
        )
        .await
        .assert_errors(&["date_of_birth"])
        .assert_contains("You must be 16 or over to volunteer")
        .assert_contains(">I want to help</textarea>");

    assert!(w.site.app.my_applications(tim.id).await.unwrap().is_empty());
    assert!(
        w.site
            .app
            .my_organisations(tim.id)
            .await
            .unwrap()
            .is_empty()
    );
    let messages = w.site.app.store.recent_messages(50).await.unwrap();
    assert!(
        !messages.iter().any(|m| m.to == "tim@example.org"),
        "an under-16 was sent a confirmation"
    );
    browser
        .get("/my/applications")
        .await
        .assert_contains("You have not applied for any roles yet");
}

#[tokio::test]
async fn a_wrong_password_is_refused_without_saying_which_part_was_wrong() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let mut browser = site.browser();
    for (email, password) in [
        (person.email.as_str(), "not the password"),
        ("nobody@example.org", PASSWORD),
    ] {
        let page = browser
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        page.assert_errors(&["email"])
            .assert_contains("Enter a correct email address and password")
            .assert_contains(&format!(r#"value="{email}""#))
            .assert_lacks(password);
        assert!(browser.cookie.is_none());
    }
    browser
        .post("/sign-in", &[("email", ""), ("password", "")])
        .await
        .assert_errors(&["email", "password"]);
}

#[tokio::test]
async fn profile_changes_with_a_bad_postcode_and_phone_are_refused() {
    let site = TestSite::new().await;
    let person = site
        .person("Ada", "Smith", "ada@example.org", "1980-01-01")
        .await;
    let mut browser = site.signed_in(person.email.as_str()).await;
    browser
        .get("/my/profile/edit")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(r#"value="Ada""#);
    let page = browser
        .submit(
            "/my/profile/edit",
            &[
                ("given_name", "Adaline"),
                ("family_name", "Smith"),
                ("email", "ada@example.org"),
                ("phone", "12345"),
                ("postcode", "NOT A POSTCODE"),
                ("date_of_birth-day", "1"),
                ("date_of_birth-month", "1"),
                ("date_of_birth-year", "1980"),
            ],
        )
        .await;
    page.assert_errors(&["phone", "postcode"])
        .assert_contains("Enter a UK phone number, like 07700 900123 or 020 7946 0000")
        .assert_contains("Enter a real postcode, like SW1A 1AA")
        .assert_contains(r#"value="Adaline""#)
        .assert_contains(r#"value="NOT A POSTCODE""#);
    assert_eq!(site.app.my_profile(person.id).await.unwrap(), person);

    // Taking someone else's email is refused too.
    site.person("Bob", "Jones", "bob@example.org", "1980-01-01")
        .await;
    browser
        .submit(
            "/my/profile/edit",
            &[
                ("given_name", "Ada"),
                ("family_name", "Smith"),
                ("email", "bob@example.org"),
            ],
        )
        .await
        .assert_errors(&["email"]);
    assert_eq!(site.app.my_profile(person.id).await.unwrap(), person);

    // Control: a good change is saved.
    let page = browser
        .submit(
            "/my/profile/edit",
            &[
                ("given_name", "Adaline"),
                ("family_name", "Smith"),
                ("email", "ada@example.org"),
                ("phone", "07700 900123"),
                ("postcode", "ls1 4ap"),
            ],
        )
        .await;
    assert_eq!(page.redirect(), "/my/profile");
    browser
        .get("/my/profile")
        .await
        .assert_contains("Adaline Smith")
        .assert_contains("LS1 4AP");
}

#[tokio::test]
async fn a_role_without_a_title_or_setting_is_refused() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let site = a.site.to_string();
    let mut form = role_form("", &site);
    form.retain(|(k, _)| *k != "setting");
    form.push(("setting", String::new()));
    let page = admin.submit(&a.path("/roles/new"), &fields(&form)).await;
    page.assert_errors(&["title", "setting"])
        .assert_contains("Enter a title")
        .assert_contains("Select where the role is done")
        .assert_contains(r#"value="Keep patients company at mealtimes""#)
        .assert_contains(&format!(r#"value="{site}" checked"#));
    // The same on the edit form.
    admin
        .submit(&a.path(&format!("/roles/{}/edit", a.role)), &fields(&form))
        .await
        .assert_errors(&["title", "setting"]);
    // A site id that is not an id at all is a form error, not a crash.
    let mut bad_site = role_form("Porter", "not-a-site");
    bad_site.push(("site_ids", site.clone()));
    admin
        .submit(&a.path("/roles/new"), &fields(&bad_site))
        .await
        .assert_errors(&["site_ids"]);
    assert_eq!(w.snapshot(a).await, before);
}

#[tokio::test]
async fn publishing_a_role_needs_the_non_substitution_statement() {
    let w = World::new().await;
    let a = &w.a;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let role = w
        .site
        .app
        .create_role(&scope, &role_input("Ward buddy", a.site, "   "))
        .await
        .unwrap();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin
        .submit(&a.path(&format!("/roles/{}/publish", role.id)), &[])
        .await;
    page.assert_errors(&["non_substitution_statement"])
        .assert_contains("Say how this role complements, and does not replace, paid staff")
        .assert_contains("Role · Draft");
    let stored = w.site.app.role(&scope, role.id).await.unwrap();
    assert_eq!(stored.status, RoleStatus::Draft);
    w.site
        .browser()
        .get(&format!("/opportunities/{}", role.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // An open role cannot lose its statement by editing either.
    let site = a.site.to_string();
    let mut form = role_form("Renamed", &site);
    form.retain(|(k, _)| *k != "non_substitution_statement");
    admin
        .submit(&a.path(&format!("/roles/{}/edit", a.role)), &fields(&form))
        .await
        .assert_errors(&["non_substitution_statement"]);
    let open = w.site.app.role(&scope, a.role).await.unwrap();
    assert_eq!(open.non_substitution_statement, STATEMENT);
}

#[tokio::test]
async fn a_site_with_a_bad_postcode_is_refused() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let form = [
        ("name", "Ward 9"),
        ("kind", "hospital"),
        ("postcode", "XYZ"),
    ];
    admin
        .submit(&a.path("/sites/new"), &form)
        .await
        .assert_errors(&["postcode"])
        .assert_contains("Enter a real postcode, like SW1A 1AA")
        .assert_contains(r#"value="Ward 9""#);
    admin
        .submit(&a.path(&format!("/sites/{}/edit", a.site)), &form)
        .await
        .assert_errors(&["postcode"]);
    admin
        .submit(
            &a.path("/sites/new"),
            &[("name", ""), ("kind", "castle"), ("postcode", "")],
        )
        .await
        .assert_errors(&["name", "kind"]);
    assert_eq!(w.snapshot(a).await, before);
}

#[tokio::test]
async fn a_permission_for_an_unknown_email_is_refused() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .submit(
            &a.path("/staff"),
            &[
                ("email", "nobody@nowhere.example"),
                ("permission", "viewer"),
            ],
        )
        .await
        .assert_errors(&["email"])
        .assert_contains("No one with that email address has an Alongside account yet")
        .assert_contains(r#"value="nobody@nowhere.example""#);
    admin
        .submit(
            &a.path("/staff"),
            &[
                ("email", w.b.admin.email.as_str()),
                ("permission", "supervisor"),
            ],
        )
        .await
        .assert_errors(&["site_ids"])
        .assert_contains("Select the sites this supervisor looks after");
    // The last organisation admin cannot be removed.
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let staff = w.site.app.staff(&scope).await.unwrap();
    let (me, _) = staff.iter().find(|(_, p)| p.id == a.admin.id).unwrap();
    admin
        .submit(&a.path(&format!("/staff/{}/remove", me.id)), &[])
        .await
        .assert_errors(&["staff"])
        .assert_contains("An organisation needs at least one organisation admin");
    assert_eq!(w.snapshot(a).await, before);
}

async fn engagement(w: &World, org: &Org, person: PersonId) -> EngagementStatus {
    w.site
        .app
        .store
        .engagement_of(org.id, person)
        .await
        .unwrap()
        .expect("an engagement")
        .status
}

#[tokio::test]
async fn leaving_needs_a_reason() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let path = a.path(&format!("/volunteers/{}/status", a.volunteer.id));
    admin
        .submit(&path, &[("status", "left"), ("note", "Moving away")])
        .await
        .assert_errors(&["leaving_reason"])
        .assert_contains("Select why they are leaving")
        .assert_contains(r#"<option value="left" selected>"#)
        .assert_contains(">Moving away</textarea>");
    admin
        .submit(&path, &[("status", "left"), ("leaving_reason", "other")])
        .await
        .assert_errors(&["note"])
        .assert_contains("Say why they are leaving");
    admin
        .submit(&path, &[("status", "active")])
        .await
        .assert_errors(&["status"])
        .assert_contains("Someone who is applicant cannot be moved to active");
    admin
        .submit(&path, &[("status", "")])
        .await
        .assert_errors(&["status"]);
    assert_eq!(
        engagement(&w, a, a.volunteer.id).await,
        EngagementStatus::Applicant
    );
    // Control: with a reason, they leave.
    let page = admin
        .submit(
            &path,
            &[("status", "left"), ("leaving_reason", "moved_away")],
        )
        .await;
    assert_eq!(
        page.redirect(),
        a.path(&format!("/volunteers/{}", a.volunteer.id))
    );
    assert_eq!(
        engagement(&w, a, a.volunteer.id).await,
        EngagementStatus::Left
    );
}

#[tokio::test]
async fn declining_needs_a_note() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let path = a.path(&format!("/applications/{}", a.application));
    admin
        .submit(&path, &[("status", "declined"), ("note", "  ")])
        .await
        .assert_errors(&["note"])
        .assert_contains("Enter a reason for declining");
    admin
        .submit(&path, &[("status", "withdrawn")])
        .await
        .assert_errors(&["status"]);
    admin
        .submit(&path, &[])
        .await
        .assert_errors(&["status"])
        .assert_contains("Select a decision");
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let (row, events) = w.site.app.application(&scope, a.application).await.unwrap();
    assert_eq!(row.application.status, ApplicationStatus::Submitted);
    let decided = events.len();
    // Control: with a note, it is declined.
    let page = admin
        .submit(&path, &[("status", "declined"), ("note", "No places left")])
        .await;
    assert_eq!(page.redirect(), path);
    let (row, events) = w.site.app.application(&scope, a.application).await.unwrap();
    assert_eq!(row.application.status, ApplicationStatus::Declined);
    assert_eq!(events.len(), decided + 1);
}

#[tokio::test]
async fn malformed_ids_in_paths_are_not_found() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let token = admin.csrf().await;
    for bad in [
        "not-a-uuid",
        "123",
        "%2e%2e",
        "00000000-0000-0000-0000-00000000000g",
    ] {
        let gets = [
            format!("/opportunities/{bad}"),
            format!("/opportunities/{bad}/apply"),
            format!("/opportunities/{bad}/applied"),
            a.path(&format!("/volunteers/{bad}")),
            a.path(&format!("/applications/{bad}")),
            a.path(&format!("/roles/{bad}")),
            a.path(&format!("/roles/{bad}/edit")),
            a.path(&format!("/sites/{bad}/edit")),
        ];
        for path in gets {
            let page = admin.get(&path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
            page.assert_contains("Page not found");
        }
        let posts = [
            format!("/opportunities/{bad}/apply"),
            format!("/my/applications/{bad}/withdraw"),
            a.path(&format!("/volunteers/{bad}/status")),
            a.path(&format!("/applications/{bad}")),
            a.path(&format!("/roles/{bad}/edit")),
            a.path(&format!("/roles/{bad}/publish")),
            a.path(&format!("/roles/{bad}/close")),
            a.path(&format!("/sites/{bad}/edit")),
            a.path(&format!("/staff/{bad}/remove")),
        ];
        for path in posts {
            let page = admin
                .post(&path, &[("_csrf", &token), ("status", "left")])
                .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
        }
    }
    // Well-formed ids that name nothing are not found either.
    let nothing = uuid::Uuid::now_v7();
    for path in [
        format!("/opportunities/{nothing}"),
        a.path(&format!("/roles/{nothing}")),
        a.path(&format!("/volunteers/{nothing}")),
        "/manage/no-such-organisation".to_owned(),
    ] {
        assert_eq!(
            admin.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Anti-forgery

#[tokio::test]
async fn forms_without_this_sessions_token_or_from_other_sites_are_refused() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut volunteer = w.site.signed_in(a.volunteer.email.as_str()).await;
    let admin_token = admin.csrf().await;
    let volunteer_token = volunteer.csrf().await;
    let other_token = w.site.signed_in(b.admin.email.as_str()).await.csrf().await;
    assert_ne!(admin_token, volunteer_token);
    let a_before = w.snapshot(a).await;
    let b_before = w.snapshot(b).await;

    let site = a.site.to_string();
    let admin_forms: Vec<(String, Form)> = vec![
        (
            "/my/profile/edit".into(),
            vec![
                ("given_name", "Forged".into()),
                ("family_name", "Name".into()),
                ("email", a.admin.email.to_string()),
            ],
        ),
        (a.path("/roles/new"), role_form("Forged role", &site)),
        (a.path("/sites/new"), site_form("Forged site")),
        (
            a.path("/staff"),
            vec![
                ("email", b.admin.email.to_string()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (a.path(&format!("/roles/{}/publish", a.draft_role)), vec![]),
        (
            a.path(&format!("/volunteers/{}/status", a.volunteer.id)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
            ],
        ),
        (
            a.path(&format!("/applications/{}", w.a_application2)),
            vec![("status", "accepted".into())],
        ),
        ("/sign-out".into(), vec![]),
    ];
    let volunteer_forms: Vec<(String, Form)> = vec![
        (
            format!("/opportunities/{}/apply", b.role),
            vec![
                ("motivation", "Forged".into()),
                ("availability", "Always".into()),
            ],
        ),
        (
            format!("/my/applications/{}/withdraw", a.application),
            vec![],
        ),
    ];

    for (browser, token, forms) in [
        (&mut admin, &admin_token, &admin_forms),
        (&mut volunteer, &volunteer_token, &volunteer_forms),
    ] {
        for (path, form) in forms {
            let refusals = [
                ("no token", browser.post(path, &fields(form)).await),
                (
                    "an empty token",
                    post_with_token(browser, path, "", form).await,
                ),
                (
                    "a wrong token",
                    post_with_token(browser, path, "0123456789abcdef", form).await,
                ),
                (
                    "another session's token",
                    post_with_token(browser, path, &other_token, form).await,
                ),
            ];
            for (what, page) in refusals {
                assert_eq!(page.status, StatusCode::FORBIDDEN, "{path} with {what}");
                page.assert_contains("This form has expired");
            }
            let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            all.extend(fields(form));
            for headers in [
                [("sec-fetch-site", "cross-site"), ("x-none", "")],
                [("sec-fetch-site", "same-site"), ("x-none", "")],
                [("origin", "https://evil.example"), ("host", "localhost")],
                [("origin", "null"), ("host", "localhost")],
            ] {
                let page = browser.post_with(path, &all, &headers).await;
                assert_eq!(
                    page.status,
                    StatusCode::FORBIDDEN,
                    "{path} with {headers:?}"
                );
                page.assert_contains("sent from another website");
            }
        }
    }
    assert_eq!(w.snapshot(a).await, a_before);
    assert_eq!(w.snapshot(b).await, b_before);
    assert_eq!(w.site.app.my_profile(a.admin.id).await.unwrap(), a.admin);
    admin.get("/my/profile").await.assert_status(StatusCode::OK);

    // Forms without a session are protected by the browser's headers alone.
    for path in ["/sign-in", "/register", "/forgot-password"] {
        let page = w
            .site
            .browser()
            .post_with(
                path,
                &[("email", a.admin.email.as_str()), ("password", PASSWORD)],
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }

    // Control: the same forms, from this site with the right token, all go through.
    for (browser, token, forms) in [
        (&mut volunteer, &volunteer_token, &volunteer_forms),
        (&mut admin, &admin_token, &admin_forms),
    ] {
        for (path, form) in forms {
            let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
            all.extend(fields(form));
            let page = browser
                .post_with(path, &all, &[("sec-fetch-site", "same-origin")])
                .await;
            assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.body);
        }
    }
    assert_ne!(w.snapshot(a).await, a_before);
    assert!(admin.cookie.is_none(), "the control sign-out went through");
}

// ---------------------------------------------------------------------------------------------
// 6. The Apply journey

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
    let record_path = pages_support::attribute_after(row, r#"<a href=""#).unwrap();
    let record = manager.get(&record_path).await;
    record
        .assert_status(StatusCode::OK)
        .assert_contains(r#"Status: <strong class="tag">Applicant</strong>"#);
    let application_path = pages_support::attribute_after(
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
}

// ---------------------------------------------------------------------------------------------
// 9. Permissions within an organisation

#[tokio::test]
async fn a_viewer_can_look_but_not_change() {
    let w = World::new().await;
    let a = &w.a;
    let before = w.snapshot(a).await;
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    let list = viewer.get(&a.path("/volunteers")).await;
    list.assert_status(StatusCode::OK)
        .assert_contains(&a.volunteer.full_name())
        .assert_contains(&w.a_volunteer2.full_name());
    viewer
        .get(&a.path("/roles"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks(&a.path("/roles/new"));
    viewer
        .get(&a.path(&format!("/volunteers/{}", a.volunteer.id)))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Change status");
    viewer
        .get(&a.path(&format!("/applications/{}", a.application)))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Save decision");
    viewer
        .get(&a.path("/staff"))
        .await
        .assert_status(StatusCode::FORBIDDEN);

    let site = a.site.to_string();
    let forms: Vec<(String, Form)> = vec![
        (a.path("/roles/new"), role_form("Viewer's role", &site)),
        (
            a.path(&format!("/roles/{}/edit", a.role)),
            role_form("Renamed by viewer", &site),
        ),
        (a.path(&format!("/roles/{}/close", a.role)), vec![]),
        (a.path("/sites/new"), site_form("Viewer's site")),
        (
            a.path("/staff"),
            vec![
                ("email", w.a_viewer.email.to_string()),
                ("permission", "organisation_admin".into()),
            ],
        ),
        (
            a.path(&format!("/volunteers/{}/status", a.volunteer.id)),
            vec![
                ("status", "left".into()),
                ("leaving_reason", "moved_away".into()),
            ],
        ),
        (
            a.path(&format!("/applications/{}", a.application)),
            vec![("status", "accepted".into())],
        ),
    ];
    let token = viewer.csrf().await;
    for (path, form) in &forms {
        let page = post_with_token(&mut viewer, path, &token, form).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "POST {path}");
        page.assert_contains("You cannot do this");
    }
    assert_eq!(w.snapshot(a).await, before);
}

#[tokio::test]
async fn a_supervisor_sees_only_volunteers_at_their_sites() {
    let w = World::new().await;
    let a = &w.a;
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    let list = supervisor.get(&a.path("/volunteers")).await;
    list.assert_status(StatusCode::OK)
        .assert_contains("1 person")
        .assert_contains(&a.volunteer.full_name())
        .assert_lacks(&w.a_volunteer2.full_name());
    let csv = supervisor.get(&a.path("/volunteers.csv")).await;
    csv.assert_status(StatusCode::OK)
        .assert_contains(a.volunteer.email.as_str())
        .assert_lacks(w.a_volunteer2.email.as_str());
    supervisor
        .get(&a.path(&format!("/volunteers/{}", a.volunteer.id)))
        .await
        .assert_status(StatusCode::OK);
    supervisor
        .get(&a.path(&format!("/applications/{}", a.application)))
        .await
        .assert_status(StatusCode::OK);
    for path in [
        a.path(&format!("/volunteers/{}", w.a_volunteer2.id)),
        a.path(&format!("/applications/{}", w.a_application2)),
    ] {
        supervisor
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Searching by the other site's role does not reveal its applicants.
    let filtered = supervisor
        .get(&a.path(&format!("/volunteers?role={}", w.a_role2)))
        .await;
    filtered
        .assert_status(StatusCode::OK)
        .assert_contains("0 people")
        .assert_lacks(&w.a_volunteer2.full_name());

    // The admin, by contrast, sees both.
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path("/volunteers"))
        .await
        .assert_contains("2 people")
        .assert_contains(&w.a_volunteer2.full_name());
}

// ---------------------------------------------------------------------------------------------
// 10. Theming

#[tokio::test]
async fn nhs_organisations_pages_use_the_nhs_theme_and_charities_do_not() {
    let w = World::new().await;
    for (org, theme) in [(&w.a, "theme-nhs"), (&w.b, "theme-neutral")] {
        let mut admin = w.site.signed_in(org.admin.email.as_str()).await;
        let mut pages = vec![];
        for rest in [
            String::new(),
            "/volunteers".into(),
            format!("/volunteers/{}", org.volunteer.id),
            format!("/applications/{}", org.application),
            "/roles".into(),
            format!("/roles/{}", org.role),
            "/roles/new".into(),
            "/sites".into(),
            "/staff".into(),
        ] {
            pages.push(admin.get(&org.path(&rest)).await);
        }
        // A form with errors keeps the theme.
        pages.push(admin.submit(&org.path("/sites/new"), &[("name", "")]).await);
        for page in pages {
            assert!(
                page.status == StatusCode::OK || page.status == StatusCode::UNPROCESSABLE_ENTITY
            );
            assert_eq!(page.body_class(), theme, "{}", org.slug);
            page.assert_contains(&format!(r#"<span class="header-org">{}</span>"#, org.name));
        }
        // Pages outside the organisation are neutral.
        let profile = admin.get("/my/profile").await;
        assert_eq!(profile.body_class(), "theme-neutral");
    }
}

// ---------------------------------------------------------------------------------------------
// 11. CSV export

fn csv_rows(page: &Page) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(page.body.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_csv_export_follows_the_filters_and_defuses_formulas() {
    let w = World::new().await;
    let a = &w.a;
    let formula = w
        .site
        .app
        .register(
            &domain::person::PersonInput {
                given_name: "=HYPERLINK(\"http://evil.example\")".into(),
                family_name: "+Formula".into(),
                preferred_name: "@sum".into(),
                email: "formula@example.org".into(),
                date_of_birth: "1990-01-01".into(),
                ..Default::default()
            },
            PASSWORD,
        )
        .await
        .unwrap();
    w.site.apply(&formula, a.role).await;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    w.site
        .app
        .decide_application(&scope, a.application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin.get(&a.path("/volunteers.csv")).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(
        page.headers["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        page.headers["content-disposition"].to_str().unwrap(),
        format!("attachment; filename=\"{}-volunteers.csv\"", a.slug)
    );
    let (header, rows) = csv_rows(&page);
    assert_eq!(
        header,
        [
            "Given name",
            "Family name",
            "Preferred name",
            "Email",
            "Phone",
            "Postcode",
            "Status",
            "Since",
            "Roles applied for"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let row = rows
        .iter()
        .find(|r| r[3] == "formula@example.org")
        .expect("the formula row");
    assert_eq!(row[0], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(row[1], "'+Formula");
    assert_eq!(row[2], "'@sum");
    assert_eq!(row[6], "Applicant");
    assert_eq!(row[8], "trust mealtime companion");
    for row in &rows {
        assert_eq!(row.len(), 9);
        assert!(
            !row.iter()
                .any(|cell| cell.starts_with(['=', '+', '-', '@'])),
            "{row:?}"
        );
    }

    let emails = |page: &Page| -> Vec<String> {
        let mut e: Vec<String> = csv_rows(page).1.into_iter().map(|r| r[3].clone()).collect();
        e.sort();
        e
    };
    let applicants = admin.get(&a.path("/volunteers.csv?status=applicant")).await;
    assert_eq!(
        emails(&applicants),
        ["formula@example.org", "walt@trust.example.org"]
    );
    let onboarding = admin
        .get(&a.path("/volunteers.csv?status=onboarding"))
        .await;
    assert_eq!(emails(&onboarding), [a.volunteer.email.to_string()]);
    assert_eq!(csv_rows(&onboarding).1[0][6], "Onboarding");
    let by_role = admin
        .get(&a.path(&format!("/volunteers.csv?role={}", w.a_role2)))
        .await;
    assert_eq!(emails(&by_role), ["walt@trust.example.org"]);
    let by_name = admin.get(&a.path("/volunteers.csv?q=formula")).await;
    assert_eq!(emails(&by_name), ["formula@example.org"]);
    // The list page's download link carries its filters.
    admin
        .get(&a.path("/volunteers?status=applicant&q=walt"))
        .await
        .assert_contains("volunteers.csv?q=walt&#38;status=applicant&#38;role=&#38;page=1");
}

// ---------------------------------------------------------------------------------------------
// More of the same: closed roles, other people's applications, escaping, odd queries

#[tokio::test]
async fn closed_roles_take_no_applications_and_nobody_withdraws_anothers() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin
        .submit(&a.path(&format!("/roles/{}/close", a.role)), &[])
        .await;
    assert_eq!(page.redirect(), a.path(&format!("/roles/{}", a.role)));

    let mut walt = w.site.signed_in(w.a_volunteer2.email.as_str()).await;
    let apply = format!("/opportunities/{}/apply", a.role);
    walt.submit(
        &apply,
        &[("motivation", "Please"), ("availability", "Mondays")],
    )
    .await
    .assert_errors(&["role"])
    .assert_contains("This role is not taking applications");
    assert_eq!(
        w.site
            .app
            .my_applications(w.a_volunteer2.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // Drafts are not public at all.
    walt.get(&format!("/opportunities/{}/apply", a.draft_role))
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // Walt cannot withdraw Vera's application; Vera can.
    let vera_withdraw = format!("/my/applications/{}/withdraw", a.application);
    walt.submit(&vera_withdraw, &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let status = |row: (app::ports::ApplicationRow, _)| row.0.application.status;
    assert_eq!(
        status(w.site.app.application(&scope, a.application).await.unwrap()),
        ApplicationStatus::Submitted
    );
    let mut vera = w.site.signed_in(a.volunteer.email.as_str()).await;
    let page = vera.submit(&vera_withdraw, &[]).await;
    assert_eq!(page.redirect(), "/my/applications");
    assert_eq!(
        status(w.site.app.application(&scope, a.application).await.unwrap()),
        ApplicationStatus::Withdrawn
    );
    // Withdrawn is final.
    vera.submit(&vera_withdraw, &[])
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This application has already been decided");
}

#[tokio::test]
async fn what_people_type_is_shown_as_text_never_as_markup() {
    let w = World::new().await;
    let a = &w.a;
    let script = "<script>alert(1)</script>";
    let person = w
        .site
        .app
        .register(
            &domain::person::PersonInput {
                given_name: script.into(),
                family_name: "\"><img src=x onerror=alert(2)>".into(),
                email: "script@example.org".into(),
                date_of_birth: "1990-01-01".into(),
                accessibility_needs: script.into(),
                ..Default::default()
            },
            PASSWORD,
        )
        .await
        .unwrap();
    let application = w
        .site
        .app
        .apply(
            person.id,
            a.role,
            &domain::application::ApplicationInput {
                motivation: script.into(),
                availability: script.into(),
            },
        )
        .await
        .unwrap();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut pages = vec![
        admin.get(&a.path("/volunteers")).await,
        admin
            .get(&a.path(&format!("/volunteers/{}", person.id)))
            .await,
        admin
            .get(&a.path(&format!("/applications/{}", application.id)))
            .await,
        admin.get(&a.path("/staff")).await,
    ];
    let mut browser = w.site.signed_in("script@example.org").await;
    pages.push(browser.get("/my/profile").await);
    pages.push(browser.get("/my/profile/edit").await);
    pages.push(
        w.site
            .browser()
            .get("/sign-in?next=%22%3E%3Cscript%3Ealert(3)%3C/script%3E")
            .await,
    );
    pages.push(
        w.site
            .browser()
            .get("/register?next=%22%3E%3Cscript%3Ealert(3)%3C/script%3E")
            .await,
    );
    for page in pages {
        page.assert_status(StatusCode::OK)
            .assert_lacks("<script>")
            .assert_lacks("<img");
    }
    admin
        .get(&a.path(&format!("/volunteers/{}", person.id)))
        .await
        .assert_contains("&#60;script&#62;alert(1)&#60;/script&#62;");
}

#[tokio::test]
async fn the_volunteers_list_survives_odd_query_strings() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    for query in [
        "page=4294967295",
        "page=99999999999999999999",
        "page=-1",
        "page=0",
        "status=bogus&role=not-a-uuid",
        "q=%25%5F%5C",
        "q=%FF%FE",
    ] {
        let list = admin.get(&a.path(&format!("/volunteers?{query}"))).await;
        assert_eq!(list.status, StatusCode::OK, "{query}");
        let csv = admin
            .get(&a.path(&format!("/volunteers.csv?{query}")))
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{query}");
    }
    // Past the last page: an empty page that links back.
    admin
        .get(&a.path("/volunteers?page=3"))
        .await
        .assert_contains("page 3 of 1")
        .assert_contains(r#"rel="prev""#);
}
