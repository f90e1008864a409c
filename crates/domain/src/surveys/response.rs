//! Responses: one person's answers to one instrument on one occasion. An anonymous response
//! keeps no person, no invitation, only the month it was given, and an identifier with no time
//! in it, so nothing stored joins it back to who gave it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use uuid::Uuid;

use super::{Occasion, SurveyInvitation};
use crate::ids::{OrganisationId, PersonId, RoleId, SiteId, SurveyResponseId};
use crate::instruments::{Answers, Instrument};

/// Who gave a response, as far as it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "person_id")]
pub enum Respondent {
    /// Kept with the person, so their answers can be compared over time.
    Identified(PersonId),
    /// Kept with no link to anyone.
    Anonymous,
}

/// One set of answers to one instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyResponse {
    /// Identifier (random, with no time in it, when anonymous).
    pub id: SurveyResponseId,
    /// The organisation that asked.
    pub organisation_id: OrganisationId,
    /// The occasion.
    pub occasion: Occasion,
    /// The instrument and version answered.
    pub instrument: &'static Instrument,
    /// Who answered, if identified.
    pub respondent: Respondent,
    /// The role reported under, if any.
    pub role_id: Option<RoleId>,
    /// The site reported under, if any.
    pub site_id: Option<SiteId>,
    /// The day answered; for anonymous answers, the first day of the month.
    pub answered_on: NaiveDate,
    /// The item-level answers.
    pub answers: Answers,
}

impl SurveyResponse {
    /// The response to `instrument` given through `invitation` on `today`.
    pub fn new(
        invitation: &SurveyInvitation,
        instrument: &'static Instrument,
        answers: Answers,
        today: NaiveDate,
    ) -> Self {
        let (id, respondent, answered_on) = if invitation.anonymous {
            (
                SurveyResponseId(Uuid::new_v4()),
                Respondent::Anonymous,
                today.with_day(1).unwrap_or(today),
            )
        } else {
            (
                SurveyResponseId::new(),
                Respondent::Identified(invitation.person_id),
                today,
            )
        };
        Self {
            id,
            organisation_id: invitation.organisation_id,
            occasion: invitation.occasion,
            instrument,
            respondent,
            role_id: invitation.role_id,
            site_id: invitation.site_id,
            answered_on,
            answers,
        }
    }

    /// Feedback given through `link` on `today`: always anonymous, dated only by its month.
    pub fn feedback(link: &super::FeedbackLink, answers: Answers, today: NaiveDate) -> Self {
        Self {
            id: SurveyResponseId(Uuid::new_v4()),
            organisation_id: link.organisation_id,
            occasion: Occasion::Feedback,
            instrument: link.instrument,
            respondent: Respondent::Anonymous,
            role_id: link.role_id,
            site_id: None,
            answered_on: today.with_day(1).unwrap_or(today),
            answers,
        }
    }

    /// The person who answered, if the response is identified.
    pub fn person_id(&self) -> Option<PersonId> {
        match self.respondent {
            Respondent::Identified(p) => Some(p),
            Respondent::Anonymous => None,
        }
    }
}
