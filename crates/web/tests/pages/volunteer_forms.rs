//! Bad input on the forms volunteers fill in: registering, signing in and the profile.

use axum::http::StatusCode;
use chrono::Datelike;

use crate::routes::{fields, registration};
use crate::support::{PASSWORD, TestSite, World};

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
