//! The last lists to download: a shift's register and a volunteer's checks and training (for
//! the organisation's staff), the shifts a volunteer can do (with that page's filters) and the
//! organisations they are with, a network's learning events and the roles members list to it,
//! and the public lists of opportunities and networks (for anyone signed in). Each is linked from its page, is audited, and gives anyone else nothing.

use axum::http::StatusCode;
use domain::rota::ShiftInput;

use crate::list_downloads::{XLSX, csv_rows, exported, network_audit};
use crate::list_downloads_more::{assert_audited, both, one_place};
use crate::support::World;

#[tokio::test]
async fn a_shift_s_register_and_a_volunteer_s_checks_download_for_their_organisation_only() {
    let o = crate::checklist::Onboarding::new("none", "0").await;
    let (w, a) = (&o.w, &o.w.a);
    let app = &w.site.app;
    let role = w
        .site
        .open_role_without_checks(&o.scope, "Ward visitor", a.site)
        .await;
    let amy = w
        .site
        .person("Amy", "First", "amy@example.org", "1980-01-01")
        .await;
    w.site.active_in(&o.scope, &amy, role).await;
    let shift = app
        .add_shift(&o.scope, role, a.site, &one_place(7))
        .await
        .unwrap();
    app.book_shift(amy.id, &a.slug, shift.id).await.unwrap();

    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    let on_shift = format!("?shift={}", shift.id);
    let volunteer = format!("?volunteer={}", o.volunteer.id);
    both(
        &mut admin,
        a,
        "register",
        &on_shift,
        "Volunteer",
        "Amy First",
    )
    .await;
    let register = csv_rows(
        &admin
            .get(&a.path(&format!("/register.csv{on_shift}")))
            .await,
    );
    assert_eq!(register[1][3], "Nothing recorded yet", "{register:?}");
    both(
        &mut admin,
        a,
        "checks",
        &volunteer,
        "Volunteer",
        "Olive Onboard",
    )
    .await;
    let checks = csv_rows(&admin.get(&a.path(&format!("/checks.csv{volunteer}"))).await);
    assert_eq!(checks.len(), 3, "fire safety and the licence: {checks:?}");
    assert!(
        checks[1..]
            .iter()
            .all(|r| r[1] == "Ward companion" && r[4] == "no")
    );
    for (page, link) in [
        (
            format!("/shifts/{}/register", shift.id),
            format!("/register.xlsx{on_shift}"),
        ),
        (
            format!("/volunteers/{}/checks", o.volunteer.id),
            format!("/checks.xlsx{volunteer}"),
        ),
    ] {
        admin
            .get(&a.path(&page))
            .await
            .assert_contains(&link)
            .assert_contains("Download Excel");
    }
    assert_audited(&exported(w, a).await, &["register", "checks"]);

    // Without the id the field is named; another organisation's admin gets nothing under
    // either address, and Amy (in A, not staff) gets nothing.
    admin
        .get(&a.path("/register.csv?shift=nonsense"))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let mut b_admin = w.site.signed_in(w.b.admin.email.as_str()).await;
    for path in [
        a.path(&format!("/register.csv{on_shift}")),
        a.path(&format!("/checks.xlsx{volunteer}")),
        w.b.path(&format!("/register.xlsx{on_shift}")),
        w.b.path(&format!("/checks.csv{volunteer}")),
    ] {
        b_admin
            .get(&path)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let mut amy_b = w.site.signed_in("amy@example.org").await;
    amy_b
        .get(&a.path(&format!("/checks.csv{volunteer}")))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_volunteer_downloads_the_shifts_they_can_do_and_their_organisations() {
    let w = World::new().await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    let role = w
        .site
        .open_role_without_checks(&scope, "Ward visitor", w.a.site)
        .await;
    let amy = w
        .site
        .person("Amy", "First", "amy@example.org", "1980-01-01")
        .await;
    w.site.active_in(&scope, &amy, role).await;
    let shift_at = |days: i64, start: &str, end: &str| ShiftInput {
        start_time: start.into(),
        end_time: end.into(),
        max_volunteers: "3".into(),
        ..one_place(days)
    };
    app.add_shift(&scope, role, w.a.site, &shift_at(3, "09:00", "11:00"))
        .await
        .unwrap();
    app.add_shift(&scope, role, w.a.site, &shift_at(4, "18:00", "20:00"))
        .await
        .unwrap();
    let mut b = w.site.signed_in("amy@example.org").await;
    b.get("/my/shifts/available")
        .await
        .assert_contains("href=\"/my/shifts/available.csv?site=")
        .assert_contains("href=\"/my/shifts/available.xlsx?site=");
    let all = csv_rows(&b.get("/my/shifts/available.csv").await);
    assert_eq!(all[0][..3], ["Date", "Starts", "Ends"]);
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(
        all[1..]
            .iter()
            .all(|r| r[4] == "Ward visitor" && r[6] == "3")
    );
    let evenings = csv_rows(&b.get("/my/shifts/available.csv?time=evening").await);
    assert_eq!(evenings.len(), 2, "{evenings:?}");
    assert_eq!(evenings[1][1], "18:00");
    let file = b.get("/my/shifts/available.xlsx").await;
    assert_eq!(file.headers["content-type"], XLSX);

    let organisations = csv_rows(&b.get("/my/organisations.csv").await);
    assert_eq!(organisations[0], ["Organisation", "Status", "Since"]);
    assert_eq!(organisations.len(), 2, "{organisations:?}");
    assert_eq!(organisations[1][0], w.a.name);
    b.get("/my/organisations")
        .await
        .assert_contains("href=\"/my/organisations.xlsx\"");
    // Someone active in no role here can do none of A's shifts.
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    assert_eq!(
        csv_rows(&other.get("/my/shifts/available.csv").await).len(),
        1
    );
}

#[tokio::test]
async fn a_network_s_events_and_opportunities_download_for_those_who_may_see_them() {
    let w = crate::events::world().await;
    let mut coordinator = w.site.signed_in(w.a.admin.email.as_str()).await;
    let day = crate::events::date_in(&w, 14);
    let base = "/networks/northshire/events";
    crate::events::add(
        &mut coordinator,
        base,
        "Members' forum",
        "members",
        "20",
        &day,
    )
    .await;
    crate::events::add(&mut coordinator, base, "Open day", "public", "50", &day).await;
    let mut member = w.site.signed_in(w.a_viewer.email.as_str()).await;
    member
        .get(base)
        .await
        .assert_contains(&format!("href=\"{base}.xlsx\""));
    let events = csv_rows(&member.get(&format!("{base}.csv")).await);
    assert_eq!(events[0][0], "Event");
    let titles: Vec<&str> = events[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(titles.len(), 2, "{events:?}");
    assert!(titles.contains(&"Members' forum") && titles.contains(&"Open day"));
    // Organisation B is not a member: the public event only; signed out, no file.
    let mut outsider = w.site.signed_in(w.b.admin.email.as_str()).await;
    let public = csv_rows(&outsider.get(&format!("{base}.csv")).await);
    assert_eq!(public.len(), 2, "{public:?}");
    assert_eq!(public[1][0], "Open day");
    let page = w.site.browser().get(&format!("{base}.csv")).await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );

    // A role A lists to the network shows in its opportunities download.
    let network = w
        .site
        .app
        .store
        .network_by_slug("northshire")
        .await
        .unwrap()
        .unwrap();
    let listed = coordinator
        .submit(
            &w.a.path("/networks/listings"),
            &[
                ("network", &network.id.to_string()),
                ("role", &w.a.role.to_string()),
                ("listed", "yes"),
            ],
        )
        .await;
    assert_eq!(listed.redirect(), w.a.path("/networks?done=listed"));
    let roles = csv_rows(&member.get("/networks/northshire/opportunities.csv").await);
    assert_eq!(roles[0], ["Role", "Organisation", "Summary"]);
    assert_eq!(roles.len(), 2, "{roles:?}");
    assert_eq!(roles[1][1], w.a.name);
    member
        .get("/networks/northshire/opportunities")
        .await
        .assert_contains("href=\"/networks/northshire/opportunities.csv\"");
    let audited = network_audit(&w, "northshire").await;
    for action in ["network_events.exported", "network_opportunities.exported"] {
        assert!(audited.iter().any(|a| a == action), "{audited:?}");
    }
}

#[tokio::test]
async fn the_public_opportunities_and_networks_download_for_anyone_signed_in() {
    let w = crate::events::world().await;
    let mut b = w.site.signed_in(w.b.admin.email.as_str()).await;
    b.get("/opportunities")
        .await
        .assert_contains("href=\"/opportunities.csv?q=");
    let all = csv_rows(&b.get("/opportunities.csv").await);
    assert_eq!(all[0][..2], ["Role", "Organisation"]);
    assert!(all.len() >= 3, "both organisations' open roles: {all:?}");
    let only_b = csv_rows(
        &b.get(&format!("/opportunities.csv?organisation={}", w.b.slug))
            .await,
    );
    assert!(only_b.len() >= 2, "{only_b:?}");
    assert!(only_b[1..].iter().all(|r| r[1] == w.b.name), "{only_b:?}");
    let networks = csv_rows(&b.get("/networks.csv").await);
    assert_eq!(networks[0], ["Network", "Kind", "About"]);
    assert_eq!(networks[1][0], "Northshire Volunteering Partnership");
    b.get("/networks")
        .await
        .assert_contains("href=\"/networks.xlsx\"");
    let audited: Vec<String> = w
        .site
        .app
        .store
        .audit_for(None, w.b.admin.id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in ["opportunities.exported", "networks.exported"] {
        assert!(audited.iter().any(|a| a == action), "{audited:?}");
    }
    // Signed out: the pages, but no download link and no file.
    let mut visitor = w.site.browser();
    visitor
        .get("/opportunities")
        .await
        .assert_lacks("/opportunities.csv");
    let page = visitor.get("/networks.csv").await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );
}
