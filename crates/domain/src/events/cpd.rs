//! Learning a person records themselves for their learning record: a course, conference or
//! reading done outside Alongside's events, with when and how long.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{CpdEntryId, PersonId};

/// The most hours one entry may claim.
const MAX_HOURS: i64 = 100;

/// One piece of learning a person recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CpdEntry {
    /// Identifier.
    pub id: CpdEntryId,
    /// Whose.
    pub person_id: PersonId,
    /// What it was.
    pub title: String,
    /// Who ran it, if anyone.
    pub provider: String,
    /// The day.
    pub done_on: NaiveDate,
    /// How long, in minutes.
    pub minutes: i64,
    /// When recorded.
    pub created_at: DateTime<Utc>,
}

/// An entry as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CpdInput {
    /// What it was.
    pub title: String,
    /// Who ran it.
    pub provider: String,
    /// The day, e.g. "5 3 2027".
    pub done_on: String,
    /// Hours, e.g. "1.5" or "2".
    pub hours: String,
}

/// Hours as typed ("2", "1.5", "0.25") in whole minutes; `None` unless a positive amount with at
/// most two decimal places.
pub fn parse_hours(value: &str) -> Option<i64> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 2
        || whole.len() > 4
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let hundredths: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    // Hundredths of an hour to the nearest minute (0.25 is 15, 0.1 is 6).
    let minutes = whole * 60 + (hundredths * 60 + 50) / 100;
    (minutes > 0).then_some(minutes)
}

impl CpdInput {
    /// Validates every field; the day may not be after `today`.
    pub fn parse(
        &self,
        id: CpdEntryId,
        person_id: PersonId,
        today: NaiveDate,
        created_at: DateTime<Utc>,
    ) -> Result<CpdEntry, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.text("title", "what the learning was", &self.title, 200);
        let provider = e.optional_text("provider", "who ran it", &self.provider, 200);
        let done_on = e.date("done_on", "the day you did it", &self.done_on);
        if done_on.is_some_and(|d| d > today) {
            e.add("done_on", "The day must be today or in the past");
        }
        let minutes = match parse_hours(&self.hours) {
            Some(m) if m <= MAX_HOURS * 60 => Some(m),
            _ if self.hours.trim().is_empty() => {
                e.add("hours", "Enter how many hours it took");
                None
            }
            _ => {
                e.add(
                    "hours",
                    format!("Hours must be a number like 1.5, up to {MAX_HOURS}"),
                );
                None
            }
        };
        e.finish(|| {
            Some(CpdEntry {
                id,
                person_id,
                title: title?,
                provider,
                done_on: done_on?,
                minutes: minutes?,
                created_at,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn hours_become_minutes() {
        assert_eq!(parse_hours("2"), Some(120));
        assert_eq!(parse_hours("1.5"), Some(90));
        assert_eq!(parse_hours("0.25"), Some(15));
        assert_eq!(parse_hours(".5"), Some(30));
        for bad in ["", "0", "-1", "1.234", "one", "1,5"] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_bad_field_is_named_and_the_future_is_refused() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 5).unwrap();
        let bad = CpdInput {
            title: " ".into(),
            done_on: "6 3 2027".into(),
            hours: "500".into(),
            ..CpdInput::default()
        }
        .parse(CpdEntryId::new(), PersonId::new(), today, Utc::now())
        .unwrap_err();
        let fields: Vec<&str> = bad.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "done_on", "hours"]);
        let ok = CpdInput {
            title: "Level 3 safeguarding".into(),
            provider: "County council".into(),
            done_on: "2027-03-01".into(),
            hours: "3".into(),
        }
        .parse(CpdEntryId::new(), PersonId::new(), today, Utc::now())
        .unwrap();
        assert_eq!(ok.minutes, 180);
    }
}
