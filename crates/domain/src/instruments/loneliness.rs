//! Loneliness: the UCLA 3-item scale (an indirect measure, total 3–9, higher is lonelier) and
//! the ONS direct question "How often do you feel lonely?", reported as the answer chosen.
//!
//! Sources: Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT (2004), "A short scale for measuring
//! loneliness in large surveys", Research on Aging 26(6):655–672
//! (<https://www.heart2heartoutreach.org/ucla/>); ONS, "Measuring loneliness: guidance for use of
//! the national indicators on surveys",
//! <https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/measuringlonelinessguidanceforuseofthenationalindicatorsonsurveys>.
//! The guidance is for adults; children need a different measure.

use serde::Serialize;

use super::{Answers, Instrument, Item, Licence, ResponseOption, ResponseScale};
use crate::{FieldErrors, labelled_enum};

/// The UCLA-3 frequency answers.
pub static UCLA3_SCALE: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "Hardly ever or never",
        },
        ResponseOption {
            value: 2,
            label: "Some of the time",
        },
        ResponseOption {
            value: 3,
            label: "Often",
        },
    ],
};

/// The UCLA 3-item loneliness scale, version 1.
pub static UCLA3: Instrument = Instrument {
    code: "ucla3",
    version: 1,
    title: "UCLA 3-item loneliness scale",
    instruction: "The next questions are about how you feel about different aspects of your life. \
        For each one, say how often you feel that way.",
    items: &[
        Item::scale("q1", "How often do you feel that you lack companionship?"),
        Item::scale("q2", "How often do you feel left out?"),
        Item::scale("q3", "How often do you feel isolated from others?"),
    ],
    scale: &UCLA3_SCALE,
    licence: Licence::FreeWithCitation,
    citation: "Hughes ME, Waite LJ, Hawkley LC, Cacioppo JT (2004). A short scale for measuring \
        loneliness in large surveys. Research on Aging 26(6):655-672. \
        https://www.heart2heartoutreach.org/ucla/",
};

/// The lowest total at which [`UclaScore::often_lonely`] is true. A common but arbitrary cut-off;
/// report the distribution of totals where possible.
pub const OFTEN_LONELY_FROM: u8 = 6;

/// A complete UCLA-3 score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UclaScore {
    /// The sum of the three answers, 3 to 9; higher is lonelier.
    pub total: u8,
}

impl UclaScore {
    /// True for totals 6 to 9: a common but arbitrary cut-off, offered for summaries only.
    pub fn often_lonely(self) -> bool {
        self.total >= OFTEN_LONELY_FROM
    }
}

/// Scores UCLA-3 answers: `None` when any item is unanswered; an answer off the 1–3 scale is
/// refused, naming the item.
pub fn score_ucla3(answers: &Answers) -> Result<Option<UclaScore>, FieldErrors> {
    UCLA3.validate(answers)?;
    Ok(UCLA3.complete(answers).map(|values| UclaScore {
        total: values.iter().sum(),
    }))
}

/// Item code of the ONS direct question.
pub const DIRECT: &str = "lonely";

labelled_enum!(
    /// The answers to the ONS direct question "How often do you feel lonely?". A category, not
    /// a score.
    Frequency {
        /// Often or always (stored value 1).
        OftenAlways = "often_always": "Often/always",
        /// Some of the time (stored value 2).
        SomeOfTheTime = "some_of_the_time": "Some of the time",
        /// Occasionally (stored value 3).
        Occasionally = "occasionally": "Occasionally",
        /// Hardly ever (stored value 4).
        HardlyEver = "hardly_ever": "Hardly ever",
        /// Never (stored value 5).
        Never = "never": "Never",
    }
);

impl Frequency {
    /// The category stored as `value` (1 to 5 in the ONS order), if any.
    pub fn from_value(value: u8) -> Option<Self> {
        match value {
            1 => Some(Self::OftenAlways),
            2 => Some(Self::SomeOfTheTime),
            3 => Some(Self::Occasionally),
            4 => Some(Self::HardlyEver),
            5 => Some(Self::Never),
            _ => None,
        }
    }
}

/// The ONS direct question's answers; the values are codes for the categories, not scores.
pub static DIRECT_SCALE: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "Often/always",
        },
        ResponseOption {
            value: 2,
            label: "Some of the time",
        },
        ResponseOption {
            value: 3,
            label: "Occasionally",
        },
        ResponseOption {
            value: 4,
            label: "Hardly ever",
        },
        ResponseOption {
            value: 5,
            label: "Never",
        },
    ],
};

/// The ONS direct loneliness question, version 1.
pub static ONS_DIRECT: Instrument = Instrument {
    code: "ons_lonely",
    version: 1,
    title: "ONS direct loneliness question",
    instruction: "Please choose the answer that fits best.",
    items: &[Item::scale(DIRECT, "How often do you feel lonely?")],
    scale: &DIRECT_SCALE,
    licence: Licence::OpenGovernmentLicence,
    citation: "Office for National Statistics, Measuring loneliness: guidance for use of the \
        national indicators on surveys, \
        https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/measuringlonelinessguidanceforuseofthenationalindicatorsonsurveys. \
        Crown copyright, Open Government Licence.",
};

/// The category chosen for the ONS direct question, or `None` when skipped; a value off the
/// list is refused, naming the item.
pub fn direct_answer(answers: &Answers) -> Result<Option<Frequency>, FieldErrors> {
    ONS_DIRECT.validate(answers)?;
    Ok(answers.get(DIRECT).and_then(Frequency::from_value))
}
