//! The DBS check: its level and workforce against the role's, several DBS records, and checks
//! waiting for verification or failed.

use alongside_domain::compliance::{Block, CheckStatus, Eligibility, Workforce};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{check, day, dbs, needs_dbs, sorted};

#[test]
fn a_lower_level_dbs_check_does_not_meet_the_role() {
    let requirements = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult));
    let standard = [dbs(
        CheckStatus::Verified,
        DbsLevel::Standard,
        Some(Workforce::Adult),
    )];
    assert_eq!(
        check(&requirements, &standard),
        Eligibility::Blocked(vec![Block::DbsLevelTooLow {
            has: DbsLevel::Standard,
            needs: DbsLevel::Enhanced
        }])
    );
    // A higher level covers a lower need; the same level meets it.
    let barred = [dbs(
        CheckStatus::Verified,
        DbsLevel::EnhancedBarred,
        Some(Workforce::Adult),
    )];
    assert!(check(&requirements, &barred).is_eligible());
    assert!(check(&needs_dbs(DbsLevel::Standard, None), &barred).is_eligible());
    let basic = [dbs(CheckStatus::Verified, DbsLevel::Basic, None)];
    assert!(check(&needs_dbs(DbsLevel::Basic, None), &basic).is_eligible());
    assert_eq!(
        check(&needs_dbs(DbsLevel::Standard, None), &basic),
        Eligibility::Blocked(vec![Block::DbsLevelTooLow {
            has: DbsLevel::Basic,
            needs: DbsLevel::Standard
        }])
    );
}

#[test]
fn a_dbs_check_for_another_workforce_does_not_meet_the_role() {
    let child_role = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Child));
    let adult_check = [dbs(
        CheckStatus::Verified,
        DbsLevel::Enhanced,
        Some(Workforce::Adult),
    )];
    assert_eq!(
        check(&child_role, &adult_check),
        Eligibility::Blocked(vec![Block::DbsWrongWorkforce {
            needs: Workforce::Child
        }])
    );
    // A check for both workforces covers either, and a role needing both.
    let both_check = [dbs(
        CheckStatus::Verified,
        DbsLevel::Enhanced,
        Some(Workforce::Both),
    )];
    for needed in [Workforce::Adult, Workforce::Child, Workforce::Both] {
        assert!(
            check(&needs_dbs(DbsLevel::Enhanced, Some(needed)), &both_check).is_eligible(),
            "{needed:?}"
        );
    }
    // A check for one workforce does not cover a role needing both.
    assert_eq!(
        check(
            &needs_dbs(DbsLevel::Enhanced, Some(Workforce::Both)),
            &adult_check
        ),
        Eligibility::Blocked(vec![Block::DbsWrongWorkforce {
            needs: Workforce::Both
        }])
    );
    // A check with no workforce on record does not cover a role that names one.
    let no_workforce = [dbs(CheckStatus::Verified, DbsLevel::Enhanced, None)];
    assert_eq!(
        check(
            &needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult)),
            &no_workforce
        ),
        Eligibility::Blocked(vec![Block::DbsWrongWorkforce {
            needs: Workforce::Adult
        }])
    );
}

#[test]
fn too_low_and_wrong_workforce_are_both_reported() {
    let requirements = needs_dbs(DbsLevel::EnhancedBarred, Some(Workforce::Child));
    let checks = [dbs(
        CheckStatus::Verified,
        DbsLevel::Standard,
        Some(Workforce::Adult),
    )];
    assert_eq!(
        check(&requirements, &checks),
        Eligibility::Blocked(sorted(vec![
            Block::DbsLevelTooLow {
                has: DbsLevel::Standard,
                needs: DbsLevel::EnhancedBarred
            },
            Block::DbsWrongWorkforce {
                needs: Workforce::Child
            },
        ]))
    );
}

#[test]
fn of_several_dbs_records_the_one_meeting_the_role_counts() {
    let requirements = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult));
    let enhanced = dbs(
        CheckStatus::Verified,
        DbsLevel::Enhanced,
        Some(Workforce::Adult),
    );
    let basic = dbs(CheckStatus::Verified, DbsLevel::Basic, None);
    assert!(check(&requirements, &[enhanced.clone(), basic.clone()]).is_eligible());
    assert!(check(&requirements, &[basic.clone(), enhanced.clone()]).is_eligible());

    // Right workforce beats wrong workforce at the same level, in either order.
    let child = dbs(
        CheckStatus::Verified,
        DbsLevel::Enhanced,
        Some(Workforce::Child),
    );
    assert!(check(&requirements, &[enhanced.clone(), child.clone()]).is_eligible());
    assert!(check(&requirements, &[child.clone(), enhanced.clone()]).is_eligible());

    // A verified check that holds beats a higher one still waiting to be verified: the person
    // is blocked by the level on record, not told to wait.
    let standard = dbs(
        CheckStatus::Verified,
        DbsLevel::Standard,
        Some(Workforce::Adult),
    );
    let submitted_barred = dbs(
        CheckStatus::Submitted,
        DbsLevel::EnhancedBarred,
        Some(Workforce::Adult),
    );
    let too_low = Eligibility::Blocked(vec![Block::DbsLevelTooLow {
        has: DbsLevel::Standard,
        needs: DbsLevel::Enhanced,
    }]);
    assert_eq!(
        check(&requirements, &[submitted_barred, standard.clone()]),
        too_low
    );

    // An expired enhanced check does not count; the holding standard check is what is on record.
    let mut expired = enhanced;
    expired.expires_on = Some(day("2026-05-31"));
    assert_eq!(check(&requirements, &[expired, standard]), too_low);
}

#[test]
fn a_dbs_check_waiting_for_verification_or_failed_blocks_whatever_its_level() {
    let requirements = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult));
    let submitted = dbs(
        CheckStatus::Submitted,
        DbsLevel::Enhanced,
        Some(Workforce::Adult),
    );
    assert_eq!(
        check(&requirements, &[submitted]),
        Eligibility::Blocked(vec![Block::AwaitingVerification {
            name: "DBS check".into()
        }])
    );
    let failed = dbs(
        CheckStatus::Failed,
        DbsLevel::Enhanced,
        Some(Workforce::Adult),
    );
    assert_eq!(
        check(&requirements, &[failed]),
        Eligibility::Blocked(vec![Block::Failed {
            name: "DBS check".into()
        }])
    );
}
