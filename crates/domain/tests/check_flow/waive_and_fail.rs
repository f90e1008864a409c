//! Waiving and failing: a waiver needs a reason and must not have ended already, a verified item
//! cannot be waived, verifying clears a waiver, and failing needs a note.

use alongside_domain::compliance::CheckStatus;
use alongside_domain::compliance::check::CheckInput;

use crate::fixtures::{MANAGER, apply, day, fields, input, now, only, pending, t, today};

#[test]
fn waiving_needs_a_reason_and_a_waiver_that_has_not_already_ended() {
    let health = t("occupational-health");
    let check = pending(&health);
    let errors = apply(&input("waive"), &check, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("waiver_reason"));

    let waive = |until: &str| CheckInput {
        waiver_reason: "  Telephone befriending only; no patient contact ".into(),
        waived_until: until.into(),
        ..input("waive")
    };
    let errors = apply(&waive("2026-05-31"), &check, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("waived_until"));
    let errors = apply(&waive("whenever"), &check, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("waived_until"));

    let waived = apply(&waive("2026-06-01"), &check, &health, MANAGER).unwrap();
    assert_eq!(waived.status, CheckStatus::Waived);
    assert_eq!(waived.waived_until, Some(today()));
    assert_eq!(
        waived.waiver_reason,
        "Telephone befriending only; no patient contact"
    );
    assert_eq!(waived.decided_by, "Sam Okafor");
    assert_eq!(waived.decided_at, Some(now()));
    assert!(waived.holds_on(today()));
    assert!(!waived.holds_on(day("2026-06-02")));

    let open_ended = apply(&waive(""), &check, &health, MANAGER).unwrap();
    assert_eq!(open_ended.waived_until, None);
    assert!(open_ended.holds_on(day("2099-01-01")));
}

#[test]
fn a_verified_item_cannot_be_waived() {
    let health = t("occupational-health");
    let mut check = pending(&health);
    check.status = CheckStatus::Verified;
    let input = CheckInput {
        waiver_reason: "Not needed".into(),
        ..input("waive")
    };
    let errors = apply(&input, &check, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));
}

#[test]
fn verifying_a_waived_item_clears_the_waiver() {
    let health = t("occupational-health");
    let waive = CheckInput {
        waiver_reason: "Awaiting OH appointment".into(),
        waived_until: "2026-07-01".into(),
        ..input("waive")
    };
    let waived = apply(&waive, &pending(&health), &health, MANAGER).unwrap();
    let verified = apply(&input("verify"), &waived, &health, MANAGER).unwrap();
    assert_eq!(verified.status, CheckStatus::Verified);
    assert_eq!(verified.waiver_reason, "");
    assert_eq!(verified.waived_until, None);
}

#[test]
fn failing_needs_a_note() {
    let health = t("occupational-health");
    let check = pending(&health);
    let errors = apply(&input("fail"), &check, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("note"));
    let fail = CheckInput {
        note: "Not cleared for patient contact".into(),
        ..input("fail")
    };
    let failed = apply(&fail, &check, &health, MANAGER).unwrap();
    assert_eq!(failed.status, CheckStatus::Failed);
    assert_eq!(failed.note, "Not cleared for patient contact");
    assert_eq!(failed.decided_by, "Sam Okafor");
    assert!(!failed.holds_on(today()));
    // A failed item cannot be failed again.
    let errors = apply(&fail, &failed, &health, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));
}
