//! Feedback on volunteers from the people they support and from the staff they work alongside.
//!
//! Service user and carer feedback ([`SUPPORT_FEEDBACK`]) asks one overall question in the style
//! of the NHS Friends and Family Test (FFT), with the FFT's six answers, a free-text "why" and who
//! is answering. The answer set follows NHS England's FFT guidance
//! (<https://www.england.nhs.uk/fft/>); the question wording is Alongside's own, so results are
//! FFT-style, not FFT results, and must not be published as FFT figures. Staff feedback ([`STAFF_FEEDBACK`]) asks whether volunteers
//! make a difference on the ward or team, on the experience survey's agreement scale.

use serde::Serialize;

use super::{Answers, Hundredths, Instrument, Item, Licence, ResponseOption, ResponseScale};
use crate::{FieldErrors, labelled_enum};

/// Item code of the overall question in [`SUPPORT_FEEDBACK`].
pub const OVERALL: &str = "overall";
/// Item code of the free-text "what was good, or what could we do better?" in
/// [`SUPPORT_FEEDBACK`].
pub const WHY: &str = "why";
/// Item code of "who is answering" in [`SUPPORT_FEEDBACK`].
pub const ANSWERED_BY: &str = "answered_by";

labelled_enum!(
    /// The answers to the overall question: the NHS Friends and Family Test's answer set.
    Rating {
        /// Very good (stored value 1).
        VeryGood = "very_good": "Very good",
        /// Good (stored value 2).
        Good = "good": "Good",
        /// Neither good nor poor (stored value 3).
        Neither = "neither": "Neither good nor poor",
        /// Poor (stored value 4).
        Poor = "poor": "Poor",
        /// Very poor (stored value 5).
        VeryPoor = "very_poor": "Very poor",
        /// Don't know (stored value 6): counted, but left out of the positive share's base.
        DontKnow = "dont_know": "Don't know",
    }
);

impl Rating {
    /// The answer stored as `value` (1 to 6 in the FFT order), if any.
    pub fn from_value(value: u8) -> Option<Self> {
        match value {
            1 => Some(Self::VeryGood),
            2 => Some(Self::Good),
            3 => Some(Self::Neither),
            4 => Some(Self::Poor),
            5 => Some(Self::VeryPoor),
            6 => Some(Self::DontKnow),
            _ => None,
        }
    }

    /// True for Very good and Good.
    pub fn is_positive(self) -> bool {
        matches!(self, Self::VeryGood | Self::Good)
    }
}

/// The overall question's answers, in the FFT's order; the values are codes, not scores.
pub static RATING_SCALE: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "Very good",
        },
        ResponseOption {
            value: 2,
            label: "Good",
        },
        ResponseOption {
            value: 3,
            label: "Neither good nor poor",
        },
        ResponseOption {
            value: 4,
            label: "Poor",
        },
        ResponseOption {
            value: 5,
            label: "Very poor",
        },
        ResponseOption {
            value: 6,
            label: "Don't know",
        },
    ],
};

labelled_enum!(
    /// Who answered the service user and carer feedback.
    AnsweredBy {
        /// The person who had the support (stored value 1).
        ServiceUser = "service_user": "The person who had the support",
        /// A carer of that person (stored value 2).
        Carer = "carer": "A carer, family member or friend of theirs",
        /// Someone helping that person to answer (stored value 3).
        Helper = "helper": "Someone helping them to answer",
    }
);

impl AnsweredBy {
    /// The answer stored as `value` (1 to 3), if any.
    pub fn from_value(value: u8) -> Option<Self> {
        match value {
            1 => Some(Self::ServiceUser),
            2 => Some(Self::Carer),
            3 => Some(Self::Helper),
            _ => None,
        }
    }
}

/// The answers to "who is answering?".
pub static ANSWERED_BY_CHOICES: ResponseScale = ResponseScale {
    options: &[
        ResponseOption {
            value: 1,
            label: "The person who had the support",
        },
        ResponseOption {
            value: 2,
            label: "A carer, family member or friend of theirs",
        },
        ResponseOption {
            value: 3,
            label: "Someone helping them to answer",
        },
    ],
};

/// Service user and carer feedback, version 1.
pub static SUPPORT_FEEDBACK: Instrument = Instrument {
    code: "support_feedback",
    version: 1,
    title: "Your feedback on our volunteers",
    instruction: "We would like to know what you thought of the support you had from our \
        volunteers. You can answer for yourself, or for someone you care for or are helping.",
    items: &[
        Item::scale(
            OVERALL,
            "Overall, how was your experience of the support you had from our volunteers?",
        ),
        Item::free_text(WHY, "What was good, or what could we do better?"),
        Item::choice(
            ANSWERED_BY,
            "Who is answering these questions?",
            &ANSWERED_BY_CHOICES,
        ),
    ],
    scale: &RATING_SCALE,
    licence: Licence::Original,
    citation: "Alongside service user and carer feedback, version 1 (Alongside's own wording; \
        answers as the NHS Friends and Family Test, NHS England, https://www.england.nhs.uk/fft/).",
};

/// One service user's or carer's feedback, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupportResponse {
    /// The overall answer, or `None` when skipped.
    pub rating: Option<Rating>,
    /// What was good or could be better, trimmed, or `None` when skipped.
    pub why: Option<String>,
    /// Who answered, or `None` when skipped.
    pub answered_by: Option<AnsweredBy>,
}

/// Reads one service user's or carer's feedback; an answer off its list or over-long text is
/// refused, naming the item.
pub fn support_response(answers: &Answers) -> Result<SupportResponse, FieldErrors> {
    SUPPORT_FEEDBACK.validate(answers)?;
    Ok(SupportResponse {
        rating: answers.get(OVERALL).and_then(Rating::from_value),
        why: answers.text(WHY).map(str::to_owned),
        answered_by: answers.get(ANSWERED_BY).and_then(AnsweredBy::from_value),
    })
}

/// The positive share as a fraction: Very good and Good answers out of all answers except
/// Don't know. Never built with a base of zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PositiveShare {
    /// Very good and Good answers.
    pub positive: u32,
    /// Very good, Good, Neither, Poor and Very poor answers; always at least 1.
    pub base: u32,
}

impl PositiveShare {
    /// The share as a percentage in exact hundredths (e.g. 8333 is 83.33%), rounded half up.
    pub fn percent(self) -> Hundredths {
        let numerator = u64::from(self.positive) * 10_000 * 2 + u64::from(self.base);
        let value = numerator / (2 * u64::from(self.base).max(1));
        Hundredths(u16::try_from(value).unwrap_or(10_000))
    }
}

/// How many responses gave each overall answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RatingTally {
    /// Very good.
    pub very_good: u32,
    /// Good.
    pub good: u32,
    /// Neither good nor poor.
    pub neither: u32,
    /// Poor.
    pub poor: u32,
    /// Very poor.
    pub very_poor: u32,
    /// Don't know.
    pub dont_know: u32,
    /// Responses with no overall answer (skipped, or a value off the list).
    pub unanswered: u32,
}

impl RatingTally {
    /// The number of responses giving `rating`.
    pub fn count(&self, rating: Rating) -> u32 {
        match rating {
            Rating::VeryGood => self.very_good,
            Rating::Good => self.good,
            Rating::Neither => self.neither,
            Rating::Poor => self.poor,
            Rating::VeryPoor => self.very_poor,
            Rating::DontKnow => self.dont_know,
        }
    }

    /// The FFT-style headline: Very good and Good out of every answer except Don't know (and
    /// unanswered), or `None` when no response gave one of the first five answers. The counts
    /// are all public, so a share with Don't know in the base can be worked out from them too.
    pub fn positive_share(&self) -> Option<PositiveShare> {
        let positive = self.very_good + self.good;
        let base = positive + self.neither + self.poor + self.very_poor;
        (base > 0).then_some(PositiveShare { positive, base })
    }

    fn add(&mut self, rating: Option<Rating>) {
        let slot = match rating {
            Some(Rating::VeryGood) => &mut self.very_good,
            Some(Rating::Good) => &mut self.good,
            Some(Rating::Neither) => &mut self.neither,
            Some(Rating::Poor) => &mut self.poor,
            Some(Rating::VeryPoor) => &mut self.very_poor,
            Some(Rating::DontKnow) => &mut self.dont_know,
            None => &mut self.unanswered,
        };
        *slot = slot.saturating_add(1);
    }
}

/// Counts the overall answers across `responses` (each one person's [`SUPPORT_FEEDBACK`]
/// answers). Validate responses when they are saved; here a value off the list counts as
/// unanswered.
pub fn tally(responses: &[Answers]) -> RatingTally {
    let mut tally = RatingTally::default();
    for answers in responses {
        tally.add(answers.get(OVERALL).and_then(Rating::from_value));
    }
    tally
}

/// Item code of the agreement statement in [`STAFF_FEEDBACK`].
pub const DIFFERENCE: &str = "difference";
/// Item code of the free-text story in [`STAFF_FEEDBACK`].
pub const STORY: &str = "story";
/// Item code of the staff member's ward, team or area in [`STAFF_FEEDBACK`].
pub const AREA: &str = "area";

/// Staff feedback on volunteers, version 1.
pub static STAFF_FEEDBACK: Instrument = Instrument {
    code: "staff_feedback",
    version: 1,
    title: "Volunteers on your ward or team",
    instruction: "We would like to know whether our volunteers help you and the people you \
        care for. Your ward or team is optional.",
    items: &[
        Item::scale(
            DIFFERENCE,
            "Volunteers make a difference on my ward or team.",
        ),
        Item::free_text(
            STORY,
            "Tell us about a difference volunteers made, or what would help them help more.",
        ),
        Item::free_text(AREA, "Which ward, team or area do you work in? (optional)"),
    ],
    scale: &super::experience::SCALE,
    licence: Licence::Original,
    citation: "Alongside staff feedback on volunteers, version 1 (Alongside's own wording).",
};

/// One staff member's feedback, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffResponse {
    /// Agreement that volunteers make a difference, 1 (strongly disagree) to 5 (strongly
    /// agree), or `None` when skipped.
    pub difference: Option<u8>,
    /// The difference volunteers made or what would help, trimmed, or `None` when skipped.
    pub story: Option<String>,
    /// The ward, team or area, trimmed, or `None` when not given.
    pub area: Option<String>,
}

/// Reads one staff member's feedback; an answer off the 1–5 scale or over-long text is refused,
/// naming the item.
pub fn staff_response(answers: &Answers) -> Result<StaffResponse, FieldErrors> {
    STAFF_FEEDBACK.validate(answers)?;
    Ok(StaffResponse {
        difference: answers.get(DIFFERENCE),
        story: answers.text(STORY).map(str::to_owned),
        area: answers.text(AREA).map(str::to_owned),
    })
}
