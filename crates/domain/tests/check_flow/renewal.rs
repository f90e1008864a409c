//! Renewals: in the 60 days before an item runs out (or after), the volunteer sends its renewal;
//! what they had before still counts until it runs out or a manager decides.

use alongside_domain::compliance::check::CheckInput;
use alongside_domain::compliance::{Check, CheckStatus, Requirements, eligibility};

use crate::fixtures::{MANAGER, VOLUNTEER, apply, day, fields, input, only, pending, t, today};

/// Fire safety verified, valid through `expires`.
fn verified_fire(expires: &str) -> (alongside_domain::compliance::RequirementType, Check) {
    let fire = t("cstf-fire-safety");
    let mut check = pending(&fire);
    check.status = CheckStatus::Verified;
    check.issued_on = Some(day("2024-06-20"));
    check.expires_on = Some(day(expires));
    (fire, check)
}

fn renewal() -> CheckInput {
    CheckInput {
        issued_on: "28 5 2026".into(),
        ..input("submit")
    }
}

#[test]
fn a_renewal_sent_before_expiry_keeps_the_volunteer_eligible_until_then() {
    // Today is 1 June 2026; the old evidence is valid through 19 June.
    let (fire, check) = verified_fire("2026-06-19");
    let renewed = apply(&renewal(), &check, &fire, VOLUNTEER).unwrap();
    assert_eq!(renewed.status, CheckStatus::Submitted);
    assert_eq!(renewed.verified_through, Some(day("2026-06-19")));
    assert_eq!(renewed.issued_on, Some(day("2026-05-28")));
    assert_eq!(renewed.expires_on, Some(day("2028-05-27")));
    assert!(
        renewed.holds_on(day("2026-06-19")),
        "the old evidence's last day"
    );
    assert!(
        !renewed.holds_on(day("2026-06-20")),
        "then it waits for a manager"
    );

    let needs = Requirements {
        minimum_age: 16,
        dbs: None,
        references: false,
        items: vec![(fire.id, fire.name.clone())],
    };
    let dob = Some(day("1980-01-01"));
    let records = [renewed.clone()];
    assert!(eligibility(&needs, dob, &records, day("2026-06-10")).is_eligible());
    assert!(!eligibility(&needs, dob, &records, day("2026-06-20")).is_eligible());

    // Sending it again keeps the date the old evidence ends.
    let again = apply(&renewal(), &renewed, &fire, VOLUNTEER).unwrap();
    assert_eq!(again.verified_through, Some(day("2026-06-19")));

    // A manager verifying it makes the new dates the ones that count.
    let verified = apply(&input("verify"), &renewed, &fire, MANAGER).unwrap();
    assert_eq!(verified.status, CheckStatus::Verified);
    assert_eq!(verified.verified_through, None);
    assert_eq!(verified.expires_on, Some(day("2028-05-27")));
    assert!(verified.holds_on(day("2027-06-01")));
}

#[test]
fn a_renewal_can_be_sent_after_expiry_but_not_long_before() {
    let (fire, expired) = verified_fire("2026-05-01");
    let renewed = apply(&renewal(), &expired, &fire, VOLUNTEER).unwrap();
    assert_eq!(renewed.status, CheckStatus::Submitted);
    assert!(
        !renewed.holds_on(today()),
        "the old evidence has already run out"
    );

    // 60 days before is the earliest; 61 is too soon.
    let (_, sixty) = verified_fire("2026-07-31");
    assert!(apply(&renewal(), &sixty, &fire, VOLUNTEER).is_ok());
    let (_, early) = verified_fire("2026-08-01");
    let errors = apply(&renewal(), &early, &fire, VOLUNTEER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));
    assert!(
        errors
            .get("action")
            .unwrap()
            .contains("verified until 1 August 2026"),
        "{errors:?}"
    );
}

#[test]
fn a_renewal_that_does_not_pass_leaves_the_old_evidence_counting() {
    let (fire, check) = verified_fire("2026-06-19");
    let renewed = apply(&renewal(), &check, &fire, VOLUNTEER).unwrap();
    let failed = apply(
        &CheckInput {
            note: "The certificate is for another course".into(),
            ..input("fail")
        },
        &renewed,
        &fire,
        MANAGER,
    )
    .unwrap();
    assert_eq!(failed.status, CheckStatus::Failed);
    assert_eq!(failed.verified_through, Some(day("2026-06-19")));
    assert!(failed.holds_on(day("2026-06-19")));
    assert!(!failed.holds_on(day("2026-06-20")));
    // Sending it again still keeps the old evidence's end date.
    let again = apply(&renewal(), &failed, &fire, VOLUNTEER).unwrap();
    assert_eq!(again.verified_through, Some(day("2026-06-19")));
}

#[test]
fn only_a_lapsed_verified_item_can_be_waived() {
    let waive = CheckInput {
        waiver_reason: "Renewal course booked for next week".into(),
        waived_until: "2026-06-30".into(),
        ..input("waive")
    };
    let (fire, valid) = verified_fire("2026-06-19");
    let errors = apply(&waive, &valid, &fire, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("action"));
    let (_, lapsed) = verified_fire("2026-05-31");
    let waived = apply(&waive, &lapsed, &fire, MANAGER).unwrap();
    assert_eq!(waived.status, CheckStatus::Waived);
    assert!(waived.holds_on(day("2026-06-30")));
}

#[test]
fn a_year_typed_with_a_digit_too_many_is_refused() {
    let waive = CheckInput {
        waiver_reason: "Agreed by the matron".into(),
        waived_until: "30 6 20260".into(),
        ..input("waive")
    };
    let fire = t("cstf-fire-safety");
    let errors = apply(&waive, &pending(&fire), &fire, MANAGER).unwrap_err();
    assert_eq!(fields(&errors), only("waived_until"));
}
