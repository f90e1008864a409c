//! Networks on pages: setting one up, members and renewals, the directory, what non-members
//! see, roles listed to the network, referring a volunteer to another member, and benchmarking.

use axum::http::StatusCode;

use crate::support::World;

/// The trust's admin sets up a network; the hospice joins as a member and Iris as an individual.
pub(crate) async fn network(w: &World) -> String {
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let refused = admin
        .submit(
            &w.a.path("/networks/new"),
            &[("name", ""), ("slug", "Not A Slug!"), ("kind", "")],
        )
        .await;
    refused.assert_errors(&["name", "slug", "kind"]);
    let made = admin
        .submit(
            &w.a.path("/networks/new"),
            &[
                ("name", "Northshire Volunteering Partnership"),
                ("slug", "northshire"),
                ("kind", "care_partnership"),
                (
                    "description",
                    "The county's NHS and charity volunteering partnership.",
                ),
            ],
        )
        .await;
    assert_eq!(made.redirect(), "/networks/northshire?done=created");
    let b_id = w.b.id.to_string();
    let added = admin
        .submit(
            "/networks/northshire/members/new",
            &[
                ("membership_type", "organisational"),
                ("organisation_id", &b_id),
                ("joined_on", "2026-04-01"),
                ("renews_on", "2027-04-01"),
                ("annual_fee", "120"),
            ],
        )
        .await;
    assert!(
        added
            .redirect()
            .starts_with("/networks/northshire/members/")
    );
    admin
        .submit(
            "/networks/northshire/members/new",
            &[
                ("membership_type", "individual"),
                ("name", "Iris Independent"),
                ("email", "iris@example.org"),
                ("job_title", "Voluntary services manager"),
                ("joined_on", "2026-01-10"),
                ("renews_on", "2027-01-10"),
                ("annual_fee", "45"),
                ("in_directory", "yes"),
            ],
        )
        .await;
    "northshire".into()
}

#[tokio::test]
async fn a_coordinator_sets_up_a_network_with_members_and_records_renewals() {
    let w = World::new().await;
    let slug = network(&w).await;
    let app = &w.site.app;
    let n = app.store.network_by_slug(&slug).await.unwrap().unwrap();
    let templates = app.store.role_templates(n.id).await.unwrap();
    assert!(
        templates
            .iter()
            .any(|t| t.template.title == "Mealtime and hydration companion")
    );

    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let members = admin.get("/networks/northshire/members").await;
    members
        .assert_status(StatusCode::OK)
        .assert_contains("Hillside Hospice Charity")
        .assert_contains("Iris Independent")
        .assert_contains("£120.00");
    // Bad input names the fields; nothing is added.
    let refused = admin
        .submit(
            "/networks/northshire/members/new",
            &[
                ("membership_type", "individual"),
                ("email", "nope"),
                ("joined_on", "2027-02-30"),
            ],
        )
        .await;
    refused.assert_errors(&["name", "email", "joined_on"]);
    assert_eq!(app.store.network_members(n.id).await.unwrap().len(), 3);

    let iris = app
        .store
        .network_members(n.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.name() == "Iris Independent")
        .unwrap();
    let path = format!("/networks/northshire/members/{}", iris.id);
    let bad = admin
        .submit(
            &format!("{path}/renew"),
            &[("paid_on", ""), ("amount", "-1")],
        )
        .await;
    bad.assert_errors(&["paid_on", "amount"]);
    let today = chrono::Utc::now().date_naive().to_string();
    let renewed = admin
        .submit(
            &format!("{path}/renew"),
            &[("paid_on", &today), ("amount", "45")],
        )
        .await;
    assert_eq!(renewed.redirect(), format!("{path}?done=renewed"));
    let after = app
        .store
        .network_member(n.id, iris.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.renews_on,
        Some(iris.next_renewal_date(chrono::Utc::now().date_naive()))
    );
    admin
        .get(&path)
        .await
        .assert_contains("£45.00")
        .assert_contains("Ada Admin-trust");
}

#[tokio::test]
async fn members_see_the_directory_and_library_and_outsiders_only_what_is_public() {
    let w = World::new().await;
    network(&w).await;
    // The hospice's admin is staff of a member organisation.
    let mut member = w.site.signed_in(w.b.admin.email.as_str()).await;
    member
        .get("/networks/northshire")
        .await
        .assert_contains("Member directory")
        .assert_contains("Role library")
        .assert_lacks("Members and renewals");
    member
        .get("/networks/northshire/directory")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Iris Independent")
        .assert_contains("iris@example.org");
    // Members are not coordinators.
    member
        .get("/networks/northshire/members")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    member
        .get("/networks/northshire/edit")
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // Someone signed out, and someone from no member organisation, see the public page only.
    let mut visitor = w.site.browser();
    visitor
        .get("/networks/northshire")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("NHS and charity volunteering partnership.")
        .assert_lacks("Member directory");
    let outsider = w
        .site
        .person("Olly", "Outsider", "olly@example.org", "1990-01-01")
        .await;
    let mut olly = w.site.signed_in(outsider.email.as_str()).await;
    for path in [
        "/networks/northshire/directory",
        "/networks/northshire/members",
        "/networks/northshire/benchmarks",
    ] {
        olly.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
    let iris_id = w
        .site
        .app
        .store
        .network_members(
            w.site
                .app
                .store
                .network_by_slug("northshire")
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap()[0]
        .id;
    olly.get(&format!("/networks/northshire/members/{iris_id}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    visitor
        .get("/networks/nowhere")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_manager_sees_benchmarks_with_small_figures_withheld() {
    let w = World::new().await;
    network(&w).await;
    let mut member = w.site.signed_in(w.b.admin.email.as_str()).await;
    let page = member.get("/networks/northshire/benchmarks").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Benchmarking: Hillside Hospice Charity")
        .assert_contains("Withheld (0 people)")
        .assert_contains("fewer than 10 people");
    // The trust's id is not the hospice admin's to ask about.
    member
        .get(&format!(
            "/networks/northshire/benchmarks?organisation={}",
            w.a.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_member_lists_a_role_and_another_refers_a_volunteer_to_it() {
    let w = World::new().await;
    network(&w).await;
    let mut hospice = w.site.signed_in(w.b.admin.email.as_str()).await;
    let n = w
        .site
        .app
        .store
        .network_by_slug("northshire")
        .await
        .unwrap()
        .unwrap();
    let listed = hospice
        .submit(
            &w.b.path("/networks/listings"),
            &[
                ("network", &n.id.to_string()),
                ("role", &w.b.role.to_string()),
                ("listed", "yes"),
            ],
        )
        .await;
    assert_eq!(listed.redirect(), w.b.path("/networks?done=listed"));
    w.site
        .browser()
        .get("/networks/northshire/opportunities")
        .await
        .assert_contains("hospice mealtime companion");

    let mut trust = w.site.signed_in(w.a.admin.email.as_str()).await;
    let refer = w.a.path(&format!("/volunteers/{}/refer", w.a.volunteer.id));
    trust
        .get(&refer)
        .await
        .assert_contains("hospice mealtime companion at Hillside Hospice Charity");
    let refused = trust
        .submit(&refer, &[("role_id", ""), ("consent_on", ""), ("note", "")])
        .await;
    refused.assert_errors(&["role_id", "consent_on", "note"]);
    let today = chrono::Utc::now().date_naive().to_string();
    let sent = trust
        .submit(
            &refer,
            &[
                ("role_id", &w.b.role.to_string()),
                ("consent_on", &today),
                ("note", "Reliable and kind; wants to help at mealtimes."),
            ],
        )
        .await;
    assert_eq!(sent.redirect(), w.a.path("/network-referrals"));
    let apps = w
        .site
        .app
        .store
        .applications_of_person(w.a.volunteer.id)
        .await
        .unwrap();
    assert!(apps.iter().any(|a| {
        a.application.role_id == w.b.role
            && a.application
                .motivation
                .starts_with("Referred by Riverside Hospitals NHS Trust")
    }));
    trust
        .get(&w.a.path("/network-referrals"))
        .await
        .assert_contains("Vera Volunteer-trust")
        .assert_contains("Submitted");
    hospice
        .get(&w.b.path("/network-referrals"))
        .await
        .assert_contains("Vera Volunteer-trust");
    // The hospice cannot refer the trust's volunteer.
    hospice
        .get(&w.b.path(&format!("/volunteers/{}/refer", w.a_volunteer2.id)))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_service_user_referred_to_another_member_is_followed_to_its_outcome() {
    let w = World::new().await;
    network(&w).await;
    let mut trust = w.site.signed_in(w.a.admin.email.as_str()).await;
    let sent = trust
        .submit(
            &format!("/refer/{}", w.b.slug),
            &[
                ("who", "carer"),
                ("support_type", "befriending"),
                ("urgency", "soon"),
                ("need", "Going home alone after a long stay on Ward 7"),
                ("given_name", "Mavis"),
                ("family_name", "Booth"),
                ("referrer_name", "Ada Admin-trust"),
                ("referrer_email", "admin@trust.example.org"),
                ("agreed", "yes"),
            ],
        )
        .await;
    sent.assert_contains("Thank you: we have your request");
    let page = trust.get(&w.a.path("/network-referrals")).await;
    page.assert_contains("Hillside Hospice Charity")
        .assert_contains("Waiting for a decision");
    // The hospice declines; the trust sees it, and nobody else sees the trust's referrals.
    let hospice = w.site.scope(&w.b.admin, &w.b.slug).await;
    let referral = w.site.app.store.referrals(w.b.id).await.unwrap()[0].clone();
    w.site
        .app
        .decide_referral(
            &hospice,
            referral.id,
            &domain::support::ReferralDecision::Decline("We do not cover that area".into()),
        )
        .await
        .unwrap();
    trust
        .get(&w.a.path("/network-referrals"))
        .await
        .assert_contains("Declined");
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    other
        .get(&w.b.path("/network-referrals"))
        .await
        .assert_lacks("Going home alone");
    other
        .get(&w.a.path("/network-referrals"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn members_and_benchmarks_download_for_those_who_may_see_them_and_are_audited() {
    let w = World::new().await;
    let slug = network(&w).await;
    let csv = |page: crate::support::Page| {
        page.assert_status(StatusCode::OK);
        assert_eq!(page.headers["content-type"], "text/csv; charset=utf-8");
        page.body
    };
    let xlsx = |page: crate::support::Page| {
        page.assert_status(StatusCode::OK);
        assert!(page.bytes.starts_with(b"PK"), "an Excel file is a zip");
    };
    // The coordinator: every membership, with its fee as a number.
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let members = csv(admin.get("/networks/northshire/members.csv").await);
    let lines: Vec<&str> = members.lines().collect();
    assert_eq!(
        lines[0],
        "Member,Type,Standing,Joined,Renewal date,Yearly fee,Left,In the directory"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Hillside Hospice Charity,") && l.contains(",120.00,")),
        "{members}"
    );
    assert!(members.contains("Iris Independent"), "{members}");
    xlsx(admin.get("/networks/northshire/members.xlsx").await);
    admin
        .get("/networks/northshire/members")
        .await
        .assert_contains("/networks/northshire/members.xlsx")
        .assert_contains("Download CSV");
    // A member's manager: their own organisation's benchmarks.
    let mut hospice = w.site.signed_in(w.b.admin.email.as_str()).await;
    let benchmarks = csv(hospice.get("/networks/northshire/benchmarks.csv").await);
    assert!(
        benchmarks.starts_with("Organisation,Measure,You,Lower quartile,Median"),
        "{benchmarks}"
    );
    assert!(
        benchmarks.contains("Hillside Hospice Charity,") && benchmarks.contains("Withheld"),
        "{benchmarks}"
    );
    xlsx(hospice.get("/networks/northshire/benchmarks.xlsx").await);
    hospice
        .get("/networks/northshire/benchmarks")
        .await
        .assert_contains("/networks/northshire/benchmarks.xlsx?organisation=");
    // A member who does not coordinate may not have the members list; another member's
    // benchmarks and anything to an outsider are not found.
    hospice
        .get("/networks/northshire/members.csv")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    hospice
        .get(&format!(
            "/networks/northshire/benchmarks.xlsx?organisation={}",
            w.a.id
        ))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let outsider = w
        .site
        .person("Olly", "Outsider", "olly@example.org", "1990-01-01")
        .await;
    let mut olly = w.site.signed_in(outsider.email.as_str()).await;
    for path in [
        "/networks/northshire/members.csv",
        "/networks/northshire/members.xlsx",
        "/networks/northshire/benchmarks.csv",
        "/networks/northshire/benchmarks.xlsx",
    ] {
        olly.get(path).await.assert_status(StatusCode::NOT_FOUND);
    }
    // Both downloads are in the network's audit log.
    let audited = crate::list_downloads::network_audit(&w, &slug).await;
    for action in ["network_members.exported", "network_benchmarks.exported"] {
        assert!(audited.iter().any(|a| a == action), "{audited:?}");
    }
}
