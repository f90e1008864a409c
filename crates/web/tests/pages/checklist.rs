//! The volunteer's checklist: seeing what is needed, telling us about training and licences,
//! naming referees, and what they cannot do (manager items, other people's items).

mod fixture;

use axum::http::StatusCode;
use chrono::{Duration, Months};
use domain::compliance::CheckKind;
use domain::compliance::CheckStatus;
use domain::compliance::check::CheckInput;

pub use self::fixture::Onboarding;
use self::fixture::{borrowed, date_fields, today};
use crate::support::World;

#[tokio::test]
async fn an_accepted_volunteer_sees_their_items_and_next_steps() {
    let o = Onboarding::new("enhanced", "2").await;
    let fire = o.check(CheckKind::Training).await;
    let dbs = o.check(CheckKind::Dbs).await;
    let refs = o.check(CheckKind::References).await;
    let mut browser = o.w.site.signed_in("olive@example.org").await;

    let page = browser.get("/my/checklist").await;
    page.assert_status(StatusCode::OK)
        .assert_contains(r#"<a href="/my/checklist">My checklist</a>"#)
        .assert_contains("Ward companion at Riverside Hospitals NHS Trust")
        .assert_contains("What you need to do next")
        .assert_contains(CheckKind::Dbs.next_step())
        .assert_contains(CheckKind::References.next_step())
        .assert_contains(CheckKind::Training.next_step())
        .assert_contains("Fire safety")
        .assert_contains(r#"<strong class="tag">To do</strong>"#)
        .assert_contains("Your volunteer manager records this for you")
        .assert_contains(&format!(r#"action="{}""#, o.path(&fire)))
        .assert_contains(&format!(r#"id="{}-issued_on""#, fire.id))
        .assert_contains(&format!(r#"action="{}/referees""#, o.path(&refs)))
        .assert_contains(&format!(r#"id="{}-referee_email""#, refs.id))
        .assert_lacks(&format!(r#"action="{}""#, o.path(&dbs)))
        .assert_lacks("You can start");

    browser
        .get("/my/applications")
        .await
        .assert_contains(r#"<a href="/my/checklist">See what you need to do before you start"#);
}

#[tokio::test]
async fn a_volunteer_tells_us_they_completed_training() {
    let o = Onboarding::new("enhanced", "1").await;
    let fire = o.check(CheckKind::Training).await;
    let mut browser = o.w.site.signed_in("olive@example.org").await;
    let done = today() - Duration::days(7);
    let mut fields = date_fields("issued_on", done);
    fields.push(("reference".into(), "CERT-42".into()));

    let page = browser.submit(&o.path(&fire), &borrowed(&fields)).await;
    assert_eq!(page.redirect(), "/my/checklist?done=sent");

    let stored = o.check(CheckKind::Training).await;
    let expires = done
        .checked_add_months(Months::new(24))
        .unwrap()
        .pred_opt()
        .unwrap();
    assert_eq!(stored.status, CheckStatus::Submitted);
    assert_eq!(stored.issued_on, Some(done));
    assert_eq!(stored.expires_on, Some(expires));
    assert_eq!(stored.reference, "CERT-42");
    assert_eq!(stored.submitted_by, "Olive Onboard");

    browser
        .get(page.redirect())
        .await
        .assert_status(StatusCode::OK)
        .assert_contains(r#"role="status"><p>Thank you. We will check what you sent"#)
        .assert_contains(r#"<strong class="tag">Waiting for us to verify</strong>"#)
        .assert_contains(&format!("Completed on {}", done.format("%-d %B %Y")))
        .assert_contains(&format!("Expires on {}", expires.format("%-d %B %Y")))
        .assert_contains("Update what you sent");
}

#[tokio::test]
async fn a_bad_date_names_the_field_and_changes_nothing() {
    let o = Onboarding::new("enhanced", "1").await;
    let fire = o.check(CheckKind::Training).await;
    let mut browser = o.w.site.signed_in("olive@example.org").await;
    let field = format!("{}-issued_on", fire.id);

    browser
        .submit(
            &o.path(&fire),
            &[
                ("issued_on-day", "31"),
                ("issued_on-month", "2"),
                ("issued_on-year", "2025"),
            ],
        )
        .await
        .assert_errors(&[&field])
        .assert_contains("Enter a real date, for example 27 3 2026")
        .assert_contains(&format!(
            r#"id="{field}" name="issued_on-day" inputmode="numeric" value="31""#
        ));

    browser
        .submit(&o.path(&fire), &[("reference", "CERT-1")])
        .await
        .assert_errors(&[&field])
        .assert_contains("Enter the date it was completed")
        .assert_contains(r#"value="CERT-1""#);

    let future = date_fields("issued_on", today() + Duration::days(3));
    browser
        .submit(&o.path(&fire), &borrowed(&future))
        .await
        .assert_errors(&[&field])
        .assert_contains("The date must be today or in the past");

    assert_eq!(o.check(CheckKind::Training).await, fire);
}

#[tokio::test]
async fn a_volunteer_tells_us_about_their_driving_licence() {
    let o = Onboarding::new("enhanced", "1").await;
    let licence = o.check(CheckKind::DrivingLicence).await;
    let mut browser = o.w.site.signed_in("olive@example.org").await;
    browser
        .get("/my/checklist")
        .await
        .assert_contains(&format!(r#"id="{}-expires_on""#, licence.id))
        .assert_contains("Date your licence expires")
        .assert_contains("Driving licence number (optional)");

    browser
        .submit(&o.path(&licence), &[("reference", "ONBOA904050O99AB")])
        .await
        .assert_errors(&[&format!("{}-expires_on", licence.id)])
        .assert_contains("Enter the date it expires")
        .assert_contains(r#"value="ONBOA904050O99AB""#);
    assert_eq!(o.check(CheckKind::DrivingLicence).await, licence);

    let expires = today() + Months::new(60);
    let mut fields = date_fields("expires_on", expires);
    fields.push(("reference".into(), "ONBOA904050O99AB".into()));
    let page = browser.submit(&o.path(&licence), &borrowed(&fields)).await;
    assert_eq!(page.redirect(), "/my/checklist?done=sent");
    let stored = o.check(CheckKind::DrivingLicence).await;
    assert_eq!(stored.status, CheckStatus::Submitted);
    assert_eq!(stored.expires_on, Some(expires));
    assert_eq!(stored.reference, "ONBOA904050O99AB");
}

#[tokio::test]
async fn a_volunteer_cannot_send_an_item_a_manager_records() {
    let o = Onboarding::new("enhanced", "1").await;
    let dbs = o.check(CheckKind::Dbs).await;
    let mut browser = o.w.site.signed_in("olive@example.org").await;
    let fields = date_fields("issued_on", today());

    browser
        .submit(&o.path(&dbs), &borrowed(&fields))
        .await
        .assert_errors(&[&dbs.id.to_string()])
        .assert_contains("We record the DBS check with you in person");
    assert_eq!(o.check(CheckKind::Dbs).await, dbs);
}

#[tokio::test]
async fn nobody_can_send_another_persons_item_or_reach_it_through_another_organisation() {
    let o = Onboarding::new("enhanced", "1").await;
    let fire = o.check(CheckKind::Training).await;
    let refs = o.check(CheckKind::References).await;
    let fields = date_fields("issued_on", today());
    let referee = [
        ("referee_name", "Rita Referee"),
        ("referee_email", "rita@example.org"),
        ("relationship", "My manager"),
    ];

    // Another volunteer, signed in, with the right organisation.
    let mut vera = o.w.site.signed_in(o.w.a.volunteer.email.as_str()).await;
    vera.submit(&o.path(&fire), &borrowed(&fields))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera.submit(&format!("{}/referees", o.path(&refs)), &referee)
        .await
        .assert_status(StatusCode::NOT_FOUND);

    // The owner, through another organisation's address, or a made-up one.
    let mut olive = o.w.site.signed_in("olive@example.org").await;
    for slug in [o.w.b.slug.as_str(), "no-such-organisation"] {
        olive
            .submit(
                &format!("/my/checklist/{slug}/{}", fire.id),
                &borrowed(&fields),
            )
            .await
            .assert_status(StatusCode::NOT_FOUND);
        olive
            .submit(
                &format!("/my/checklist/{slug}/{}/referees", refs.id),
                &referee,
            )
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    olive
        .submit(&format!("/my/checklist/{}/not-an-id", o.w.a.slug), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);

    assert_eq!(o.check(CheckKind::Training).await, fire);
    let asked =
        o.w.site
            .app
            .store
            .reference_requests(o.w.a.id, refs.id)
            .await
            .unwrap();
    assert!(asked.is_empty());
    assert!(
        o.w.site
            .app
            .store
            .recent_messages(50)
            .await
            .unwrap()
            .iter()
            .all(|m| m.to != "rita@example.org")
    );
}

#[tokio::test]
async fn forms_need_a_session_and_its_token() {
    let o = Onboarding::new("enhanced", "1").await;
    let fire = o.check(CheckKind::Training).await;
    let fields = date_fields("issued_on", today());

    let mut visitor = o.w.site.browser();
    assert_eq!(
        visitor.get("/my/checklist").await.redirect(),
        "/sign-in?next=%2Fmy%2Fchecklist"
    );
    let mut olive = o.w.site.signed_in("olive@example.org").await;
    let mut forged = vec![("_csrf", "forged")];
    forged.extend(borrowed(&fields));
    olive
        .post(&o.path(&fire), &forged)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(o.check(CheckKind::Training).await, fire);
}

#[tokio::test]
async fn a_volunteer_names_a_referee_but_not_themself() {
    let o = Onboarding::new("enhanced", "2").await;
    let refs = o.check(CheckKind::References).await;
    let path = format!("{}/referees", o.path(&refs));
    let mut browser = o.w.site.signed_in("olive@example.org").await;

    let page = browser
        .submit(
            &path,
            &[
                ("referee_name", "Rita Referee"),
                ("referee_email", "Rita@Example.org"),
                ("relationship", "My manager at the library for 3 years"),
            ],
        )
        .await;
    assert_eq!(page.redirect(), "/my/checklist?done=referee");
    let messages = o.w.site.app.store.recent_messages(20).await.unwrap();
    let email = messages
        .iter()
        .find(|m| m.to == "rita@example.org")
        .expect("an email to the referee");
    assert!(email.body.contains("http://localhost/references/"));
    assert!(email.body.contains("Olive Onboard"));

    browser
        .get(page.redirect())
        .await
        .assert_contains("We have emailed your referee a link")
        .assert_contains("<td>Rita Referee</td><td>My manager at the library for 3 years</td>")
        .assert_contains("Waiting for a reply")
        // One of two named: still something to do.
        .assert_contains(&format!(
            "<strong>References:</strong> {}",
            CheckKind::References.next_step()
        ));

    let id = refs.id;
    browser
        .submit(
            &path,
            &[
                ("referee_name", "Me Again"),
                ("referee_email", "OLIVE@example.org"),
                ("relationship", "Myself"),
            ],
        )
        .await
        .assert_errors(&[&format!("{id}-referee_email")])
        .assert_contains("A referee must be someone other than the volunteer")
        .assert_contains(r#"value="Me Again""#);
    browser.submit(&path, &[]).await.assert_errors(&[
        &format!("{id}-referee_name"),
        &format!("{id}-referee_email"),
        &format!("{id}-relationship"),
    ]);
    let asked =
        o.w.site
            .app
            .store
            .reference_requests(o.w.a.id, id)
            .await
            .unwrap();
    assert_eq!(asked.len(), 1);
}

#[tokio::test]
async fn a_volunteer_with_no_placements_sees_what_to_expect() {
    let w = World::new().await;
    let mut browser = w.site.signed_in(w.a.volunteer.email.as_str()).await;
    browser
        .get("/my/checklist")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("When an organisation accepts you for a role")
        .assert_lacks("What you need to do next");
}

#[tokio::test]
async fn verified_training_that_runs_out_soon_gets_a_notice_and_the_volunteer_can_start() {
    let o = Onboarding::new("none", "0").await;
    let fire = o.check(CheckKind::Training).await;
    let done = today() - Months::new(24) + Duration::days(30);
    let expires = done
        .checked_add_months(Months::new(24))
        .unwrap()
        .pred_opt()
        .unwrap();
    let verify = CheckInput {
        action: "verify".into(),
        issued_on: done.to_string(),
        ..CheckInput::default()
    };
    o.w.site
        .app
        .record_check(&o.scope, fire.id, &verify)
        .await
        .unwrap();
    let licence = CheckInput {
        action: "verify".into(),
        expires_on: (today() + Months::new(60)).to_string(),
        ..CheckInput::default()
    };
    let licence_id = o.check(CheckKind::DrivingLicence).await.id;
    o.w.site
        .app
        .record_check(&o.scope, licence_id, &licence)
        .await
        .unwrap();

    let mut browser = o.w.site.signed_in("olive@example.org").await;
    browser
        .get("/my/checklist")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<strong>You can start.</strong>")
        .assert_contains(r#"<strong class="tag">Verified</strong>"#)
        .assert_contains(&format!(
            "This expires on {}. Send us your renewal below",
            expires.format("%-d %B %Y")
        ))
        .assert_lacks("What you need to do next")
        .assert_contains(&format!(r#"action="{}""#, o.path(&fire)))
        .assert_contains("Send the renewal");

    // They send the renewal: still able to volunteer until the old certificate runs out, and
    // the manager's expiring list shows it waiting to be verified.
    let renewed_on = today() - Duration::days(1);
    let page = browser
        .submit(
            &o.path(&fire),
            &borrowed(&date_fields("issued_on", renewed_on)),
        )
        .await;
    assert_eq!(page.redirect(), "/my/checklist?done=sent");
    let stored = o.check(CheckKind::Training).await;
    assert_eq!(stored.status, CheckStatus::Submitted);
    assert_eq!(stored.verified_through, Some(expires));
    assert_eq!(stored.issued_on, Some(renewed_on));
    browser
        .get("/my/checklist")
        .await
        .assert_contains("<strong>You can start.</strong>")
        .assert_contains(&format!(
            "We have your renewal. What you had before counts until {}",
            expires.format("%-d %B %Y")
        ));
    let mut admin = o.w.site.signed_in(o.w.a.admin.email.as_str()).await;
    admin
        .get(&o.w.a.path("/expiring?days=60"))
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Olive Onboard")
        .assert_contains("renewal sent, to verify");
}
