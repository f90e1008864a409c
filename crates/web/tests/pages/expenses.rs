//! Volunteers' expenses: claiming an actual cost with a receipt, refusals named by field with
//! nothing saved (flat rates among them), HMRC mileage across the 10,000-mile threshold and the
//! tax year, managers' decisions with the volunteer told, nobody deciding on their own claim, the
//! payment CSV, and nobody else seeing anything.

mod decisions;
mod export;
mod fixture;
mod mine;

use axum::http::StatusCode;
use chrono::Duration;
use domain::expenses::{ClaimInput, ClaimStatus, Pence};

use fixture::{Fx, PNG, pairs, parking, post_claim, tax_year_start, today};

/// A form's fields as posted.
type Fields<'a> = Vec<(&'a str, &'a str)>;

#[tokio::test]
async fn a_volunteer_claims_a_cost_with_a_receipt_only_they_and_managers_can_download() {
    let fx = Fx::new().await;
    let w = &fx.w;
    let mut bea = w.site.signed_in("bea@example.org").await;
    let list = bea.get("/my/expenses").await;
    list.assert_status(StatusCode::OK)
        .assert_contains("<h1>My expenses</h1>")
        .assert_contains("minimum wage")
        .assert_contains(&format!("href=\"{}\"", fx.new_path()));
    bea.get(&fx.new_path())
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("enctype=\"multipart/form-data\"")
        .assert_contains("Volunteer driver")
        .assert_lacks("allowance\"");

    let date = today().to_string();
    let fields = parking(&date, "£3.50", "Hospital car park on my shift");
    let sent = post_claim(
        &mut bea,
        &fx.new_path(),
        &pairs(&fields),
        Some(("ticket.png", "image/png", PNG)),
    )
    .await;
    assert_eq!(sent.redirect(), "/my/expenses?done=sent");
    let claims = fx.claims().await;
    assert_eq!(claims.len(), 1);
    let c = &claims[0].claim;
    assert_eq!(
        (c.amount, c.status, c.person_id),
        (Pence(350), ClaimStatus::Submitted, fx.bea.id)
    );
    assert_eq!(c.receipt.as_ref().unwrap().file_name, "ticket.png");
    assert_eq!(fx.audit(c.id.0).await, ["expense_claim.submitted"]);

    let mine = format!("/my/expenses/{}/{}", w.a.slug, c.id);
    bea.get("/my/expenses?done=sent")
        .await
        .assert_contains("Your claim has been sent")
        .assert_contains(&mine)
        .assert_contains("£3.50")
        .assert_contains("Waiting for a decision");
    let file = bea.get(&format!("{mine}/receipt")).await;
    file.assert_status(StatusCode::OK);
    assert_eq!(file.headers["content-type"], "image/png");
    assert!(
        file.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("receipt-{}.png", c.id))
    );

    // The organisation's manager can download it too, and that is audited.
    let managed = w.a.path(&format!("/expenses/{}/receipt", c.id));
    let mut admin = w.site.signed_in("admin@trust.example.org").await;
    admin.get(&managed).await.assert_status(StatusCode::OK);
    assert!(
        fx.audit(c.id.0)
            .await
            .contains(&"expense_receipt.viewed".to_owned())
    );

    // Nobody else: another volunteer of A, A's viewer, B's admin, or Bea on the manager route.
    let mut vera = w.site.signed_in("vera@trust.example.org").await;
    vera.get(&format!("{mine}/receipt"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera.get(&mine).await.assert_status(StatusCode::NOT_FOUND);
    let mut viewer = w.site.signed_in("viewer@trust.example.org").await;
    viewer
        .get(&managed)
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mut b_admin = w.site.signed_in("admin@hospice.example.org").await;
    b_admin
        .get(&managed)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .get(&format!("/manage/{}/expenses/{}/receipt", w.b.slug, c.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .get(&format!("{mine}/receipt"))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    bea.get(&managed).await.assert_status(StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_claims_are_refused_field_by_field_and_nothing_is_saved() {
    let fx = Fx::new().await;
    let mut bea = fx.w.site.signed_in("bea@example.org").await;
    let path = fx.new_path();
    let tomorrow = (today() + Duration::days(1)).to_string();
    let cases: Vec<(Fields, Vec<&str>, &str)> = vec![
        (
            vec![
                ("category", "allowance"),
                ("date", "1 1 2026"),
                ("description", "Volunteer allowance"),
                ("amount", "10"),
            ],
            vec!["category", "description"],
            "minimum wage",
        ),
        (
            vec![
                ("category", "other"),
                ("description", "Daily rate for Saturday"),
                ("amount", "25"),
            ],
            vec!["date", "description"],
            "Enter the date",
        ),
        (
            vec![
                ("category", "fares"),
                ("date", &tomorrow),
                ("description", "Bus"),
                ("amount", "-5"),
            ],
            vec!["date", "amount"],
            "The date must be today or in the past",
        ),
        (
            vec![
                ("category", "fares"),
                ("date", "31 2 2026"),
                ("description", "Bus"),
                ("amount", "1000.01"),
            ],
            vec!["date", "amount"],
            "£1,000 or less",
        ),
        (
            vec![
                ("category", "meals"),
                ("date", "yesterday"),
                ("description", ""),
                ("amount", "0"),
            ],
            vec!["date", "description", "amount"],
            "more than £0",
        ),
        (
            vec![
                ("category", "mileage"),
                ("description", "Drove"),
                ("date", "2 2 2026"),
                ("vehicle", "horse"),
                ("miles", "12.5"),
            ],
            vec!["vehicle", "miles"],
            "whole number",
        ),
        (
            vec![
                ("description", "Bus"),
                ("amount", "4"),
                ("role_id", "not-a-role"),
                ("shift_id", "00000000-0000-0000-0000-000000000000"),
            ],
            vec!["category", "date", "role_id", "shift_id"],
            "Choose one of your roles",
        ),
    ];
    for (fields, errors, says) in &cases {
        let page = post_claim(&mut bea, &path, fields, None).await;
        page.assert_errors(errors).assert_contains(says);
    }
    // A receipt that is not a PDF, JPEG or PNG is refused with the rest kept as typed.
    let date = today().to_string();
    let good = parking(&date, "3", "Car park");
    let page = post_claim(
        &mut bea,
        &path,
        &pairs(&good),
        Some(("receipt.pdf", "application/pdf", b"<html>")),
    )
    .await;
    page.assert_errors(&["receipt"])
        .assert_contains("PDF, JPEG or PNG")
        .assert_contains(">Car park</textarea>");
    assert!(
        fx.claims().await.is_empty(),
        "nothing is saved from a refused claim"
    );

    // Someone not active with the organisation cannot claim from it at all.
    let mut vera = fx.w.site.signed_in("vera@trust.example.org").await;
    vera.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    post_claim(&mut vera, &path, &pairs(&good), None)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    vera.get("/my/expenses")
        .await
        .assert_contains("once you are volunteering with it");
    assert!(fx.claims().await.is_empty());
}

#[tokio::test]
async fn receipts_over_5_mb_are_refused_with_the_claim_kept_as_typed() {
    let fx = Fx::new().await;
    let mut bea = fx.w.site.signed_in("bea@example.org").await;
    let date = today().to_string();
    let fields = parking(&date, "3", "Car park");
    let mut just_over = b"%PDF-1.7".to_vec();
    just_over.resize(5 * 1024 * 1024 + 1, b' ');
    let page = post_claim(
        &mut bea,
        &fx.new_path(),
        &pairs(&fields),
        Some(("big.pdf", "application/pdf", &just_over)),
    )
    .await;
    page.assert_errors(&["receipt"])
        .assert_contains("The receipt must be 5 MB or smaller")
        .assert_contains(">Car park</textarea>");
    // Far larger bodies are cut off before they are read whole.
    let mut huge = b"%PDF-1.7".to_vec();
    huge.resize(8 * 1024 * 1024, b' ');
    let page = post_claim(
        &mut bea,
        &fx.new_path(),
        &pairs(&fields),
        Some(("huge.pdf", "application/pdf", &huge)),
    )
    .await;
    page.assert_errors(&["receipt"])
        .assert_contains("5 MB or smaller");
    assert!(fx.claims().await.is_empty());
}

#[tokio::test]
async fn mileage_crosses_the_threshold_at_25p_and_a_new_tax_year_starts_again_at_45p() {
    let fx = Fx::new().await;
    let app = &fx.w.site.app;
    let new_year = tax_year_start();
    let old_year = new_year - Duration::days(1);
    let drive = |date: chrono::NaiveDate, miles: u32| ClaimInput {
        category: "mileage".into(),
        date: date.to_string(),
        description: "To the day hospice and back".into(),
        vehicle: "car".into(),
        miles: miles.to_string(),
        ..ClaimInput::default()
    };
    let (slug, bea) = (fx.w.a.slug.as_str(), fx.bea.id);
    let claim = |input: ClaimInput| async move {
        app.submit_expense_claim(bea, slug, &input, None)
            .await
            .unwrap()
    };
    // 9,990 miles by 5 April: 9 claims of 1,000 and one of 990.
    for _ in 0..9 {
        claim(drive(old_year, 1_000)).await;
    }
    let last = claim(drive(old_year, 990)).await;
    assert_eq!(
        (last.mileage.unwrap().car_miles_before, last.amount),
        (9_000, Pence(990 * 45))
    );
    // The 10,000th mile is still at 45p.
    let exactly = claim(drive(old_year, 10)).await;
    assert_eq!(exactly.amount, Pence(450));
    // Once that claim is not approved it no longer counts: the year is back to 9,990 miles, so
    // a 20-mile journey sent through the form is split 10 at 45p and 10 at 25p.
    let scope = fx.w.site.scope(&fx.w.a.admin, &fx.w.a.slug).await;
    let reject = app::expenses::manage::ClaimDecision::Reject("Two claims for one journey".into());
    app.decide_expense_claim(&scope, exactly.id, &reject)
        .await
        .unwrap();
    let mut bea = fx.w.site.signed_in("bea@example.org").await;
    let date = old_year.to_string();
    let fields = [
        ("category", "mileage"),
        ("date", date.as_str()),
        ("description", "Home to the ward"),
        ("vehicle", "car"),
        ("miles", "20"),
        ("amount", "99"),
    ];
    let sent = post_claim(&mut bea, &fx.new_path(), &fields, None).await;
    assert_eq!(sent.redirect(), "/my/expenses?done=sent");
    let split = fx.claims().await.pop().unwrap();
    assert_eq!(
        split.claim.amount,
        Pence(10 * 45 + 10 * 25),
        "the typed amount is ignored for mileage"
    );
    bea.get(&format!("/my/expenses/{}/{}", fx.w.a.slug, split.claim.id))
        .await
        .assert_contains("20 miles by car or van: 10 miles at 45p and 10 miles at 25p")
        .assert_contains("£7.00");
    // Past the threshold every mile is at 25p; 6 April starts a new tax year at 45p.
    let after = claim(drive(old_year, 4)).await;
    assert_eq!(after.amount, Pence(100));
    let fresh = claim(drive(new_year, 20)).await;
    assert_eq!(
        (fresh.mileage.unwrap().car_miles_before, fresh.amount),
        (0, Pence(900))
    );
}
