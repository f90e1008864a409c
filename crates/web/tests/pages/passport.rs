//! The volunteer passport: a volunteer active at the hospice applies to the trust, shares their
//! verified checks under a mutual recognition agreement, and the trust's checklist takes on only
//! what the agreement covers; stopping the consent stops anything more being shared.

use axum::http::StatusCode;
use chrono::{Datelike, Duration, Months, NaiveDate};
use domain::application::ApplicationStatus;
use domain::compliance::check::CheckInput;
use domain::compliance::{Check, CheckStatus, RequirementType};
use domain::network::recognition::TermsInput;
use domain::person::Person;
use domain::role::RoleInput;

use crate::support::{STATEMENT, World, role_input};

fn date(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn code<'a>(catalogue: &'a [RequirementType], code: &str) -> &'a RequirementType {
    catalogue.iter().find(|t| t.code == code).unwrap()
}

struct Passport {
    w: World,
    pat: Person,
    trust: app::OrgScope,
    hospice: app::OrgScope,
    trust_role: domain::ids::RoleId,
    trust_input: RoleInput,
}

/// Pat is active at the hospice with identity, fire safety (30 months ago), safeguarding adults,
/// information governance and an enhanced DBS check verified; the trust accepts identity, fire
/// safety done within 12 months, safeguarding adults and information governance (not DBS) from
/// the hospice; Pat has been accepted for a trust role needing DBS, identity and fire safety.
async fn passport() -> Passport {
    let w = World::new().await;
    let app = &w.site.app;
    let trust = w.site.scope(&w.a.admin, &w.a.slug).await;
    let hospice = w.site.scope(&w.b.admin, &w.b.slug).await;
    let hc = app.catalogue(&hospice).await.unwrap();
    let codes = [
        "identity",
        "cstf-fire-safety",
        "cstf-safeguarding-adults",
        "cstf-information-governance",
    ];
    let hospice_role = app
        .create_role(
            &hospice,
            &RoleInput {
                dbs_level: "enhanced".into(),
                dbs_workforce: "adult".into(),
                references_required: "0".into(),
                requirement_type_ids: codes.iter().map(|c| code(&hc, c).id).collect(),
                ..role_input("Day hospice companion", w.b.site, STATEMENT)
            },
        )
        .await
        .unwrap()
        .id;
    app.publish_role(&hospice, hospice_role).await.unwrap();
    let pat = w
        .site
        .person("Pat", "Passport", "pat@example.org", "1988-02-03")
        .await;
    let application = w.site.apply(&pat, hospice_role).await;
    app.decide_application(&hospice, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();
    let list = &app.checklists(&hospice, pat.id).await.unwrap()[0];
    for item in &list.items {
        let check = item.check.clone().unwrap();
        let issued = if item.requirement.code == "cstf-fire-safety" {
            today() - Months::new(30)
        } else {
            today() - Duration::days(20)
        };
        let mut input = CheckInput {
            action: "verify".into(),
            issued_on: date(issued),
            expires_on: date(today() + Months::new(24)),
            ..CheckInput::default()
        };
        if item.requirement.code == "dbs" {
            input.dbs_level = "enhanced".into();
            input.dbs_workforce = "adult".into();
            input.dbs_certificate_number = "001234567890".into();
            input.dbs_outcome = "clear".into();
            input.expires_on = String::new();
        }
        app.record_check(&hospice, check.id, &input)
            .await
            .unwrap_or_else(|e| panic!("verifying {}: {e:?}", item.requirement.code));
    }
    app.activate_placement(&hospice, list.placement.placement.id)
        .await
        .unwrap();

    let tc = app.catalogue(&trust).await.unwrap();
    let trust_input = RoleInput {
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        references_required: "0".into(),
        requirement_type_ids: vec![code(&tc, "identity").id, code(&tc, "cstf-fire-safety").id],
        ..role_input("Ward befriender", w.a.site, STATEMENT)
    };
    let trust_role = app.create_role(&trust, &trust_input).await.unwrap().id;
    app.publish_role(&trust, trust_role).await.unwrap();
    let application = w.site.apply(&pat, trust_role).await;
    app.decide_application(&trust, application, ApplicationStatus::Accepted, "")
        .await
        .unwrap();

    let accepts = |items: &[(&str, &str)]| TermsInput {
        items: items
            .iter()
            .map(|(c, m)| ((*c).to_owned(), (*m).to_owned()))
            .collect(),
    };
    let agreement = app
        .propose_agreement(
            &trust,
            &app::agreements::AgreementInput {
                name: "Riverside and Hillside".into(),
                mou_reference: "MOU-2026-04".into(),
                partners: vec![w.b.id],
                network_id: None,
                accepts: accepts(&[
                    ("identity", ""),
                    ("cstf-fire-safety", "12"),
                    ("cstf-safeguarding-adults", ""),
                    ("cstf-information-governance", ""),
                ]),
            },
            "Ada Admin".into(),
        )
        .await
        .unwrap();
    app.sign_agreement(
        &hospice,
        agreement.id,
        &accepts(&[("identity", "")]),
        "Ada".into(),
    )
    .await
    .unwrap();
    Passport {
        w,
        pat,
        trust,
        hospice,
        trust_role,
        trust_input,
    }
}

impl Passport {
    async fn trust_checks(&self) -> Vec<Check> {
        self.w
            .site
            .app
            .store
            .checks_of(self.w.a.id, self.pat.id)
            .await
            .unwrap()
    }

    async fn trust_check(&self, code: &str) -> Check {
        let catalogue = self.w.site.app.catalogue(&self.trust).await.unwrap();
        let id = catalogue.iter().find(|t| t.code == code).unwrap().id;
        self.trust_checks()
            .await
            .into_iter()
            .find(|c| c.requirement_type_id == id)
            .unwrap_or_else(|| panic!("no {code} item at the trust"))
    }

    async fn trust_needs(&self, extra: &str) {
        let app = &self.w.site.app;
        let tc = app.catalogue(&self.trust).await.unwrap();
        let mut input = self.trust_input.clone();
        input.requirement_type_ids.push(code(&tc, extra).id);
        app.update_role(&self.trust, self.trust_role, &input)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn sharing_a_passport_fills_in_only_what_the_agreement_covers() {
    let p = passport().await;
    let mut pat = p.w.site.signed_in("pat@example.org").await;

    let page = pat.get("/my/passport").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("From Hillside Hospice Charity to Riverside Hospitals NHS Trust")
        .assert_contains("<li>Identity check</li>")
        .assert_contains("Safeguarding adults")
        .assert_lacks("<li>DBS check</li>");
    let before = p.trust_check("identity").await;
    assert_eq!(before.status, CheckStatus::Pending);

    // The consent must be ticked.
    let form = [
        ("n", "0"),
        ("from", &p.w.b.id.to_string()),
        ("to", &p.w.a.id.to_string()),
    ];
    let refused = pat.submit("/my/passport", &form).await;
    refused.assert_errors(&["consent-0"]);
    assert_eq!(p.trust_check("identity").await.status, CheckStatus::Pending);

    let mut ticked = form.to_vec();
    ticked.push(("consent", "yes"));
    let shared = pat.submit("/my/passport", &ticked).await;
    assert_eq!(shared.redirect(), "/my/passport?done=shared");

    let identity = p.trust_check("identity").await;
    assert_eq!(identity.status, CheckStatus::Verified);
    assert!(identity.decided_by.contains("Hillside Hospice Charity"));
    // Not covered: DBS. Too old for the agreement: fire safety (30 months, limit 12).
    let dbs = p.trust_check("dbs").await;
    assert_eq!(dbs.status, CheckStatus::Pending);
    assert!(dbs.dbs.is_none(), "no DBS details cross over");
    assert_eq!(
        p.trust_check("cstf-fire-safety").await.status,
        CheckStatus::Pending
    );

    let mut manager = p.w.site.signed_in(p.w.a.admin.email.as_str()).await;
    let page = manager
        .get(&p.w.a.path(&format!("/volunteers/{}/checks", p.pat.id)))
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Verified by Hillside Hospice Charity on")
        .assert_lacks("001234567890");
    pat.get("/my/checklist")
        .await
        .assert_contains("shared through your passport");
}

#[tokio::test]
async fn while_the_consent_lasts_new_items_are_shared_and_after_it_stops_they_are_not() {
    let p = passport().await;
    let app = &p.w.site.app;
    app.share_passport(p.pat.id, p.w.b.id, p.w.a.id)
        .await
        .unwrap();
    p.trust_needs("cstf-safeguarding-adults").await;
    app.my_checklists(p.pat.id).await.unwrap();
    assert_eq!(
        p.trust_check("cstf-safeguarding-adults").await.status,
        CheckStatus::Verified,
        "an item the role comes to need is shared while the consent lasts"
    );

    let consent = app.store.passport_consents_of(p.pat.id).await.unwrap()[0].clone();
    let mut pat = p.w.site.signed_in("pat@example.org").await;
    let stopped = pat
        .submit("/my/passport/stop", &[("consent", &consent.id.to_string())])
        .await;
    assert_eq!(stopped.redirect(), "/my/passport?done=stopped");

    p.trust_needs("cstf-information-governance").await;
    app.my_checklists(p.pat.id).await.unwrap();
    assert_eq!(
        p.trust_check("cstf-information-governance").await.status,
        CheckStatus::Pending,
        "nothing more is shared once the consent stops"
    );
    assert_eq!(
        p.trust_check("identity").await.status,
        CheckStatus::Verified,
        "what was shared stays"
    );
    pat.get("/my/passport")
        .await
        .assert_contains("<td>Hillside Hospice Charity</td><td>Riverside Hospitals NHS Trust</td>");
}

#[tokio::test]
async fn nobody_else_can_share_or_stop_a_volunteers_passport() {
    let p = passport().await;
    let app = &p.w.site.app;
    // Vera applied to the trust but is active nowhere: there is nothing for her to share.
    let mut vera = p.w.site.signed_in(p.w.a.volunteer.email.as_str()).await;
    vera.get("/my/passport")
        .await
        .assert_contains("There is nothing to share");
    let form = [
        ("n", "0"),
        ("from", &p.w.b.id.to_string()),
        ("to", &p.w.a.id.to_string()),
        ("consent", "yes"),
    ];
    vera.submit("/my/passport", &form)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let consent = app
        .share_passport(p.pat.id, p.w.b.id, p.w.a.id)
        .await
        .unwrap();
    vera.submit("/my/passport/stop", &[("consent", &consent.id.to_string())])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert!(app.store.passport_consents_of(p.pat.id).await.unwrap()[0].is_live());
    // The hospice never sees the trust's records through the agreement.
    assert!(
        app.checklists(&p.hospice, p.w.a.volunteer.id)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn agreements_are_seen_only_by_their_parties() {
    let p = passport().await;
    let app = &p.w.site.app;
    let agreement = app.agreements(&p.trust).await.unwrap()[0].clone();
    let path = format!("/agreements/{}", agreement.id);
    let mut trust = p.w.site.signed_in(p.w.a.admin.email.as_str()).await;
    trust
        .get(&p.w.a.path(&path))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Identity check (while it is valid)")
        .assert_contains("Fire safety (done within the last 12 months)");
    trust
        .get(&p.w.a.path("/agreements"))
        .await
        .assert_contains("In force");

    // A third organisation is not a party.
    let other_admin =
        p.w.site
            .person("Otto", "Other", "otto@elsewhere.example.org", "1970-01-01")
            .await;
    let mut input = crate::support::charity();
    input.name = "Elsewhere Befrienders".into();
    input.slug = "elsewhere".into();
    input.charity_number = "1199999".into();
    p.w.site.organisation(&input, &other_admin).await;
    let mut otto = p.w.site.signed_in("otto@elsewhere.example.org").await;
    otto.get(&format!("/manage/elsewhere{path}"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    otto.submit(&format!("/manage/elsewhere{path}/end"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    otto.get("/manage/elsewhere/agreements")
        .await
        .assert_lacks("Riverside and Hillside");
    // And the trust's pages are not Otto's.
    otto.get(&p.w.a.path(&path))
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // Bad terms are named by field.
    let refused = trust
        .submit(
            &p.w.a.path("/agreements/new"),
            &[
                ("name", ""),
                ("accept", "identity"),
                ("months-identity", "400"),
            ],
        )
        .await;
    refused.assert_errors(&["name", "partners", "months-identity"]);
}

#[tokio::test]
async fn a_network_wide_agreement_binds_each_member_once_it_signs() {
    let p = passport().await;
    let app = &p.w.site.app;
    // End the two-party agreement; make the same promise open to a network's members instead.
    let two_party = app.agreements(&p.trust).await.unwrap()[0].id;
    app.end_agreement(&p.trust, two_party).await.unwrap();
    let network = app
        .create_network(
            &p.trust,
            &domain::network::NetworkInput {
                name: "Riverside partnership".into(),
                slug: "riverside-partnership".into(),
                kind: "care_partnership".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let access = app
        .network_access("riverside-partnership", Some(p.w.a.admin.id))
        .await
        .unwrap();
    app.add_network_member(
        &access,
        &domain::network::membership::MemberInput {
            membership_type: "organisational".into(),
            organisation_id: p.w.b.id.to_string(),
            joined_on: "2026-01-01".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let open = app
        .propose_agreement(
            &p.trust,
            &app::agreements::AgreementInput {
                name: "Partnership passport".into(),
                network_id: Some(network.id),
                accepts: TermsInput {
                    items: vec![("identity".into(), String::new())],
                },
                ..Default::default()
            },
            "Ada".into(),
        )
        .await
        .unwrap();
    app.share_passport(p.pat.id, p.w.b.id, p.w.a.id)
        .await
        .expect_err("nothing is shareable until the hospice signs");
    // The hospice sees the open agreement and joins by signing.
    let seen = app.agreements(&p.hospice).await.unwrap();
    assert!(seen.iter().any(|a| a.id == open.id));
    app.sign_agreement(
        &p.hospice,
        open.id,
        &TermsInput {
            items: vec![("identity".into(), String::new())],
        },
        "Bea".into(),
    )
    .await
    .unwrap();
    app.share_passport(p.pat.id, p.w.b.id, p.w.a.id)
        .await
        .unwrap();
    app.my_checklists(p.pat.id).await.unwrap();
    assert_eq!(
        p.trust_check("identity").await.status,
        CheckStatus::Verified
    );
}
