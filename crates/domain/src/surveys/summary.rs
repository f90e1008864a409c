//! A person's own answers in plain words: what they said, on what scale, with no bands or
//! clinical labels, for the volunteer's "My wellbeing" page.

use serde::Serialize;

use super::SurveyResponse;
use crate::instruments::{brs, loneliness, ons4, swemwbs};

/// One line of a person's own summary: what was measured and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainLine {
    /// What was measured, e.g. "How satisfied you felt with your life".
    pub measure: &'static str,
    /// What they said, e.g. "7 out of 10".
    pub answer: String,
    /// Which way is better, in words, e.g. "higher means more satisfied".
    pub reading: &'static str,
}

fn line(measure: &'static str, answer: String, reading: &'static str) -> PlainLine {
    PlainLine {
        measure,
        answer,
        reading,
    }
}

/// The plain-words lines for one response; empty for instruments that are not about the
/// person's own wellbeing (the experience and feedback surveys) or when nothing was answered.
pub fn plain_summary(response: &SurveyResponse) -> Vec<PlainLine> {
    let a = &response.answers;
    let out_of_ten = |m: Option<ons4::Measure<_>>| m.map(|m| format!("{} out of 10", m.rating));
    match response.instrument.code {
        "ons4" => {
            let Ok(s) = ons4::score(a) else {
                return vec![];
            };
            [
                (
                    "How satisfied you felt with your life",
                    out_of_ten(s.life_satisfaction),
                    "higher means more satisfied",
                ),
                (
                    "How worthwhile the things you do felt",
                    out_of_ten(s.worthwhile),
                    "higher means more worthwhile",
                ),
                (
                    "How happy you felt the day before",
                    out_of_ten(s.happiness),
                    "higher means happier",
                ),
                (
                    "How anxious you felt the day before",
                    s.anxiety.map(|m| format!("{} out of 10", m.rating)),
                    "lower means less anxious",
                ),
            ]
            .into_iter()
            .filter_map(|(m, answer, r)| answer.map(|answer| line(m, answer, r)))
            .collect()
        }
        "brs" => match brs::score(a) {
            Ok(Some(s)) => vec![line(
                "Bouncing back from hard times",
                format!("{} out of 5", s.mean()),
                "higher means you bounce back more easily",
            )],
            _ => vec![],
        },
        "swemwbs" => match swemwbs::score(a) {
            Ok(Some(s)) => vec![line(
                "Your mental wellbeing",
                format!("{} on a scale from 7 to 35", s.metric),
                "higher means better wellbeing",
            )],
            _ => vec![],
        },
        "ucla3" => match loneliness::score_ucla3(a) {
            Ok(Some(s)) => vec![line(
                "Feeling left out, isolated or lacking company",
                format!("{} on a scale from 3 to 9", s.total),
                "lower means you felt this less often",
            )],
            _ => vec![],
        },
        "ons_lonely" => match loneliness::direct_answer(a) {
            Ok(Some(f)) => vec![line(
                "How often you felt lonely",
                f.to_string(),
                "your own answer",
            )],
            _ => vec![],
        },
        _ => vec![],
    }
}
