//! Feedback on volunteers for the report: the FFT-style positive share from service users and
//! carers (Don't know outside the base), and how many staff agree volunteers make a difference;
//! each withheld when fewer than five answered.

use domain::instruments::feedback::{
    DIFFERENCE, PositiveShare, RatingTally, STAFF_FEEDBACK, SUPPORT_FEEDBACK, tally,
};
use domain::outcomes::Figure;
use domain::surveys::SurveyResponse;

/// Service users' and carers' overall answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SupportFeedback {
    /// How many gave each answer.
    pub tally: RatingTally,
    /// Very good and good out of all answers but Don't know.
    pub positive: PositiveShare,
}

/// Staff answers to "volunteers make a difference on my ward or team".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StaffFeedback {
    /// How many answered.
    pub answered: usize,
    /// The share agreeing or strongly agreeing.
    pub agreeing: f64,
}

/// Feedback in the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeedbackFigures {
    /// From service users and carers.
    pub support: Figure<SupportFeedback>,
    /// From staff.
    pub staff: Figure<StaffFeedback>,
}

/// The figures from `responses` (those in the period).
pub(super) fn feedback_figures(responses: &[&SurveyResponse]) -> FeedbackFigures {
    let support: Vec<_> = responses
        .iter()
        .filter(|r| r.instrument.code == SUPPORT_FEEDBACK.code)
        .map(|r| r.answers.clone())
        .collect();
    let counted = tally(&support);
    let support = match counted.positive_share() {
        Some(positive) => Figure::from_group(positive.base as usize, || SupportFeedback {
            tally: counted,
            positive,
        }),
        None => Figure::Suppressed { n: 0 },
    };
    let staff: Vec<u8> = responses
        .iter()
        .filter(|r| r.instrument.code == STAFF_FEEDBACK.code)
        .filter_map(|r| r.answers.get(DIFFERENCE))
        .collect();
    let staff = Figure::from_group(staff.len(), || StaffFeedback {
        answered: staff.len(),
        agreeing: staff.iter().filter(|v| **v >= 4).count() as f64 / staff.len() as f64,
    });
    FeedbackFigures { support, staff }
}
