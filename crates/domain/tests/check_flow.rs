//! How a check or training item moves: what a volunteer and a manager may do to it, what each
//! kind needs typed in, how dates are checked and worked out, when a record holds, and how DBS
//! certificate details are deleted six months after the decision.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use alongside_domain::FieldErrors;
use alongside_domain::compliance::catalogue::standard_catalogue;
use alongside_domain::compliance::check::{Actor, CheckInput};
use alongside_domain::compliance::{
    Check, CheckStatus, DbsOutcome, RequirementType, Requirements, Workforce, eligibility,
};
use alongside_domain::ids::{OrganisationId, PersonId};
use alongside_domain::role::DbsLevel;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

// ---------------------------------------------------------------------------------------------
// Helpers

const VOLUNTEER: Actor<'static> = Actor::Volunteer("Asha Patel");
const MANAGER: Actor<'static> = Actor::Manager("Sam Okafor");

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-06-01")
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

fn now() -> DateTime<Utc> {
    at(2026, 6, 1, 10, 30, 0)
}

fn t(code: &str) -> RequirementType {
    standard_catalogue(OrganisationId::new())
        .into_iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("no {code} in the standard catalogue"))
}

fn pending(t: &RequirementType) -> Check {
    Check::pending(PersonId::new(), t)
}

fn input(action: &str) -> CheckInput {
    CheckInput {
        action: action.into(),
        ..Default::default()
    }
}

fn apply(
    input: &CheckInput,
    check: &Check,
    t: &RequirementType,
    actor: Actor<'_>,
) -> Result<Check, FieldErrors> {
    input.apply(check, t, actor, today(), now())
}

/// The fields an error names.
fn fields(errors: &FieldErrors) -> BTreeSet<&str> {
    errors.0.iter().map(|e| e.field.as_str()).collect()
}

fn only(field: &str) -> BTreeSet<&str> {
    BTreeSet::from([field])
}

/// What a manager types to record a clear enhanced DBS check for the adults' workforce.
fn dbs_verify() -> CheckInput {
    CheckInput {
        action: "verify".into(),
        issued_on: "2026-05-20".into(),
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        dbs_certificate_number: "001234567890".into(),
        dbs_outcome: "clear".into(),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Training

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

// ---------------------------------------------------------------------------------------------
// Who may do what

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

// ---------------------------------------------------------------------------------------------
// DBS

#[test]
fn a_volunteer_cannot_submit_a_dbs_check_and_a_manager_verifies_it() {
    let dbs = t("dbs");
    let mut submit = dbs_verify();
    submit.action = "submit".into();
    let errors = apply(&submit, &pending(&dbs), &dbs, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));
    assert!(
        errors
            .get("action")
            .is_some_and(|m| m.contains("with you in person")),
        "{errors:?}"
    );
    // Nor does a manager "submit" one: they verify it.
    let errors = apply(&submit, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));

    let input = CheckInput {
        reference: "ignored for DBS".into(),
        dbs_certificate_number: "0012 3456 7890".into(),
        ..dbs_verify()
    };
    let verified = apply(&input, &pending(&dbs), &dbs, MANAGER).unwrap();
    assert_eq!(verified.status, CheckStatus::Verified);
    assert_eq!(verified.issued_on, Some(day("2026-05-20")));
    assert_eq!(verified.expires_on, None);
    assert_eq!(
        verified.reference, "",
        "the certificate number lives in the DBS details"
    );
    assert_eq!(verified.decided_by, "Sam Okafor");
    let evidence = verified.dbs.unwrap();
    assert_eq!(evidence.level, DbsLevel::Enhanced);
    assert_eq!(evidence.workforce, Some(Workforce::Adult));
    assert_eq!(evidence.certificate_number.as_deref(), Some("001234567890"));
    assert_eq!(evidence.outcome, Some(DbsOutcome::Clear));
    assert!(!evidence.update_service);
    assert_eq!(evidence.status_checked_on, None);
    assert_eq!(evidence.details_removed_at, None);
}

#[test]
fn verifying_a_dbs_check_needs_its_details() {
    let dbs = t("dbs");
    let check = pending(&dbs);
    let errors = apply(&input("verify"), &check, &dbs, MANAGER).unwrap_err();
    assert_eq!(
        fields(&errors),
        BTreeSet::from([
            "issued_on",
            "dbs_level",
            "dbs_certificate_number",
            "dbs_outcome"
        ])
    );

    let refused = |input: CheckInput| {
        fields(&apply(&input, &check, &dbs, MANAGER).unwrap_err())
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let with = |f: fn(&mut CheckInput)| {
        let mut i = dbs_verify();
        f(&mut i);
        i
    };
    assert_eq!(
        refused(with(|i| i.dbs_level = "none".into())),
        ["dbs_level"]
    );
    assert_eq!(
        refused(with(|i| i.dbs_level = "super_enhanced".into())),
        ["dbs_level"]
    );
    assert_eq!(
        refused(with(|i| i.dbs_workforce = String::new())),
        ["dbs_workforce"]
    );
    assert_eq!(
        refused(with(|i| {
            i.dbs_level = "enhanced_barred".into();
            i.dbs_workforce = String::new();
        })),
        ["dbs_workforce"]
    );
    assert_eq!(
        refused(with(|i| i.dbs_workforce = "elderly".into())),
        ["dbs_workforce"]
    );
    for number in ["", "12345", "00123456789X", "0012345678901", "00123456789"] {
        assert_eq!(
            refused(with_number(number)),
            ["dbs_certificate_number"],
            "{number:?}"
        );
    }
    assert_eq!(
        refused(with(|i| i.dbs_outcome = String::new())),
        ["dbs_outcome"]
    );
    assert_eq!(
        refused(with(|i| i.dbs_outcome = "fine".into())),
        ["dbs_outcome"]
    );
    assert_eq!(
        refused(with(|i| i.issued_on = String::new())),
        ["issued_on"]
    );

    // Workforce is for enhanced checks: basic and standard go without.
    for level in ["basic", "standard"] {
        let input = CheckInput {
            dbs_level: level.into(),
            dbs_workforce: String::new(),
            ..dbs_verify()
        };
        let verified = apply(&input, &check, &dbs, MANAGER).unwrap();
        assert_eq!(verified.dbs.unwrap().workforce, None, "{level}");
    }
}

fn with_number(number: &str) -> CheckInput {
    CheckInput {
        dbs_certificate_number: number.into(),
        ..dbs_verify()
    }
}

#[test]
fn disclosed_information_needs_the_decision_in_a_note() {
    let dbs = t("dbs");
    let disclosed = CheckInput {
        dbs_outcome: "disclosed".into(),
        ..dbs_verify()
    };
    let errors = apply(&disclosed, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("note"));
    let with_note = CheckInput {
        note: "Caution from 2009 for a minor offence; not relevant to the role".into(),
        ..disclosed
    };
    let verified = apply(&with_note, &pending(&dbs), &dbs, MANAGER).unwrap();
    assert_eq!(verified.dbs.unwrap().outcome, Some(DbsOutcome::Disclosed));
    assert!(verified.note.starts_with("Caution from 2009"));
}

#[test]
fn the_update_service_is_for_standard_and_enhanced_checks() {
    let dbs = t("dbs");
    let basic = CheckInput {
        dbs_level: "basic".into(),
        dbs_workforce: String::new(),
        dbs_update_service: "yes".into(),
        ..dbs_verify()
    };
    let errors = apply(&basic, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("dbs_update_service"));

    for level in ["standard", "enhanced", "enhanced_barred"] {
        let input = CheckInput {
            dbs_level: level.into(),
            dbs_update_service: "yes".into(),
            ..dbs_verify()
        };
        let verified = apply(&input, &pending(&dbs), &dbs, MANAGER).unwrap();
        assert!(verified.dbs.unwrap().update_service, "{level}");
    }
    let unclear = CheckInput {
        dbs_update_service: "maybe".into(),
        ..dbs_verify()
    };
    let errors = apply(&unclear, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("dbs_update_service"));
}

#[test]
fn a_status_check_date_needs_the_update_service_and_must_not_be_in_the_future() {
    let dbs = t("dbs");
    let without = CheckInput {
        dbs_status_checked_on: "2026-05-28".into(),
        ..dbs_verify()
    };
    let errors = apply(&without, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("dbs_status_checked_on"));

    let subscribed = CheckInput {
        dbs_update_service: "yes".into(),
        ..without
    };
    let verified = apply(&subscribed, &pending(&dbs), &dbs, MANAGER).unwrap();
    assert_eq!(
        verified.dbs.unwrap().status_checked_on,
        Some(day("2026-05-28"))
    );

    let today_is_fine = CheckInput {
        dbs_status_checked_on: "2026-06-01".into(),
        ..subscribed.clone()
    };
    assert!(apply(&today_is_fine, &pending(&dbs), &dbs, MANAGER).is_ok());
    let tomorrow = CheckInput {
        dbs_status_checked_on: "2026-06-02".into(),
        ..subscribed.clone()
    };
    let errors = apply(&tomorrow, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("dbs_status_checked_on"));
    let nonsense = CheckInput {
        dbs_status_checked_on: "last week".into(),
        ..subscribed
    };
    let errors = apply(&nonsense, &pending(&dbs), &dbs, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("dbs_status_checked_on"));
}

// ---------------------------------------------------------------------------------------------
// Other kinds

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

// ---------------------------------------------------------------------------------------------
// Waive and fail

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

// ---------------------------------------------------------------------------------------------
// Dates

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

// ---------------------------------------------------------------------------------------------
// When a record holds

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

// ---------------------------------------------------------------------------------------------
// DBS certificate details are kept for six months after the decision

fn dbs_decided_at(action: &str, decided: DateTime<Utc>) -> Check {
    let dbs = t("dbs");
    let input = CheckInput {
        action: action.into(),
        note: "Recorded".into(),
        dbs_level: "enhanced_barred".into(),
        dbs_workforce: "both".into(),
        dbs_update_service: "yes".into(),
        dbs_status_checked_on: "2026-01-10".into(),
        issued_on: "2026-01-05".into(),
        ..dbs_verify()
    };
    input
        .apply(&pending(&dbs), &dbs, MANAGER, day("2026-01-15"), decided)
        .unwrap()
}

#[test]
fn dbs_details_are_due_for_removal_six_months_after_the_decision() {
    let decided = at(2026, 1, 15, 10, 0, 0);
    let check = dbs_decided_at("verify", decided);
    assert_eq!(check.decided_at, Some(decided));
    assert!(!check.dbs_details_due_for_removal(decided));
    assert!(
        !check.dbs_details_due_for_removal(at(2026, 7, 14, 10, 0, 0)),
        "a day before"
    );
    assert!(
        !check.dbs_details_due_for_removal(at(2026, 7, 15, 9, 59, 59)),
        "a second before"
    );
    assert!(
        check.dbs_details_due_for_removal(at(2026, 7, 15, 10, 0, 0)),
        "six months to the second"
    );
    assert!(
        check.dbs_details_due_for_removal(at(2027, 3, 1, 0, 0, 0)),
        "long after"
    );

    // A failed check's details go too.
    let failed = dbs_decided_at("fail", decided);
    assert_eq!(failed.status, CheckStatus::Failed);
    assert!(!failed.dbs_details_due_for_removal(at(2026, 7, 14, 10, 0, 0)));
    assert!(failed.dbs_details_due_for_removal(at(2026, 7, 15, 10, 0, 0)));
}

#[test]
fn only_decided_dbs_records_with_details_are_due() {
    let later = at(2030, 1, 1, 0, 0, 0);
    // No decision yet.
    let mut undecided = dbs_decided_at("verify", at(2026, 1, 15, 10, 0, 0));
    undecided.decided_at = None;
    assert!(!undecided.dbs_details_due_for_removal(later));
    // Waived: no certificate decision to count from.
    let mut waived = dbs_decided_at("verify", at(2026, 1, 15, 10, 0, 0));
    waived.status = CheckStatus::Waived;
    assert!(!waived.dbs_details_due_for_removal(later));
    // Not a DBS record.
    let mut training = pending(&t("cstf-fire-safety"));
    training.status = CheckStatus::Verified;
    training.decided_at = Some(at(2026, 1, 15, 10, 0, 0));
    assert!(!training.dbs_details_due_for_removal(later));
}

#[test]
fn removing_dbs_details_keeps_the_level_workforce_and_decision() {
    let decided = at(2026, 1, 15, 10, 0, 0);
    let check = dbs_decided_at("verify", decided);
    let evidence = check.dbs.clone().unwrap();
    assert!(evidence.certificate_number.is_some());
    assert!(evidence.outcome.is_some());
    assert!(evidence.update_service);
    assert!(evidence.status_checked_on.is_some());
    assert!(check.issued_on.is_some());

    let removed_at = at(2026, 7, 16, 2, 0, 0);
    let minimised = check.without_dbs_details(removed_at);
    // Kept.
    assert_eq!(minimised.id, check.id);
    assert_eq!(minimised.status, CheckStatus::Verified);
    assert_eq!(minimised.decided_by, "Sam Okafor");
    assert_eq!(minimised.decided_at, Some(decided));
    let kept = minimised.dbs.clone().unwrap();
    assert_eq!(kept.level, DbsLevel::EnhancedBarred);
    assert_eq!(kept.workforce, Some(Workforce::Both));
    // Removed.
    assert_eq!(kept.certificate_number, None);
    assert_eq!(kept.outcome, None);
    assert!(!kept.update_service);
    assert_eq!(kept.status_checked_on, None);
    assert_eq!(minimised.issued_on, None);
    assert_eq!(minimised.reference, "");
    assert_eq!(kept.details_removed_at, Some(removed_at));
    // Done once.
    assert!(!minimised.dbs_details_due_for_removal(at(2030, 1, 1, 0, 0, 0)));

    // The person still meets a role's DBS need with what is kept.
    let requirements = Requirements {
        minimum_age: 18,
        dbs: Some((DbsLevel::Enhanced, Some(Workforce::Child))),
        references: false,
        items: Vec::new(),
    };
    let on = day("2026-08-01");
    let dob = Some(day("1985-02-03"));
    assert!(eligibility(&requirements, dob, std::slice::from_ref(&check), on).is_eligible());
    assert!(eligibility(&requirements, dob, &[minimised], on).is_eligible());
}
