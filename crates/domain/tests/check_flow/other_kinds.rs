//! Other kinds of item: guardian consent needs the guardian's name, a driving licence its
//! expiry date.

use alongside_domain::compliance::CheckStatus;
use alongside_domain::compliance::check::CheckInput;

use crate::fixtures::{MANAGER, VOLUNTEER, apply, day, fields, input, only, pending, t};

#[test]
fn guardian_consent_needs_the_guardians_name() {
    let consent = t("guardian-consent");
    let errors = apply(&input("submit"), &pending(&consent), &consent, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("note"));
    assert_eq!(
        errors.get("note"),
        Some("Enter the name of the parent or guardian who gave consent")
    );
    let named = CheckInput {
        note: "Mary Smith (mother)".into(),
        ..input("submit")
    };
    let submitted = apply(&named, &pending(&consent), &consent, VOLUNTEER).unwrap();
    assert_eq!(submitted.status, CheckStatus::Submitted);
    assert_eq!(submitted.note, "Mary Smith (mother)");
    // A manager verifying what was submitted keeps the name given...
    let kept = apply(&input("verify"), &submitted, &consent, MANAGER).unwrap();
    assert_eq!(kept.note, "Mary Smith (mother)");
    // ...and verifying with nothing on record needs the name.
    let errors = apply(&input("verify"), &pending(&consent), &consent, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("note"));
    let verify = CheckInput {
        note: "Mary Smith (mother), signed form seen".into(),
        ..input("verify")
    };
    assert_eq!(
        apply(&verify, &submitted, &consent, MANAGER)
            .unwrap()
            .status,
        CheckStatus::Verified
    );
}

#[test]
fn a_driving_licence_needs_its_expiry_date() {
    let licence = t("driving-licence");
    assert_eq!(licence.validity_months, None);
    let errors = apply(&input("submit"), &pending(&licence), &licence, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("expires_on"));
    assert_eq!(errors.get("expires_on"), Some("Enter the date it expires"));
    let with_expiry = CheckInput {
        expires_on: "12 7 2033".into(),
        reference: "PATEL907153AB9CD".into(),
        ..input("submit")
    };
    let submitted = apply(&with_expiry, &pending(&licence), &licence, VOLUNTEER).unwrap();
    assert_eq!(submitted.expires_on, Some(day("2033-07-12")));
    assert_eq!(submitted.issued_on, None, "no issue date needed");
}
