//! The one eligibility rule: given a person's evidence and a role's requirements at a moment in
//! time, are they eligible, or what blocks them? Every capability that lets a volunteer do
//! something in a role (starting, shift sign-up, matching, passports) asks this function.

use chrono::NaiveDate;
use serde::Serialize;

use super::catalogue::{CheckKind, Workforce};
use super::check::{Check, CheckStatus};
use crate::ids::RequirementTypeId;
use crate::person::age_on;
use crate::role::{DbsLevel, Role};

/// Age below which a volunteer needs a parent's or guardian's consent.
pub const ADULT_AGE: u32 = 18;
/// DBS checks cannot be done on anyone younger (standards §4.2).
pub const DBS_MINIMUM_AGE: u32 = 16;

/// What a role needs before a volunteer can start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirements {
    /// Youngest age for the role.
    pub minimum_age: u32,
    /// DBS level, and workforce for standard and enhanced checks.
    pub dbs: Option<(DbsLevel, Option<Workforce>)>,
    /// Whether references are needed (how many is the references item's business).
    pub references: bool,
    /// Other checks and training, by catalogue id, with names for messages.
    pub items: Vec<(RequirementTypeId, String)>,
}

impl Requirements {
    /// What `role` needs; `items` are its catalogue requirements with their names.
    pub fn of_role(role: &Role, items: Vec<(RequirementTypeId, String)>) -> Self {
        Self::new(
            role.minimum_age,
            role.dbs_level,
            role.dbs_workforce,
            role.references_required,
            items,
        )
    }

    /// What a role with these settings needs: its minimum age, DBS level and workforce, how
    /// many references, and its catalogue requirements with their names.
    pub fn new(
        minimum_age: u32,
        dbs_level: DbsLevel,
        dbs_workforce: Option<Workforce>,
        references_required: u32,
        items: Vec<(RequirementTypeId, String)>,
    ) -> Self {
        Self {
            minimum_age,
            dbs: (dbs_level != DbsLevel::None).then_some((dbs_level, dbs_workforce)),
            references: references_required > 0,
            items,
        }
    }

    /// Whether a person's records of checks can make any difference to [`eligibility`] for
    /// someone born on `date_of_birth`, asked on `on`. They cannot when the role needs no DBS
    /// check, references or catalogue items and the person is not a child (a child needs a
    /// guardian's consent), so a caller deciding many bookings may leave them unread.
    pub fn uses_checks(&self, date_of_birth: Option<NaiveDate>, on: NaiveDate) -> bool {
        self.dbs.is_some()
            || self.references
            || !self.items.is_empty()
            || date_of_birth.is_some_and(|d| age_on(d, on) < ADULT_AGE)
    }
}

/// One reason a person cannot start.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Block {
    /// We do not know their date of birth.
    NoDateOfBirth,
    /// Younger than the role allows.
    UnderAge {
        /// The role's minimum age.
        minimum: u32,
    },
    /// Too young for the DBS check the role needs.
    TooYoungForDbs,
    /// Not started.
    Missing {
        /// Item name.
        name: String,
    },
    /// Done, waiting for a manager to verify.
    AwaitingVerification {
        /// Item name.
        name: String,
    },
    /// Did not pass.
    Failed {
        /// Item name.
        name: String,
    },
    /// Verified once, but expired.
    Expired {
        /// Item name.
        name: String,
        /// Last valid day.
        on: NaiveDate,
    },
    /// Waived, but the waiver has ended.
    WaiverEnded {
        /// Item name.
        name: String,
        /// Last day of the waiver.
        on: NaiveDate,
    },
    /// The DBS check on record is below the level the role needs.
    DbsLevelTooLow {
        /// Level on record.
        has: DbsLevel,
        /// Level needed.
        needs: DbsLevel,
    },
    /// The DBS check on record is for another workforce.
    DbsWrongWorkforce {
        /// Workforce needed.
        needs: Workforce,
    },
}

impl Block {
    /// The reason in plain English.
    pub fn message(&self) -> String {
        match self {
            Self::NoDateOfBirth => "We need their date of birth".into(),
            Self::UnderAge { minimum } => format!("Must be {minimum} or over for this role"),
            Self::TooYoungForDbs => "DBS checks cannot be done for anyone under 16".into(),
            Self::Missing { name } => format!("{name}: not done yet"),
            Self::AwaitingVerification { name } => format!("{name}: waiting to be verified"),
            Self::Failed { name } => format!("{name}: not passed"),
            Self::Expired { name, on } => {
                format!("{name}: expired after {}", on.format("%-d %B %Y"))
            }
            Self::WaiverEnded { name, on } => {
                format!("{name}: the waiver ended after {}", on.format("%-d %B %Y"))
            }
            Self::DbsLevelTooLow { has, needs } => format!(
                "DBS check: {} on record, the role needs {}",
                has.to_string().to_lowercase(),
                needs.to_string().to_lowercase()
            ),
            Self::DbsWrongWorkforce { needs } => format!(
                "DBS check: the role needs a check for the {} workforce",
                needs.to_string().to_lowercase()
            ),
        }
    }
}

/// The answer: eligible, or blocked with every reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "blocks", rename_all = "snake_case")]
pub enum Eligibility {
    /// Nothing stands in the way.
    Eligible,
    /// Each thing that stands in the way, sorted.
    Blocked(Vec<Block>),
}

impl Eligibility {
    /// Whether eligible.
    pub fn is_eligible(&self) -> bool {
        matches!(self, Self::Eligible)
    }

    /// The blocks (none when eligible).
    pub fn blocks(&self) -> &[Block] {
        match self {
            Self::Eligible => &[],
            Self::Blocked(b) => b,
        }
    }
}

/// Whether a person with `date_of_birth` and `checks` (their records with one organisation)
/// meets `requirements` on `on`.
pub fn eligibility(
    requirements: &Requirements,
    date_of_birth: Option<NaiveDate>,
    checks: &[Check],
    on: NaiveDate,
) -> Eligibility {
    let mut blocks = Vec::new();
    let age = date_of_birth.map(|d| age_on(d, on));
    match age {
        None => blocks.push(Block::NoDateOfBirth),
        Some(age) => {
            if age < requirements.minimum_age {
                blocks.push(Block::UnderAge {
                    minimum: requirements.minimum_age,
                });
            }
            if age < DBS_MINIMUM_AGE && requirements.dbs.is_some() {
                blocks.push(Block::TooYoungForDbs);
            }
            if age < ADULT_AGE {
                item(
                    &mut blocks,
                    best_of_kind(checks, CheckKind::GuardianConsent, on),
                    "Parent or guardian consent",
                    on,
                );
            }
        }
    }
    if let Some((needs, workforce)) = requirements.dbs {
        // Of several DBS records, one that meets the role's needs counts; a waiver that holds
        // meets them by definition. Ties fall to the higher level, then the later date.
        let meets = |c: &Check| {
            c.status == CheckStatus::Waived
                || c.dbs.as_ref().is_some_and(|d| {
                    d.level.rank() >= needs.rank()
                        && workforce.is_none_or(|w| d.workforce.is_some_and(|has| has.covers(w)))
                })
        };
        let dbs = checks
            .iter()
            .filter(|c| c.kind == CheckKind::Dbs)
            .max_by_key(|c| {
                (
                    standing(c, on),
                    meets(c),
                    c.dbs.as_ref().map(|d| d.level.rank()),
                    tie_break(c),
                )
            });
        if item(&mut blocks, dbs, "DBS check", on)
            && let Some(evidence) = dbs.and_then(|c| c.dbs.as_ref())
            && dbs.is_some_and(|c| c.status == CheckStatus::Verified)
        {
            if evidence.level.rank() < needs.rank() {
                blocks.push(Block::DbsLevelTooLow {
                    has: evidence.level,
                    needs,
                });
            }
            if let Some(w) = workforce
                && !evidence.workforce.is_some_and(|has| has.covers(w))
            {
                blocks.push(Block::DbsWrongWorkforce { needs: w });
            }
        }
    }
    if requirements.references {
        item(
            &mut blocks,
            best_of_kind(checks, CheckKind::References, on),
            "References",
            on,
        );
    }
    for (id, name) in &requirements.items {
        let record = checks
            .iter()
            .filter(|c| c.requirement_type_id == *id)
            .max_by_key(|c| (standing(c, on), tie_break(c)));
        item(&mut blocks, record, name, on);
    }
    blocks.sort();
    blocks.dedup();
    if blocks.is_empty() {
        Eligibility::Eligible
    } else {
        Eligibility::Blocked(blocks)
    }
}

/// The most useful record of a kind: one that holds beats one that does not.
fn best_of_kind(checks: &[Check], kind: CheckKind, on: NaiveDate) -> Option<&Check> {
    checks
        .iter()
        .filter(|c| c.kind == kind)
        .max_by_key(|c| (standing(c, on), tie_break(c)))
}

/// Between records that stand equally, the one valid longest wins, then the newer one, so the
/// answer never depends on the order records come in.
fn tie_break(c: &Check) -> (Option<NaiveDate>, Option<NaiveDate>, crate::ids::CheckId) {
    (c.expires_on, c.waived_until, c.id)
}

fn standing(c: &Check, on: NaiveDate) -> u8 {
    match c.status {
        _ if c.holds_on(on) => 4,
        CheckStatus::Submitted => 3,
        CheckStatus::Verified | CheckStatus::Waived => 2,
        CheckStatus::Failed => 1,
        CheckStatus::Pending => 0,
    }
}

/// Adds the block for one item, if any; true when the item holds.
fn item(blocks: &mut Vec<Block>, record: Option<&Check>, fallback: &str, on: NaiveDate) -> bool {
    let Some(c) = record else {
        blocks.push(Block::Missing {
            name: fallback.into(),
        });
        return false;
    };
    if c.holds_on(on) {
        return true;
    }
    let name = c.name.clone();
    blocks.push(match c.status {
        CheckStatus::Pending => Block::Missing { name },
        CheckStatus::Submitted => Block::AwaitingVerification { name },
        CheckStatus::Failed => Block::Failed { name },
        CheckStatus::Verified => Block::Expired {
            name,
            on: c.expires_on.unwrap_or(on),
        },
        CheckStatus::Waived => Block::WaiverEnded {
            name,
            on: c.waived_until.unwrap_or(on),
        },
    });
    false
}
