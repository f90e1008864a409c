//! ONS personal wellbeing (ONS4): four questions, each answered 0–10 and reported separately with
//! the ONS bands. There is no composite score.
//!
//! Source: GSS harmonised standard for personal well-being,
//! <https://gss.civilservice.gov.uk/policy-store/personal-well-being/>; bands as quoted in the ONS
//! FOI response "A set of annual UK SWB score distributions",
//! <https://www.ons.gov.uk/aboutus/transparencyandgovernance/freedomofinformationfoi/asetofannualukswbscoredistributions>.
//! Crown copyright, Open Government Licence.

use serde::Serialize;

use super::{Anchors, Answers, Instrument, Item, ItemKind, Licence, ResponseOption, ResponseScale};
use crate::{FieldErrors, labelled_enum};

/// Item code: life satisfaction.
pub const SATISFACTION: &str = "satis";
/// Item code: things done in life are worthwhile.
pub const WORTHWHILE: &str = "worth";
/// Item code: happiness yesterday.
pub const HAPPINESS: &str = "happy";
/// Item code: anxiety yesterday (higher is worse).
pub const ANXIETY: &str = "anxious";

const fn option(value: u8, label: &'static str) -> ResponseOption {
    ResponseOption { value, label }
}

/// Nought to 10; each item gives its own words for the ends.
pub static SCALE: ResponseScale = ResponseScale {
    options: &[
        option(0, "0"),
        option(1, "1"),
        option(2, "2"),
        option(3, "3"),
        option(4, "4"),
        option(5, "5"),
        option(6, "6"),
        option(7, "7"),
        option(8, "8"),
        option(9, "9"),
        option(10, "10"),
    ],
};

/// The ONS4 questions, version 1, in the GSS harmonised wording.
pub static ONS4: Instrument = Instrument {
    code: "ons4",
    version: 1,
    title: "ONS personal wellbeing",
    instruction: "Next I would like to ask you four questions about your feelings on aspects of your \
        life. There are no right or wrong answers. For each of these questions I'd like you to give \
        an answer on a scale of nought to 10, where nought is 'not at all' and 10 is 'completely'.",
    items: &[
        Item {
            code: SATISFACTION,
            text: "Overall, how satisfied are you with your life nowadays?",
            reversed: false,
            anchors: Some(Anchors {
                low: "not at all satisfied",
                high: "completely satisfied",
            }),
            kind: ItemKind::Scale,
        },
        Item {
            code: WORTHWHILE,
            text: "Overall, to what extent do you feel that the things you do in your life are \
                worthwhile?",
            reversed: false,
            anchors: Some(Anchors {
                low: "not at all worthwhile",
                high: "completely worthwhile",
            }),
            kind: ItemKind::Scale,
        },
        Item {
            code: HAPPINESS,
            text: "Overall, how happy did you feel yesterday?",
            reversed: false,
            anchors: Some(Anchors {
                low: "not at all happy",
                high: "completely happy",
            }),
            kind: ItemKind::Scale,
        },
        Item {
            code: ANXIETY,
            text: "On a scale where nought is 'not at all anxious' and 10 is 'completely anxious', \
                overall, how anxious did you feel yesterday?",
            reversed: false,
            anchors: Some(Anchors {
                low: "not at all anxious",
                high: "completely anxious",
            }),
            kind: ItemKind::Scale,
        },
    ],
    scale: &SCALE,
    licence: Licence::OpenGovernmentLicence,
    citation: "Office for National Statistics, personal well-being harmonised standard (GSS), \
        https://gss.civilservice.gov.uk/policy-store/personal-well-being/. Crown copyright, \
        Open Government Licence.",
};

labelled_enum!(
    /// The ONS band for life satisfaction, worthwhile and happiness.
    PositiveBand {
        /// 0 to 4.
        Low = "low": "Low",
        /// 5 or 6.
        Medium = "medium": "Medium",
        /// 7 or 8.
        High = "high": "High",
        /// 9 or 10.
        VeryHigh = "very_high": "Very high",
    }
);

labelled_enum!(
    /// The ONS band for anxiety, where higher is worse.
    AnxietyBand {
        /// 0 or 1.
        VeryLow = "very_low": "Very low",
        /// 2 or 3.
        Low = "low": "Low",
        /// 4 or 5.
        Medium = "medium": "Medium",
        /// 6 to 10.
        High = "high": "High",
    }
);

impl PositiveBand {
    /// The band for a rating of 0 to 10; `None` above 10.
    pub fn for_rating(rating: u8) -> Option<Self> {
        match rating {
            0..=4 => Some(Self::Low),
            5..=6 => Some(Self::Medium),
            7..=8 => Some(Self::High),
            9..=10 => Some(Self::VeryHigh),
            _ => None,
        }
    }
}

impl AnxietyBand {
    /// The band for a rating of 0 to 10; `None` above 10.
    pub fn for_rating(rating: u8) -> Option<Self> {
        match rating {
            0..=1 => Some(Self::VeryLow),
            2..=3 => Some(Self::Low),
            4..=5 => Some(Self::Medium),
            6..=10 => Some(Self::High),
            _ => None,
        }
    }
}

/// One measure's rating with its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measure<B> {
    /// The rating given, 0 to 10.
    pub rating: u8,
    /// Its ONS band.
    pub band: B,
}

/// The four ONS4 measures, each reported on its own; a skipped question leaves its measure missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ons4Scores {
    /// Life satisfaction.
    pub life_satisfaction: Option<Measure<PositiveBand>>,
    /// Feeling that the things done in life are worthwhile.
    pub worthwhile: Option<Measure<PositiveBand>>,
    /// Happiness yesterday.
    pub happiness: Option<Measure<PositiveBand>>,
    /// Anxiety yesterday (higher is worse).
    pub anxiety: Option<Measure<AnxietyBand>>,
}

/// Scores ONS4 answers; an answer off the 0–10 scale is refused, naming the item.
pub fn score(answers: &Answers) -> Result<Ons4Scores, FieldErrors> {
    ONS4.validate(answers)?;
    let positive = |code| {
        answers.get(code).and_then(|rating| {
            PositiveBand::for_rating(rating).map(|band| Measure { rating, band })
        })
    };
    Ok(Ons4Scores {
        life_satisfaction: positive(SATISFACTION),
        worthwhile: positive(WORTHWHILE),
        happiness: positive(HAPPINESS),
        anxiety: answers.get(ANXIETY).and_then(|rating| {
            AnxietyBand::for_rating(rating).map(|band| Measure { rating, band })
        }),
    })
}
