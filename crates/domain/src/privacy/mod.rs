//! UK GDPR rules: how long an organisation keeps records (its retention rules), why an erasure
//! happened or was refused, and the privacy notice it publishes.

pub mod consent;
pub mod notice;

use chrono::{DateTime, Months, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::FieldErrors;
use crate::ids::{ErasureId, OrganisationId, PersonId};
use crate::labelled_enum;

pub use crate::compliance::check::DBS_DETAILS_KEPT_MONTHS;

labelled_enum!(
    /// Why personal data was erased.
    ErasureReason {
        /// The person asked (their right to erasure).
        Request = "request": "The person asked for their data to be erased",
        /// The leavers' retention rule.
        Leavers = "leavers": "Retention rule: people who left",
        /// The unsuccessful applicants' retention rule.
        Unsuccessful = "unsuccessful": "Retention rule: unsuccessful applicants",
        /// The closed service-user records' retention rule.
        ClosedServiceUser = "closed_service_user": "Retention rule: closed service-user records",
    }
);

labelled_enum!(
    /// Whose data an erasure removed.
    ErasureSubject {
        /// A volunteer, applicant or other person with a profile.
        Person = "person": "Volunteer or applicant",
        /// A service user's or carer's record.
        SupportedPerson = "supported_person": "Service user or carer",
    }
);

/// The longest note kept with an erasure.
pub const ERASURE_NOTE_MAX: usize = 500;

/// The record that an erasure happened: who decided, when, why and how much went. It holds no
/// personal data: the subject is the stand-in profile the records now point to, or the emptied
/// service-user record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureRecord {
    /// Identifier.
    pub id: ErasureId,
    /// The organisation whose records were erased.
    pub organisation_id: OrganisationId,
    /// Whose data.
    pub subject: ErasureSubject,
    /// The stand-in profile or the service-user record, now without personal data.
    pub subject_id: Uuid,
    /// Why.
    pub reason: ErasureReason,
    /// The admin's note (guided not to name the person).
    pub note: String,
    /// The admin who confirmed it; `None` for a scheduled retention run.
    pub erased_by: Option<PersonId>,
    /// When.
    pub erased_at: DateTime<Utc>,
    /// Whether the person's own profile (name, contact details, account) was erased too, which
    /// happens only when no other organisation or network still holds them.
    pub profile_erased: bool,
    /// What went, one line per kind of record with how many ("bookings: 12").
    pub removed: Vec<String>,
}

/// Why an erasure cannot go ahead now: another duty requires the records to be kept, or the
/// person is still involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ErasureBlock {
    /// A safeguarding concern about them, or raised by them, is still open: safeguarding law
    /// requires the records to be kept.
    OpenConcern,
    /// Expense claims of theirs wait for a decision or for payment: the money owed and the
    /// accounts need them.
    UnsettledExpenses(usize),
    /// They are still volunteering, onboarding or on a break.
    StillInvolved,
    /// They are on the organisation's staff.
    Staff,
    /// A service user whose support is not closed.
    SupportOpen,
}

impl ErasureBlock {
    /// The reason, in plain English, to show the admin.
    pub fn message(&self) -> String {
        match self {
            Self::OpenConcern => {
                "A safeguarding concern about them or raised by them is still open. \
                 Safeguarding records must be kept while it is open; erase once it is closed."
                    .into()
            }
            Self::UnsettledExpenses(1) => {
                "An expense claim of theirs is waiting for a decision or payment. \
                 Settle it first: the money owed and your accounts depend on it."
                    .into()
            }
            Self::UnsettledExpenses(n) => format!(
                "{n} expense claims of theirs are waiting for a decision or payment. Settle them \
                 first: the money owed and your accounts depend on them."
            ),
            Self::StillInvolved => "They are still volunteering, onboarding or on a break. \
                 Record them as having left first."
                .into(),
            Self::Staff => "They are on your staff. Remove their staff access first.".into(),
            Self::SupportOpen => "Their support is not closed. Close it first.".into(),
        }
    }
}

/// An organisation's retention rules. `None` means the rule is off: nothing is removed by it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RetentionPolicy {
    /// Erase people who left this many years after they left.
    pub leavers_after_years: Option<u16>,
    /// Erase applicants who were never taken on this many months after their last application
    /// was decided or withdrawn.
    pub unsuccessful_after_months: Option<u16>,
    /// Erase service users' and carers' records this many years after support closed.
    pub closed_service_users_after_years: Option<u16>,
}

/// The moments before which each rule applies, worked out for one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionCutoffs {
    /// Left before this.
    pub leavers: Option<DateTime<Utc>>,
    /// Last application closed before this.
    pub unsuccessful: Option<DateTime<Utc>>,
    /// Support closed before this.
    pub closed_service_users: Option<DateTime<Utc>>,
    /// DBS decisions before this lose their certificate details.
    pub dbs_details: Option<DateTime<Utc>>,
}

impl RetentionPolicy {
    /// Whether any of the organisation's own rules is on (DBS details go regardless).
    pub fn any(&self) -> bool {
        self.leavers_after_years.is_some()
            || self.unsuccessful_after_months.is_some()
            || self.closed_service_users_after_years.is_some()
    }

    /// The cut-off moments for a run at `now`.
    pub fn cutoffs(&self, now: DateTime<Utc>) -> RetentionCutoffs {
        let back =
            |months: Option<u32>| months.and_then(|m| now.checked_sub_months(Months::new(m)));
        RetentionCutoffs {
            leavers: back(self.leavers_after_years.map(|y| u32::from(y) * 12)),
            unsuccessful: back(self.unsuccessful_after_months.map(u32::from)),
            closed_service_users: back(
                self.closed_service_users_after_years
                    .map(|y| u32::from(y) * 12),
            ),
            dbs_details: back(Some(DBS_DETAILS_KEPT_MONTHS)),
        }
    }
}

/// The retention form as typed: a whole number or blank (rule off) for each rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionInput {
    /// Years after leaving.
    pub leavers_after_years: String,
    /// Months after an unsuccessful application.
    pub unsuccessful_after_months: String,
    /// Years after support closed.
    pub closed_service_users_after_years: String,
}

fn whole(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    unit: &str,
    range: std::ops::RangeInclusive<u16>,
) -> Option<u16> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<u16>() {
        Ok(n) if range.contains(&n) => Some(n),
        _ => {
            errors.add(
                field,
                format!(
                    "Enter a whole number of {unit} from {} to {}, or leave it blank to keep these records",
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }
}

impl RetentionInput {
    /// The form filled in from saved rules.
    pub fn from_policy(p: &RetentionPolicy) -> Self {
        let show = |n: Option<u16>| n.map(|n| n.to_string()).unwrap_or_default();
        Self {
            leavers_after_years: show(p.leavers_after_years),
            unsuccessful_after_months: show(p.unsuccessful_after_months),
            closed_service_users_after_years: show(p.closed_service_users_after_years),
        }
    }

    /// Validates the form; each problem names its field.
    pub fn parse(&self) -> Result<RetentionPolicy, FieldErrors> {
        let mut errors = FieldErrors::new();
        let policy = RetentionPolicy {
            leavers_after_years: whole(
                &mut errors,
                "leavers_after_years",
                &self.leavers_after_years,
                "years",
                1..=50,
            ),
            // At least a month: an unsuccessful applicant may ask why, or apply again.
            unsuccessful_after_months: whole(
                &mut errors,
                "unsuccessful_after_months",
                &self.unsuccessful_after_months,
                "months",
                1..=120,
            ),
            closed_service_users_after_years: whole(
                &mut errors,
                "closed_service_users_after_years",
                &self.closed_service_users_after_years,
                "years",
                1..=50,
            ),
        };
        errors.finish(|| Some(policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn blank_turns_a_rule_off_and_numbers_must_be_in_range() {
        let input = RetentionInput {
            leavers_after_years: " 6 ".into(),
            unsuccessful_after_months: String::new(),
            closed_service_users_after_years: "8".into(),
        };
        let p = input.parse().unwrap_or_default();
        assert_eq!(p.leavers_after_years, Some(6));
        assert_eq!(p.unsuccessful_after_months, None);
        assert!(p.any());
        assert_eq!(RetentionInput::from_policy(&p).leavers_after_years, "6");

        let bad = RetentionInput {
            leavers_after_years: "0".into(),
            unsuccessful_after_months: "six".into(),
            closed_service_users_after_years: "51".into(),
        };
        let errors = bad.parse().err().unwrap_or_default();
        assert_eq!(errors.0.len(), 3);
        assert!(errors.get("unsuccessful_after_months").is_some());
    }

    #[test]
    fn cutoffs_count_back_from_now() {
        let now = Utc.with_ymd_and_hms(2027, 3, 31, 12, 0, 0).single();
        let Some(now) = now else { return };
        let p = RetentionPolicy {
            leavers_after_years: Some(2),
            unsuccessful_after_months: Some(1),
            closed_service_users_after_years: None,
        };
        let c = p.cutoffs(now);
        assert_eq!(
            c.leavers,
            Utc.with_ymd_and_hms(2025, 3, 31, 12, 0, 0).single()
        );
        // A month back from 31 March is the last day of February.
        assert_eq!(
            c.unsuccessful,
            Utc.with_ymd_and_hms(2027, 2, 28, 12, 0, 0).single()
        );
        assert_eq!(c.closed_service_users, None);
        assert_eq!(
            c.dbs_details,
            Utc.with_ymd_and_hms(2026, 9, 30, 12, 0, 0).single()
        );
    }

    #[test]
    fn every_block_says_what_to_do() {
        for b in [
            ErasureBlock::OpenConcern,
            ErasureBlock::UnsettledExpenses(1),
            ErasureBlock::UnsettledExpenses(3),
            ErasureBlock::StillInvolved,
            ErasureBlock::Staff,
            ErasureBlock::SupportOpen,
        ] {
            assert!(b.message().ends_with('.'), "{b:?}");
        }
        assert!(
            ErasureBlock::UnsettledExpenses(3)
                .message()
                .starts_with("3 ")
        );
    }
}
