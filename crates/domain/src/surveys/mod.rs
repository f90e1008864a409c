//! Survey waves: which instruments an organisation asks its volunteers, on which occasions of
//! their time with it, and whether anonymously ([`SurveyPlan`]); the invitations sent
//! ([`SurveyInvitation`]); the answers kept ([`SurveyResponse`]); and the licences recorded for
//! instruments that need one ([`InstrumentLicence`]).

mod answering;
mod feedback_link;
mod invitation;
mod licence;
mod plan;
mod response;
mod summary;

#[cfg(test)]
mod tests;

pub use answering::{answers_from_form, field_name};
pub use feedback_link::{FeedbackLink, FeedbackLinkInput};
pub use invitation::{LATE_START_DAYS, SurveyInvitation, due_on, pulse_sampled};
pub use licence::{InstrumentLicence, LicenceInput};
pub use plan::{SurveyPlan, SurveyPlanInput, instruments_from_codes, instruments_to_codes};
pub use response::{Respondent, SurveyResponse};
pub use summary::{PlainLine, plain_summary};

use crate::labelled_enum;

labelled_enum!(
    /// When in a volunteer's time with an organisation a survey is sent.
    Occasion {
        /// When they become active: the baseline later answers are compared with.
        Baseline = "baseline": "On starting",
        /// Three months after starting.
        ThreeMonths = "three_months": "After 3 months",
        /// Six months after starting.
        SixMonths = "six_months": "After 6 months",
        /// Twelve months after starting.
        TwelveMonths = "twelve_months": "After 12 months",
        /// A short survey after a sample of the shifts they attend.
        Pulse = "pulse": "After a shift",
        /// When they leave.
        Exit = "exit": "On leaving",
        /// Feedback on volunteers from service users, carers or staff, by a shared link.
        Feedback = "feedback": "Feedback on volunteers",
    }
);

impl Occasion {
    /// How many months after becoming active this occasion falls, for the occasions timed from
    /// the start (the baseline is month 0); `None` for pulse and exit surveys.
    pub fn months_after_start(self) -> Option<u32> {
        match self {
            Self::Baseline => Some(0),
            Self::ThreeMonths => Some(3),
            Self::SixMonths => Some(6),
            Self::TwelveMonths => Some(12),
            Self::Pulse | Self::Exit | Self::Feedback => None,
        }
    }

    /// The occasions a volunteer is surveyed on, each with a plan, in order.
    pub const PLANNED: [Self; 6] = [
        Self::Baseline,
        Self::ThreeMonths,
        Self::SixMonths,
        Self::TwelveMonths,
        Self::Pulse,
        Self::Exit,
    ];

    /// The follow-up occasions, in order.
    pub const FOLLOW_UPS: [Self; 3] = [Self::ThreeMonths, Self::SixMonths, Self::TwelveMonths];
}
