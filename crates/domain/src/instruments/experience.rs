//! The Alongside volunteer experience survey: one plain-English statement per quality theme,
//! each answered on a five-point agreement scale. Every statement is worded so that agreeing is
//! the better experience, so none is reversed; a theme's score is simply its answer.
//!
//! The wording is Alongside's own. The themes follow the quality findings of NCVO's *Time Well
//! Spent* surveys (2019 and 2023,
//! <https://www.ncvo.org.uk/news-and-insights/news-index/time-well-spent-2023/introduction/>),
//! but the items are not NCVO's, so results must not be compared with NCVO's figures.

use serde::Serialize;

use super::{Answers, Instrument, Item, Licence, ResponseOption, ResponseScale};
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// A quality theme of the volunteer experience.
    Theme {
        /// Overall satisfaction.
        Satisfaction = "satisfaction": "Satisfaction",
        /// Would recommend volunteering here.
        WouldRecommend = "would_recommend": "Would recommend",
        /// Intends to carry on.
        IntendToContinue = "intend_to_continue": "Intend to continue",
        /// Feels valued.
        FeelingValued = "feeling_valued": "Feeling valued",
        /// Gets the support needed.
        Support = "support": "Support",
        /// Feels part of the team.
        Belonging = "belonging": "Belonging",
        /// Can fit volunteering around life.
        Flexibility = "flexibility": "Flexibility",
        /// Sees the difference made.
        Impact = "impact": "Impact",
        /// Paperwork and rules kept to what is needed.
        NotTooMuchBureaucracy = "not_too_much_bureaucracy": "Not too much bureaucracy",
        /// Feels like a free choice, not a job.
        NotLikePaidWork = "not_like_paid_work": "Not like paid work",
    }
);

impl Theme {
    /// The survey item for this theme: item codes are the theme codes.
    pub fn item(self) -> Option<&'static Item> {
        EXPERIENCE.item(self.code())
    }
}

/// The five-point agreement answers.
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
            label: "Neither agree nor disagree",
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

/// The volunteer experience survey, version 1.
pub static EXPERIENCE: Instrument = Instrument {
    code: "experience",
    version: 1,
    title: "Your volunteering experience",
    instruction: "Thinking about your volunteering with us over the last few months, how much do \
        you agree with each of these? There are no right or wrong answers.",
    items: &[
        Item::scale(
            "satisfaction",
            "All in all, I am happy with my volunteering here.",
        ),
        Item::scale(
            "would_recommend",
            "I would tell a friend or relative to volunteer here.",
        ),
        Item::scale(
            "intend_to_continue",
            "I expect to still be volunteering here in a year's time.",
        ),
        Item::scale(
            "feeling_valued",
            "People here show me that what I do matters to them.",
        ),
        Item::scale(
            "support",
            "I can get help when I need it in my volunteering.",
        ),
        Item::scale("belonging", "I feel part of the team here."),
        Item::scale(
            "flexibility",
            "I can fit my volunteering around the rest of my life.",
        ),
        Item::scale(
            "impact",
            "I can see that my volunteering makes a difference to people.",
        ),
        Item::scale(
            "not_too_much_bureaucracy",
            "Forms, checks and rules are kept to what is really needed.",
        ),
        Item::scale(
            "not_like_paid_work",
            "My volunteering feels like my own choice, not like a job I have to do.",
        ),
    ],
    scale: &SCALE,
    licence: Licence::Original,
    citation: "Alongside volunteer experience survey, version 1 (Alongside's own wording; themes \
        informed by NCVO Time Well Spent, \
        https://www.ncvo.org.uk/news-and-insights/news-index/time-well-spent-2023/introduction/).",
};

/// One theme's score: the answer given, 1 to 5, or `None` when skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThemeScore {
    /// The theme.
    pub theme: Theme,
    /// The answer, 1 (strongly disagree) to 5 (strongly agree); `None` when skipped.
    pub score: Option<u8>,
}

/// Scores experience answers: one entry per theme in [`Theme::ALL`] order; an answer off the
/// 1–5 scale is refused, naming the item.
pub fn score(answers: &Answers) -> Result<Vec<ThemeScore>, FieldErrors> {
    EXPERIENCE.validate(answers)?;
    Ok(Theme::ALL
        .iter()
        .map(|&theme| ThemeScore {
            theme,
            score: answers.get(theme.code()),
        })
        .collect())
}
