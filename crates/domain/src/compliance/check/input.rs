//! What a volunteer or manager does to a check: the action, who is acting, and the typed input
//! that, once validated, moves the check on (dates, reference, notes, waiver and DBS details).

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::Serialize;

use super::{Check, CheckStatus, DbsEvidence, DbsOutcome, RENEWAL_DAYS};
use crate::compliance::catalogue::{CheckKind, RequirementType, Workforce};
use crate::person::parse_date;
use crate::role::DbsLevel;
use crate::{FieldErrors, Labelled};

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
        let renewing = action == CheckAction::Submit
            && check.status == Verified
            && check
                .expires_on
                .is_some_and(|d| d <= today + Duration::days(RENEWAL_DAYS));
        if action == CheckAction::Submit
            && check.status == Verified
            && !renewing
            && let Some(d) = check.expires_on
        {
            return Err(FieldErrors::one(
                "action",
                format!(
                    "This is verified until {}; you can send a renewal in the {RENEWAL_DAYS} days before then",
                    d.format("%-d %B %Y")
                ),
            ));
        }
        let allowed = match action {
            CheckAction::Submit => renewing || matches!(check.status, Pending | Submitted | Failed),
            CheckAction::Verify => true,
            CheckAction::Fail => matches!(check.status, Pending | Submitted | Verified),
            // A verified item is waived only once it has run out (to bridge a lapse).
            CheckAction::Waive => check.status != Verified || !check.holds_on(today),
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
        // A renewal keeps the evidence it replaces valid until that runs out or a manager decides.
        next.verified_through = match (action, check.status) {
            (CheckAction::Submit, Verified) => check.expires_on,
            (CheckAction::Submit | CheckAction::Fail, Submitted | Failed) => check.verified_through,
            _ => None,
        };
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
pub fn in_sentence(name: &str) -> String {
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
    // A year typed with a digit too many would otherwise make a waiver or expiry last for ever.
    let d = parse_date(value).filter(|d| (1900..=2200).contains(&d.year()));
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
