//! Properties over random requirements, ages, records and days.

use alongside_domain::compliance::{Block, CheckStatus, Eligibility, eligibility};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config as ProptestConfig;

use crate::fixtures::{requirement, t};
use crate::scenario::{
    CheckSpec, DBS_SLOT, FIRST_ITEM_SLOT, POOL, block_set, config, dbs_level, dbs_records,
    has_repeated_items, holding_spec, offset, scenario, workforce,
};

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
        // And the item it is for is no longer blocked. A verified DBS check (generated at the top
        // level, for both workforces) also clears the level and workforce blocks.
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

    /// (d) The order of records does not matter, within limits that keep ties between records out:
    /// whether a person is eligible, when they have at most one DBS record, and the reasons too,
    /// when no item has two records. `order_of_records_does_not_change_the_reasons` drops the
    /// limits.
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
    // Many more cases than the other properties, so records that tie turn up every run.
    #![proptest_config(ProptestConfig { cases: 20_000, ..config() })]

    /// (d), in full: neither eligibility nor the reasons depend on the order of records, including
    /// when records of one item tie. `order_of_tied_records_does_not_change_the_reason` and
    /// `order_of_dbs_records_does_not_change_eligibility` pin down particular ties.
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

    /// (x) Where `uses_checks` says a person's records cannot matter (so a booking leaves them
    /// unread), the answer without them is the same as with them. Half the scenarios have their
    /// DBS, references and items taken away, so both sides of the rule are met often.
    #[test]
    fn records_left_unread_never_change_the_answer(mut s in scenario(), strip in any::<bool>()) {
        if strip {
            s.items.clear();
            s.dbs = None;
            s.references = false;
        }
        let requirements = s.requirements();
        if !requirements.uses_checks(s.date_of_birth(), s.on()) {
            prop_assert_eq!(
                s.eligibility(),
                eligibility(&requirements, s.date_of_birth(), &[], s.on())
            );
        }
    }
}
