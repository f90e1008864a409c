//! A volunteer downloads their own expense claims, as CSV and as Excel, from their expenses
//! page; another volunteer's file holds none of them.

use axum::http::StatusCode;

use super::fixture::{Fx, pairs, parking, post_claim, today};
use crate::list_downloads::{XLSX, csv_rows};

#[tokio::test]
async fn a_volunteer_downloads_their_own_claims_and_nobody_else_s() {
    let fx = Fx::new().await;
    let mut bea = fx.w.site.signed_in("bea@example.org").await;
    let date = today().to_string();
    post_claim(
        &mut bea,
        &fx.new_path(),
        &pairs(&parking(&date, "4.50", "Parking, level 2")),
        None,
    )
    .await
    .redirect();

    bea.get("/my/expenses")
        .await
        .assert_contains("href=\"/my/expenses.csv\"")
        .assert_contains("href=\"/my/expenses.xlsx\"");
    let rows = csv_rows(&bea.get("/my/expenses.csv").await);
    assert_eq!(rows[0][0], "Date");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(
        rows[1][1..],
        [
            fx.w.a.name.clone(),
            "Parking".to_owned(),
            "Parking, level 2".to_owned(),
            "4.50".to_owned(),
            "Waiting for a decision".to_owned(),
        ]
    );
    let file = bea.get("/my/expenses.xlsx").await;
    file.assert_status(StatusCode::OK);
    assert_eq!(file.headers["content-type"], XLSX);
    assert!(file.bytes.starts_with(b"PK"));

    let mut admin = fx.w.site.signed_in("admin@trust.example.org").await;
    assert_eq!(csv_rows(&admin.get("/my/expenses.csv").await).len(), 1);
}
