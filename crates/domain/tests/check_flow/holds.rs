//! When a record holds: verified through its last valid day, waived through the last day of the
//! waiver, and nothing else whatever its dates.

use alongside_domain::compliance::CheckStatus;

use crate::fixtures::{day, pending, t};

#[test]
fn a_verified_record_holds_through_its_last_valid_day() {
    let mut check = pending(&t("cstf-fire-safety"));
    check.status = CheckStatus::Verified;
    check.expires_on = Some(day("2026-06-30"));
    assert!(check.holds_on(day("2026-06-29")));
    assert!(check.holds_on(day("2026-06-30")));
    assert!(!check.holds_on(day("2026-07-01")));
    check.expires_on = None;
    assert!(check.holds_on(day("2100-01-01")));
}

#[test]
fn a_waived_record_holds_through_the_last_day_of_the_waiver() {
    let mut check = pending(&t("occupational-health"));
    check.status = CheckStatus::Waived;
    check.waived_until = Some(day("2026-06-30"));
    // An expiry date from before the waiver does not matter; the waiver does.
    check.expires_on = Some(day("2020-01-01"));
    assert!(check.holds_on(day("2026-06-30")));
    assert!(!check.holds_on(day("2026-07-01")));
    check.waived_until = None;
    assert!(check.holds_on(day("2100-01-01")));
}

#[test]
fn nothing_else_holds_whatever_its_dates() {
    for status in [
        CheckStatus::Pending,
        CheckStatus::Submitted,
        CheckStatus::Failed,
    ] {
        let mut check = pending(&t("cstf-fire-safety"));
        check.status = status;
        check.issued_on = Some(day("2026-01-01"));
        check.expires_on = Some(day("2030-01-01"));
        check.waived_until = Some(day("2030-01-01"));
        assert!(!check.holds_on(day("2026-06-01")), "{status:?}");
    }
}
