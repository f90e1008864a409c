//! Dates: expiry not before issue, issue not in the future, and unreadable dates named by their
//! field.

use alongside_domain::compliance::check::CheckInput;

use crate::fixtures::{VOLUNTEER, apply, fields, input, only, pending, t};

#[test]
fn expiry_before_issue_is_refused() {
    let fire = t("cstf-fire-safety");
    let input = |expires: &str| CheckInput {
        issued_on: "2026-03-15".into(),
        expires_on: expires.into(),
        ..input("submit")
    };
    let errors = apply(&input("2026-03-14"), &pending(&fire), &fire, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("expires_on"));
    assert!(
        apply(&input("2026-03-15"), &pending(&fire), &fire, VOLUNTEER).is_ok(),
        "same day"
    );
}

#[test]
fn an_issue_date_in_the_future_is_refused() {
    let fire = t("cstf-fire-safety");
    let input = |issued: &str| CheckInput {
        issued_on: issued.into(),
        ..input("submit")
    };
    let errors = apply(&input("2026-06-02"), &pending(&fire), &fire, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("issued_on"));
    assert_eq!(
        errors.get("issued_on"),
        Some("The date must be today or in the past")
    );
    assert!(
        apply(&input("2026-06-01"), &pending(&fire), &fire, VOLUNTEER).is_ok(),
        "today"
    );
}

#[test]
fn unreadable_dates_name_their_field() {
    let fire = t("cstf-fire-safety");
    let bad_issue = CheckInput {
        issued_on: "31 2 2026".into(),
        ..input("submit")
    };
    let errors = apply(&bad_issue, &pending(&fire), &fire, VOLUNTEER).unwrap_err();
    assert_eq!(
        errors.0.len(),
        1,
        "one error, not also 'enter the date': {errors:?}"
    );
    assert_eq!(fields(&errors), only("issued_on"));
    assert_eq!(
        errors.get("issued_on"),
        Some("Enter a real date, for example 27 3 2026")
    );

    let bad_expiry = CheckInput {
        issued_on: "2026-03-15".into(),
        expires_on: "next year".into(),
        ..input("submit")
    };
    let errors = apply(&bad_expiry, &pending(&fire), &fire, VOLUNTEER).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors:?}");
    assert_eq!(fields(&errors), only("expires_on"));

    let licence = t("driving-licence");
    let bad_licence = CheckInput {
        expires_on: "2033-13-01".into(),
        ..input("submit")
    };
    let errors = apply(&bad_licence, &pending(&licence), &licence, VOLUNTEER).unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors:?}");
    assert_eq!(fields(&errors), only("expires_on"));
}
