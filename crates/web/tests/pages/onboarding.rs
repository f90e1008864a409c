//! Onboarding and compliance pages: a checklist from acceptance to starting, bad input on the
//! check forms, the audit of every read, who may see check details, the catalogue, the expiring
//! list and the onboarding board.

use axum::http::StatusCode;
use chrono::{Duration, Months, NaiveDate};
use domain::audit::Actor;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::ReferenceReplyInput;
use domain::compliance::{CheckKind, CheckStatus, PlacementStatus};
use domain::engagement::EngagementStatus;
use domain::ids::CheckId;
use domain::role::RoleInput;

use crate::routes::{catalogue_item, placed};
use crate::support::{Org, Page, STATEMENT, World, engagement, role_input};

/// A role needing an enhanced DBS check, one reference and fire safety training.
pub async fn visitor_role(w: &World, org: &Org) -> RoleInput {
    let mut role = role_input("Ward visitor", org.site, STATEMENT);
    role.references_required = "1".into();
    role.requirement_type_ids = vec![catalogue_item(&w.site, org, "cstf-fire-safety").await];
    role
}

/// A role needing only fire safety training.
pub async fn training_role(w: &World, org: &Org) -> RoleInput {
    let mut role = role_input("Tea trolley", org.site, STATEMENT);
    role.dbs_level = "none".into();
    role.dbs_workforce = String::new();
    role.requirement_type_ids = vec![catalogue_item(&w.site, org, "cstf-fire-safety").await];
    role
}

/// A date as a person types it: "27 3 2026".
fn typed(d: NaiveDate) -> String {
    d.format("%-d %-m %Y").to_string()
}

fn today(w: &World) -> NaiveDate {
    w.site.app.clock.today()
}

/// Asserts no two elements on the page share an id.
#[track_caller]
fn assert_unique_ids(page: &Page) {
    let mut ids: Vec<&str> = page
        .body
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "duplicate ids on the page");
}

/// A manager verifies `check` with the dates given.
pub async fn verify(w: &World, org: &Org, check: CheckId, issued: NaiveDate, expires: NaiveDate) {
    let scope = w.site.scope(&org.admin, &org.slug).await;
    let input = CheckInput {
        action: "verify".into(),
        issued_on: issued.to_string(),
        expires_on: expires.to_string(),
        ..CheckInput::default()
    };
    w.site
        .app
        .record_check(&scope, check, &input)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_volunteer_starts_once_every_item_is_verified_and_not_before() {
    let w = World::new().await;
    let a = &w.a;
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let input = visitor_role(&w, a).await;
    let role = w.site.publish(&scope, &input).await;
    let olive = w
        .site
        .person("Olive", "Onboarding", "olive@example.org", "1992-04-05")
        .await;
    let application = w.site.apply(&olive, role.id).await;
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .submit(
            &a.path(&format!("/applications/{application}")),
            &[("status", "accepted"), ("note", "")],
        )
        .await
        .redirect();
    let person = olive.id.to_string();
    let checks_path = a.path(&format!("/volunteers/{person}/checks"));
    let page = admin.get(&checks_path).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Ward visitor")
        .assert_contains("DBS check: <span class=\"tag\">To do</span>")
        .assert_contains("References: <span class=\"tag\">To do</span>")
        .assert_contains("Fire safety: <span class=\"tag\">To do</span>")
        .assert_contains("Not ready to start yet")
        .assert_contains("Start in this role");
    assert_unique_ids(&page);
    let store = &w.site.app.store;
    let checks = store.checks_of(a.id, olive.id).await.unwrap();
    assert_eq!(checks.len(), 3, "{checks:?}");
    let id_of = |kind| checks.iter().find(|c| c.kind == kind).unwrap().id;
    let (dbs, refs, fire) = (
        id_of(CheckKind::Dbs),
        id_of(CheckKind::References),
        id_of(CheckKind::Training),
    );
    let placement = store.placements_of(a.id, olive.id).await.unwrap()[0]
        .placement
        .id;
    let start = a.path(&format!("/placements/{placement}/start"));

    // Starting now is refused, with every block listed.
    admin
        .submit(&start, &[])
        .await
        .assert_errors(&["eligibility"])
        .assert_contains("DBS check: not done yet")
        .assert_contains("References: not done yet")
        .assert_contains("Fire safety: not done yet");
    assert_eq!(
        engagement(&w, a, olive.id).await,
        EngagementStatus::Onboarding
    );

    // The DBS check with its details; the issue date typed the way people type dates.
    let today = today(&w);
    let issued = typed(today - Duration::days(20));
    let checked = today.to_string();
    let page = admin
        .submit(
            &a.path(&format!("/checks/{dbs}")),
            &[
                ("person", &person),
                ("action", "verify"),
                ("dbs_level", "enhanced"),
                ("dbs_workforce", "adult"),
                ("dbs_certificate_number", "0012 3456 7890"),
                ("issued_on", &issued),
                ("dbs_outcome", "clear"),
                ("dbs_update_service", "yes"),
                ("dbs_status_checked_on", &checked),
            ],
        )
        .await;
    assert_eq!(page.redirect(), checks_path);

    // A referee named on the page replies through the link in their email.
    let page = admin
        .submit(
            &a.path(&format!("/checks/{refs}/referees")),
            &[
                ("person", &person),
                ("referee_name", "Rhys Referee"),
                ("referee_email", "rhys@example.net"),
                ("relationship", "Their manager at the library"),
            ],
        )
        .await;
    assert_eq!(page.redirect(), checks_path);
    let messages = store.recent_messages(20).await.unwrap();
    let email = messages
        .iter()
        .find(|m| m.to == "rhys@example.net")
        .unwrap();
    let token = email.body.split("/references/").nth(1).unwrap();
    let token = token.split_whitespace().next().unwrap();
    let reply = ReferenceReplyInput {
        known_for: "Five years at the library".into(),
        suitability: "Kind and reliable".into(),
        recommends: "yes".into(),
    };
    w.site.app.give_reference(token, &reply).await.unwrap();
    let submitted = store.check(a.id, refs).await.unwrap().unwrap();
    assert_eq!(submitted.status, CheckStatus::Submitted);
    let refs_path = a.path(&format!("/checks/{refs}"));
    let page = admin
        .submit(&refs_path, &[("person", &person), ("action", "verify")])
        .await;
    assert_eq!(page.redirect(), checks_path);

    // Training: the expiry is worked out from the catalogue (24 months) when left empty.
    let completed = today - Duration::days(5);
    let page = admin
        .submit(
            &a.path(&format!("/checks/{fire}")),
            &[
                ("person", &person),
                ("action", "verify"),
                ("issued_on", &completed.to_string()),
            ],
        )
        .await;
    assert_eq!(page.redirect(), checks_path);
    let training = store.check(a.id, fire).await.unwrap().unwrap();
    assert_eq!(training.status, CheckStatus::Verified);
    let expiry = completed.checked_add_months(Months::new(24)).unwrap();
    assert_eq!(training.expires_on, expiry.pred_opt());

    let page = admin.get(&checks_path).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Eligible to start")
        .assert_contains("001234567890")
        .assert_contains("Subscribed")
        .assert_contains("Rhys Referee")
        .assert_contains("Recommends them: <strong>Yes</strong>")
        .assert_contains("Kind and reliable")
        .assert_lacks("Not ready to start yet");
    assert_unique_ids(&page);

    assert_eq!(admin.submit(&start, &[]).await.redirect(), checks_path);
    assert_eq!(engagement(&w, a, olive.id).await, EngagementStatus::Active);
    let placed = store.placements_of(a.id, olive.id).await.unwrap();
    assert_eq!(placed[0].placement.status, PlacementStatus::Active);
    admin
        .get(&checks_path)
        .await
        .assert_contains("Active · accepted on")
        .assert_lacks("Start in this role");

    // The dashboard's time to onboard counts them.
    let dashboard = admin.get(&a.path("")).await;
    dashboard
        .assert_contains("1 person started in a role")
        .assert_contains("<caption>How long people took from applying to starting</caption>")
        .assert_contains("<tr><td>Under 2 weeks</td><td>1</td></tr>")
        .assert_contains("<tr><td>Ward visitor</td><td>1</td>")
        .assert_contains("The longest stage is ")
        .assert_lacks("No one has started in the last 12 months");
}

#[tokio::test]
async fn bad_input_on_a_check_names_the_field_and_saves_nothing() {
    let w = World::new().await;
    let a = &w.a;
    let p = placed(&w.site, a, visitor_role(&w, a).await, "olive").await;
    let before = w.site.app.store.checks_of(a.id, p.person.id).await.unwrap();
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let person = p.person.id.to_string();
    let path = |kind| a.path(&format!("/checks/{}", p.check(kind).id));
    let today = today(&w);

    let page = admin
        .submit(
            &path(CheckKind::Dbs),
            &[
                ("person", &person),
                ("action", "verify"),
                ("dbs_level", "platinum"),
                ("dbs_workforce", "adult"),
                ("dbs_certificate_number", "001234567890"),
                ("issued_on", &typed(today - Duration::days(20))),
                ("dbs_outcome", "clear"),
                ("dbs_update_service", "no"),
            ],
        )
        .await;
    page.assert_errors(&["dbs_level"])
        .assert_contains("Select the level of the DBS check")
        .assert_contains(r#"value="001234567890""#)
        .assert_contains("<details open>");
    assert_unique_ids(&page);

    let expiry_first = [
        ("person", person.as_str()),
        ("action", "verify"),
        ("issued_on", &typed(today - Duration::days(10))),
        ("expires_on", &typed(today - Duration::days(20))),
    ];
    admin
        .submit(&path(CheckKind::Training), &expiry_first)
        .await
        .assert_errors(&["expires_on"])
        .assert_contains("The expiry date must be after the date it was issued");
    admin
        .submit(
            &path(CheckKind::Training),
            &[
                ("person", &person),
                ("action", "verify"),
                ("issued_on", "31 2 2026"),
            ],
        )
        .await
        .assert_errors(&["issued_on"])
        .assert_contains("Enter a real date, for example 27 3 2026");
    admin
        .submit(&path(CheckKind::Training), &[("person", &person)])
        .await
        .assert_errors(&["action"]);
    admin
        .submit(
            &path(CheckKind::References),
            &[
                ("person", &person),
                ("action", "waive"),
                ("waiver_reason", "  "),
            ],
        )
        .await
        .assert_errors(&["waiver_reason"]);
    let referee = a.path(&format!(
        "/checks/{}/referees",
        p.check(CheckKind::References).id
    ));
    admin
        .submit(
            &referee,
            &[
                ("person", &person),
                ("referee_name", "Rhys Referee"),
                ("referee_email", "not an email"),
                ("relationship", "Neighbour"),
            ],
        )
        .await
        .assert_errors(&["referee_email"])
        .assert_contains(r#"value="Rhys Referee""#);
    // The references item's verify waits for replies.
    admin
        .submit(
            &path(CheckKind::References),
            &[("person", &person), ("action", "verify")],
        )
        .await
        .assert_errors(&["action"])
        .assert_contains("0 of 1 references have been given");

    let after = w.site.app.store.checks_of(a.id, p.person.id).await.unwrap();
    assert_eq!(after, before, "a refused form changed a check");
    assert!(
        w.site
            .app
            .store
            .recent_messages(50)
            .await
            .unwrap()
            .iter()
            .all(|m| !m.body.contains("/references/"))
    );
}

#[tokio::test]
async fn each_item_has_one_form_however_many_roles_need_it_and_every_read_is_audited() {
    let w = World::new().await;
    let a = &w.a;
    let p = placed(&w.site, a, visitor_role(&w, a).await, "olive").await;
    // A second role that also needs the DBS check.
    let scope = w.site.scope(&a.admin, &a.slug).await;
    let second = w.site.apply(&p.person, a.role).await;
    let accepted = domain::application::ApplicationStatus::Accepted;
    let decided = w.site.app.decide_application(&scope, second, accepted, "");
    decided.await.unwrap();
    let viewed = || async {
        let entries = w.site.app.store.audit_for(Some(a.id), p.person.id.0).await;
        entries
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "checks.viewed")
            .collect::<Vec<_>>()
    };
    assert!(viewed().await.is_empty());
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let path = a.path(&format!("/volunteers/{}/checks", p.person.id));
    let page = admin.get(&path).await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Ward visitor")
        .assert_contains("trust mealtime companion")
        .assert_contains("Another role needs this too: record it under ");
    assert_unique_ids(&page);
    let dbs_form = format!("/checks/{}\"", p.check(CheckKind::Dbs).id);
    assert_eq!(page.body.matches(&dbs_form).count(), 1, "one DBS form");
    admin.get(&path).await.assert_status(StatusCode::OK);
    let entries = viewed().await;
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.actor == Actor::Person(a.admin.id)));
}
