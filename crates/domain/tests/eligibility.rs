//! The one eligibility rule, through the public API: a person's evidence against a role's
//! requirements on a given day. Unit cases for each block, then properties over random
//! requirements, ages, records and days.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use alongside_domain::Labelled;
use alongside_domain::compliance::catalogue::standard_catalogue;
use alongside_domain::compliance::{
    Block, Check, CheckStatus, DbsEvidence, DbsOutcome, Eligibility, RequirementType, Requirements,
    Workforce, eligibility,
};
use alongside_domain::ids::{OrganisationId, PersonId, RequirementTypeId, RoleId};
use alongside_domain::role::{DbsLevel, Role, RoleStatus, Setting};
use chrono::{Days, Months, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as ProptestConfig;

// ---------------------------------------------------------------------------------------------
// Helpers

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One organisation's standard catalogue, shared by every test (ids are fixed for the run).
static CATALOGUE: LazyLock<Vec<RequirementType>> =
    LazyLock::new(|| standard_catalogue(OrganisationId::new()));

static PERSON: LazyLock<PersonId> = LazyLock::new(PersonId::new);

fn t(code: &str) -> &'static RequirementType {
    CATALOGUE
        .iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("no {code} in the standard catalogue"))
}

fn requirement(code: &str) -> (RequirementTypeId, String) {
    let t = t(code);
    (t.id, t.name.clone())
}

/// A record of `code` with `status` and nothing else filled in.
fn record(code: &str, status: CheckStatus) -> Check {
    let mut c = Check::pending(*PERSON, t(code));
    c.status = status;
    c
}

fn verified(code: &str) -> Check {
    record(code, CheckStatus::Verified)
}

fn verified_until(code: &str, expires_on: &str) -> Check {
    let mut c = verified(code);
    c.expires_on = Some(day(expires_on));
    c
}

fn evidence(level: DbsLevel, workforce: Option<Workforce>) -> DbsEvidence {
    DbsEvidence {
        level,
        workforce,
        certificate_number: Some("001234567890".into()),
        outcome: Some(DbsOutcome::Clear),
        update_service: false,
        status_checked_on: None,
        details_removed_at: None,
    }
}

fn dbs(status: CheckStatus, level: DbsLevel, workforce: Option<Workforce>) -> Check {
    let mut c = record("dbs", status);
    c.issued_on = Some(day("2025-01-10"));
    c.dbs = Some(evidence(level, workforce));
    c
}

fn needs(items: &[&str]) -> Requirements {
    Requirements {
        minimum_age: 16,
        dbs: None,
        references: false,
        items: items.iter().map(|c| requirement(c)).collect(),
    }
}

fn needs_dbs(level: DbsLevel, workforce: Option<Workforce>) -> Requirements {
    Requirements {
        dbs: Some((level, workforce)),
        ..needs(&[])
    }
}

const ON: &str = "2026-06-01";
const ADULT: &str = "1990-04-12";

fn check(requirements: &Requirements, checks: &[Check]) -> Eligibility {
    eligibility(requirements, Some(day(ADULT)), checks, day(ON))
}

fn sorted(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.sort();
    blocks
}

fn missing(name: &str) -> Block {
    Block::Missing { name: name.into() }
}

// ---------------------------------------------------------------------------------------------
// Unit cases

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

fn role(
    minimum_age: u32,
    dbs_level: DbsLevel,
    dbs_workforce: Option<Workforce>,
    references_required: u32,
) -> Role {
    Role {
        id: RoleId::new(),
        organisation_id: CATALOGUE[0].organisation_id,
        title: "A role".into(),
        summary: "Helping".into(),
        description: String::new(),
        setting: Setting::InHospital,
        activities: String::new(),
        site_ids: Vec::new(),
        time_commitment: String::new(),
        minimum_age,
        dbs_level,
        dbs_workforce,
        references_required,
        requirement_type_ids: Vec::new(),
        status: RoleStatus::Open,
        non_substitution_statement: String::new(),
    }
}

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

/// Two expired records of the same item, in either order, should give the same answer.
///
/// BUG (domain): `eligibility` picks among records of one item with `Iterator::max_by_key` on a
/// standing score only, so records that tie on the score (here both verified-and-expired) are
/// chosen by position: the last one wins and the `Expired` block carries its date. Whether the
/// person is eligible does not depend on order, but the reason shown does. The same happens for
/// an expired record against an ended waiver (`Expired` vs `WaiverEnded`) and for two holding
/// DBS records that both fall short (`DbsLevelTooLow { has }` differs).
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

/// A waived DBS check and a verified one below the role's level, in either order, should give
/// the same answer.
///
/// BUG (domain): the DBS record is chosen by `max_by_key(|c| (standing(c, on), meets(c)))`. A
/// waiver that holds and a verified check that holds but is too low (or for another workforce)
/// both score `(4, false)`, so the last one in the slice is chosen: with the waiver last the
/// person is eligible, with the verified check last they are blocked by `DbsLevelTooLow`.
/// Whether someone may start then depends on the order the store returns their records in.
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

// ---------------------------------------------------------------------------------------------
// Properties

/// The catalogue items the generated people and roles use: the three the rule finds by kind,
/// five a role can list, and one no role asks for.
const POOL: [&str; 9] = [
    "dbs",
    "references",
    "guardian-consent",
    "cstf-fire-safety",
    "cstf-resuscitation",
    "vcs-1-role",
    "driving-licence",
    "induction",
    "identity",
];
const DBS_SLOT: usize = 0;
const FIRST_ITEM_SLOT: usize = 3;
const ITEM_SLOTS: usize = 5;

#[derive(Debug, Clone)]
struct CheckSpec {
    slot: usize,
    status: CheckStatus,
    /// Days relative to the day asked about.
    issued: Option<i64>,
    expires: Option<i64>,
    waived_until: Option<i64>,
    /// Used for DBS records only.
    dbs: Option<(DbsLevel, Option<Workforce>)>,
}

#[derive(Debug, Clone)]
struct Scenario {
    /// Slots (`FIRST_ITEM_SLOT..`) the role lists.
    items: Vec<usize>,
    dbs: Option<(DbsLevel, Option<Workforce>)>,
    references: bool,
    minimum_age: u32,
    /// Age in whole years and days since the last birthday, when known.
    age: Option<(u32, u64)>,
    /// Days after 2020-01-01.
    on: u64,
    checks: Vec<CheckSpec>,
}

fn offset(base: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        base.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        base.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap()
}

impl Scenario {
    fn on(&self) -> NaiveDate {
        offset(day("2020-01-01"), i64::try_from(self.on).unwrap())
    }

    fn date_of_birth(&self) -> Option<NaiveDate> {
        self.age.map(|(years, days)| {
            self.on()
                .checked_sub_months(Months::new(12 * years))
                .and_then(|d| d.checked_sub_days(Days::new(days)))
                .unwrap()
        })
    }

    fn requirements(&self) -> Requirements {
        Requirements {
            minimum_age: self.minimum_age,
            dbs: self.dbs,
            references: self.references,
            items: self
                .items
                .iter()
                .map(|&slot| requirement(POOL[slot]))
                .collect(),
        }
    }

    fn checks(&self) -> Vec<Check> {
        self.checks.iter().map(|s| s.build(self.on())).collect()
    }

    fn eligibility(&self) -> Eligibility {
        eligibility(
            &self.requirements(),
            self.date_of_birth(),
            &self.checks(),
            self.on(),
        )
    }
}

impl CheckSpec {
    fn build(&self, on: NaiveDate) -> Check {
        let mut c = record(POOL[self.slot], self.status);
        c.issued_on = self.issued.map(|d| offset(on, d));
        c.expires_on = self.expires.map(|d| offset(on, d));
        c.waived_until = self.waived_until.map(|d| offset(on, d));
        if self.slot == DBS_SLOT {
            c.dbs = self
                .dbs
                .map(|(level, workforce)| evidence(level, workforce));
        }
        c
    }
}

/// Days around the day asked about, often right at the boundary.
fn days_around() -> impl Strategy<Value = i64> {
    prop_oneof![2 => -2i64..=2, 3 => -1_000i64..1_000]
}

fn dbs_level() -> impl Strategy<Value = DbsLevel> {
    prop::sample::select(DbsLevel::ALL.to_vec())
}

fn workforce() -> impl Strategy<Value = Workforce> {
    prop::sample::select(Workforce::ALL.to_vec())
}

fn check_spec() -> impl Strategy<Value = CheckSpec> {
    (
        0..POOL.len(),
        prop::sample::select(CheckStatus::ALL.to_vec()),
        prop::option::of(-2_000i64..=0),
        prop::option::of(days_around()),
        prop::option::of(days_around()),
        prop::option::weighted(0.9, (dbs_level(), prop::option::of(workforce()))),
    )
        .prop_map(
            |(slot, status, issued, expires, waived_until, dbs)| CheckSpec {
                slot,
                status,
                issued,
                expires,
                waived_until,
                dbs,
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let role_dbs = prop::option::of((
        prop::sample::select(vec![
            DbsLevel::Basic,
            DbsLevel::Standard,
            DbsLevel::Enhanced,
            DbsLevel::EnhancedBarred,
        ]),
        prop::option::of(workforce()),
    ));
    (
        prop::sample::subsequence(
            (FIRST_ITEM_SLOT..FIRST_ITEM_SLOT + ITEM_SLOTS).collect::<Vec<_>>(),
            0..=ITEM_SLOTS,
        ),
        role_dbs,
        any::<bool>(),
        prop::sample::select(vec![16u32, 18]),
        prop::option::weighted(0.95, (14u32..=80, 0u64..365)),
        0u64..6_000,
        prop::collection::vec(check_spec(), 0..10),
    )
        .prop_map(
            |(items, dbs, references, minimum_age, age, on, checks)| Scenario {
                items,
                dbs,
                references,
                minimum_age,
                age,
                on,
                checks,
            },
        )
}

/// A record that holds on the day asked about: verified and unexpired (a DBS check at the top
/// level for both workforces), or waived with the waiver still running.
fn holding_spec() -> impl Strategy<Value = CheckSpec> {
    (
        0..POOL.len(),
        any::<bool>(),
        prop::option::of(-2_000i64..=0),
        prop::option::of(0i64..1_000),
    )
        .prop_map(|(slot, verified, issued, until)| CheckSpec {
            slot,
            status: if verified {
                CheckStatus::Verified
            } else {
                CheckStatus::Waived
            },
            issued,
            expires: if verified { until } else { None },
            waived_until: if verified { None } else { until },
            dbs: (slot == DBS_SLOT && verified)
                .then_some((DbsLevel::EnhancedBarred, Some(Workforce::Both))),
        })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // 512 unless PROPTEST_CASES says otherwise.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(512),
        // Keep runs from writing regression files into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn block_set(e: &Eligibility) -> BTreeSet<Block> {
    e.blocks().iter().cloned().collect()
}

/// Whether the records are ones the rule might choose between by position: two records of the
/// same catalogue item.
fn has_repeated_items(s: &Scenario) -> bool {
    let mut seen = BTreeSet::new();
    s.checks.iter().any(|c| !seen.insert(c.slot))
}

fn dbs_records(s: &Scenario) -> usize {
    s.checks.iter().filter(|c| c.slot == DBS_SLOT).count()
}

proptest! {
    #![proptest_config(config())]

    /// (a) Evidence that holds never adds a reason to block, wherever it lands in the list.
    #[test]
    fn adding_a_record_that_holds_never_adds_a_block(
        s in scenario(),
        extra in holding_spec(),
        at in any::<Index>(),
    ) {
        let before = s.eligibility();
        let mut more = s.clone();
        let at = at.index(more.checks.len() + 1);
        more.checks.insert(at, extra.clone());
        prop_assert!(extra.build(s.on()).holds_on(s.on()), "generator: {extra:?}");
        let after = more.eligibility();
        let (before, after) = (block_set(&before), block_set(&after));
        prop_assert!(
            after.is_subset(&before),
            "new blocks {:?}",
            after.difference(&before).collect::<Vec<_>>()
        );
        // And the item it is for is no longer blocked. (A holding DBS waiver does not always
        // clear the level and workforce blocks: see `order_of_dbs_records_does_not_change_eligibility`.)
        if extra.slot == DBS_SLOT && extra.status == CheckStatus::Verified {
            prop_assert!(
                !after.iter().any(|b| matches!(b, Block::DbsLevelTooLow { .. } | Block::DbsWrongWorkforce { .. })),
                "{after:?}"
            );
        }
        let name = &requirement(POOL[extra.slot]).1;
        prop_assert!(
            !after.iter().any(|b| matches!(b,
                Block::Missing { name: n }
                | Block::AwaitingVerification { name: n }
                | Block::Failed { name: n }
                | Block::Expired { name: n, .. }
                | Block::WaiverEnded { name: n, .. } if n == name)),
            "{name} still blocked: {after:?}"
        );
    }

    /// (b) A required item whose only record is verified but past its last valid day is
    /// reported as expired on that day, in random scenarios.
    #[test]
    fn a_lone_expired_record_is_reported_expired(s in scenario()) {
        let on = s.on();
        let result = s.eligibility();
        let mut required: Vec<usize> = s.items.clone();
        if s.dbs.is_some() {
            required.push(DBS_SLOT);
        }
        if s.references {
            required.push(1);
        }
        for slot in required {
            let records: Vec<&CheckSpec> = s.checks.iter().filter(|c| c.slot == slot).collect();
            if let [only] = records.as_slice() {
                let c = only.build(on);
                if c.status == CheckStatus::Verified && c.expires_on.is_some_and(|x| x < on) {
                    let expected = Block::Expired { name: c.name.clone(), on: c.expires_on.unwrap() };
                    prop_assert!(result.blocks().contains(&expected), "{expected:?} not in {result:?}");
                }
            }
        }
    }

    /// (b) The same, with the lone expired record forced onto a required item (or the DBS
    /// check) so the case is always exercised.
    #[test]
    fn a_forced_lone_expired_record_is_reported_expired(
        s in scenario(),
        target in any::<Index>(),
        days_past in 1i64..1_000,
        dbs_evidence in prop::option::of((dbs_level(), prop::option::of(workforce()))),
    ) {
        let mut s = s;
        if s.items.is_empty() {
            s.items.push(FIRST_ITEM_SLOT);
        }
        let mut required = s.items.clone();
        if s.dbs.is_some() {
            required.push(DBS_SLOT);
        }
        let slot = required[target.index(required.len())];
        s.checks.retain(|c| c.slot != slot);
        s.checks.push(CheckSpec {
            slot,
            status: CheckStatus::Verified,
            issued: Some(-days_past - 365),
            expires: Some(-days_past),
            waived_until: None,
            dbs: dbs_evidence,
        });
        let on = s.on();
        let expected = Block::Expired {
            name: t(POOL[slot]).name.clone(),
            on: offset(on, -days_past),
        };
        let result = s.eligibility();
        prop_assert!(result.blocks().contains(&expected), "{expected:?} not in {result:?}");
        prop_assert!(!result.is_eligible());
    }

    /// (c) Eligible exactly when nothing blocks; blocks come sorted and without repeats.
    #[test]
    fn eligible_iff_no_blocks(s in scenario()) {
        let result = s.eligibility();
        prop_assert_eq!(result.is_eligible(), result.blocks().is_empty());
        prop_assert_eq!(matches!(result, Eligibility::Eligible), result.blocks().is_empty());
        let blocks = result.blocks();
        prop_assert!(blocks.windows(2).all(|w| w[0] < w[1]), "not sorted and unique: {blocks:?}");
    }

    /// (d) The order of records does not matter: whether a person is eligible, when they have at
    /// most one DBS record, and the reasons too, when no item has two records. (Without those
    /// limits the property fails; see `order_of_records_does_not_change_the_reasons`.)
    #[test]
    fn order_of_records_does_not_matter(
        (s, order) in scenario().prop_flat_map(|s| {
            let n = s.checks.len();
            (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let original = s.eligibility();
        let mut reversed = s.clone();
        reversed.checks.reverse();
        let mut shuffled = s.clone();
        shuffled.checks = order.iter().map(|&i| s.checks[i].clone()).collect();
        for other in [reversed.eligibility(), shuffled.eligibility()] {
            if dbs_records(&s) <= 1 {
                prop_assert_eq!(original.is_eligible(), other.is_eligible());
            }
            if !has_repeated_items(&s) {
                prop_assert_eq!(&original, &other);
            }
        }
    }
}

proptest! {
    // Ignored, so it can afford enough cases to find the ties every run.
    #![proptest_config(ProptestConfig { cases: 20_000, ..config() })]

    /// (d), in full: neither eligibility nor the reasons depend on the order of records. Fails
    /// today; see `order_of_tied_records_does_not_change_the_reason` and
    /// `order_of_dbs_records_does_not_change_eligibility`.
    #[test]
    fn order_of_records_does_not_change_the_reasons(
        (s, order) in scenario().prop_flat_map(|s| {
            let n = s.checks.len();
            (Just(s), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        })
    ) {
        let original = s.eligibility();
        let mut reversed = s.clone();
        reversed.checks.reverse();
        let mut shuffled = s.clone();
        shuffled.checks = order.iter().map(|&i| s.checks[i].clone()).collect();
        for other in [reversed.eligibility(), shuffled.eligibility()] {
            prop_assert_eq!(original.is_eligible(), other.is_eligible());
            prop_assert_eq!(&original, &other);
        }
    }
}
