//! Feedback links: one shareable link (for a poster or card on a ward, or a message to a
//! service user) by which service users, carers or staff give feedback on volunteers, as many
//! times as people use it. Every answer is anonymous. The link's token is kept as it is, not
//! hashed: it is meant to be printed and shared, and only lets people give feedback.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{FeedbackLinkId, OrganisationId, RoleId};
use crate::instruments::{Instrument, feedback};

/// A link for giving feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackLink {
    /// Identifier.
    pub id: FeedbackLinkId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Service user and carer feedback, or staff feedback.
    pub instrument: &'static Instrument,
    /// The role whose volunteers it is about, if one.
    pub role_id: Option<RoleId>,
    /// The name managers know it by, e.g. "Ward 7 mealtimes".
    pub label: String,
    /// The token in its address.
    pub token: String,
    /// Whether it takes feedback (a link can be stopped and started again).
    pub active: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// A new link as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct FeedbackLinkInput {
    /// `support_feedback` (service users and carers) or `staff_feedback`.
    pub instrument: String,
    /// What managers call it.
    pub label: String,
}

impl FeedbackLinkInput {
    /// Checks the input: a feedback instrument and a name.
    pub fn parse(&self) -> Result<(&'static Instrument, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let instrument = match self.instrument.trim() {
            "support_feedback" => Some(&feedback::SUPPORT_FEEDBACK),
            "staff_feedback" => Some(&feedback::STAFF_FEEDBACK),
            _ => {
                errors.add(
                    "instrument",
                    "Choose whether the feedback is from service users and carers, or from staff",
                );
                None
            }
        };
        let label = errors.text("label", "a name for the link", &self.label, 120);
        errors.finish(|| Some((instrument?, label?)))
    }
}
