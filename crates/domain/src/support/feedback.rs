//! Feedback from a service user, or their carer, about the support they have: the FFT-style
//! question from the quality issue (same answers, our own wording), who answered, and what was
//! good or could be better. Unlike the anonymous feedback links, it belongs to the person, so
//! their record shows it over time; they give it by their own link, or staff record it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::{OrganisationId, PersonId, SupportFeedbackId, SupportedPersonId};
use crate::instruments::feedback::{AnsweredBy, Rating};
use crate::{FieldErrors, Labelled};

/// One piece of feedback about someone's support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SupportFeedback {
    /// Identifier.
    pub id: SupportFeedbackId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Whose support it is about.
    pub supported_person_id: SupportedPersonId,
    /// The overall answer.
    pub rating: Rating,
    /// Who answered.
    pub answered_by: AnsweredBy,
    /// What was good, or could be better.
    pub comment: String,
    /// The member of staff who recorded it; none when given through the person's link.
    pub recorded_by: Option<PersonId>,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Feedback as typed in.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct SupportFeedbackInput {
    /// `very_good` … `dont_know`.
    pub rating: String,
    /// `service_user`, `carer` or `helper`.
    pub answered_by: String,
    /// Optional words.
    pub comment: String,
}

impl SupportFeedbackInput {
    /// Checks the input: an answer, who gave it, and at most 2,000 characters of comment.
    pub fn parse(&self) -> Result<(Rating, AnsweredBy, String), FieldErrors> {
        let mut e = FieldErrors::new();
        let rating = Rating::from_code(self.rating.trim());
        if rating.is_none() {
            e.add("rating", "Choose how good the support has been");
        }
        let answered_by = AnsweredBy::from_code(self.answered_by.trim());
        if answered_by.is_none() {
            e.add("answered_by", "Choose who is answering");
        }
        let comment = e.optional_text("comment", "comment", &self.comment, 2000);
        e.finish(|| Some((rating?, answered_by?, comment)))
    }
}
