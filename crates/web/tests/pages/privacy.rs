//! UK GDPR through the pages: a manager's subject access ZIP, a volunteer's own copy, erasure
//! confirmed and recorded, retention rules with their dry run and run, the public privacy
//! notice an admin edits, and every new route closed to other organisations.

use std::io::Read;

use axum::http::StatusCode;

use crate::support::{Page, World};

fn file(page: &Page, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(page.bytes.clone())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn names(page: &Page) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(page.bytes.clone())).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect()
}

/// The organisation's privacy routes for a volunteer of theirs.
fn gets(slug: &str, person: &str) -> Vec<String> {
    vec![
        format!("/manage/{slug}/volunteers/{person}/subject-access"),
        format!("/manage/{slug}/volunteers/{person}/erase"),
        format!("/manage/{slug}/privacy"),
        format!("/manage/{slug}/privacy/retention"),
        format!("/manage/{slug}/privacy/notice"),
        format!("/manage/{slug}/privacy/consents"),
    ]
}

fn posts(slug: &str, person: &str) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            format!("/manage/{slug}/volunteers/{person}/subject-access"),
            vec![],
        ),
        (
            format!("/manage/{slug}/volunteers/{person}/erase"),
            vec![("confirmed", "yes")],
        ),
        (
            format!("/manage/{slug}/privacy/retention"),
            vec![("leavers_after_years", "1")],
        ),
        (
            format!("/manage/{slug}/privacy/retention/run"),
            vec![("confirmed", "yes")],
        ),
        (
            format!("/manage/{slug}/privacy/notice"),
            vec![("notice", "Ours now")],
        ),
    ]
}

#[tokio::test]
async fn every_privacy_route_is_not_found_to_anyone_outside_the_organisation() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let b_person = b.volunteer.id.to_string();
    let a_person = a.volunteer.id.to_string();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let mut volunteer = w.site.signed_in(b.volunteer.email.as_str()).await;
    for path in gets(&b.slug, &b_person)
        .into_iter()
        .chain(gets(&a.slug, &b_person).into_iter().take(2))
    {
        let page = admin.get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
        page.assert_lacks(&b.volunteer.family_name);
        assert_eq!(
            volunteer.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "GET {path}"
        );
    }
    for (path, form) in posts(&b.slug, &b_person)
        .into_iter()
        .chain(posts(&a.slug, &b_person).into_iter().take(2))
    {
        assert_eq!(
            admin.submit(&path, &form).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
        assert_eq!(
            volunteer.submit(&path, &form).await.status,
            StatusCode::NOT_FOUND,
            "POST {path}"
        );
    }
    // Nothing of B's changed, and B's volunteer is still theirs.
    let scope = w.site.scope(&b.admin, &b.slug).await;
    assert!(w.site.app.erasures(&scope).await.unwrap().is_empty());
    assert!(
        w.site
            .app
            .privacy_settings(&scope)
            .await
            .unwrap()
            .notice
            .is_none()
    );
    assert!(
        w.site
            .app
            .my_data_requests(b.volunteer.id)
            .await
            .unwrap()
            .is_empty()
    );
    // Someone else's own copy is not found either.
    let request = w.site.app.request_my_data(b.volunteer.id).await.unwrap();
    let mut other = w.site.signed_in(a.volunteer.email.as_str()).await;
    other
        .get(&format!("/my/data/{}/download", request.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // A viewer of A's sees neither the copy nor erasure.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    for path in gets(&a.slug, &a_person).into_iter().take(2) {
        assert_eq!(
            viewer.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "GET {path}"
        );
    }
}

#[tokio::test]
async fn a_manager_downloads_a_copy_of_what_the_organisation_holds() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let person = a.volunteer.id.to_string();
    admin
        .get(&a.path(&format!("/volunteers/{person}")))
        .await
        .assert_contains("Copy of their data")
        .assert_contains("Erase their data");
    admin
        .get(&a.path(&format!("/volunteers/{person}/subject-access")))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Copy of Vera Volunteer-trust");
    let zip = admin
        .submit(
            &a.path(&format!("/volunteers/{person}/subject-access")),
            &[],
        )
        .await;
    zip.assert_status(StatusCode::OK);
    assert_eq!(zip.headers["content-type"], "application/zip");
    assert!(names(&zip).contains(&"summary.html".to_owned()));
    assert!(file(&zip, "data/profile.json").contains("vera@trust.example.org"));
    assert!(file(&zip, "csv/applications.csv").contains(&a.application.to_string()));
    let everything: String = names(&zip).iter().map(|n| file(&zip, n)).collect();
    assert!(!everything.contains(&w.b.name));
    assert!(!everything.contains("password_hash"));
}

#[tokio::test]
async fn a_volunteer_asks_for_and_downloads_their_own_data() {
    let w = World::new().await;
    let mut vera = w.site.signed_in(w.a.volunteer.email.as_str()).await;
    vera.get("/my/data")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("You have not asked for a copy yet");
    let asked = vera.submit("/my/data", &[]).await;
    assert_eq!(asked.redirect(), "/my/data?done=requested");
    let page = vera.get(asked.redirect()).await;
    page.assert_contains("Your copy is ready");
    let link = page
        .body
        .split(r#"href="/my/data/"#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let zip = vera.get(&format!("/my/data/{link}")).await;
    zip.assert_status(StatusCode::OK);
    let summary = file(&zip, "summary.html");
    assert!(summary.contains("Everything Alongside holds about you"));
    assert!(file(&zip, "data/applications.json").contains(&w.a.application.to_string()));
    // Signed out, it is sign in first.
    let mut stranger = w.site.browser();
    assert!(stranger.get("/my/data").await.status.is_redirection());
}

#[tokio::test]
async fn erasure_is_confirmed_and_recorded() {
    let w = World::new().await;
    let a = &w.a;
    let person = a.volunteer.id.to_string();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path(&format!("/volunteers/{person}/erase")))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Applications: 1")
        .assert_contains("their account goes too");
    admin
        .submit(
            &a.path(&format!("/volunteers/{person}/erase")),
            &[("note", "By letter")],
        )
        .await
        .assert_errors(&["confirmed"]);
    assert!(
        w.site
            .app
            .store
            .person(a.volunteer.id)
            .await
            .unwrap()
            .unwrap()
            .given_name
            == "Vera"
    );
    let done = admin
        .submit(
            &a.path(&format!("/volunteers/{person}/erase")),
            &[("note", "By letter"), ("confirmed", "yes")],
        )
        .await;
    assert_eq!(done.redirect(), a.path("/privacy?done=erased"));
    admin
        .get(done.redirect())
        .await
        .assert_contains("Their data has been erased")
        .assert_contains("The person asked for their data to be erased")
        .assert_contains("By letter")
        .assert_lacks("Vera");
    let erased = w
        .site
        .app
        .store
        .person(a.volunteer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(erased.given_name, "Erased");
}

#[tokio::test]
async fn retention_rules_preview_and_run_and_the_notice_is_public() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path("/privacy/retention"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Nobody is reached today");
    admin
        .submit(
            &a.path("/privacy/retention"),
            &[
                ("leavers_after_years", "0"),
                ("unsuccessful_after_months", "x"),
            ],
        )
        .await
        .assert_errors(&["leavers_after_years", "unsuccessful_after_months"]);
    let saved = admin
        .submit(
            &a.path("/privacy/retention"),
            &[("leavers_after_years", "6")],
        )
        .await;
    assert_eq!(saved.redirect(), a.path("/privacy/retention?done=saved"));
    admin
        .get(saved.redirect())
        .await
        .assert_contains(r#"value="6""#);
    let ran = admin
        .submit(&a.path("/privacy/retention/run"), &[("confirmed", "yes")])
        .await;
    assert_eq!(ran.redirect(), a.path("/privacy/retention?done=run"));
    admin
        .get(ran.redirect())
        .await
        .assert_contains("People who left: 0 erased");

    // The public notice: the default names the organisation and its rule, until changed.
    let mut anyone = w.site.browser();
    anyone
        .get(&format!("/organisations/{}/privacy", a.slug))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<h2>Who we are</h2>")
        .assert_contains(&a.name)
        .assert_contains("for 6 years after you leave");
    admin
        .submit(&a.path("/privacy/notice"), &[("notice", "  ")])
        .await
        .assert_errors(&["notice"]);
    admin
        .submit(
            &a.path("/privacy/notice"),
            &[("notice", "About us\n\nWe keep very little.")],
        )
        .await;
    anyone
        .get(&format!("/organisations/{}/privacy", a.slug))
        .await
        .assert_contains("<h2>About us</h2>")
        .assert_contains("<p>We keep very little.</p>")
        .assert_lacks("Who we are");
    admin
        .submit(&a.path("/privacy/notice"), &[("action", "reset")])
        .await;
    anyone
        .get(&format!("/organisations/{}/privacy", a.slug))
        .await
        .assert_contains("Who we are");
    anyone
        .get("/organisations/nowhere/privacy")
        .await
        .assert_status(StatusCode::NOT_FOUND);
    admin
        .get(&a.path("/privacy/consents"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Consent register");
}
