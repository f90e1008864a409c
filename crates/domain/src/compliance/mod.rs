//! Onboarding and compliance: what a role needs before a volunteer starts (checks and training),
//! each person's evidence, and the one eligibility rule every later capability calls.

pub mod catalogue;
pub mod check;
pub mod eligibility;
pub mod placement;
pub mod reference;
pub mod reminders;

pub use catalogue::{CheckKind, Framework, RequirementType, RequirementTypeInput, Workforce};
pub use check::{Check, CheckStatus, DbsEvidence, DbsOutcome};
pub use eligibility::{Block, Eligibility, Requirements, eligibility};
pub use placement::{Placement, PlacementStatus};
