//! Several records of one item: a renewal replaces an expired record, and the order the records
//! come in does not change the answer.

use alongside_domain::compliance::{Block, CheckStatus, Eligibility, Workforce};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{check, dbs, needs, needs_dbs, record, verified_until};

#[test]
fn renewed_training_replaces_the_expired_record() {
    let requirements = needs(&["cstf-fire-safety"]);
    let old = verified_until("cstf-fire-safety", "2026-03-31");
    let renewed = verified_until("cstf-fire-safety", "2028-03-30");
    assert!(check(&requirements, &[old.clone(), renewed.clone()]).is_eligible());
    assert!(check(&requirements, &[renewed, old.clone()]).is_eligible());
    // A renewal waiting for verification is what the person is told about.
    let submitted = record("cstf-fire-safety", CheckStatus::Submitted);
    assert_eq!(
        check(&requirements, &[old, submitted]),
        Eligibility::Blocked(vec![Block::AwaitingVerification {
            name: "Fire safety".into()
        }])
    );
}

/// Records of one item that stand equally give the same answer in either order: of two expired
/// records, the one valid longest is reported with its date; of two DBS checks that both fall
/// short of the role, the higher level is the one on record.
#[test]
fn order_of_tied_records_does_not_change_the_reason() {
    let requirements = needs(&["cstf-fire-safety"]);
    let older = verified_until("cstf-fire-safety", "2025-03-31");
    let newer = verified_until("cstf-fire-safety", "2026-03-31");
    assert_eq!(
        check(&requirements, &[older.clone(), newer.clone()]),
        check(&requirements, &[newer, older])
    );
    let dbs_role = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult));
    let basic = dbs(CheckStatus::Verified, DbsLevel::Basic, None);
    let standard = dbs(
        CheckStatus::Verified,
        DbsLevel::Standard,
        Some(Workforce::Adult),
    );
    assert_eq!(
        check(&dbs_role, &[basic.clone(), standard.clone()]),
        check(&dbs_role, &[standard, basic])
    );
}

/// A waived DBS check and a verified one below the role's level give the same answer in either
/// order: a waiver that holds meets the role's DBS needs, whichever record comes first.
#[test]
fn order_of_dbs_records_does_not_change_eligibility() {
    let requirements = needs_dbs(DbsLevel::Enhanced, Some(Workforce::Adult));
    let mut waived = record("dbs", CheckStatus::Waived);
    waived.waiver_reason = "Enhanced check held with the NHS trust that employs them".into();
    let basic = dbs(CheckStatus::Verified, DbsLevel::Basic, None);
    assert_eq!(
        check(&requirements, &[waived.clone(), basic.clone()]).is_eligible(),
        check(&requirements, &[basic, waived]).is_eligible()
    );
}
