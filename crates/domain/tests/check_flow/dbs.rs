//! DBS checks: recorded by a manager with the level, workforce, certificate number and outcome,
//! a decision note for disclosed information, and the Update Service.

use std::collections::BTreeSet;

use alongside_domain::compliance::check::CheckInput;
use alongside_domain::compliance::{CheckStatus, DbsOutcome, Workforce};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{
    MANAGER, VOLUNTEER, apply, day, dbs_verify, fields, input, only, pending, t,
};

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
