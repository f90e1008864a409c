//! DBS certificate details are kept for six months after the decision, then deleted, keeping
//! the level, workforce and decision.

use alongside_domain::compliance::check::CheckInput;
use alongside_domain::compliance::{Check, CheckStatus, Requirements, Workforce, eligibility};
use alongside_domain::role::DbsLevel;
use chrono::{DateTime, Utc};

use crate::fixtures::{MANAGER, at, day, dbs_verify, pending, t};

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
    // Waived after a certificate was recorded: its details go too.
    let mut waived = dbs_decided_at("verify", at(2026, 1, 15, 10, 0, 0));
    waived.status = CheckStatus::Waived;
    assert!(waived.dbs_details_due_for_removal(later));
    assert_eq!(
        waived
            .without_dbs_details(later)
            .dbs
            .and_then(|d| d.certificate_number),
        None
    );
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
    assert_eq!(check.note, "Recorded");
    assert_eq!(minimised.note, "", "a note may say what was disclosed");
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
