//! A person's record of one check or training module with an organisation, and how it moves:
//! pending → submitted → verified / failed / waived, with who and when.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

use super::catalogue::{CheckKind, RequirementType, Workforce};
use crate::ids::{CheckId, OrganisationId, PersonId, RequirementTypeId};
use crate::labelled_enum;
use crate::person::parse_date;
use crate::role::DbsLevel;
use crate::{FieldErrors, Labelled};

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
}

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
        }
    }

    /// Whether the item counts at `on`: verified and unexpired, or waived and the waiver holds.
    pub fn holds_on(&self, on: NaiveDate) -> bool {
        match self.status {
            CheckStatus::Verified => self.expires_on.is_none_or(|d| on <= d),
            CheckStatus::Waived => self.waived_until.is_none_or(|d| on <= d),
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
            && matches!(self.status, CheckStatus::Verified | CheckStatus::Failed)
            && decided
                .checked_add_months(Months::new(DBS_DETAILS_KEPT_MONTHS))
                .is_some_and(|due| due <= now)
    }

    /// The item with its DBS certificate details deleted, keeping that a check was done, its
    /// level and workforce, and the decision.
    pub fn without_dbs_details(&self, now: DateTime<Utc>) -> Self {
        let mut check = self.clone();
        check.issued_on = None;
        check.reference = String::new();
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

/// What someone does to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckAction {
    /// Says it is done (the volunteer, or a manager on their behalf).
    Submit,
    /// A manager verifies it.
    Verify,
    /// A manager records that it did not pass.
    Fail,
    /// A manager waives it, with a reason.
    Waive,
}

impl CheckAction {
    /// The action named by a form or API code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "submit" => Some(Self::Submit),
            "verify" => Some(Self::Verify),
            "fail" => Some(Self::Fail),
            "waive" => Some(Self::Waive),
            _ => None,
        }
    }
}

/// What a volunteer or manager types about an item.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct CheckInput {
    /// `submit`, `verify`, `fail` or `waive`.
    pub action: String,
    /// When done or issued (a date).
    pub issued_on: String,
    /// The last day it is valid (a date); worked out from the catalogue when empty.
    pub expires_on: String,
    /// Certificate, licence or policy reference.
    pub reference: String,
    /// Notes: the volunteer's words, or the reason for failing.
    pub note: String,
    /// Why it is waived.
    pub waiver_reason: String,
    /// Last day the waiver holds (a date), or empty.
    pub waived_until: String,
    /// DBS level code.
    pub dbs_level: String,
    /// DBS workforce code.
    pub dbs_workforce: String,
    /// DBS certificate number.
    pub dbs_certificate_number: String,
    /// DBS outcome code.
    pub dbs_outcome: String,
    /// "yes" when subscribed to the Update Service.
    pub dbs_update_service: String,
    /// Last Update Service status check (a date).
    pub dbs_status_checked_on: String,
}

/// Who is acting on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor<'a> {
    /// The volunteer themself, by name.
    Volunteer(&'a str),
    /// A manager, by name.
    Manager(&'a str),
}

impl CheckInput {
    /// The item after the action, or what is wrong with the input. Nothing is changed on error.
    pub fn apply(
        &self,
        check: &Check,
        t: &RequirementType,
        actor: Actor<'_>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Check, FieldErrors> {
        let Some(action) = CheckAction::from_code(&self.action) else {
            return Err(FieldErrors::one(
                "action",
                "Select what to do with this item",
            ));
        };
        let (by, manager) = match actor {
            Actor::Volunteer(n) => (n, false),
            Actor::Manager(n) => (n, true),
        };
        if !manager && action != CheckAction::Submit {
            return Err(FieldErrors::one(
                "action",
                "Only a manager can verify, fail or waive an item",
            ));
        }
        if !manager && !t.kind.volunteer_can_submit() {
            return Err(FieldErrors::one(
                "action",
                format!("We record the {} with you in person", in_sentence(&t.name)),
            ));
        }
        // Verifying what the volunteer submitted keeps their dates unless the manager corrects them.
        let defaults;
        let input = if action == CheckAction::Verify {
            defaults = self.with_defaults_from(check);
            &defaults
        } else {
            self
        };
        use CheckStatus::*;
        let allowed = match action {
            CheckAction::Submit => matches!(check.status, Pending | Submitted | Failed),
            CheckAction::Verify => true,
            CheckAction::Fail => matches!(check.status, Pending | Submitted | Verified),
            CheckAction::Waive => !matches!(check.status, Verified),
        };
        if !allowed {
            return Err(FieldErrors::one(
                "action",
                format!(
                    "An item that is {} cannot be changed that way",
                    check.status.label().to_lowercase()
                ),
            ));
        }
        let mut e = FieldErrors::new();
        let mut next = check.clone();
        next.note = e.optional_text("note", "the note", &input.note, 2_000);
        match action {
            CheckAction::Waive => {
                next.waiver_reason = e
                    .text(
                        "waiver_reason",
                        "the reason for the waiver",
                        &input.waiver_reason,
                        2_000,
                    )
                    .unwrap_or_default();
                next.waived_until = optional_date(&mut e, "waived_until", &input.waived_until);
                if next.waived_until.is_some_and(|d| d < today) {
                    e.add("waived_until", "The waiver must last until today or later");
                }
                next.status = Waived;
            }
            CheckAction::Fail => {
                if next.note.is_empty() {
                    e.add("note", "Enter why it did not pass");
                }
                if t.kind == CheckKind::Dbs {
                    next.dbs = dbs_evidence(&mut e, input, today);
                }
                next.status = Failed;
            }
            CheckAction::Submit | CheckAction::Verify => {
                input.dates(&mut e, &mut next, t, today, action);
                next.reference =
                    e.optional_text("reference", "the reference", &input.reference, 60);
                if t.kind == CheckKind::GuardianConsent && next.note.is_empty() {
                    e.add(
                        "note",
                        "Enter the name of the parent or guardian who gave consent",
                    );
                }
                if t.kind == CheckKind::Dbs {
                    if action == CheckAction::Submit {
                        e.add("action", "A manager records the DBS check");
                    }
                    next.dbs = dbs_evidence(&mut e, input, today);
                    next.reference = String::new();
                }
                next.status = if action == CheckAction::Submit {
                    Submitted
                } else {
                    Verified
                };
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        if action == CheckAction::Submit {
            next.submitted_at = Some(now);
            next.submitted_by = by.into();
        } else {
            next.decided_at = Some(now);
            next.decided_by = by.into();
        }
        if action != CheckAction::Waive {
            next.waiver_reason = String::new();
            next.waived_until = None;
        }
        Ok(next)
    }

    /// This input with the empty date, reference and note fields taken from `check`.
    fn with_defaults_from(&self, check: &Check) -> Self {
        let or = |typed: &str, kept: String| {
            if typed.trim().is_empty() {
                kept
            } else {
                typed.to_owned()
            }
        };
        Self {
            issued_on: or(
                &self.issued_on,
                check.issued_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            // A new issue date means a new expiry, worked out again unless typed.
            expires_on: if self.issued_on.trim().is_empty() {
                or(
                    &self.expires_on,
                    check.expires_on.map(|d| d.to_string()).unwrap_or_default(),
                )
            } else {
                self.expires_on.clone()
            },
            reference: or(&self.reference, check.reference.clone()),
            note: or(&self.note, check.note.clone()),
            ..self.clone()
        }
    }

    /// The issue and expiry dates: issue date not in the future, expiry after it, expiry worked
    /// out from the catalogue's validity when not given.
    fn dates(
        &self,
        e: &mut FieldErrors,
        next: &mut Check,
        t: &RequirementType,
        today: NaiveDate,
        action: CheckAction,
    ) {
        let issued = optional_date(e, "issued_on", &self.issued_on);
        let needs_issue_date = t.validity_months.is_some()
            || t.kind.is_training()
            || t.kind == CheckKind::Dbs
            || (action == CheckAction::Submit && t.kind == CheckKind::Other);
        if issued.is_none() && self.issued_on.trim().is_empty() && needs_issue_date {
            e.add(
                "issued_on",
                if t.kind.is_training() {
                    "Enter the date it was completed"
                } else {
                    "Enter the date it was issued"
                },
            );
        }
        if issued.is_some_and(|d| d > today) {
            e.add("issued_on", "The date must be today or in the past");
        }
        let mut expires = optional_date(e, "expires_on", &self.expires_on);
        let needs_expiry = matches!(
            t.kind,
            CheckKind::DrivingLicence | CheckKind::BusinessInsurance
        ) && t.validity_months.is_none();
        if expires.is_none() && self.expires_on.trim().is_empty() {
            if let (Some(i), Some(m)) = (issued, t.validity_months) {
                expires = i
                    .checked_add_months(Months::new(m))
                    .and_then(|d| d.pred_opt());
            } else if needs_expiry {
                e.add("expires_on", "Enter the date it expires");
            }
        }
        if let (Some(i), Some(x)) = (issued, expires)
            && x < i
        {
            e.add(
                "expires_on",
                "The expiry date must be after the date it was issued",
            );
        }
        next.issued_on = issued;
        next.expires_on = expires;
    }
}

/// A name as it reads mid-sentence: "the fire safety", but "the DBS check".
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => name.to_owned(),
        _ => name.to_lowercase(),
    }
}

fn optional_date(e: &mut FieldErrors, field: &str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    let d = parse_date(value);
    if d.is_none() {
        e.add(field, "Enter a real date, for example 27 3 2026");
    }
    d
}

fn dbs_evidence(e: &mut FieldErrors, input: &CheckInput, today: NaiveDate) -> Option<DbsEvidence> {
    let level = match DbsLevel::from_code(input.dbs_level.trim()) {
        Some(DbsLevel::None) | None => {
            e.add("dbs_level", "Select the level of the DBS check");
            None
        }
        l => l,
    };
    let workforce = if input.dbs_workforce.trim().is_empty() {
        None
    } else {
        let w = Workforce::from_code(input.dbs_workforce.trim());
        if w.is_none() {
            e.add("dbs_workforce", "Select the workforce the check was for");
        }
        w
    };
    if workforce.is_none()
        && input.dbs_workforce.trim().is_empty()
        && matches!(level, Some(DbsLevel::Enhanced | DbsLevel::EnhancedBarred))
    {
        e.add("dbs_workforce", "Select the workforce the check was for");
    }
    let number: String = input
        .dbs_certificate_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if number.len() != 12 || !number.chars().all(|c| c.is_ascii_digit()) {
        e.add(
            "dbs_certificate_number",
            "Enter the 12-digit DBS certificate number",
        );
    }
    let outcome = DbsOutcome::from_code(input.dbs_outcome.trim());
    if outcome.is_none() {
        e.add("dbs_outcome", "Select whether the certificate was clear");
    }
    if outcome == Some(DbsOutcome::Disclosed) && input.note.trim().is_empty() {
        e.add(
            "note",
            "Enter the decision on the information disclosed and why",
        );
    }
    let update_service = match input.dbs_update_service.trim() {
        "yes" | "true" => true,
        "" | "no" | "false" => false,
        _ => {
            e.add("dbs_update_service", "Select yes or no");
            false
        }
    };
    let status_checked_on = optional_date(e, "dbs_status_checked_on", &input.dbs_status_checked_on);
    if status_checked_on.is_some_and(|d| d > today) {
        e.add(
            "dbs_status_checked_on",
            "The date must be today or in the past",
        );
    }
    if status_checked_on.is_some() && !update_service {
        e.add(
            "dbs_status_checked_on",
            "A status check needs an Update Service subscription",
        );
    }
    if update_service && level == Some(DbsLevel::Basic) {
        e.add(
            "dbs_update_service",
            "The Update Service covers standard and enhanced checks only",
        );
    }
    Some(DbsEvidence {
        level: level?,
        workforce,
        certificate_number: Some(number),
        outcome,
        update_service,
        status_checked_on,
        details_removed_at: None,
    })
}
