//! Retention for the report: tenures from placements, and Kaplan-Meier figures withheld under
//! five.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::outcomes::Figure;
use domain::retention::{Tenure, kaplan_meier, median_tenure, retention_12_months};

use crate::ports::SurveyCandidate;

/// Retention of volunteers who have ever been active.
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionFigures {
    /// The share still volunteering 12 months after starting (Kaplan–Meier).
    pub twelve_months: f64,
    /// The median time volunteers stay, in days, once more than half have left.
    pub median_days: Option<f64>,
}

/// Tenures in days from `history`, one per key (a person, or a person in a role): from the
/// first activation to the last ending, censored at `today` while any placement is open.
pub(crate) fn tenures<K: Ord>(
    history: &[SurveyCandidate],
    key: impl Fn(&SurveyCandidate) -> K,
    today: NaiveDate,
) -> Vec<Tenure> {
    let mut spans: BTreeMap<K, (NaiveDate, Option<NaiveDate>, bool)> = BTreeMap::new();
    for c in history {
        let start = domain::rota::from_utc(c.activated_at).date();
        let end = c.ended_at.map(|e| domain::rota::from_utc(e).date());
        let span = spans.entry(key(c)).or_insert((start, end, end.is_none()));
        span.0 = span.0.min(start);
        span.2 |= end.is_none();
        span.1 = match (span.1, end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    spans
        .into_values()
        .map(|(start, end, open)| match (open, end) {
            (false, Some(end)) => Tenure {
                days: (end - start).num_days() as f64,
                left: true,
            },
            _ => Tenure {
                days: (today - start).num_days().max(0) as f64,
                left: false,
            },
        })
        .collect()
}

pub(crate) fn retention(tenures: &[Tenure]) -> Figure<RetentionFigures> {
    Figure::from_group(tenures.len(), || {
        let steps = kaplan_meier(tenures);
        RetentionFigures {
            twelve_months: retention_12_months(&steps),
            median_days: median_tenure(&steps),
        }
    })
}
