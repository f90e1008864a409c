//! The referee's form: opened from the emailed link without an account, answered once.

use axum::http::StatusCode;
use domain::compliance::reference::{RefereeInput, ReferenceRequest};
use domain::compliance::{CheckKind, CheckStatus};

use crate::checklist::Onboarding;

/// The volunteer names a referee; returns the path of the link emailed to them.
async fn ask(o: &Onboarding, name: &str, email: &str) -> String {
    let refs = o.check(CheckKind::References).await;
    let input = RefereeInput {
        referee_name: name.into(),
        referee_email: email.into(),
        relationship: "My manager at the library".into(),
    };
    o.w.site
        .app
        .request_my_reference(o.volunteer.id, &o.w.a.slug, refs.id, &input)
        .await
        .unwrap();
    let messages = o.w.site.app.store.recent_messages(50).await.unwrap();
    let body = &messages
        .iter()
        .find(|m| m.to == email)
        .expect("an email to the referee")
        .body;
    let at = body.find("/references/").expect("a link");
    body[at..].split_whitespace().next().unwrap().to_owned()
}

async fn requests(o: &Onboarding) -> Vec<ReferenceRequest> {
    let refs = o.check(CheckKind::References).await;
    o.w.site
        .app
        .store
        .reference_requests(o.w.a.id, refs.id)
        .await
        .unwrap()
}

const ANSWERS: [(&str, &str); 3] = [
    ("known_for", "Four years; she volunteers at my library."),
    ("suitability", "Reliable, kind and patient with everyone."),
    ("recommends", "yes"),
];

#[tokio::test]
async fn a_referee_answers_without_signing_in() {
    let o = Onboarding::new("enhanced", "2").await;
    let link = ask(&o, "Rita Referee", "rita@example.org").await;
    let mut referee = o.w.site.browser();

    referee
        .get(&link)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Reference for Olive Onboard")
        .assert_contains("with Riverside Hospitals NHS Trust")
        .assert_contains("Dear Rita Referee")
        .assert_contains(&format!(r#"<form method="post" action="{link}""#))
        .assert_contains(r#"name="known_for""#)
        .assert_contains(r#"name="suitability""#)
        .assert_contains(r#"id="recommends-yes" name="recommends" value="yes""#)
        .assert_lacks("olive@example.org")
        .assert_lacks("1990")
        .assert_lacks("Sign out");

    referee
        .post(&link, &ANSWERS)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Thank you for your reference")
        .assert_contains("We have sent your reference for Olive Onboard");
    assert!(referee.cookie.is_none(), "no session is needed or made");

    let reply = requests(&o).await[0].reply.clone().expect("a reply");
    assert_eq!(reply.known_for, ANSWERS[0].1);
    assert_eq!(reply.suitability, ANSWERS[1].1);
    assert!(reply.recommends);

    // The manager's view has the reply; the volunteer's page only says one came.
    let lists =
        o.w.site
            .app
            .checklists(&o.scope, o.volunteer.id)
            .await
            .unwrap();
    let item = lists[0]
        .items
        .iter()
        .find(|i| i.requirement.kind == CheckKind::References)
        .unwrap();
    assert!(item.references[0].reply.is_some());
    let mut olive = o.w.site.signed_in("olive@example.org").await;
    olive
        .get("/my/checklist")
        .await
        .assert_contains("Reply received")
        .assert_lacks(ANSWERS[1].1);
}

#[tokio::test]
async fn a_reference_is_given_once() {
    let o = Onboarding::new("enhanced", "2").await;
    let link = ask(&o, "Rita Referee", "rita@example.org").await;
    let mut referee = o.w.site.browser();
    referee
        .post(&link, &ANSWERS)
        .await
        .assert_status(StatusCode::OK);
    let first = requests(&o).await;

    referee
        .post(
            &link,
            &[
                ("known_for", "Changed my mind"),
                ("suitability", "Something else entirely"),
                ("recommends", "no"),
            ],
        )
        .await
        .assert_status(StatusCode::CONFLICT)
        .assert_contains("This reference has already been given")
        .assert_lacks("Sorry, there is a problem");
    referee
        .get(&link)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("This reference has already been given")
        .assert_lacks(r#"name="known_for""#);
    assert_eq!(requests(&o).await, first);
}

#[tokio::test]
async fn bad_answers_name_each_field() {
    let o = Onboarding::new("enhanced", "1").await;
    let link = ask(&o, "Rita Referee", "rita@example.org").await;
    let mut referee = o.w.site.browser();

    referee
        .post(&link, &[("recommends", "maybe")])
        .await
        .assert_errors(&["known_for", "suitability", "recommends"])
        .assert_contains("Select yes or no");
    referee
        .post(
            &link,
            &[("known_for", "Ten years <b>"), ("recommends", "no")],
        )
        .await
        .assert_errors(&["suitability"])
        .assert_contains(">Ten years &#60;b&#62;</textarea>")
        .assert_contains(r#"value="no" checked"#);
    assert!(requests(&o).await[0].reply.is_none());
}

#[tokio::test]
async fn an_unknown_link_is_not_found() {
    let o = Onboarding::new("enhanced", "1").await;
    ask(&o, "Rita Referee", "rita@example.org").await;
    let mut referee = o.w.site.browser();
    referee
        .get("/references/not-a-real-token")
        .await
        .assert_status(StatusCode::NOT_FOUND)
        .assert_contains("Page not found");
    referee
        .post("/references/not-a-real-token", &ANSWERS)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert!(requests(&o).await[0].reply.is_none());
}

#[tokio::test]
async fn a_form_sent_from_another_site_is_refused() {
    let o = Onboarding::new("enhanced", "1").await;
    let link = ask(&o, "Rita Referee", "rita@example.org").await;
    let mut referee = o.w.site.browser();
    referee
        .post_with(&link, &ANSWERS, &[("sec-fetch-site", "cross-site")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert!(requests(&o).await[0].reply.is_none());
}

#[tokio::test]
async fn once_enough_references_are_in_the_item_waits_for_us_to_verify() {
    let o = Onboarding::new("enhanced", "2").await;
    let rita = ask(&o, "Rita Referee", "rita@example.org").await;
    let sam = ask(&o, "Sam Second", "sam@example.org").await;
    let mut referee = o.w.site.browser();

    referee
        .post(&rita, &ANSWERS)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(
        o.check(CheckKind::References).await.status,
        CheckStatus::Pending
    );
    referee
        .post(&sam, &ANSWERS)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(
        o.check(CheckKind::References).await.status,
        CheckStatus::Submitted
    );

    let mut olive = o.w.site.signed_in("olive@example.org").await;
    let page = olive.get("/my/checklist").await;
    let refs = o.check(CheckKind::References).await;
    let at = page.body.find(&format!(r#"id="{}""#, refs.id)).unwrap();
    let item = &page.body[at..];
    assert!(item.contains(r#"<strong class="tag">Waiting for us to verify</strong>"#));
    assert_eq!(item.matches("Reply received").count(), 2);
}
