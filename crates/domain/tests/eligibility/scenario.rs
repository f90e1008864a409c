//! Random scenarios for the properties: a role's requirements, a person's age and records, and
//! the day asked about, with the strategies that generate them.

use std::collections::BTreeSet;

use alongside_domain::Labelled;
use alongside_domain::compliance::{
    Block, Check, CheckStatus, Eligibility, Requirements, Workforce, eligibility,
};
use alongside_domain::role::DbsLevel;
use chrono::{Days, Months, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

use crate::fixtures::{day, evidence, record, requirement};

/// The catalogue items the generated people and roles use: the three the rule finds by kind,
/// five a role can list, and one no role asks for.
pub const POOL: [&str; 9] = [
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
pub const DBS_SLOT: usize = 0;
pub const FIRST_ITEM_SLOT: usize = 3;
pub const ITEM_SLOTS: usize = 5;

#[derive(Debug, Clone)]
pub struct CheckSpec {
    pub slot: usize,
    pub status: CheckStatus,
    /// Days relative to the day asked about.
    pub issued: Option<i64>,
    pub expires: Option<i64>,
    pub waived_until: Option<i64>,
    /// Used for DBS records only.
    pub dbs: Option<(DbsLevel, Option<Workforce>)>,
}

#[derive(Debug, Clone)]
pub struct Scenario {
    /// Slots (`FIRST_ITEM_SLOT..`) the role lists.
    pub items: Vec<usize>,
    pub dbs: Option<(DbsLevel, Option<Workforce>)>,
    pub references: bool,
    pub minimum_age: u32,
    /// Age in whole years and days since the last birthday, when known.
    pub age: Option<(u32, u64)>,
    /// Days after 2020-01-01.
    pub on: u64,
    pub checks: Vec<CheckSpec>,
}

pub fn offset(base: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        base.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        base.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap()
}

impl Scenario {
    pub fn on(&self) -> NaiveDate {
        offset(day("2020-01-01"), i64::try_from(self.on).unwrap())
    }

    pub fn date_of_birth(&self) -> Option<NaiveDate> {
        self.age.map(|(years, days)| {
            self.on()
                .checked_sub_months(Months::new(12 * years))
                .and_then(|d| d.checked_sub_days(Days::new(days)))
                .unwrap()
        })
    }

    pub fn requirements(&self) -> Requirements {
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

    pub fn checks(&self) -> Vec<Check> {
        self.checks.iter().map(|s| s.build(self.on())).collect()
    }

    pub fn eligibility(&self) -> Eligibility {
        eligibility(
            &self.requirements(),
            self.date_of_birth(),
            &self.checks(),
            self.on(),
        )
    }
}

impl CheckSpec {
    pub fn build(&self, on: NaiveDate) -> Check {
        let mut c = record(POOL[self.slot], self.status);
        // The id comes from the spec, so re-ordering the specs re-orders the same records (and
        // two identical specs make two identical records).
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(&format!("{self:?}"), &mut hasher);
        c.id = alongside_domain::ids::CheckId(uuid::Uuid::from_u128(u128::from(
            std::hash::Hasher::finish(&hasher),
        )));
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
pub fn days_around() -> impl Strategy<Value = i64> {
    prop_oneof![2 => -2i64..=2, 3 => -1_000i64..1_000]
}

pub fn dbs_level() -> impl Strategy<Value = DbsLevel> {
    prop::sample::select(DbsLevel::ALL.to_vec())
}

pub fn workforce() -> impl Strategy<Value = Workforce> {
    prop::sample::select(Workforce::ALL.to_vec())
}

pub fn check_spec() -> impl Strategy<Value = CheckSpec> {
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

pub fn scenario() -> impl Strategy<Value = Scenario> {
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
pub fn holding_spec() -> impl Strategy<Value = CheckSpec> {
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

pub fn config() -> ProptestConfig {
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

pub fn block_set(e: &Eligibility) -> BTreeSet<Block> {
    e.blocks().iter().cloned().collect()
}

/// Whether some catalogue item has more than one record, so the rule has to choose between them.
pub fn has_repeated_items(s: &Scenario) -> bool {
    let mut seen = BTreeSet::new();
    s.checks.iter().any(|c| !seen.insert(c.slot))
}

pub fn dbs_records(s: &Scenario) -> usize {
    s.checks.iter().filter(|c| c.slot == DBS_SLOT).count()
}
