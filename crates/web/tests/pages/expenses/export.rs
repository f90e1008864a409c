//! The payment CSV (approved claims only, guarded against formulas, the export audited),
//! marking claims paid, and another organisation's or other staff's requests finding nothing.

use axum::http::StatusCode;
use domain::expenses::ClaimStatus;

use super::fixture::{Fx, pairs, parking, post_claim, today};

#[tokio::test]
async fn approved_claims_export_as_guarded_csv_and_are_marked_paid() {
    let fx = Fx::new().await;
    let w = &fx.w;
    let mut bea = w.site.signed_in("bea@example.org").await;
    let date = today().to_string();
    for what in [
        "=HYPERLINK(\"http://evil.example\",\"Bus\")",
        "Parking, level 2",
        "Never approved",
    ] {
        post_claim(
            &mut bea,
            &fx.new_path(),
            &pairs(&parking(&date, "4.50", what)),
            None,
        )
        .await
        .redirect();
    }
    let ids: Vec<_> = fx.claims().await.iter().map(|r| r.claim.id).collect();
    let mut admin = w.site.signed_in("admin@trust.example.org").await;
    for id in &ids[..2] {
        admin
            .submit(
                &w.a.path(&format!("/expenses/{id}")),
                &[("decision", "approve")],
            )
            .await
            .redirect();
    }
    let csv = admin.get(&w.a.path("/expenses.csv?status=approved")).await;
    csv.assert_status(StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].starts_with("Claimant,Email,Claim ID,Date,Category,Description,Vehicle,Miles,Mileage rates,Amount (£),Status,Approved by,Approved on"));
    assert!(
        lines[1].contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bus\"\")\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(&ids[0].to_string())
            && lines[1].contains(",4.50,Approved,Ada Admin-trust,")
    );
    assert!(lines[2].contains("\"Parking, level 2\""));
    assert!(!csv.body.contains("Never approved"));
    assert!(
        fx.audit(w.a.id.0)
            .await
            .contains(&"expense_claims.exported".to_owned())
    );
    admin
        .get(&w.a.path("/expenses.csv?from=32+1+2026"))
        .await
        .assert_errors(&["from"]);

    // Marking them paid tells each volunteer; an unapproved claim cannot be marked paid.
    let page = admin.get(&w.a.path("/expenses")).await;
    page.assert_contains(&format!("value=\"{}\"", ids[0]));
    admin
        .submit(&w.a.path("/expenses/paid"), &[])
        .await
        .assert_errors(&["claims"]);
    let other = ids[2].to_string();
    admin
        .submit(&w.a.path("/expenses/paid"), &[("claim", &other)])
        .await
        .assert_errors(&["claims"]);
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    let done = admin
        .submit(
            &w.a.path("/expenses/paid"),
            &[("claim", &first), ("claim", &second)],
        )
        .await;
    assert_eq!(done.redirect(), w.a.path("/expenses?status=paid&done=paid"));
    let states: Vec<_> = fx.claims().await.iter().map(|r| r.claim.status).collect();
    assert_eq!(
        states,
        [ClaimStatus::Paid, ClaimStatus::Paid, ClaimStatus::Submitted]
    );
    assert!(
        fx.mail_to("bea@example.org").await[0]
            .subject
            .contains("paid")
    );
    let paid = admin.get(&w.a.path("/expenses.csv?status=paid")).await;
    assert_eq!(paid.body.lines().count(), 3);
}

#[tokio::test]
async fn another_organisation_and_other_staff_get_nothing() {
    let fx = Fx::new().await;
    let w = &fx.w;
    let mut bea = w.site.signed_in("bea@example.org").await;
    let date = today().to_string();
    post_claim(
        &mut bea,
        &fx.new_path(),
        &pairs(&parking(&date, "4", "Car park")),
        None,
    )
    .await
    .redirect();
    let id = fx.claims().await[0].claim.id;
    let mut b_admin = w.site.signed_in("admin@hospice.example.org").await;
    for path in [
        "/expenses",
        "/expenses.csv",
        &format!("/expenses/{id}"),
        &format!("/expenses/{id}/receipt"),
    ] {
        b_admin
            .get(&w.a.path(path))
            .await
            .assert_status(StatusCode::NOT_FOUND);
        b_admin.get(&w.b.path(path)).await.assert_lacks("Car park");
    }
    b_admin
        .get(&w.b.path(&format!("/expenses/{id}")))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    for (path, fields) in [
        (format!("/expenses/{id}"), vec![("decision", "approve")]),
        ("/expenses/paid".to_owned(), vec![("claim", "x")]),
    ] {
        b_admin
            .submit(&w.a.path(&path), &fields)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    b_admin
        .get(&format!("/my/expenses/{}/{id}", w.a.slug))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    b_admin
        .get(&format!("/my/expenses/{}/new", w.a.slug))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // A's viewer and supervisor are staff, but expenses need the volunteer manager's permission.
    for email in ["viewer@trust.example.org", "supervisor@trust.example.org"] {
        let mut staff = w.site.signed_in(email).await;
        staff
            .get(&w.a.path("/expenses"))
            .await
            .assert_status(StatusCode::FORBIDDEN);
        staff
            .submit(
                &w.a.path(&format!("/expenses/{id}")),
                &[("decision", "approve")],
            )
            .await
            .assert_status(StatusCode::FORBIDDEN);
    }
    assert_eq!(fx.claims().await[0].claim.status, ClaimStatus::Submitted);
}
