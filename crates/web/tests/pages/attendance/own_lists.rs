//! A volunteer downloads their own shifts and logged hours, as CSV and as Excel, from the
//! pages that list them; the files hold their records only, and nobody signed out gets them.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::rota::from_utc;

use super::fixture::Att;
use crate::list_downloads::{XLSX, csv_rows};

#[tokio::test]
async fn a_volunteer_downloads_their_own_shifts_and_hours_and_nobody_else_s() {
    let t = Att::new().await;
    let shift = t.shift(t.w.a.site, 60 * 24, 3).await;
    t.book(&shift, t.sam.id).await;
    let mut sam = t.w.site.signed_in("sam@example.org").await;
    let yesterday = (from_utc(Utc::now()).date() - Duration::days(1))
        .format("%-d %-m %Y")
        .to_string();
    let logged = sam
        .submit(
            "/my/hours",
            &[
                ("role_id", &t.role.to_string()),
                ("date", &yesterday),
                ("hours", "1"),
                ("minutes", "30"),
                ("description", "Three befriending calls from home"),
            ],
        )
        .await;
    assert_eq!(logged.redirect(), "/my/hours?done=logged");

    sam.get("/my/shifts")
        .await
        .assert_contains("href=\"/my/shifts.csv\"")
        .assert_contains("href=\"/my/shifts.xlsx\"");
    sam.get("/my/hours")
        .await
        .assert_contains("href=\"/my/hours.csv\"")
        .assert_contains("href=\"/my/hours.xlsx\"");

    let shifts = csv_rows(&sam.get("/my/shifts.csv").await);
    assert_eq!(shifts[0][0], "Date");
    assert_eq!(shifts.len(), 2, "{shifts:?}");
    assert_eq!(shifts[1][4], "Ward visitor");
    assert_eq!(shifts[1][6], "Booked");
    let hours = csv_rows(&sam.get("/my/hours.csv").await);
    assert_eq!(hours.len(), 2, "{hours:?}");
    assert_eq!(hours[1][1], "1.50");
    assert_eq!(hours[1][4], "Three befriending calls from home");
    for path in ["/my/shifts.xlsx", "/my/hours.xlsx"] {
        let file = sam.get(path).await;
        file.assert_status(StatusCode::OK);
        assert_eq!(file.headers["content-type"], XLSX, "{path}");
        assert!(file.bytes.starts_with(b"PK"), "{path}: not a zip");
    }

    // Another volunteer of the same organisation gets only their own (none).
    let mut ria = t.w.site.signed_in("ria@example.org").await;
    assert_eq!(csv_rows(&ria.get("/my/shifts.csv").await).len(), 1);
    assert_eq!(csv_rows(&ria.get("/my/hours.csv").await).len(), 1);
    // Signed out: sent to sign in, no file.
    let page = t.w.site.browser().get("/my/shifts.csv").await;
    assert!(
        page.redirect().starts_with("/sign-in"),
        "{}",
        page.redirect()
    );
}
