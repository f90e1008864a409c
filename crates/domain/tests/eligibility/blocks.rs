//! One reason per item: missing, waiting for verification, failed, expired or waiver ended; and
//! eligible when nothing blocks.

use alongside_domain::compliance::{
    Block, Check, CheckStatus, Eligibility, Requirements, Workforce, eligibility,
};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{
    ADULT, ON, check, day, dbs, missing, needs, record, requirement, sorted, verified,
    verified_until,
};

#[test]
fn eligible_when_everything_is_verified() {
    let requirements = Requirements {
        minimum_age: 18,
        dbs: Some((DbsLevel::Enhanced, Some(Workforce::Adult))),
        references: true,
        items: vec![requirement("cstf-fire-safety"), requirement("induction")],
    };
    let checks = [
        dbs(
            CheckStatus::Verified,
            DbsLevel::Enhanced,
            Some(Workforce::Adult),
        ),
        verified("references"),
        verified_until("cstf-fire-safety", "2027-01-09"),
        verified("induction"),
    ];
    let result = check(&requirements, &checks);
    assert_eq!(result, Eligibility::Eligible);
    assert!(result.is_eligible());
    assert!(result.blocks().is_empty());

    // Each item is needed: leave any one out and the person is blocked for it alone.
    for left_out in 0..checks.len() {
        let fewer: Vec<Check> = checks
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != left_out)
            .map(|(_, c)| c.clone())
            .collect();
        let name = checks[left_out].name.clone();
        assert_eq!(
            check(&requirements, &fewer),
            Eligibility::Blocked(vec![Block::Missing { name }]),
            "without {}",
            checks[left_out].name
        );
    }
}

#[test]
fn a_role_with_no_requirements_needs_only_a_date_of_birth() {
    assert_eq!(check(&needs(&[]), &[]), Eligibility::Eligible);
}

#[test]
fn missing_when_there_is_no_record_or_only_a_pending_one() {
    let requirements = Requirements {
        dbs: Some((DbsLevel::Basic, None)),
        references: true,
        ..needs(&["cstf-fire-safety"])
    };
    assert_eq!(
        check(&requirements, &[]),
        Eligibility::Blocked(sorted(vec![
            missing("DBS check"),
            missing("References"),
            missing("Fire safety"),
        ]))
    );
    let pending = [
        record("dbs", CheckStatus::Pending),
        record("references", CheckStatus::Pending),
        record("cstf-fire-safety", CheckStatus::Pending),
    ];
    assert_eq!(
        check(&requirements, &pending).blocks(),
        check(&requirements, &[]).blocks()
    );
}

#[test]
fn a_record_of_another_item_does_not_count() {
    // Verified resuscitation training is no use to a role that needs fire safety.
    assert_eq!(
        check(
            &needs(&["cstf-fire-safety"]),
            &[verified("cstf-resuscitation")]
        ),
        Eligibility::Blocked(vec![missing("Fire safety")])
    );
}

#[test]
fn submitted_items_await_verification() {
    let requirements = Requirements {
        references: true,
        ..needs(&["cstf-fire-safety"])
    };
    let checks = [
        record("cstf-fire-safety", CheckStatus::Submitted),
        verified("references"),
    ];
    assert_eq!(
        check(&requirements, &checks),
        Eligibility::Blocked(vec![Block::AwaitingVerification {
            name: "Fire safety".into()
        }])
    );
}

#[test]
fn failed_items_block() {
    assert_eq!(
        check(
            &needs(&["occupational-health"]),
            &[record("occupational-health", CheckStatus::Failed)]
        ),
        Eligibility::Blocked(vec![Block::Failed {
            name: "Occupational health clearance".into()
        }])
    );
}

#[test]
fn verified_items_hold_through_their_last_valid_day_then_expire() {
    let requirements = needs(&["cstf-fire-safety"]);
    let fire = [verified_until("cstf-fire-safety", ON)];
    assert!(
        check(&requirements, &fire).is_eligible(),
        "expires_on is the last valid day"
    );
    let fire = [verified_until("cstf-fire-safety", "2026-05-31")];
    assert_eq!(
        check(&requirements, &fire),
        Eligibility::Blocked(vec![Block::Expired {
            name: "Fire safety".into(),
            on: day("2026-05-31")
        }])
    );
    let never_expires = [verified("cstf-fire-safety")];
    assert!(
        eligibility(
            &requirements,
            Some(day(ADULT)),
            &never_expires,
            day("2099-12-31")
        )
        .is_eligible()
    );
}

#[test]
fn waivers_hold_until_their_last_day() {
    let requirements = needs(&["occupational-health"]);
    let waived = |until: Option<&str>| {
        let mut c = record("occupational-health", CheckStatus::Waived);
        c.waiver_reason = "Office-based role, no patient contact".into();
        c.waived_until = until.map(day);
        c
    };
    assert!(
        check(&requirements, &[waived(None)]).is_eligible(),
        "open-ended waiver"
    );
    assert!(check(&requirements, &[waived(Some("2026-12-31"))]).is_eligible());
    assert!(
        check(&requirements, &[waived(Some(ON))]).is_eligible(),
        "last day of the waiver"
    );
    assert_eq!(
        check(&requirements, &[waived(Some("2026-05-31"))]),
        Eligibility::Blocked(vec![Block::WaiverEnded {
            name: "Occupational health clearance".into(),
            on: day("2026-05-31")
        }])
    );
}
