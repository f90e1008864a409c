//! A person's record of one check or training module with an organisation, and how it moves:
//! pending → submitted → verified / failed / waived, with who and when.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

use super::catalogue::{CheckKind, RequirementType, Workforce};
use crate::ids::{CheckId, OrganisationId, PersonId, RequirementTypeId};
use crate::labelled_enum;
use crate::role::DbsLevel;

mod input;

pub use input::{Actor, CheckAction, CheckInput, in_sentence};

labelled_enum!(
    /// Where a check or training item has got to.
    CheckStatus {
        /// Nothing done yet.
        Pending = "pending": "To do",
        /// The volunteer says it is done; a manager has to verify it.
        Submitted = "submitted": "Waiting for us to verify",
        /// Verified by a manager.
        Verified = "verified": "Verified",
        /// Did not pass.
        Failed = "failed": "Not passed",
        /// Not needed for this person, with a manager's reason.
        Waived = "waived": "Waived",
    }
);

labelled_enum!(
    /// What a DBS certificate showed.
    DbsOutcome {
        /// Nothing disclosed.
        Clear = "clear": "Clear",
        /// Information disclosed; a manager decided on suitability.
        Disclosed = "disclosed": "Information disclosed",
    }
);

/// The DBS details we keep, and no more (DBS Code of Practice). Certificate details go six months
/// after the decision, leaving the level, workforce and decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DbsEvidence {
    /// Level of the check.
    pub level: DbsLevel,
    /// Workforce, for standard and enhanced checks.
    pub workforce: Option<Workforce>,
    /// Certificate number (12 digits), until minimised.
    pub certificate_number: Option<String>,
    /// Clear or information disclosed, until minimised.
    pub outcome: Option<DbsOutcome>,
    /// Subscribed to the DBS Update Service, until minimised.
    pub update_service: bool,
    /// The last Update Service status check, until minimised.
    pub status_checked_on: Option<NaiveDate>,
    /// When the certificate details were deleted.
    pub details_removed_at: Option<DateTime<Utc>>,
}

/// How long DBS certificate details are kept after the decision (DBS Code of Practice).
pub const DBS_DETAILS_KEPT_MONTHS: u32 = 6;

/// A person's record of one check or training item with an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Identifier.
    pub id: CheckId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The person.
    pub person_id: PersonId,
    /// The catalogue item.
    pub requirement_type_id: RequirementTypeId,
    /// Its kind (from the catalogue).
    pub kind: CheckKind,
    /// Its name (from the catalogue).
    pub name: String,
    /// Where it has got to.
    pub status: CheckStatus,
    /// When it was done, issued or completed.
    pub issued_on: Option<NaiveDate>,
    /// The last day it is valid.
    pub expires_on: Option<NaiveDate>,
    /// Certificate, licence or policy reference, if any.
    pub reference: String,
    /// The latest note: the volunteer's words, or a manager's reason.
    pub note: String,
    /// Why it was waived.
    pub waiver_reason: String,
    /// The last day a waiver holds; none for as long as the role lasts.
    pub waived_until: Option<NaiveDate>,
    /// When the volunteer (or a manager for them) said it was done.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Who submitted, by name.
    pub submitted_by: String,
    /// When a manager verified, failed or waived it.
    pub decided_at: Option<DateTime<Utc>>,
    /// Which manager, by name.
    pub decided_by: String,
    /// DBS details, for a DBS check.
    pub dbs: Option<DbsEvidence>,
    /// While a renewal waits to be verified, the last day the evidence it replaces is valid.
    pub verified_through: Option<NaiveDate>,
}

/// What a change to a check expects to find, so two changes made at once cannot both land: the
/// status and when it was last submitted and decided (every action moves one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckVersion {
    /// Expected status.
    pub status: CheckStatus,
    /// Expected time of the last submission.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Expected time of the last decision.
    pub decided_at: Option<DateTime<Utc>>,
}

/// How many days before an item runs out a volunteer can send its renewal.
pub const RENEWAL_DAYS: i64 = 60;

impl Check {
    /// A new, pending item for a person.
    pub fn pending(person_id: PersonId, t: &RequirementType) -> Self {
        Self {
            id: CheckId::new(),
            organisation_id: t.organisation_id,
            person_id,
            requirement_type_id: t.id,
            kind: t.kind,
            name: t.name.clone(),
            status: CheckStatus::Pending,
            issued_on: None,
            expires_on: None,
            reference: String::new(),
            note: String::new(),
            waiver_reason: String::new(),
            waived_until: None,
            submitted_at: None,
            submitted_by: String::new(),
            decided_at: None,
            decided_by: String::new(),
            dbs: None,
            verified_through: None,
        }
    }

    /// What a change to this record expects to find.
    pub fn version(&self) -> CheckVersion {
        CheckVersion {
            status: self.status,
            submitted_at: self.submitted_at,
            decided_at: self.decided_at,
        }
    }

    /// Whether the item counts at `on`: verified and unexpired, or waived and the waiver holds.
    pub fn holds_on(&self, on: NaiveDate) -> bool {
        match self.status {
            CheckStatus::Verified => self.expires_on.is_none_or(|d| on <= d),
            CheckStatus::Waived => self.waived_until.is_none_or(|d| on <= d),
            // A renewal waiting, or one that did not pass: the evidence it replaces still counts.
            CheckStatus::Submitted | CheckStatus::Failed => {
                self.verified_through.is_some_and(|d| on <= d)
            }
            _ => false,
        }
    }

    /// Whether the DBS certificate details are due for deletion at `now`.
    pub fn dbs_details_due_for_removal(&self, now: DateTime<Utc>) -> bool {
        let Some(dbs) = &self.dbs else { return false };
        let Some(decided) = self.decided_at else {
            return false;
        };
        dbs.details_removed_at.is_none()
            && matches!(
                self.status,
                CheckStatus::Verified | CheckStatus::Failed | CheckStatus::Waived
            )
            && decided
                .checked_add_months(Months::new(DBS_DETAILS_KEPT_MONTHS))
                .is_some_and(|due| due <= now)
    }

    /// The item with its DBS certificate details deleted, keeping that a check was done, its
    /// level and workforce, and the decision (its status, who and when). The note goes too: it
    /// may say what was disclosed.
    pub fn without_dbs_details(&self, now: DateTime<Utc>) -> Self {
        let mut check = self.clone();
        check.issued_on = None;
        check.reference = String::new();
        check.note = String::new();
        if let Some(dbs) = &mut check.dbs {
            dbs.certificate_number = None;
            dbs.outcome = None;
            dbs.update_service = false;
            dbs.status_checked_on = None;
            dbs.details_removed_at = Some(now);
        }
        check
    }
}
