//! Bad input on the manager forms: roles, sites, permissions, volunteer status, decisions and
//! malformed ids.

use axum::http::StatusCode;
use domain::application::ApplicationStatus;
use domain::engagement::EngagementStatus;
use domain::role::RoleStatus;

use crate::routes::{fields, role_form};
use crate::support::{STATEMENT, World, engagement, role_input};

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
    // Nor demoted to something less.
    admin
        .submit(
            &a.path("/staff"),
            &[("email", a.admin.email.as_str()), ("permission", "viewer")],
        )
        .await
        .assert_errors(&["permission"])
        .assert_contains("An organisation needs at least one organisation admin");
    assert_eq!(w.snapshot(a).await, before);
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
        .assert_contains("Say why they are leaving")
        .assert_contains(r#"<option value="other" selected>"#);
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
async fn someone_onboarding_becomes_active_by_starting_in_a_role_not_by_a_status_change() {
    let w = World::new().await;
    let a = &w.a;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    w.site
        .app
        .decide_application(&scope, a.application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let person = a.volunteer.id;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .submit(
            &a.path(&format!("/volunteers/{person}/status")),
            &[("status", "active")],
        )
        .await
        .assert_errors(&["status"])
        .assert_contains("Start them in a role from their checklist");
    assert_eq!(
        engagement(&w, a, person).await,
        EngagementStatus::Onboarding
    );
    // The role needs an enhanced DBS check: recorded on the checks page, they can start there.
    let checks = w.site.app.store.checks_of(a.id, person).await.unwrap();
    assert_eq!(checks.len(), 1, "{checks:?}");
    let issued = (w.site.app.clock.today() - chrono::Duration::days(3)).to_string();
    let checks_page = a.path(&format!("/volunteers/{person}/checks"));
    let recorded = admin
        .submit(
            &a.path(&format!("/checks/{}", checks[0].id)),
            &[
                ("person", &person.to_string()),
                ("action", "verify"),
                ("dbs_level", "enhanced"),
                ("dbs_workforce", "adult"),
                ("dbs_certificate_number", "001234567890"),
                ("issued_on", &issued),
                ("dbs_outcome", "clear"),
                ("dbs_update_service", "no"),
            ],
        )
        .await;
    assert_eq!(recorded.redirect(), checks_page);
    let placements = w.site.app.store.placements_of(a.id, person).await.unwrap();
    let start = a.path(&format!("/placements/{}/start", placements[0].placement.id));
    assert_eq!(admin.submit(&start, &[]).await.redirect(), checks_page);
    assert_eq!(engagement(&w, a, person).await, EngagementStatus::Active);
    admin
        .get(&a.path(&format!("/volunteers/{person}")))
        .await
        .assert_contains("Started as trust mealtime companion");
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
        .assert_contains("Enter a reason for declining")
        .assert_contains(r#"value="declined" checked"#);
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
