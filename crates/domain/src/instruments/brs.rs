//! The Brief Resilience Scale (BRS): six statements answered 1–5, items 2, 4 and 6 scored in
//! reverse (6 − answer); the score is the mean of the six, 1.00–5.00, to two decimal places.
//!
//! Source: Smith BW, Dalen J, Wiggins K, Tooley E, Christopher P, Bernard J (2008), "The brief
//! resilience scale: assessing the ability to bounce back", International Journal of Behavioral
//! Medicine 15:194–200; bands from Smith et al. (2013). No formal licence was found; it is widely
//! treated as free for non-commercial use with the source cited.

use serde::Serialize;

use super::{
    Answers, Hundredths, Instrument, Item, ItemKind, Licence, ResponseOption, ResponseScale,
};
use crate::{FieldErrors, labelled_enum};

/// The BRS agreement answers.
pub static SCALE: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "Strongly disagree",
        },
        ResponseOption {
            value: 2,
            label: "Disagree",
        },
        ResponseOption {
            value: 3,
            label: "Neutral",
        },
        ResponseOption {
            value: 4,
            label: "Agree",
        },
        ResponseOption {
            value: 5,
            label: "Strongly agree",
        },
    ],
};

const fn item(code: &'static str, text: &'static str, reversed: bool) -> Item {
    Item {
        code,
        text,
        reversed,
        anchors: None,
        kind: ItemKind::Scale,
    }
}

/// The BRS, version 1.
pub static BRS: Instrument = Instrument {
    code: "brs",
    version: 1,
    title: "Brief Resilience Scale",
    instruction: "Please respond to each item by marking one box per row.",
    items: &[
        item(
            "q1",
            "I tend to bounce back quickly after hard times.",
            false,
        ),
        item(
            "q2",
            "I have a hard time making it through stressful events.",
            true,
        ),
        item(
            "q3",
            "It does not take me long to recover from a stressful event.",
            false,
        ),
        item(
            "q4",
            "It is hard for me to snap back when something bad happens.",
            true,
        ),
        item(
            "q5",
            "I usually come through difficult times with little trouble.",
            false,
        ),
        item(
            "q6",
            "I tend to take a long time to get over set-backs in my life.",
            true,
        ),
    ],
    scale: &SCALE,
    licence: Licence::FreeWithCitation,
    citation: "Smith BW, Dalen J, Wiggins K, Tooley E, Christopher P, Bernard J (2008). The brief \
        resilience scale: assessing the ability to bounce back. International Journal of \
        Behavioral Medicine 15:194-200.",
};

labelled_enum!(
    /// The BRS band of a mean score (Smith et al. 2013).
    Band {
        /// 1.00 to 2.99.
        Low = "low": "Low resilience",
        /// 3.00 to 4.30.
        Normal = "normal": "Normal resilience",
        /// 4.31 to 5.00.
        High = "high": "High resilience",
    }
);

impl Band {
    /// The band for a mean score given to two decimal places.
    pub fn for_mean(mean: Hundredths) -> Self {
        match mean.0 {
            0..=299 => Self::Low,
            300..=430 => Self::Normal,
            _ => Self::High,
        }
    }
}

/// A complete BRS score, kept as the exact sum of the scored items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BrsScore {
    /// The sum of the six scored items (after reversal), 6 to 30.
    pub sum: u8,
}

impl BrsScore {
    /// The mean of the six items to two decimal places (sum ÷ 6, rounded half up).
    pub fn mean(self) -> Hundredths {
        // sum × 100 ÷ 6, rounded: (sum × 200 + 6) ÷ 12.
        Hundredths((u16::from(self.sum) * 200 + 6) / 12)
    }

    /// The band of the mean.
    pub fn band(self) -> Band {
        Band::for_mean(self.mean())
    }
}

/// Scores BRS answers: `None` when any item is unanswered; an answer off the 1–5 scale is
/// refused, naming the item.
pub fn score(answers: &Answers) -> Result<Option<BrsScore>, FieldErrors> {
    BRS.validate(answers)?;
    Ok(BRS.complete(answers).map(|values| BrsScore {
        sum: values.iter().sum(),
    }))
}
