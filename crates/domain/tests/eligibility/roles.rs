//! The same evidence against different roles, and on different days.

use alongside_domain::compliance::{
    Block, CheckStatus, Eligibility, Requirements, Workforce, eligibility,
};
use alongside_domain::role::DbsLevel;

use crate::fixtures::{
    ADULT, check, day, dbs, missing, needs, requirement, role, sorted, verified, verified_until,
};

#[test]
fn the_same_evidence_meets_one_role_and_not_another() {
    let garden = Requirements::of_role(
        &role(16, DbsLevel::None, None, 0),
        vec![requirement("induction"), requirement("cstf-health-safety")],
    );
    let ward = Requirements::of_role(
        &role(18, DbsLevel::Enhanced, Some(Workforce::Adult), 2),
        vec![
            requirement("induction"),
            requirement("cstf-infection-prevention"),
        ],
    );
    assert_eq!(garden.dbs, None, "no DBS level means no DBS requirement");
    assert!(!garden.references);
    assert_eq!(ward.dbs, Some((DbsLevel::Enhanced, Some(Workforce::Adult))));
    assert!(ward.references);

    let checks = [
        verified("induction"),
        verified_until("cstf-health-safety", "2028-01-01"),
        dbs(
            CheckStatus::Verified,
            DbsLevel::Standard,
            Some(Workforce::Adult),
        ),
    ];
    assert!(check(&garden, &checks).is_eligible());
    assert_eq!(
        check(&ward, &checks),
        Eligibility::Blocked(sorted(vec![
            missing("References"),
            missing("Infection prevention and control"),
            Block::DbsLevelTooLow {
                has: DbsLevel::Standard,
                needs: DbsLevel::Enhanced
            },
        ]))
    );
}

#[test]
fn the_same_evidence_is_eligible_until_it_expires() {
    let requirements = Requirements {
        references: true,
        ..needs(&["cstf-fire-safety", "cstf-resuscitation"])
    };
    let checks = [
        verified("references"),
        verified_until("cstf-fire-safety", "2027-01-09"),
        verified_until("cstf-resuscitation", "2026-09-30"),
    ];
    let on = |d: &str| eligibility(&requirements, Some(day(ADULT)), &checks, day(d));
    assert!(on("2026-06-01").is_eligible());
    assert!(on("2026-09-30").is_eligible());
    assert_eq!(
        on("2026-10-01"),
        Eligibility::Blocked(vec![Block::Expired {
            name: "Resuscitation".into(),
            on: day("2026-09-30")
        }])
    );
    assert_eq!(
        on("2027-01-10"),
        Eligibility::Blocked(vec![
            Block::Expired {
                name: "Fire safety".into(),
                on: day("2027-01-09")
            },
            Block::Expired {
                name: "Resuscitation".into(),
                on: day("2026-09-30")
            },
        ])
    );
}
