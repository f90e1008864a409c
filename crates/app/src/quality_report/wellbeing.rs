//! Wellbeing change for the report: each measure scored from item-level answers, and each
//! volunteer's baseline paired with their latest follow-up in the period.

use chrono::NaiveDate;
use domain::ids::PersonId;
use domain::instruments::{Answers, brs, loneliness, ons4, swemwbs};
use domain::outcomes::{Direction, Figure, PairedChange, pair_up, paired_change};
use domain::surveys::{Occasion, SurveyResponse};

/// One measure's paired change from baseline to the latest follow-up.
#[derive(Debug, Clone, PartialEq)]
pub struct WellbeingChange {
    /// The questionnaire's name.
    pub instrument: &'static str,
    /// The measure, in plain words.
    pub measure: &'static str,
    /// Which way is better.
    pub direction: Direction,
    /// The change counted as meaningful for one person, in the measure's points.
    pub meaningful: f64,
    /// The figures, withheld for fewer than five people.
    pub change: Figure<PairedChange>,
}

/// The measures reported, with how to score each from a response.
type Scorer = fn(&Answers) -> Option<f64>;
const MEASURES: [(&str, &str, &str, Direction, f64, Scorer); 8] = [
    (
        "ons4",
        "ONS personal wellbeing",
        "Life satisfaction",
        Direction::HigherIsBetter,
        1.0,
        |a| {
            ons4::score(a)
                .ok()?
                .life_satisfaction
                .map(|m| f64::from(m.rating))
        },
    ),
    (
        "ons4",
        "ONS personal wellbeing",
        "Feeling things are worthwhile",
        Direction::HigherIsBetter,
        1.0,
        |a| ons4::score(a).ok()?.worthwhile.map(|m| f64::from(m.rating)),
    ),
    (
        "ons4",
        "ONS personal wellbeing",
        "Happiness yesterday",
        Direction::HigherIsBetter,
        1.0,
        |a| ons4::score(a).ok()?.happiness.map(|m| f64::from(m.rating)),
    ),
    (
        "ons4",
        "ONS personal wellbeing",
        "Anxiety yesterday",
        Direction::LowerIsBetter,
        1.0,
        |a| ons4::score(a).ok()?.anxiety.map(|m| f64::from(m.rating)),
    ),
    (
        "brs",
        "Brief Resilience Scale",
        "Resilience (mean, 1 to 5)",
        Direction::HigherIsBetter,
        0.5,
        |a| brs::score(a).ok()?.map(|s| s.mean().as_f64()),
    ),
    (
        "ucla3",
        "UCLA 3-item loneliness",
        "Loneliness (3 to 9)",
        Direction::LowerIsBetter,
        1.0,
        |a| loneliness::score_ucla3(a).ok()?.map(|s| f64::from(s.total)),
    ),
    (
        "swemwbs",
        "SWEMWBS",
        "Mental wellbeing (metric, 7 to 35)",
        Direction::HigherIsBetter,
        3.0,
        |a| swemwbs::score(a).ok()?.map(|s| s.metric.as_f64()),
    ),
    (
        "ons_lonely",
        "ONS loneliness",
        "Lonely often or always (share)",
        Direction::LowerIsBetter,
        1.0,
        |a| {
            loneliness::direct_answer(a).ok()?.map(|f| {
                if f == loneliness::Frequency::OftenAlways {
                    1.0
                } else {
                    0.0
                }
            })
        },
    ),
];

/// Each measure's score in one response, named in plain words (for the API).
pub fn measure_scores(r: &SurveyResponse) -> Vec<(&'static str, f64)> {
    MEASURES
        .iter()
        .filter(|m| m.0 == r.instrument.code)
        .filter_map(|&(_, _, measure, _, _, score)| Some((measure, score(&r.answers)?)))
        .collect()
}

/// Baseline and latest follow-up scores per person for one measure.
pub(super) fn wellbeing_change(
    responses: &[SurveyResponse],
    from: NaiveDate,
) -> Vec<WellbeingChange> {
    MEASURES
        .iter()
        .filter(|(code, ..)| responses.iter().any(|r| r.instrument.code == *code))
        .map(
            |&(code, instrument, measure, direction, meaningful, score)| {
                let scored = |follow_up: bool| -> Vec<(PersonId, f64)> {
                    let mut v: Vec<(PersonId, f64)> = responses
                        .iter()
                        .filter(|r| r.instrument.code == code)
                        .filter(|r| {
                            if follow_up {
                                Occasion::FOLLOW_UPS.contains(&r.occasion) && r.answered_on >= from
                            } else {
                                r.occasion == Occasion::Baseline
                            }
                        })
                        .filter_map(|r| Some((r.person_id()?, score(&r.answers)?)))
                        .collect();
                    if follow_up {
                        // The latest follow-up counts: pair_up takes each person's first.
                        v.reverse();
                    }
                    v
                };
                let pairs = pair_up(&scored(false), &scored(true));
                WellbeingChange {
                    instrument,
                    measure,
                    direction,
                    meaningful,
                    change: paired_change(&pairs, direction, meaningful),
                }
            },
        )
        .collect()
}
