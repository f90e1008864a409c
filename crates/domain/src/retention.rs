//! Retention of volunteers: Kaplan–Meier survival of engagements from active to left, with
//! volunteers still active counted as censored, the median tenure and 12-month retention.
//!
//! The estimator is the standard product-limit one and follows lifelines' conventions: at a time
//! with both leavers and censorings, everyone with that tenure is at risk for the leavers (events
//! come before censorings), and the median is the smallest time at which survival is at most 0.5.

use serde::Serialize;

/// Days in the 12 months used for [`retention_12_months`].
const TWELVE_MONTHS_DAYS: f64 = 365.0;

/// One engagement's tenure: how long it lasted and whether it has ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tenure {
    /// Days from becoming active to leaving, or to today for those still active.
    pub days: f64,
    /// Whether the volunteer has left (the event observed); false when still active (censored).
    pub left: bool,
}

/// The Kaplan–Meier estimate at one distinct time with a leaver or a censoring.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurvivalStep {
    /// The tenure in days.
    pub time: f64,
    /// How many engagements had lasted at least this long (and so were at risk).
    pub at_risk: usize,
    /// How many left at this time.
    pub left: usize,
    /// How many were still active with exactly this tenure (censored here).
    pub censored: usize,
    /// The estimated share still engaged just after this time.
    pub survival: f64,
}

/// The Kaplan–Meier (product-limit) survival curve of `tenures`, one step per distinct time,
/// in increasing time. Tenures with a non-finite number of days are ignored.
pub fn kaplan_meier(tenures: &[Tenure]) -> Vec<SurvivalStep> {
    let mut sorted: Vec<Tenure> = tenures
        .iter()
        .copied()
        .filter(|t| t.days.is_finite())
        .collect();
    sorted.sort_by(|a, b| a.days.total_cmp(&b.days));

    let mut steps = Vec::new();
    let mut survival = 1.0;
    let mut at_risk = sorted.len();
    let mut i = 0;
    while i < sorted.len() {
        let time = sorted[i].days;
        let same = sorted[i..].iter().take_while(|t| t.days == time).count();
        let left = sorted[i..i + same].iter().filter(|t| t.left).count();
        let censored = same - left;
        if left > 0 {
            survival *= 1.0 - left as f64 / at_risk as f64;
        }
        steps.push(SurvivalStep {
            time,
            at_risk,
            left,
            censored,
            survival,
        });
        at_risk -= same;
        i += same;
    }
    steps
}

/// The estimated survival at `t` days from `steps` (as returned by [`kaplan_meier`]): 1.0 before
/// the first step, otherwise the survival of the last step at or before `t` (right-continuous).
pub fn survival_at(steps: &[SurvivalStep], t: f64) -> f64 {
    steps
        .iter()
        .take_while(|s| s.time <= t)
        .last()
        .map_or(1.0, |s| s.survival)
}

/// The median tenure: the smallest time at which survival is at most 0.5 (lifelines'
/// `median_survival_time_`); none when survival never falls that far.
pub fn median_tenure(steps: &[SurvivalStep]) -> Option<f64> {
    steps.iter().find(|s| s.survival <= 0.5).map(|s| s.time)
}

/// The share estimated still engaged 12 months (365 days) after becoming active.
pub fn retention_12_months(steps: &[SurvivalStep]) -> f64 {
    survival_at(steps, TWELVE_MONTHS_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenure(days: f64, left: bool) -> Tenure {
        Tenure { days, left }
    }

    #[test]
    fn empty_input_has_no_steps_full_survival_and_no_median() {
        let steps = kaplan_meier(&[]);
        assert!(steps.is_empty());
        assert_eq!(survival_at(&steps, 100.0), 1.0);
        assert_eq!(retention_12_months(&steps), 1.0);
        assert_eq!(median_tenure(&steps), None);
    }

    #[test]
    fn all_censored_keeps_survival_at_one_with_no_median() {
        let steps = kaplan_meier(&[
            tenure(30.0, false),
            tenure(400.0, false),
            tenure(30.0, false),
        ]);
        assert_eq!(steps.len(), 2);
        assert!(steps.iter().all(|s| s.survival == 1.0 && s.left == 0));
        assert_eq!((steps[0].at_risk, steps[0].censored), (3, 2));
        assert_eq!((steps[1].at_risk, steps[1].censored), (1, 1));
        assert_eq!(retention_12_months(&steps), 1.0);
        assert_eq!(median_tenure(&steps), None);
    }

    #[test]
    fn three_people_worked_by_hand() {
        // Left at 100 days, still active at 200, left at 300.
        // t=100: 3 at risk, 1 leaves: S = 1 - 1/3 = 2/3.
        // t=200: 2 at risk, 1 censored: S stays 2/3.
        // t=300: 1 at risk, 1 leaves: S = 2/3 * (1 - 1/1) = 0.
        let steps = kaplan_meier(&[
            tenure(300.0, true),
            tenure(100.0, true),
            tenure(200.0, false),
        ]);
        let expected = [
            (100.0, 3, 1, 0, 2.0 / 3.0),
            (200.0, 2, 0, 1, 2.0 / 3.0),
            (300.0, 1, 1, 0, 0.0),
        ];
        assert_eq!(steps.len(), expected.len());
        for (step, (time, at_risk, left, censored, survival)) in steps.iter().zip(expected) {
            assert_eq!(step.time, time);
            assert_eq!(step.at_risk, at_risk);
            assert_eq!(step.left, left);
            assert_eq!(step.censored, censored);
            assert!((step.survival - survival).abs() < 1e-12);
        }
        assert_eq!(survival_at(&steps, 99.9), 1.0);
        assert!((survival_at(&steps, 100.0) - 2.0 / 3.0).abs() < 1e-12);
        assert!((retention_12_months(&steps) - 0.0).abs() < 1e-12);
        assert!((survival_at(&steps, 250.0) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(median_tenure(&steps), Some(300.0));
    }

    #[test]
    fn ties_count_censorings_at_risk_for_leavers_at_the_same_time() {
        // Two leave and one is censored at 10: 4 at risk, S = 1 - 2/4 = 0.5, the median.
        let steps = kaplan_meier(&[
            tenure(10.0, true),
            tenure(10.0, false),
            tenure(10.0, true),
            tenure(20.0, true),
        ]);
        assert_eq!(
            (steps[0].at_risk, steps[0].left, steps[0].censored),
            (4, 2, 1)
        );
        assert_eq!(steps[0].survival, 0.5);
        assert_eq!(median_tenure(&steps), Some(10.0));
        assert_eq!(steps[1].at_risk, 1);
        assert_eq!(steps[1].survival, 0.0);
    }
}
