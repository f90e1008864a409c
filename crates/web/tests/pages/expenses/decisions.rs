//! Managers' decisions: approve, not approve with a reason, ask a question that the volunteer
//! answers with an amended claim; each tells the volunteer (or the manager who asked); nobody
//! decides on their own claim.

use axum::http::StatusCode;
use domain::expenses::{ClaimStatus, Pence};

use super::fixture::{Fx, PNG, pairs, parking, post_claim, today};

#[tokio::test]
async fn managers_approve_reject_and_query_and_the_volunteer_is_told() {
    let fx = Fx::new().await;
    let w = &fx.w;
    let mut bea = w.site.signed_in("bea@example.org").await;
    let date = today().to_string();
    for (amount, what) in [
        ("2.40", "Bus to the hospital"),
        ("5", "Parking at the hub"),
        ("7.99", "Lunch on a ten-hour shift"),
    ] {
        let sent = post_claim(
            &mut bea,
            &fx.new_path(),
            &pairs(&parking(&date, amount, what)),
            None,
        )
        .await;
        sent.redirect();
    }
    let ids: Vec<_> = fx.claims().await.iter().map(|r| r.claim.id).collect();
    let mut admin = w.site.signed_in("admin@trust.example.org").await;
    let queue = admin.get(&w.a.path("/expenses")).await;
    queue
        .assert_status(StatusCode::OK)
        .assert_contains("Bea Claimant")
        .assert_contains("No receipt");
    let (a, b) = (
        queue.body.find(&ids[0].to_string()).unwrap(),
        queue.body.find(&ids[2].to_string()).unwrap(),
    );
    assert!(a < b, "the queue is oldest first");

    let claim = |i: usize| w.a.path(&format!("/expenses/{}", ids[i]));
    let done = admin.submit(&claim(0), &[("decision", "approve")]).await;
    assert_eq!(done.redirect(), w.a.path("/expenses?done=approved"));
    let mail = fx.mail_to("bea@example.org").await;
    assert!(
        mail[0].subject.contains("approved") && mail[0].body.contains("£2.40"),
        "{:?}",
        mail[0]
    );

    admin
        .submit(&claim(1), &[("decision", "reject")])
        .await
        .assert_errors(&["reason"]);
    admin
        .submit(&claim(1), &[("decision", "")])
        .await
        .assert_errors(&["decision"]);
    let done = admin
        .submit(
            &claim(1),
            &[
                ("decision", "reject"),
                ("reason", "Parking at the hub is free for volunteers"),
            ],
        )
        .await;
    done.redirect();
    let mail = fx.mail_to("bea@example.org").await;
    assert!(
        mail[0]
            .body
            .contains("Parking at the hub is free for volunteers")
    );

    let done = admin
        .submit(
            &claim(2),
            &[
                ("decision", "query"),
                ("question", "Could you send the receipt?"),
            ],
        )
        .await;
    done.redirect();
    assert!(
        fx.mail_to("bea@example.org").await[0]
            .body
            .contains("Could you send the receipt?")
    );
    let states: Vec<_> = fx.claims().await.iter().map(|r| r.claim.status).collect();
    assert_eq!(
        states,
        [
            ClaimStatus::Approved,
            ClaimStatus::Rejected,
            ClaimStatus::Queried
        ]
    );

    // Bea answers, amending the amount and adding the receipt, and the claim goes back.
    let mine = format!("/my/expenses/{}/{}", w.a.slug, ids[2]);
    bea.get(&mine)
        .await
        .assert_contains("Could you send the receipt?")
        .assert_contains("Send answer and claim");
    let mut fields = parking(&date, "8.49", "Lunch on a ten-hour shift");
    fields[0].1 = "meals".into();
    post_claim(&mut bea, &mine, &pairs(&fields), None)
        .await
        .assert_errors(&["answer"]);
    fields.push(("answer", "Here it is; it was £8.49, not £7.99".into()));
    let sent = post_claim(
        &mut bea,
        &mine,
        &pairs(&fields),
        Some(("lunch.png", "image/png", PNG)),
    )
    .await;
    assert_eq!(sent.redirect(), "/my/expenses?done=answered");
    let row = fx.claims().await.pop().unwrap();
    assert_eq!(
        (row.claim.status, row.claim.amount),
        (ClaimStatus::Submitted, Pence(849))
    );
    assert!(row.claim.receipt.is_some());
    assert!(
        fx.mail_to("admin@trust.example.org").await[0]
            .body
            .contains("it was £8.49")
    );
    let page = admin.get(&claim(2)).await;
    page.assert_contains("Question asked")
        .assert_contains("Question answered and claim sent again")
        .assert_contains("lunch.png");
    admin
        .submit(&claim(2), &[("decision", "approve")])
        .await
        .redirect();
    assert_eq!(
        fx.audit(ids[2].0).await,
        [
            "expense_claim.submitted",
            "expense_claim.queried",
            "expense_claim.answered",
            "expense_claim.approved"
        ]
    );
    // A decided claim takes no more decisions.
    admin
        .submit(
            &claim(0),
            &[("decision", "reject"), ("reason", "Changed my mind")],
        )
        .await
        .assert_errors(&["decision"]);
}

#[tokio::test]
async fn nobody_decides_on_their_own_claim() {
    let fx = Fx::new().await;
    let w = &fx.w;
    fx.activate(&w.a.admin).await;
    let mut admin = w.site.signed_in("admin@trust.example.org").await;
    let date = today().to_string();
    post_claim(
        &mut admin,
        &fx.new_path(),
        &pairs(&parking(&date, "4", "Car park")),
        None,
    )
    .await
    .redirect();
    let id = fx.claims().await[0].claim.id;
    let path = w.a.path(&format!("/expenses/{id}"));
    admin
        .get(&path)
        .await
        .assert_contains("This is your own claim")
        .assert_lacks("Save decision");
    admin
        .submit(&path, &[("decision", "approve")])
        .await
        .assert_errors(&["decision"])
        .assert_contains("another manager must do it");
    assert_eq!(fx.claims().await[0].claim.status, ClaimStatus::Submitted);
}
