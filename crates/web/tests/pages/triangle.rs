//! The triangle of support through the pages: a staff referral triaged, a volunteer suggested
//! with reasons, invited (and never introduced before they say yes), accepting on their own
//! page, introduced and active, logging a visit whose "any concerns?" leads straight into a
//! safeguarding concern that only the named lead can read; health notes only for those who
//! need them, every read audited; the public referral form; and the waiting list matched at
//! once.

use app::ports::SupportWrite;
use axum::http::StatusCode;
use domain::ids::{ConcernId, MatchId, OrganisationId, ReferralId, RoleId, SupportedPersonId};
use domain::person::Person;
use domain::support::{
    Days, Gender, MatchProfile, MatchStatus, ReferralDecision, ReferralInput, SupportStatus,
    SupportType, SupportedPersonInput,
};

use crate::support::{Org, TestSite, World};

/// One organisation's triangle: a befriender active in a role needing no checks, with an
/// offer; a service user referred and accepted (assessed) and invited to the befriender; an
/// undecided referral; a carer; and a concern, with the admin as safeguarding lead.
pub(crate) struct Triangle {
    pub(crate) role: RoleId,
    pub(crate) befriender: Person,
    pub(crate) person: SupportedPersonId,
    pub(crate) carer: SupportedPersonId,
    pub(crate) referral: ReferralId,
    pub(crate) new_referral: ReferralId,
    pub(crate) invitation: MatchId,
    pub(crate) concern: ConcernId,
}

pub(crate) fn person_input(given: &str) -> SupportedPersonInput {
    SupportedPersonInput {
        given_name: given.into(),
        family_name: "Marsh".into(),
        postcode: "LS5 3QD".into(),
        interests: "gardening, knitting".into(),
        consent_to_support_on: "2026-01-10".into(),
        consent_to_data_on: "2026-01-10".into(),
        consent_method: "verbal".into(),
        receives_support: true,
        ..Default::default()
    }
}

pub(crate) fn referral_input() -> ReferralInput {
    ReferralInput {
        support_type: "befriending".into(),
        urgency: "routine".into(),
        need: "Lives alone; would like company".into(),
        referrer_name: "Sister Okafor, Ward 7".into(),
        referrer_email: "ward7@example.org".into(),
    }
}

impl Triangle {
    pub(crate) async fn of(site: &TestSite, org: &Org, tag: &str) -> Self {
        let app = &site.app;
        let scope = site.scope(&org.admin, &org.slug).await;
        let role = site
            .open_role_without_checks(&scope, &format!("{tag} befriender"), org.site)
            .await;
        let befriender = site
            .person(
                "Priya",
                &format!("Befriender-{tag}"),
                &format!("befriender@{tag}.example.org"),
                "1968-09-03",
            )
            .await;
        site.active_in(&scope, &befriender, role).await;
        offer(site, org.id, &befriender, 3).await;
        let made = app
            .refer(&scope, &person_input("Edna"), &referral_input())
            .await
            .unwrap();
        app.decide_referral(&scope, made.id, &ReferralDecision::Accept)
            .await
            .unwrap();
        let invitation = app
            .propose_match(
                &scope,
                made.supported_person_id,
                befriender.id,
                role,
                SupportType::Befriending,
                7,
            )
            .await
            .unwrap();
        let waiting = app
            .refer(&scope, &person_input("Harold"), &referral_input())
            .await
            .unwrap();
        let carer = app
            .add_supported_person(
                &scope,
                &SupportedPersonInput {
                    receives_support: false,
                    ..person_input("Susan")
                },
            )
            .await
            .unwrap();
        app.set_safeguarding_leads(&scope, &[(org.admin.id, false)])
            .await
            .unwrap();
        let concern = app
            .raise_concern(
                org.admin.id,
                org.id,
                &domain::safeguarding::ConcernInput {
                    subject: "service_user".into(),
                    what: "Bruising on her arm".into(),
                    ..Default::default()
                },
                Some(made.supported_person_id),
            )
            .await
            .unwrap();
        Self {
            role,
            befriender,
            person: made.supported_person_id,
            carer: carer.id,
            referral: made.id,
            new_referral: waiting.id,
            invitation: invitation.id,
            concern: concern.id,
        }
    }
}

/// Gives a volunteer an offer of befriending for `capacity` people.
pub(crate) async fn offer(site: &TestSite, org: OrganisationId, who: &Person, capacity: u32) {
    site.app
        .store
        .apply(vec![app::Write::Support(SupportWrite::SetMatchProfile(
            MatchProfile {
                organisation_id: org,
                person_id: who.id,
                capacity,
                travel_miles: 10,
                days: Days::NONE,
                gender: Some(Gender::Woman),
                support_types: vec![SupportType::Befriending],
            },
        ))])
        .await
        .unwrap();
}

#[tokio::test]
async fn a_referral_becomes_an_active_match_only_with_the_volunteers_yes() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let app = &w.site.app;
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;

    // The undecided referral waits in the queue; declining needs a reason, accepting assesses.
    let queue = admin.get(&w.a.path("/referrals")).await;
    queue
        .assert_status(StatusCode::OK)
        .assert_contains("Harold Marsh")
        .assert_contains("Waiting for a decision");
    let decide = w.a.path(&format!("/referrals/{}/decision", t.new_referral));
    admin
        .submit(&decide, &[("decision", "decline"), ("note", "")])
        .await
        .assert_errors(&["note"]);
    let done = admin.submit(&decide, &[("decision", "accept")]).await;
    assert_eq!(done.redirect(), w.a.path("/referrals"));
    let harold = app
        .store
        .referral(w.a.id, t.new_referral)
        .await
        .unwrap()
        .unwrap();
    let harold = app
        .store
        .supported_person(w.a.id, harold.supported_person_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(harold.status, Some(SupportStatus::Assessed));

    // Suggestions name the befriender with reasons (her interests are gardening only if
    // shared; distance unknown without postcode data).
    let suggestions = admin
        .get(&w.a.path(&format!(
            "/service-users/{}/suggestions?role={}&support_type=befriending",
            harold.id, t.role
        )))
        .await;
    suggestions
        .assert_status(StatusCode::OK)
        .assert_contains("Priya Befriender-a")
        .assert_contains("distance not known (no postcode)")
        .assert_contains("Has room for 2 more");

    // Edna's invitation: the manager cannot introduce her before the volunteer says yes.
    let step = w.a.path(&format!("/matches/{}/step", t.invitation));
    admin
        .submit(&step, &[("step", "introduce")])
        .await
        .assert_errors(&["step"]);
    assert_eq!(
        app.store
            .match_by_id(w.a.id, t.invitation)
            .await
            .unwrap()
            .unwrap()
            .status,
        MatchStatus::Proposed
    );

    // The volunteer sees the invitation (first name only) and says yes.
    let mut priya = w.site.signed_in(t.befriender.email.as_str()).await;
    let mine = priya.get("/my/matches").await;
    mine.assert_status(StatusCode::OK)
        .assert_contains("Could you offer befriending to Edna?")
        .assert_lacks("Edna Marsh");
    let yes = priya
        .submit(
            &format!("/my/matches/{}/answer", t.invitation),
            &[("answer", "yes")],
        )
        .await;
    assert_eq!(yes.redirect(), "/my/matches?done=accepted");

    // Now the manager introduces and starts regular support; Edna follows.
    for s in ["introduce", "activate"] {
        let page = admin.submit(&step, &[("step", s)]).await;
        assert_eq!(
            page.redirect(),
            w.a.path(&format!("/service-users/{}", t.person)),
            "{s}"
        );
    }
    let edna = app
        .store
        .supported_person(w.a.id, t.person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edna.status, Some(SupportStatus::Supported));

    // The volunteer now sees her in full, logs a visit (bad input named), and a visit with a
    // concern goes straight to raising it.
    let visit = format!("/my/matches/{}", t.invitation);
    priya
        .get(&visit)
        .await
        .assert_contains("Edna Marsh")
        .assert_contains("Log a visit or call");
    priya
        .submit(&visit, &[("on", ""), ("minutes", "0"), ("kind", "visit")])
        .await
        .assert_errors(&["on", "minutes"]);
    let today = app.uk_today().to_string();
    let logged = priya
        .submit(
            &visit,
            &[
                ("on", &today),
                ("minutes", "45"),
                ("kind", "visit"),
                ("note", "Tea"),
            ],
        )
        .await;
    assert_eq!(logged.redirect(), format!("{visit}?done=logged"));
    let worried = priya
        .submit(
            &visit,
            &[
                ("on", &today),
                ("minutes", "30"),
                ("kind", "call"),
                ("concerns", "yes"),
            ],
        )
        .await;
    assert_eq!(
        worried.redirect(),
        format!("/safeguarding/raise?org={}&about={}", w.a.slug, t.person)
    );
    let form = priya.get(worried.redirect()).await;
    form.assert_status(StatusCode::OK)
        .assert_contains("call 999");
    priya
        .submit(
            "/safeguarding/raise",
            &[("organisation", &w.a.id.to_string())],
        )
        .await
        .assert_errors(&["subject", "subject_name", "what"]);
    let raised = priya
        .submit(
            "/safeguarding/raise",
            &[
                ("organisation", &w.a.id.to_string()),
                ("subject", "service_user"),
                ("about", &t.person.to_string()),
                ("what", "She seemed frightened of her nephew"),
                ("urgent", "yes"),
            ],
        )
        .await;
    assert_eq!(raised.redirect(), "/my/concerns?done=raised");
    priya
        .get("/my/concerns")
        .await
        .assert_contains("Edna Marsh")
        .assert_contains("Raised, waiting for a safeguarding lead")
        .assert_lacks("frightened");

    // The lead (the admin) reads it; the triangle view shows the contacts.
    admin
        .get(&w.a.path("/safeguarding"))
        .await
        .assert_contains("Needs acknowledging");
    admin
        .get(&w.a.path(&format!("/service-users/{}", t.person)))
        .await
        .assert_contains("Priya Befriender-a")
        .assert_contains("Tea")
        .assert_contains("Active");
}

#[tokio::test]
async fn concerns_reach_only_leads_and_their_record_is_only_added_to() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let path = w.a.path(&format!("/safeguarding/concerns/{}", t.concern));
    // A viewer (staff, not a lead) sees who the leads are, but no concern.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&w.a.path("/safeguarding"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Ada Admin-trust (lead)")
        .assert_lacks("Bruising");
    assert_eq!(viewer.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut lead = w.site.signed_in(w.a.admin.email.as_str()).await;
    lead.get(&path).await.assert_contains("Bruising on her arm");
    lead.submit(&path, &[("kind", "closed"), ("text", "done")])
        .await
        .assert_errors(&["kind"]);
    lead.submit(&path, &[("kind", "acknowledged")]).await;
    lead.submit(&path, &[("kind", "assessed"), ("text", "Spoke to her GP")])
        .await;
    let page = lead.get(&path).await;
    page.assert_contains("Acknowledged")
        .assert_contains("Spoke to her GP")
        .assert_contains("Raised");
    let (_, record) = w
        .site
        .app
        .store
        .concern(w.a.id, t.concern)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.len(), 3);
    assert_eq!(
        record[0].text, "Bruising on her arm",
        "the first entry is unchanged"
    );
}

#[tokio::test]
async fn health_notes_are_for_those_who_need_them_and_every_read_is_audited() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let path =
        w.a.path(&format!("/service-users/{}/health-notes", t.person));
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let saved = admin
        .submit(&path, &[("health_notes", "Type 2 diabetes")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    admin.get(&path).await.assert_contains("Type 2 diabetes");
    admin.get(&path).await;
    let audit = w
        .site
        .app
        .store
        .audit_for(Some(w.a.id), t.person.0)
        .await
        .unwrap();
    let reads = audit
        .iter()
        .filter(|e| e.action == "health_notes.viewed")
        .count();
    assert_eq!(reads, 2);
    // The viewer may see the service user but not the notes; the supervisor sees neither.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer
        .get(&w.a.path(&format!("/service-users/{}", t.person)))
        .await
        .assert_status(StatusCode::OK)
        .assert_lacks("Health notes</a>");
    assert_ne!(viewer.get(&path).await.status, StatusCode::OK);
    let mut supervisor = w.site.signed_in(w.a_supervisor.email.as_str()).await;
    assert_ne!(
        supervisor
            .get(&w.a.path(&format!("/service-users/{}", t.person)))
            .await
            .status,
        StatusCode::OK
    );
    assert_ne!(supervisor.get(&path).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_volunteer_sees_only_the_people_they_support() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    // Another volunteer of A, and A's own applicant, get nothing of Edna's.
    let mut other = w.site.signed_in(w.a.volunteer.email.as_str()).await;
    assert_eq!(
        other
            .get(&format!("/my/matches/{}", t.invitation))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    other.get("/my/matches").await.assert_lacks("Edna");
    let answer = other
        .submit(
            &format!("/my/matches/{}/answer", t.invitation),
            &[("answer", "yes")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(
        w.site
            .app
            .store
            .match_by_id(w.a.id, t.invitation)
            .await
            .unwrap()
            .unwrap()
            .status,
        MatchStatus::Proposed,
        "only the invited volunteer can say yes"
    );
    // Before saying yes, the invited volunteer sees no address or family name.
    let mut priya = w.site.signed_in(t.befriender.email.as_str()).await;
    priya
        .get(&format!("/my/matches/{}", t.invitation))
        .await
        .assert_lacks("Marsh")
        .assert_lacks("LS5 3QD");
}

#[tokio::test]
async fn anyone_can_ask_for_support_through_the_public_form() {
    let w = World::new().await;
    let mut anyone = w.site.browser();
    let path = format!("/refer/{}", w.a.slug);
    anyone
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("call 999");
    anyone
        .post(&path, &[("who", "self")])
        .await
        .assert_errors(&[
            "support_type",
            "urgency",
            "need",
            "given_name",
            "family_name",
            "agreed",
        ]);
    anyone
        .post(
            &path,
            &[
                ("who", "self"),
                ("support_type", "befriending"),
                ("urgency", "soon"),
                ("need", "I am lonely"),
                ("given_name", "Mavis"),
                ("family_name", "Booth"),
                ("postcode", "nope"),
                ("agreed", "yes"),
            ],
        )
        .await
        .assert_errors(&["postcode"]);
    let sent = anyone
        .post(
            &path,
            &[
                ("who", "self"),
                ("support_type", "befriending"),
                ("urgency", "soon"),
                ("need", "I am lonely"),
                ("given_name", "Mavis"),
                ("family_name", "Booth"),
                ("email", "mavis@example.org"),
                ("agreed", "yes"),
            ],
        )
        .await;
    sent.assert_status(StatusCode::OK)
        .assert_contains("we have your request");
    let referrals = w.site.app.store.referrals(w.a.id).await.unwrap();
    assert_eq!(referrals.len(), 1);
    assert_eq!(
        referrals[0].source,
        domain::support::ReferralSource::SelfReferral
    );
    let mavis = w
        .site
        .app
        .store
        .supported_person(w.a.id, referrals[0].supported_person_id)
        .await
        .unwrap()
        .unwrap();
    assert!(mavis.consented(), "consent recorded as given online");
    assert!(w.site.app.store.referrals(w.b.id).await.unwrap().is_empty());
    assert_eq!(
        anyone.get("/refer/no-such-organisation").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_waiting_list_is_matched_at_once_after_review() {
    let w = World::new().await;
    let t = Triangle::of(&w.site, &w.a, "a").await;
    let app = &w.site.app;
    let scope = w.site.scope(&w.a.admin, &w.a.slug).await;
    // Three more people waiting; Priya has room for two more (three, one invited).
    let mut waiting = Vec::new();
    for name in ["Ann", "Bea", "Cy"] {
        let r = app
            .refer(&scope, &person_input(name), &referral_input())
            .await
            .unwrap();
        app.decide_referral(&scope, r.id, &ReferralDecision::Accept)
            .await
            .unwrap();
        waiting.push(r.supported_person_id);
    }
    let mut admin = w.site.signed_in(w.a.admin.email.as_str()).await;
    let plan = admin
        .get(&w.a.path(&format!(
            "/matching?role={}&support_type=befriending",
            t.role
        )))
        .await;
    plan.assert_status(StatusCode::OK)
        .assert_contains("Send these invitations");
    let pairs: Vec<String> = plan
        .body
        .match_indices("name=\"pair\" value=\"")
        .map(|(i, m)| {
            plan.body[i + m.len()..]
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(pairs.len(), 2, "two places for three people waiting");
    let mut fields = vec![
        ("role", t.role.to_string()),
        ("support_type", "befriending".to_owned()),
    ];
    fields.extend(pairs.iter().map(|p| ("pair", p.clone())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin
        .submit(&w.a.path("/matching"), &fields)
        .await
        .assert_contains("2 invitations sent");
    let invited = app
        .store
        .matches(w.a.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| waiting.contains(&m.supported_person_id) && m.status == MatchStatus::Proposed)
        .count();
    assert_eq!(invited, 2);
}

#[tokio::test]
async fn the_public_form_takes_at_most_ten_referrals_an_hour_from_one_address() {
    let w = World::new().await;
    let mut anyone = w.site.browser();
    let path = format!("/refer/{}", w.a.slug);
    let form = |n: String| {
        vec![
            ("who", "self".to_owned()),
            ("support_type", "befriending".to_owned()),
            ("urgency", "routine".to_owned()),
            ("need", "Company".to_owned()),
            ("given_name", n),
            ("family_name", "Booth".to_owned()),
            ("agreed", "yes".to_owned()),
        ]
    };
    for n in 0..10 {
        let fields = form(format!("Person{n}"));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        anyone
            .post(&path, &fields)
            .await
            .assert_contains("we have your request");
    }
    let fields = form("Eleven".into());
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = anyone.post(&path, &fields).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(w.site.app.store.referrals(w.a.id).await.unwrap().len(), 10);
}
