//! Training: the volunteer submits it and a manager verifies it, expiry is worked out from the
//! catalogue, and which statuses and actions allow another go.

use alongside_domain::compliance::CheckStatus;
use alongside_domain::compliance::check::CheckInput;

use crate::fixtures::{
    MANAGER, VOLUNTEER, apply, day, fields, input, now, only, pending, t, today,
};

#[test]
fn training_is_submitted_by_the_volunteer_then_verified_by_a_manager() {
    let fire = t("cstf-fire-safety");
    assert_eq!(fire.validity_months, Some(24));
    let check = pending(&fire);

    // Submitting needs the completion date.
    let errors = apply(&input("submit"), &check, &fire, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("issued_on"));
    assert_eq!(
        errors.get("issued_on"),
        Some("Enter the date it was completed")
    );

    let submit = CheckInput {
        issued_on: "15 3 2026".into(),
        reference: " FS-2231 ".into(),
        note: "Done online".into(),
        ..input("submit")
    };
    let submitted = apply(&submit, &check, &fire, VOLUNTEER).unwrap();
    assert_eq!(submitted.status, CheckStatus::Submitted);
    assert_eq!(submitted.issued_on, Some(day("2026-03-15")));
    assert_eq!(
        submitted.expires_on,
        Some(day("2028-03-14")),
        "24 months from completion, less a day: the last valid day"
    );
    assert_eq!(submitted.reference, "FS-2231");
    assert_eq!(submitted.note, "Done online");
    assert_eq!(submitted.submitted_by, "Asha Patel");
    assert_eq!(submitted.submitted_at, Some(now()));
    assert_eq!(submitted.decided_at, None);
    assert!(submitted.decided_by.is_empty());
    assert!(
        !submitted.holds_on(today()),
        "not until a manager verifies it"
    );

    let verify = CheckInput {
        issued_on: "2026-03-15".into(),
        ..input("verify")
    };
    let verified = apply(&verify, &submitted, &fire, MANAGER).unwrap();
    assert_eq!(verified.status, CheckStatus::Verified);
    assert_eq!(verified.expires_on, Some(day("2028-03-14")));
    assert_eq!(verified.decided_by, "Sam Okafor");
    assert_eq!(verified.decided_at, Some(now()));
    assert_eq!(verified.submitted_by, "Asha Patel", "who submitted is kept");
    assert!(verified.holds_on(today()));
    assert!(verified.holds_on(day("2028-03-14")));
    assert!(!verified.holds_on(day("2028-03-15")));
}

#[test]
fn expiry_is_worked_out_from_the_catalogue_unless_given() {
    let resus = t("cstf-resuscitation");
    assert_eq!(resus.validity_months, Some(12));
    let submit = |issued: &str, expires: &str| {
        let input = CheckInput {
            issued_on: issued.into(),
            expires_on: expires.into(),
            ..input("submit")
        };
        apply(&input, &pending(&resus), &resus, VOLUNTEER).unwrap()
    };
    assert_eq!(submit("2026-01-31", "").expires_on, Some(day("2027-01-30")));
    assert_eq!(submit("2025-06-01", "").expires_on, Some(day("2026-05-31")));
    assert_eq!(
        submit("2026-01-31", "2026-12-31").expires_on,
        Some(day("2026-12-31")),
        "a date typed in wins"
    );

    // Items that do not expire get no expiry date.
    let vcs = t("vcs-1-role");
    assert_eq!(vcs.validity_months, None);
    let input = CheckInput {
        issued_on: "2026-02-02".into(),
        ..input("submit")
    };
    let done = apply(&input, &pending(&vcs), &vcs, VOLUNTEER).unwrap();
    assert_eq!(done.expires_on, None);
    assert_eq!(done.issued_on, Some(day("2026-02-02")));
}

#[test]
fn a_failed_item_can_be_submitted_again() {
    let fire = t("cstf-fire-safety");
    let mut check = pending(&fire);
    check.status = CheckStatus::Failed;
    let input = CheckInput {
        issued_on: "2026-05-01".into(),
        ..input("submit")
    };
    let again = apply(&input, &check, &fire, VOLUNTEER).unwrap();
    assert_eq!(again.status, CheckStatus::Submitted);
}

#[test]
fn verified_or_waived_items_cannot_be_submitted_again() {
    let fire = t("cstf-fire-safety");
    let input = CheckInput {
        issued_on: "2026-05-01".into(),
        ..input("submit")
    };
    for status in [CheckStatus::Verified, CheckStatus::Waived] {
        let mut check = pending(&fire);
        check.status = status;
        let errors = apply(&input, &check, &fire, VOLUNTEER).unwrap_err();
        assert_eq!(fields(&errors), only("action"), "{status:?}");
    }
}

#[test]
fn unknown_actions_are_refused() {
    let fire = t("cstf-fire-safety");
    for action in ["", "approve", "verified"] {
        let errors = apply(&input(action), &pending(&fire), &fire, MANAGER).unwrap_err();
        assert_eq!(fields(&errors), only("action"), "{action:?}");
    }
}
