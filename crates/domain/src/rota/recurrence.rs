//! Recurring shifts: weekly on chosen days, every N weeks, from a first date until a last date
//! or for a number of shifts. Only dates here; each date's shift is made in local time, so a
//! series keeps its clock times across the clock changes.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use super::clock::{parse_weekday, weekday_code};
use crate::FieldErrors;
use crate::person::parse_date;

/// The most shifts one series can make (ten years of weekly shifts).
pub const MAX_OCCURRENCES: usize = 520;

/// The longest gap between weeks with shifts.
pub const MAX_INTERVAL_WEEKS: u8 = 8;

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RecurrenceEnd {
    /// On this date (inclusive).
    Until(NaiveDate),
    /// After this many shifts.
    Count(u16),
}

/// A valid recurrence rule. Weeks run Monday to Sunday; the week holding the first date is the
/// first week with shifts, then every `interval_weeks` weeks after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recurrence {
    starts_on: NaiveDate,
    weekdays: Vec<Weekday>,
    interval_weeks: u8,
    end: RecurrenceEnd,
}

impl Recurrence {
    /// A rule from its parts, or what is wrong with them, under the fields `weekdays`,
    /// `interval_weeks`, `until` and `count`.
    pub fn new(
        starts_on: NaiveDate,
        weekdays: &[Weekday],
        interval_weeks: u8,
        end: RecurrenceEnd,
    ) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut days: Vec<Weekday> = weekdays.to_vec();
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        if days.is_empty() {
            e.add("weekdays", "Select at least one day of the week");
        }
        if !(1..=MAX_INTERVAL_WEEKS).contains(&interval_weeks) {
            e.add(
                "interval_weeks",
                format!("Repeat every 1 to {MAX_INTERVAL_WEEKS} weeks"),
            );
        }
        match end {
            RecurrenceEnd::Until(until) if until < starts_on => e.add(
                "until",
                "The last date must be the same as or after the first date",
            ),
            RecurrenceEnd::Count(count) if !(1..=MAX_OCCURRENCES).contains(&usize::from(count)) => {
                e.add(
                    "count",
                    format!("The number of shifts must be between 1 and {MAX_OCCURRENCES}"),
                );
            }
            _ => {}
        }
        if !e.is_empty() {
            return Err(e);
        }
        let rule = Self {
            starts_on,
            weekdays: days,
            interval_weeks,
            end,
        };
        if let RecurrenceEnd::Until(_) = end {
            match rule.generate(MAX_OCCURRENCES + 1).len() {
                0 => e.add(
                    "until",
                    "No shifts fall between the first and last dates. Choose a later last date \
                     or other days",
                ),
                n if n > MAX_OCCURRENCES => e.add(
                    "until",
                    format!(
                        "A series can have at most {MAX_OCCURRENCES} shifts. Choose an earlier \
                         last date"
                    ),
                ),
                _ => {}
            }
        }
        e.finish(|| Some(rule))
    }

    /// The first date; the series' first shift is on it or on the next chosen day.
    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }

    /// The chosen days, Monday first, without repeats.
    pub fn weekdays(&self) -> &[Weekday] {
        &self.weekdays
    }

    /// The chosen days as stable codes, comma-separated: "mon,thu".
    pub fn weekday_codes(&self) -> String {
        let codes: Vec<&str> = self.weekdays.iter().map(|d| weekday_code(*d)).collect();
        codes.join(",")
    }

    /// Weeks from one week with shifts to the next (1 is every week).
    pub fn interval_weeks(&self) -> u8 {
        self.interval_weeks
    }

    /// When the series stops.
    pub fn end(&self) -> RecurrenceEnd {
        self.end
    }

    /// Every date with a shift, in order (at most [`MAX_OCCURRENCES`]).
    pub fn occurrences(&self) -> Vec<NaiveDate> {
        self.generate(MAX_OCCURRENCES)
    }

    /// The dates with a shift on or after `date`: what "this and all future shifts" changes.
    /// A count still counts from the series' first date.
    pub fn occurrences_from(&self, date: NaiveDate) -> Vec<NaiveDate> {
        self.occurrences()
            .into_iter()
            .filter(|d| *d >= date)
            .collect()
    }

    /// Whether the series has a shift on `date`.
    pub fn occurs_on(&self, date: NaiveDate) -> bool {
        self.occurrences().binary_search(&date).is_ok()
    }

    /// Up to `limit` dates, walking the weeks with shifts.
    fn generate(&self, limit: usize) -> Vec<NaiveDate> {
        let (until, count) = match self.end {
            RecurrenceEnd::Until(d) => (Some(d), limit),
            RecurrenceEnd::Count(n) => (None, limit.min(usize::from(n))),
        };
        let first_monday = monday_of(self.starts_on);
        let step = u64::from(self.interval_weeks.max(1)) * 7;
        let mut dates = Vec::new();
        let mut week = 0u64;
        while dates.len() < count {
            let Some(monday) = week
                .checked_mul(step)
                .and_then(|n| first_monday.checked_add_days(Days::new(n)))
            else {
                break;
            };
            if until.is_some_and(|u| monday > u) {
                break;
            }
            for day in &self.weekdays {
                let Some(date) =
                    monday.checked_add_days(Days::new(u64::from(day.num_days_from_monday())))
                else {
                    return dates;
                };
                if date < self.starts_on {
                    continue;
                }
                if until.is_some_and(|u| date > u) || dates.len() >= count {
                    return dates;
                }
                dates.push(date);
            }
            week += 1;
        }
        dates
    }
}

/// The Monday of the week holding `date`.
pub(crate) fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// A recurrence rule as typed into a form or API request. Give either `until` or `count`.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct RecurrenceInput {
    /// Day codes or names; each entry may itself be comma-separated ("mon,thu").
    pub weekdays: Vec<String>,
    /// Every how many weeks; empty means every week.
    pub interval_weeks: String,
    /// The last date (a date), or empty.
    pub until: String,
    /// How many shifts, or empty.
    pub count: String,
}

impl RecurrenceInput {
    /// The rule starting on `starts_on` (the first shift's date, a field of its own), or what is
    /// wrong with the input.
    pub fn parse(&self, starts_on: NaiveDate) -> Result<Recurrence, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut days = Vec::new();
        for typed in self.weekdays.iter().flat_map(|w| w.split([',', ' '])) {
            match parse_weekday(typed) {
                Some(day) => days.push(day),
                None if typed.trim().is_empty() => {}
                None => {
                    e.add("weekdays", "Select days of the week from the list");
                    break;
                }
            }
        }
        let interval = self.interval_weeks.trim();
        let interval_weeks = if interval.is_empty() {
            1
        } else {
            interval.parse().unwrap_or(0)
        };
        let (until, count) = (self.until.trim(), self.count.trim());
        let end = match (until.is_empty(), count.is_empty()) {
            (true, true) => {
                e.add(
                    "until",
                    "Enter the last date, or how many times the shift repeats",
                );
                None
            }
            (false, false) => {
                e.add(
                    "count",
                    "Enter either the last date or how many times the shift repeats, not both",
                );
                None
            }
            (false, true) => match parse_date(until) {
                Some(d) => Some(RecurrenceEnd::Until(d)),
                None => {
                    e.add("until", "Enter the last date as a real date, like 5 3 2027");
                    None
                }
            },
            (true, false) => Some(RecurrenceEnd::Count(count.parse().unwrap_or(0))),
        };
        // Report the rule's own errors beside the typing errors, but each field once.
        let rule = Recurrence::new(
            starts_on,
            &days,
            interval_weeks,
            end.unwrap_or(RecurrenceEnd::Count(1)),
        );
        match rule {
            Ok(rule) => e.finish(|| Some(rule)),
            Err(more) => {
                for err in more.0 {
                    let typed_badly = err.field == "weekdays" && e.get("weekdays").is_some();
                    if !typed_badly {
                        e.add(&err.field, err.message);
                    }
                }
                Err(e)
            }
        }
    }
}
