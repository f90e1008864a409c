//! Hours: what volunteers log for activity outside shifts (approved or queried by a manager),
//! and totals by month per volunteer, role, site and organisation.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use super::clock::required_date;
use crate::FieldErrors;
use crate::ids::{HoursLogId, OrganisationId, PersonId, RoleId, SiteId};
use crate::labelled_enum;

/// The most minutes one log can hold: a day.
pub const MAX_MINUTES: u32 = 24 * 60;
/// The longest description, in characters.
pub const MAX_DESCRIPTION: usize = 500;
/// The longest message back from a manager, in characters.
pub const MAX_MESSAGE: usize = 1000;

labelled_enum!(
    /// Where logged hours stand.
    HoursStatus {
        /// Waiting for a manager.
        Submitted = "submitted": "Waiting for approval",
        /// Counted.
        Approved = "approved": "Approved",
        /// A manager asked about them; not counted until sent again and approved.
        Queried = "queried": "Queried",
    }
);

/// Hours a volunteer logged for activity outside shifts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursLog {
    /// Identifier.
    pub id: HoursLogId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The role the activity was for.
    pub role_id: RoleId,
    /// The UK date of the activity.
    pub worked_on: NaiveDate,
    /// How long, in minutes (1 to [`MAX_MINUTES`]).
    pub minutes: u32,
    /// What they did.
    pub description: String,
    /// Where it stands.
    pub status: HoursStatus,
    /// When logged (or sent again after a query).
    pub submitted_at: DateTime<Utc>,
    /// When a manager approved or queried it.
    pub decided_at: Option<DateTime<Utc>>,
    /// Who did.
    pub decided_by: Option<PersonId>,
    /// The manager's message back (a query's question).
    pub message: String,
}

/// Why a change to logged hours is refused: they no longer stand where the change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursRefusal {
    /// Approved hours are final.
    AlreadyApproved,
    /// A question is waiting for the volunteer's reply.
    AlreadyQueried,
    /// Only queried hours can be changed and sent again.
    NotQueried,
}

impl HoursRefusal {
    /// The refusal in words.
    pub fn message(self) -> &'static str {
        match self {
            Self::AlreadyApproved => "These hours are already approved",
            Self::AlreadyQueried => {
                "You have already asked about these hours; the volunteer has not replied yet"
            }
            Self::NotQueried => "Only hours the team asked about can be changed",
        }
    }
}

impl HoursLog {
    /// A manager's decision: approve (final) or query with `message`. Approved hours cannot be
    /// decided again, and queried ones cannot be queried again before the volunteer replies.
    pub fn decide(
        &self,
        to: HoursStatus,
        by: Option<PersonId>,
        message: String,
        now: DateTime<Utc>,
    ) -> Result<Self, HoursRefusal> {
        match (self.status, to) {
            (HoursStatus::Approved, _) => Err(HoursRefusal::AlreadyApproved),
            (HoursStatus::Queried, HoursStatus::Queried) => Err(HoursRefusal::AlreadyQueried),
            _ => Ok(Self {
                status: to,
                decided_at: Some(now),
                decided_by: by,
                message: if to == HoursStatus::Queried {
                    message
                } else {
                    String::new()
                },
                ..self.clone()
            }),
        }
    }

    /// The volunteer's answer to a query: the hours as corrected, sent for a decision again.
    pub fn resend(&self, corrected: ParsedHours, now: DateTime<Utc>) -> Result<Self, HoursRefusal> {
        if self.status != HoursStatus::Queried {
            return Err(HoursRefusal::NotQueried);
        }
        Ok(Self {
            worked_on: corrected.worked_on,
            minutes: corrected.minutes,
            description: corrected.description,
            status: HoursStatus::Submitted,
            submitted_at: now,
            ..self.clone()
        })
    }
}

/// Hours as typed into the form or API.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct HoursInput {
    /// The UK date ("5 3 2027" or "2027-03-05").
    pub date: String,
    /// Whole hours (may be empty when `minutes` says it all).
    pub hours: String,
    /// Minutes (may be more than 59 when `hours` is empty).
    pub minutes: String,
    /// What they did.
    pub description: String,
}

/// A valid [`HoursInput`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedHours {
    /// The day.
    pub worked_on: NaiveDate,
    /// Total minutes.
    pub minutes: u32,
    /// What they did.
    pub description: String,
}

/// A whole number, 0 or more, or `None` (recorded) when it is not one; empty is 0.
fn whole(e: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<u32> {
    let value = value.trim();
    if value.is_empty() {
        return Some(0);
    }
    match value.parse::<i64>() {
        Ok(n) if n < 0 => {
            e.add(field, format!("{label} cannot be negative"));
            None
        }
        Ok(n) => Some(u32::try_from(n).unwrap_or(u32::MAX)),
        Err(_) => {
            e.add(
                field,
                format!("Enter {} as a whole number, like 2", label.to_lowercase()),
            );
            None
        }
    }
}

impl HoursInput {
    /// The hours, or what is wrong: a real date not after `today`, more than no time and at
    /// most 24 hours, and a description.
    pub fn parse(&self, today: NaiveDate) -> Result<ParsedHours, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = required_date(&mut e, "date", "the date", &self.date);
        if let Some(d) = date
            && d > today
        {
            e.add("date", "The date cannot be in the future");
        }
        let hours = whole(&mut e, "hours", "Hours", &self.hours);
        let minutes = whole(&mut e, "minutes", "Minutes", &self.minutes);
        let total = match (hours, minutes) {
            (Some(h), Some(m)) => {
                let total = h.saturating_mul(60).saturating_add(m);
                if total == 0 {
                    e.add("minutes", "Enter how long you spent, more than 0 minutes");
                    None
                } else if total > MAX_MINUTES {
                    e.add(
                        "minutes",
                        "The time for one day cannot be more than 24 hours",
                    );
                    None
                } else {
                    Some(total)
                }
            }
            _ => None,
        };
        let description = e.text(
            "description",
            "what you did",
            &self.description,
            MAX_DESCRIPTION,
        );
        e.finish(|| {
            Some(ParsedHours {
                worked_on: date?,
                minutes: total?,
                description: description?,
            })
        })
    }
}

/// "3 hours 15 minutes", "1 hour", "45 minutes".
pub fn duration_words(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let part = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (h, m) {
        (0, m) => part(m, "minute", "minutes"),
        (h, 0) => part(h, "hour", "hours"),
        (h, m) => format!(
            "{} {}",
            part(h, "hour", "hours"),
            part(m, "minute", "minutes")
        ),
    }
}

/// Hours as a decimal for tables and CSV: "3.25".
pub fn decimal_hours(minutes: i64) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// One stretch of volunteering that counts: a shift attended or approved logged hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursItem {
    /// Who.
    pub person_id: PersonId,
    /// The role.
    pub role_id: RoleId,
    /// Where (logged hours have no site).
    pub site_id: Option<SiteId>,
    /// The UK date it counts on.
    pub date: NaiveDate,
    /// How long.
    pub minutes: i64,
}

/// Minutes in each month of a year, January first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MonthTotals(pub [i64; 12]);

impl MonthTotals {
    /// The year's total.
    pub fn total(&self) -> i64 {
        self.0.iter().sum()
    }

    fn add(&mut self, month0: usize, minutes: i64) {
        if let Some(m) = self.0.get_mut(month0) {
            *m += minutes;
        }
    }
}

/// A year's totals by month: the organisation's, and per volunteer, role and site (`None` for
/// logged hours, which have no site).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HoursTotals {
    /// The calendar year.
    pub year: i32,
    /// The whole organisation.
    pub organisation: MonthTotals,
    /// Per volunteer.
    pub by_person: BTreeMap<PersonId, MonthTotals>,
    /// Per role.
    pub by_role: BTreeMap<RoleId, MonthTotals>,
    /// Per site.
    pub by_site: BTreeMap<Option<SiteId>, MonthTotals>,
}

/// Adds up `items` dated in `year` by month; items in other years are left out.
pub fn totals_by_month(year: i32, items: &[HoursItem]) -> HoursTotals {
    let mut totals = HoursTotals {
        year,
        ..HoursTotals::default()
    };
    for item in items
        .iter()
        .filter(|i| i.date.year() == year && i.minutes > 0)
    {
        let m = item.date.month0() as usize;
        totals.organisation.add(m, item.minutes);
        totals
            .by_person
            .entry(item.person_id)
            .or_default()
            .add(m, item.minutes);
        totals
            .by_role
            .entry(item.role_id)
            .or_default()
            .add(m, item.minutes);
        totals
            .by_site
            .entry(item.site_id)
            .or_default()
            .add(m, item.minutes);
    }
    totals
}

#[cfg(test)]
mod tests;
