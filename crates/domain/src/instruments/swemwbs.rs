//! SWEMWBS, the Short Warwick–Edinburgh Mental Wellbeing Scale: seven statements answered 1–5,
//! summed to a raw score of 7–35 and converted to a metric score with the Rasch table.
//!
//! Source: items and licence from the WEMWBS team,
//! <https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using> (CORC summary:
//! <https://corc.uk.net/outcome-experience-measures/short-warwick-edinburgh-mental-wellbeing-scale-swemwbs>);
//! raw → metric conversion from Stewart-Brown et al. (2009), Health and Quality of Life Outcomes
//! 7:15; change thresholds after Shah et al. (2018), <https://www.pubmed.gov/30577856/>.
//!
//! Free to use only after the deploying organisation registers; the copyright line
//! [`COPYRIGHT`] must appear wherever the scale is shown or reported. Scores are shown as
//! numbers and change over time only: this module deliberately has no clinical labels.

use serde::Serialize;

use super::{Answers, Hundredths, Instrument, Item, Licence, ResponseOption, ResponseScale};
use crate::{FieldErrors, labelled_enum};

/// The copyright line that must appear on every copy and in every report.
pub const COPYRIGHT: &str = "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health \
    Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.";

/// The lowest raw score (every item answered 1).
pub const RAW_MIN: u8 = 7;
/// The highest raw score (every item answered 5).
pub const RAW_MAX: u8 = 35;

/// Metric scores for raw scores 7 to 35 in order, in hundredths (Stewart-Brown et al. 2009).
pub const METRIC: [u16; 29] = [
    700, 951, 1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859, 1925, 1998,
    2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931, 3070, 3255, 3500,
];

/// The SWEMWBS answers, all positively worded.
pub static SCALE: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "None of the time",
        },
        ResponseOption {
            value: 2,
            label: "Rarely",
        },
        ResponseOption {
            value: 3,
            label: "Some of the time",
        },
        ResponseOption {
            value: 4,
            label: "Often",
        },
        ResponseOption {
            value: 5,
            label: "All of the time",
        },
    ],
};

/// SWEMWBS, version 1.
pub static SWEMWBS: Instrument = Instrument {
    code: "swemwbs",
    version: 1,
    title: "Short Warwick–Edinburgh Mental Wellbeing Scale (SWEMWBS)",
    instruction: "Below are some statements about feelings and thoughts. Please tick the box that \
        best describes your experience of each over the last 2 weeks.",
    items: &[
        Item::scale("q1", "I've been feeling optimistic about the future"),
        Item::scale("q2", "I've been feeling useful"),
        Item::scale("q3", "I've been feeling relaxed"),
        Item::scale("q4", "I've been dealing with problems well"),
        Item::scale("q5", "I've been thinking clearly"),
        Item::scale("q6", "I've been feeling close to other people"),
        Item::scale("q7", "I've been able to make up my own mind about things"),
    ],
    scale: &SCALE,
    licence: Licence::RegistrationRequired {
        copyright_line: COPYRIGHT,
    },
    citation: "Stewart-Brown S et al. (2009), Health and Quality of Life Outcomes 7:15 (raw to \
        metric conversion). Use requires registration: \
        https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using",
};

/// The metric score for a raw score of 7 to 35; `None` outside that range.
pub fn metric_for_raw(raw: u8) -> Option<Hundredths> {
    let index = usize::from(raw.checked_sub(RAW_MIN)?);
    METRIC.get(index).copied().map(Hundredths)
}

/// A complete SWEMWBS score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SwemwbsScore {
    /// The sum of the seven answers, 7 to 35.
    pub raw: u8,
    /// The Rasch metric score, 7.00 to 35.00.
    pub metric: Hundredths,
}

/// Scores SWEMWBS answers: `None` when any item is unanswered (no pro-rating); an answer off the
/// 1–5 scale is refused, naming the item.
pub fn score(answers: &Answers) -> Result<Option<SwemwbsScore>, FieldErrors> {
    SWEMWBS.validate(answers)?;
    Ok(SWEMWBS.complete(answers).and_then(|values| {
        let raw = values.iter().sum::<u8>();
        metric_for_raw(raw).map(|metric| SwemwbsScore { raw, metric })
    }))
}

labelled_enum!(
    /// How a person's metric score moved between two responses.
    Change {
        /// Up by 3 points or more.
        MeaningfulImprovement = "meaningful_improvement": "Meaningful improvement",
        /// Up or down by at least 1 point but less than 3.
        PossibleChange = "possible_change": "Possible change",
        /// Moved by less than 1 point.
        NoChange = "no_change": "No change",
        /// Down by 3 points or more.
        MeaningfulDecline = "meaningful_decline": "Meaningful decline",
    }
);

/// Meaningful change threshold: 3.00 metric points.
pub const MEANINGFUL: u16 = 300;
/// Possible change threshold: 1.00 metric point.
pub const POSSIBLE: u16 = 100;

/// Classifies the change from `before` to `after` (|Δ| ≥ 3 meaningful, ≥ 1 possible).
pub fn change_band(before: Hundredths, after: Hundredths) -> Change {
    let delta = after.0.abs_diff(before.0);
    if delta >= MEANINGFUL {
        if after > before {
            Change::MeaningfulImprovement
        } else {
            Change::MeaningfulDecline
        }
    } else if delta >= POSSIBLE {
        Change::PossibleChange
    } else {
        Change::NoChange
    }
}
