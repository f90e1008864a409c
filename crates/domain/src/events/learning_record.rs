//! A volunteer manager's personal learning record: every event they attended, with its CPD
//! time, and learning they recorded themselves, grouped by year with each year's total.

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::ids::{CpdEntryId, EventRegistrationId};

/// Where a line of the record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum LearningSource {
    /// An event attended (its registration, for the certificate's address).
    Event(EventRegistrationId),
    /// Learning the person recorded themselves.
    Own(CpdEntryId),
}

/// One event attended, or learning the person recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearningLine {
    /// Where it comes from.
    pub source: LearningSource,
    /// The event's title.
    pub title: String,
    /// Who ran it.
    pub provider: String,
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// CPD minutes.
    pub minutes: i64,
}

/// One year's learning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearningYear {
    /// The year (UK calendar).
    pub year: i32,
    /// Events, earliest first.
    pub lines: Vec<LearningLine>,
    /// Total CPD minutes.
    pub minutes: i64,
}

/// The whole record, newest year first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LearningRecord {
    /// Years with any learning.
    pub years: Vec<LearningYear>,
}

impl LearningRecord {
    /// Groups the lines by the UK year they started in.
    pub fn from_lines(mut lines: Vec<LearningLine>) -> Self {
        lines.sort_by_key(|l| (l.starts_at, l.source));
        let mut years: Vec<LearningYear> = Vec::new();
        for line in lines {
            let year = crate::rota::from_utc(line.starts_at).year();
            match years.last_mut() {
                Some(y) if y.year == year => {
                    y.minutes += line.minutes;
                    y.lines.push(line);
                }
                _ => years.push(LearningYear {
                    year,
                    minutes: line.minutes,
                    lines: vec![line],
                }),
            }
        }
        years.reverse();
        Self { years }
    }

    /// Total CPD minutes across every year.
    pub fn total_minutes(&self) -> i64 {
        self.years.iter().map(|y| y.minutes).sum()
    }
}
