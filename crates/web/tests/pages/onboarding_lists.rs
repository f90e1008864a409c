//! The onboarding lists and the catalogue: who may see check details, the onboarding board, the
//! expiring list and its CSV, the catalogue forms, and malformed ids on the new routes.

use axum::http::StatusCode;
use chrono::Duration;
use domain::compliance::CheckKind;
use domain::compliance::RequirementTypeInput;
use domain::compliance::check::CheckInput;
use domain::role::RoleInput;

use crate::onboarding::{training_role, verify, visitor_role};
use crate::routes::{catalogue_item, placed};
use crate::support::{Org, Page, World};

#[tokio::test]
async fn supervisors_and_viewers_see_the_board_but_not_check_details() {
    let w = World::new().await;
    let a = &w.a;
    let p = placed(&w.site, a, visitor_role(&w, a).await, "olive").await;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    w.site
        .app
        .decide_application(
            &scope,
            w.a_application2,
            domain::application::ApplicationStatus::Accepted,
            "",
        )
        .await
        .unwrap();
    let before = w.site.app.store.checks_of(a.id, p.person.id).await.unwrap();
    let dbs = p.check(CheckKind::Dbs).id;
    for email in [w.a_viewer.email.as_str(), w.a_supervisor.email.as_str()] {
        let mut staff = w.site.signed_in(email).await;
        for path in [
            a.path(&format!("/volunteers/{}/checks", p.person.id)),
            a.path("/expiring"),
            a.path("/expiring.csv"),
        ] {
            let page = staff.get(&path).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{email} GET {path}");
            page.assert_contains("You cannot do this");
        }
        for (path, form) in [
            (
                a.path(&format!("/checks/{dbs}")),
                vec![("action", "waive"), ("waiver_reason", "Not needed")],
            ),
            (
                a.path(&format!("/placements/{}/start", p.placement)),
                vec![],
            ),
            (
                a.path("/catalogue/new"),
                vec![("name", "Sneaky module"), ("kind", "training")],
            ),
        ] {
            let page = staff.submit(&path, &form).await;
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{email} POST {path}");
        }
        let board = staff.get(&a.path("/onboarding")).await;
        board
            .assert_status(StatusCode::OK)
            .assert_contains(&format!(
                r#"href="/manage/{}/volunteers/{}">{}"#,
                a.slug,
                p.person.id,
                p.person.full_name()
            ))
            .assert_lacks("/checks\"")
            .assert_lacks(&format!(r#"href="{}""#, a.path("/expiring")))
            // What blocks someone is check data: they see how many items, not which.
            .assert_contains("items outstanding")
            .assert_lacks("DBS check:");
        staff
            .get(&a.path("/catalogue"))
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("Fire safety")
            .assert_lacks(&a.path("/catalogue/new"));
    }
    // A supervisor's board has only the people at their sites; an admin's has everyone.
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    supervisor
        .get(&a.path("/onboarding"))
        .await
        .assert_lacks(&w.a_volunteer2.full_name());
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&a.path("/onboarding"))
        .await
        .assert_contains(&w.a_volunteer2.full_name())
        .assert_contains(&p.person.full_name());
    let after = w.site.app.store.checks_of(a.id, p.person.id).await.unwrap();
    assert_eq!(after, before);
    let audit = w.site.app.store.audit_for(Some(a.id), p.person.id.0).await;
    assert!(audit.unwrap().iter().all(|e| e.action != "checks.viewed"));
}

/// Where `needle` is on the page.
#[track_caller]
fn at(page: &Page, needle: &str) -> usize {
    page.body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not on the page"))
}

#[tokio::test]
async fn the_board_groups_people_by_what_they_are_waiting_for() {
    let w = World::new().await;
    let a = &w.a;
    let waiting = placed(&w.site, a, training_role(&w, a).await, "wendy").await;
    let to_verify = placed(&w.site, a, training_role(&w, a).await, "tariq").await;
    let ready = placed(&w.site, a, training_role(&w, a).await, "rose").await;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let today = w.site.app.clock.today();
    let told_us = CheckInput {
        action: "submit".into(),
        issued_on: (today - Duration::days(2)).to_string(),
        ..CheckInput::default()
    };
    let training = to_verify.check(CheckKind::Training).id;
    w.site
        .app
        .record_check(&scope, training, &told_us)
        .await
        .unwrap();
    let training = ready.check(CheckKind::Training).id;
    verify(
        &w,
        a,
        training,
        today - Duration::days(2),
        today + Duration::days(700),
    )
    .await;

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin.get(&a.path("/onboarding")).await;
    page.assert_status(StatusCode::OK);
    let order = [
        at(&page, r#"id="with-volunteer""#),
        at(&page, &waiting.person.full_name()),
        at(&page, r#"id="to-verify""#),
        at(&page, &to_verify.person.full_name()),
        at(&page, r#"id="ready""#),
        at(&page, &ready.person.full_name()),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let row = |name: String| page.row(&name).unwrap().to_owned();
    assert!(row(waiting.person.full_name()).contains("Fire safety: not done yet"));
    assert!(row(to_verify.person.full_name()).contains("Fire safety: waiting to be verified"));
    assert!(row(ready.person.full_name()).contains("Nothing: they can start"));
    assert!(row(ready.person.full_name()).contains("0 days"));
    page.assert_contains(&format!("/volunteers/{}/checks", waiting.person.id));
    // No one has started yet, and the dashboard says so rather than showing empty figures.
    admin
        .get(&a.path(""))
        .await
        .assert_contains("No one has started in the last 12 months")
        .assert_lacks("The longest stage is");
}

#[tokio::test]
async fn the_expiring_list_shows_what_runs_out_within_the_days_asked() {
    let w = World::new().await;
    let a = &w.a;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    // An item whose name a spreadsheet would run as a formula.
    let own = RequirementTypeInput {
        name: "=Tea urn safety".into(),
        kind: "training".into(),
        validity_months: "12".into(),
        ..Default::default()
    };
    let urn = w.site.app.add_requirement_type(&scope, &own).await.unwrap();
    let mut role: RoleInput = training_role(&w, a).await;
    role.requirement_type_ids = vec![urn.id];
    let soon = placed(&w.site, a, role.clone(), "sunil").await;
    let lapsed = placed(&w.site, a, role, "lena").await;
    let today = w.site.app.clock.today();
    let id = |p: &crate::routes::Placed| p.check(CheckKind::Training).id;
    verify(
        &w,
        a,
        id(&soon),
        today - Duration::days(30),
        today + Duration::days(10),
    )
    .await;
    verify(
        &w,
        a,
        id(&lapsed),
        today - Duration::days(60),
        today - Duration::days(3),
    )
    .await;

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let page = admin.get(&a.path("/expiring?days=30")).await;
    page.assert_status(StatusCode::OK);
    let row = page
        .row(&soon.person.full_name())
        .expect("the item expiring soon");
    assert!(row.contains("In 10 days"), "{row}");
    assert!(row.contains("=Tea urn safety"), "{row}");
    let row = page
        .row(&lapsed.person.full_name())
        .expect("the lapsed item");
    assert!(row.contains("Expired"), "{row}");
    assert!(at(&page, &lapsed.person.full_name()) < at(&page, &soon.person.full_name()));
    admin
        .get(&a.path("/expiring?days=5"))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks(&soon.person.full_name())
        .assert_contains(&lapsed.person.full_name());
    admin
        .get(&a.path("/expiring"))
        .await
        .assert_contains(r#"value="60""#)
        .assert_contains(&soon.person.full_name());
    for bad in ["abc", "-1", "100000", "1.5"] {
        admin
            .get(&a.path(&format!("/expiring?days={bad}")))
            .await
            .assert_errors(&["days"])
            .assert_lacks(&soon.person.full_name());
    }

    let csv = admin.get(&a.path("/expiring.csv?days=30")).await;
    csv.assert_status(StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["Name", "Email", "Check or training", "Expires on", "When"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let soon_row = rows
        .iter()
        .find(|r| r[0] == soon.person.full_name())
        .unwrap();
    assert_eq!(soon_row[2], "'=Tea urn safety");
    assert_eq!(soon_row[3], (today + Duration::days(10)).to_string());
    assert_eq!(soon_row[4], "In 10 days");
    let short = admin.get(&a.path("/expiring.csv?days=5")).await;
    assert!(!short.body.contains(&soon.person.full_name()));
    let bad = admin.get(&a.path("/expiring.csv?days=abc")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn catalogue_row(admin: &mut crate::support::Browser, org: &Org, name: &str) -> String {
    let page = admin.get(&org.path("/catalogue")).await;
    page.assert_status(StatusCode::OK);
    page.row(name)
        .unwrap_or_else(|| panic!("{name} is not in the catalogue"))
        .to_owned()
}

#[tokio::test]
async fn managers_add_their_own_training_and_change_how_long_items_last() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let fire = catalogue_row(&mut admin, a, "Fire safety").await;
    assert!(
        fire.contains("Renew every 24 months") && fire.contains("Built in"),
        "{fire}"
    );
    assert!(
        fire.contains("Core Skills Training Framework (England)"),
        "{fire}"
    );

    let new = a.path("/catalogue/new");
    let own = [
        ("name", "Chaplaincy listening skills"),
        ("kind", "training"),
        ("validity_months", "24"),
    ];
    assert_eq!(
        admin.submit(&new, &own).await.redirect(),
        a.path("/catalogue")
    );
    let row = catalogue_row(&mut admin, a, "Chaplaincy listening skills").await;
    assert!(
        row.contains("Our own") && row.contains("Renew every 24 months"),
        "{row}"
    );
    admin
        .submit(&new, &own)
        .await
        .assert_errors(&["name"])
        .assert_contains("There is already a check or module with this name");
    admin
        .submit(
            &new,
            &[("name", ""), ("kind", "dbs"), ("validity_months", "0")],
        )
        .await
        .assert_errors(&["name", "kind", "validity_months"]);

    let scope = w.site.scope(&a.admin, &a.slug).await;
    let catalogue = w.site.app.catalogue(&scope).await.unwrap();
    let mine = catalogue.iter().find(|t| !t.built_in).unwrap().id;
    let edit = a.path(&format!("/catalogue/{mine}"));
    admin
        .get(&edit)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(r#"id="name""#);
    let changed = [("name", "Chaplaincy listening"), ("validity_months", "")];
    assert_eq!(
        admin.submit(&edit, &changed).await.redirect(),
        a.path("/catalogue")
    );
    let row = catalogue_row(&mut admin, a, "Chaplaincy listening").await;
    assert!(row.contains("Does not expire"), "{row}");

    // A built-in item keeps its name; its validity changes.
    let fire = catalogue_item(&w.site, a, "cstf-fire-safety").await;
    let edit = a.path(&format!("/catalogue/{fire}"));
    admin
        .get(&edit)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Fire safety")
        .assert_lacks(r#"id="name""#);
    admin
        .submit(&edit, &[("validity_months", "121")])
        .await
        .assert_errors(&["validity_months"]);
    let renamed = [("name", "Renamed"), ("validity_months", "12")];
    assert_eq!(
        admin.submit(&edit, &renamed).await.redirect(),
        a.path("/catalogue")
    );
    let item = w.site.app.requirement_type(&scope, fire).await.unwrap();
    assert_eq!(
        (item.name.as_str(), item.validity_months),
        ("Fire safety", Some(12))
    );
}

#[tokio::test]
async fn malformed_ids_on_the_onboarding_routes_are_not_found() {
    let w = World::new().await;
    let a = &w.a;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let token = admin.csrf().await;
    // Someone with no placement has nothing to check yet.
    admin
        .get(&a.path(&format!("/volunteers/{}/checks", a.volunteer.id)))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("They are not placed in any role");
    let nothing = uuid::Uuid::now_v7().to_string();
    for bad in ["not-a-uuid", "123", "%2e%2e", nothing.as_str()] {
        for path in [
            a.path(&format!("/volunteers/{bad}/checks")),
            a.path(&format!("/catalogue/{bad}")),
        ] {
            assert_eq!(
                admin.get(&path).await.status,
                StatusCode::NOT_FOUND,
                "GET {path}"
            );
        }
        for path in [
            a.path(&format!("/checks/{bad}")),
            a.path(&format!("/checks/{bad}/referees")),
            a.path(&format!("/placements/{bad}/start")),
            a.path(&format!("/catalogue/{bad}")),
        ] {
            let page = admin
                .post(&path, &[("_csrf", &token), ("action", "verify")])
                .await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
        }
    }
}
