//! Who may do what: only a manager verifies, fails or waives, and checks seen in person are
//! recorded by a manager alone.

use alongside_domain::compliance::CheckStatus;
use alongside_domain::compliance::check::CheckInput;

use crate::fixtures::{MANAGER, VOLUNTEER, apply, fields, input, only, pending, t};

#[test]
fn a_volunteer_cannot_verify_fail_or_waive() {
    let fire = t("cstf-fire-safety");
    let mut submitted = pending(&fire);
    submitted.status = CheckStatus::Submitted;
    for action in ["verify", "fail", "waive"] {
        let input = CheckInput {
            issued_on: "2026-05-01".into(),
            note: "I did it".into(),
            waiver_reason: "Because".into(),
            ..input(action)
        };
        let errors = apply(&input, &submitted, &fire, VOLUNTEER).unwrap_err();
        assert_eq!(fields(&errors), only("action"), "{action}");
        assert_eq!(
            errors.get("action"),
            Some("Only a manager can verify, fail or waive an item")
        );
        // The same input from a manager is accepted.
        assert!(
            apply(&input, &submitted, &fire, MANAGER).is_ok(),
            "{action}"
        );
    }
}

#[test]
fn checks_seen_in_person_are_recorded_by_a_manager_alone() {
    for code in [
        "dbs",
        "identity",
        "references",
        "right-to-volunteer",
        "occupational-health",
    ] {
        let t = t(code);
        let input = CheckInput {
            issued_on: "2026-05-01".into(),
            ..input("submit")
        };
        let errors = apply(&input, &pending(&t), &t, VOLUNTEER).unwrap_err();
        assert_eq!(fields(&errors), only("action"), "{code}");
    }
}
