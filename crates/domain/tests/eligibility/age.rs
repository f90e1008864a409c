//! Age: the role's minimum, guardian consent under 18, too young for a DBS check under 16, and
//! no date of birth.

use alongside_domain::compliance::{Block, CheckStatus, Eligibility, Requirements, eligibility};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{ADULT, ON, day, dbs, missing, needs, needs_dbs, record, verified};

#[test]
fn under_the_minimum_age_blocks() {
    let adult_role = Requirements {
        minimum_age: 18,
        ..needs(&[])
    };
    let born = Some(day("2008-06-02")); // 17 on 2026-06-01, 18 the next day
    let consent = [verified("guardian-consent")];
    assert_eq!(
        eligibility(&adult_role, born, &consent, day(ON)),
        Eligibility::Blocked(vec![Block::UnderAge { minimum: 18 }])
    );
    assert!(
        eligibility(&adult_role, born, &consent, day("2026-06-02")).is_eligible(),
        "18th birthday"
    );
    assert!(
        eligibility(&adult_role, born, &[], day("2026-06-02")).is_eligible(),
        "no consent needed at 18"
    );
    // The same 17-year-old is old enough for a 16+ role.
    assert!(eligibility(&needs(&[]), born, &consent, day(ON)).is_eligible());
}

#[test]
fn under_eighteen_needs_verified_guardian_consent() {
    let requirements = needs(&[]);
    let sixteen = Some(day("2010-01-15"));
    let on = day(ON);
    let consent = "Parent or guardian consent";
    assert_eq!(
        eligibility(&requirements, sixteen, &[], on),
        Eligibility::Blocked(vec![missing(consent)])
    );
    assert_eq!(
        eligibility(
            &requirements,
            sixteen,
            &[record("guardian-consent", CheckStatus::Submitted)],
            on
        ),
        Eligibility::Blocked(vec![Block::AwaitingVerification {
            name: consent.into()
        }])
    );
    assert_eq!(
        eligibility(
            &requirements,
            sixteen,
            &[record("guardian-consent", CheckStatus::Failed)],
            on
        ),
        Eligibility::Blocked(vec![Block::Failed {
            name: consent.into()
        }])
    );
    // Only the consent kind counts: other verified evidence is no substitute.
    assert_eq!(
        eligibility(
            &requirements,
            sixteen,
            &[verified("identity"), verified("references")],
            on
        ),
        Eligibility::Blocked(vec![missing(consent)])
    );
    assert!(eligibility(&requirements, sixteen, &[verified("guardian-consent")], on).is_eligible());
    // From 18 no consent is needed.
    assert!(eligibility(&requirements, Some(day(ADULT)), &[], on).is_eligible());
    assert!(
        eligibility(&requirements, Some(day("2008-06-01")), &[], on).is_eligible(),
        "18 today"
    );
    assert_eq!(
        eligibility(&requirements, Some(day("2008-06-02")), &[], on),
        Eligibility::Blocked(vec![missing(consent)]),
        "18 tomorrow"
    );
}

#[test]
fn under_sixteen_is_too_young_for_a_dbs_check() {
    let fifteen = Some(day("2010-09-01"));
    let on = day(ON);
    let dbs_role = needs_dbs(DbsLevel::Basic, None);
    let result = eligibility(&dbs_role, fifteen, &[], on);
    assert!(
        result.blocks().contains(&Block::TooYoungForDbs),
        "{result:?}"
    );
    assert!(
        result.blocks().contains(&Block::UnderAge { minimum: 16 }),
        "{result:?}"
    );
    // A role without DBS says only that they are under age.
    let result = eligibility(&needs(&[]), fifteen, &[], on);
    assert!(
        !result.blocks().contains(&Block::TooYoungForDbs),
        "{result:?}"
    );
    assert!(
        result.blocks().contains(&Block::UnderAge { minimum: 16 }),
        "{result:?}"
    );
    // At 16, a DBS check can be done.
    let sixteen = Some(day("2010-06-01"));
    let checks = [
        verified("guardian-consent"),
        dbs(CheckStatus::Verified, DbsLevel::Basic, None),
    ];
    assert!(eligibility(&dbs_role, sixteen, &checks, on).is_eligible());
    let day_before_sixteen = eligibility(&dbs_role, sixteen, &checks, day("2026-05-31"));
    assert_eq!(
        day_before_sixteen,
        Eligibility::Blocked(vec![Block::UnderAge { minimum: 16 }, Block::TooYoungForDbs])
    );
}

#[test]
fn no_date_of_birth_blocks() {
    let requirements = needs(&["induction"]);
    assert_eq!(
        eligibility(&requirements, None, &[verified("induction")], day(ON)),
        Eligibility::Blocked(vec![Block::NoDateOfBirth])
    );
    // And it is reported with everything else that blocks.
    assert_eq!(
        eligibility(&requirements, None, &[], day(ON)),
        Eligibility::Blocked(vec![Block::NoDateOfBirth, missing("Local induction")])
    );
}

#[test]
fn records_matter_to_a_role_that_needs_none_only_for_a_child() {
    let nothing = needs(&[]);
    assert!(!nothing.uses_checks(Some(day("1990-01-01")), day(ON)));
    assert!(!nothing.uses_checks(None, day(ON)));
    // Seventeen on the day: a guardian's consent is needed, and it is a record.
    let seventeen = day(ON)
        .checked_sub_months(chrono::Months::new(12 * 17))
        .unwrap();
    assert!(nothing.uses_checks(Some(seventeen), day(ON)));
    assert!(needs(&["references"]).uses_checks(Some(day("1990-01-01")), day(ON)));
    assert!(needs_dbs(DbsLevel::Basic, None).uses_checks(Some(day("1990-01-01")), day(ON)));
}
