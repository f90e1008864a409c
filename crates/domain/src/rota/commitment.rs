//! Standing commitments: a volunteer's regular slot ("every Tuesday 10:00–13:00 at Ward 7")
//! that books them into each matching shift until they end it, and absence periods (holiday,
//! illness) that skip occurrences without ending it.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

use super::clock::{parse_weekday, required_date, time};
use super::ids::CommitmentId;
use super::local_time::LocalSlot;
use super::recurrence::{MAX_INTERVAL_WEEKS, monday_of};
use super::shift::Shift;
use crate::FieldErrors;
use crate::ids::{OrganisationId, PersonId, RoleId, SiteId};

/// The longest single absence, in days (a little over a year).
pub const MAX_ABSENCE_DAYS: u64 = 400;

/// A period when a volunteer is away: both dates included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct AbsencePeriod {
    /// First day away.
    pub starts_on: NaiveDate,
    /// Last day away.
    pub ends_on: NaiveDate,
}

impl AbsencePeriod {
    /// Whether the volunteer is away on `date`.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date <= self.ends_on
    }
}

/// A volunteer's recorded absence: their commitments skip the days in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Absence {
    /// Identifier.
    pub id: super::ids::AbsenceId,
    /// The volunteer away.
    pub person_id: PersonId,
    /// The days away.
    pub period: AbsencePeriod,
}

/// An absence as typed into a form.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct AbsenceInput {
    /// First day away (a date).
    pub starts_on: String,
    /// Last day away (a date).
    pub ends_on: String,
}

impl AbsenceInput {
    /// The period, or what is wrong with it.
    pub fn parse(&self) -> Result<AbsencePeriod, FieldErrors> {
        let mut e = FieldErrors::new();
        let starts_on = required_date(&mut e, "starts_on", "the first day away", &self.starts_on);
        let ends_on = required_date(&mut e, "ends_on", "the last day away", &self.ends_on);
        if let (Some(from), Some(to)) = (starts_on, ends_on) {
            if to < from {
                e.add(
                    "ends_on",
                    "The last day away must be the same as or after the first day away",
                );
            } else if from.checked_add_days(Days::new(MAX_ABSENCE_DAYS)) < Some(to) {
                e.add(
                    "ends_on",
                    format!("An absence can last at most {MAX_ABSENCE_DAYS} days"),
                );
            }
        }
        e.finish(|| {
            Some(AbsencePeriod {
                starts_on: starts_on?,
                ends_on: ends_on?,
            })
        })
    }
}

/// A standing commitment as stored. Its first occurrence is the first `weekday` on or after
/// `starts_on`; then every `interval_weeks` weeks, up to and including `ends_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    /// Identifier.
    pub id: CommitmentId,
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The role they do.
    pub role_id: RoleId,
    /// Where.
    pub site_id: SiteId,
    /// The day of the week.
    pub weekday: Weekday,
    /// UK clock time it starts.
    pub start: NaiveTime,
    /// UK clock time it ends (at or before `start` means the next day).
    pub end: NaiveTime,
    /// Weeks between occurrences (1 is every week).
    pub interval_weeks: u8,
    /// From this date.
    pub starts_on: NaiveDate,
    /// The last date, once the volunteer ends it.
    pub ends_on: Option<NaiveDate>,
}

impl Commitment {
    /// The date of the first occurrence.
    pub fn first_date(&self) -> Option<NaiveDate> {
        let ahead = (7 + self.weekday.num_days_from_monday()
            - self.starts_on.weekday().num_days_from_monday())
            % 7;
        self.starts_on.checked_add_days(Days::new(u64::from(ahead)))
    }

    /// Whether the commitment falls on `date`, absences aside.
    pub fn occurs_on(&self, date: NaiveDate) -> bool {
        let Some(first) = self.first_date() else {
            return false;
        };
        let weeks = (monday_of(date) - monday_of(first)).num_days() / 7;
        date >= first
            && self.ends_on.is_none_or(|end| date <= end)
            && date.weekday() == self.weekday
            && weeks % i64::from(self.interval_weeks.max(1)) == 0
    }

    /// The dates from `from` to `to` (both included) the volunteer is booked for: occurrences
    /// not covered by any of `absences`. An absence skips dates; it never ends the commitment.
    pub fn dates_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        absences: &[AbsencePeriod],
    ) -> Vec<NaiveDate> {
        let Some(first) = self.first_date() else {
            return Vec::new();
        };
        let last = self.ends_on.map_or(to, |end| end.min(to));
        let step = Days::new(7 * u64::from(self.interval_weeks.max(1)));
        let mut dates = Vec::new();
        let mut date = Some(first);
        while let Some(d) = date.filter(|d| *d <= last) {
            if d >= from && !absences.iter().any(|a| a.contains(d)) {
                dates.push(d);
            }
            date = d.checked_add_days(step);
        }
        dates
    }

    /// The slot on `date`, in UK local time.
    pub fn slot_on(&self, date: NaiveDate) -> LocalSlot {
        LocalSlot::new(date, self.start, self.end)
    }

    /// Whether `shift` is one this commitment books the volunteer into: same organisation, role
    /// and site, not cancelled, on an occurrence, at the same clock times. Absences are the
    /// caller's to check, with [`AbsencePeriod::contains`].
    pub fn matches(&self, shift: &Shift) -> bool {
        let slot = shift.local_slot();
        !shift.cancelled
            && shift.organisation_id == self.organisation_id
            && shift.role_id == self.role_id
            && shift.site_id == self.site_id
            && slot.start == self.start
            && slot.end == self.end
            && self.occurs_on(slot.date)
    }
}

/// Whose commitment, for what and where: chosen and checked by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitmentFor {
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The role.
    pub role_id: RoleId,
    /// The site.
    pub site_id: SiteId,
}

/// A commitment as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct CommitmentInput {
    /// Day code or name.
    pub weekday: String,
    /// Start time ("10:00", "10am").
    pub start_time: String,
    /// End time.
    pub end_time: String,
    /// Every how many weeks; empty means every week.
    pub interval_weeks: String,
    /// From this date.
    pub starts_on: String,
    /// Until this date, or empty for no end.
    pub ends_on: String,
}

impl CommitmentInput {
    /// The commitment, or what is wrong with the input.
    pub fn parse(&self, id: CommitmentId, owner: CommitmentFor) -> Result<Commitment, FieldErrors> {
        let mut e = FieldErrors::new();
        let weekday = parse_weekday(&self.weekday);
        if weekday.is_none() {
            e.add("weekday", "Select the day of the week");
        }
        let start = time(&mut e, "start_time", "start", &self.start_time);
        let end = time(&mut e, "end_time", "end", &self.end_time);
        if start.is_some() && start == end {
            e.add(
                "end_time",
                "The end time must be different from the start time",
            );
        }
        let interval = self.interval_weeks.trim();
        let interval_weeks = if interval.is_empty() {
            Some(1)
        } else {
            interval
                .parse()
                .ok()
                .filter(|n| (1..=MAX_INTERVAL_WEEKS).contains(n))
        };
        if interval_weeks.is_none() {
            e.add(
                "interval_weeks",
                format!("Repeat every 1 to {MAX_INTERVAL_WEEKS} weeks"),
            );
        }
        let starts_on = required_date(&mut e, "starts_on", "the first date", &self.starts_on);
        let ends_on = if self.ends_on.trim().is_empty() {
            None
        } else {
            required_date(&mut e, "ends_on", "the last date", &self.ends_on)
        };
        if let (Some(from), Some(to)) = (starts_on, ends_on)
            && to < from
        {
            e.add(
                "ends_on",
                "The last date must be the same as or after the first date",
            );
        }
        e.finish(|| {
            Some(Commitment {
                id,
                organisation_id: owner.organisation_id,
                person_id: owner.person_id,
                role_id: owner.role_id,
                site_id: owner.site_id,
                weekday: weekday?,
                start: start?,
                end: end?,
                interval_weeks: interval_weeks?,
                starts_on: starts_on?,
                ends_on,
            })
        })
    }
}
