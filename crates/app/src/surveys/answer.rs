//! Answering a survey by the link in its email (no sign-in: the token is the key), and the
//! volunteer's own wellbeing answers over time.

use chrono::NaiveDate;
use domain::audit::{Actor, AuditEntry};
use domain::ids::PersonId;
use domain::instruments::{Instrument, Licence};
use domain::surveys::{
    PlainLine, SurveyInvitation, SurveyResponse, answers_from_form, plain_summary,
};

use crate::ports::Write;
use crate::{App, AppError, tokens};

/// A survey as its link opens it.
#[derive(Debug, Clone)]
pub struct SurveyToAnswer {
    /// The invitation.
    pub invitation: SurveyInvitation,
    /// The organisation asking, by name.
    pub organisation_name: String,
    /// Whether it can still be answered now.
    pub open: bool,
}

impl SurveyToAnswer {
    /// The copyright lines of the instruments asked that need one shown.
    pub fn copyright_lines(&self) -> Vec<&'static str> {
        copyright_lines(&self.invitation.instruments)
    }
}

fn copyright_lines(instruments: &[&'static Instrument]) -> Vec<&'static str> {
    instruments
        .iter()
        .filter_map(|i| match i.licence {
            Licence::RegistrationRequired { copyright_line } => Some(copyright_line),
            _ => None,
        })
        .collect()
}

/// One of the volunteer's own responses, in plain words.
#[derive(Debug, Clone)]
pub struct WellbeingEntry {
    /// The day answered.
    pub answered_on: NaiveDate,
    /// The organisation that asked, by name.
    pub organisation_name: String,
    /// The questionnaire's name.
    pub instrument_title: &'static str,
    /// What they said.
    pub lines: Vec<PlainLine>,
}

/// A volunteer's own wellbeing answers, oldest first.
#[derive(Debug, Clone, Default)]
pub struct MyWellbeing {
    /// Each response with something to show.
    pub entries: Vec<WellbeingEntry>,
    /// Copyright lines of the instruments shown that need one.
    pub copyright_lines: Vec<&'static str>,
}

impl App {
    /// The survey behind a link; not found for an unknown token.
    pub async fn survey_to_answer(&self, token: &str) -> Result<SurveyToAnswer, AppError> {
        let invitation = self
            .store
            .survey_invitation_by_token(&tokens::hash(token.trim()))
            .await?
            .ok_or(AppError::NotFound)?;
        let organisation_name = self
            .store
            .organisation(invitation.organisation_id)
            .await?
            .map(|o| o.name)
            .ok_or(AppError::NotFound)?;
        let open = invitation.is_open(self.clock.now());
        Ok(SurveyToAnswer {
            invitation,
            organisation_name,
            open,
        })
    }

    /// Records the answers given through a link, read from the form with `field`. The link
    /// then works no more. Anonymous answers are stored with no person and no time finer than
    /// the month, and nothing written here (audit included) names both the person and them.
    pub async fn answer_survey(
        &self,
        token: &str,
        field: impl Fn(&str) -> String,
    ) -> Result<SurveyToAnswer, AppError> {
        let survey = self.survey_to_answer(token).await?;
        let invitation = &survey.invitation;
        if invitation.answered {
            return Err(AppError::Conflict(
                "This survey has already been answered. Thank you.".into(),
            ));
        }
        if !survey.open {
            return Err(AppError::Conflict(
                "This survey has closed, so it can no longer be answered.".into(),
            ));
        }
        let answered = answers_from_form(&invitation.instruments, field)?;
        let today = self.uk_today();
        let org = invitation.organisation_id;
        let mut writes = vec![Write::AnswerSurveyInvitation(org, invitation.id)];
        for (instrument, answers) in answered {
            if answers.iter().any(|(_, v)| v.is_some()) || answers.texts().next().is_some() {
                writes.push(Write::InsertSurveyResponse(SurveyResponse::new(
                    invitation, instrument, answers, today,
                )));
            }
        }
        if !invitation.anonymous {
            writes.push(Write::Audit(AuditEntry::new(
                Some(org),
                Actor::Person(invitation.person_id),
                "survey.answered",
                "person",
                invitation.person_id.0,
                self.clock.now(),
            )));
        }
        self.store.apply(writes).await?;
        Ok(survey)
    }

    /// The volunteer's own wellbeing answers everywhere, in plain words (identified surveys
    /// only: anonymous answers cannot be found again, even by the person who gave them).
    pub async fn my_wellbeing(&self, person: PersonId) -> Result<MyWellbeing, AppError> {
        let responses = self.store.survey_responses_of_person(person).await?;
        let mut names = std::collections::HashMap::new();
        let mut out = MyWellbeing::default();
        let mut shown = Vec::new();
        for r in responses {
            let lines = plain_summary(&r);
            if lines.is_empty() {
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = names.entry(r.organisation_id) {
                let name = self.store.organisation(r.organisation_id).await?;
                e.insert(name.map(|o| o.name).unwrap_or_default());
            }
            if !shown.contains(&r.instrument) {
                shown.push(r.instrument);
            }
            out.entries.push(WellbeingEntry {
                answered_on: r.answered_on,
                organisation_name: names.get(&r.organisation_id).cloned().unwrap_or_default(),
                instrument_title: r.instrument.title,
                lines,
            });
        }
        out.copyright_lines = copyright_lines(&shown);
        Ok(out)
    }
}
