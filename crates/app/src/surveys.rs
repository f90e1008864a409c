//! Surveys: each organisation's plan per occasion and the instrument licences it records
//! (managers), invitations scheduled and reminded by jobs (`schedule`), and answering by the
//! link in the email, with the volunteer's own wellbeing over time (`answer`).

mod answer;
mod schedule;

use std::collections::HashMap;

use domain::audit::AuditEntry;
use domain::ids::OrganisationId;
use domain::instruments::{self, Licence};
use domain::staff::Capability;
use domain::surveys::{InstrumentLicence, LicenceInput, Occasion, SurveyPlan, SurveyPlanInput};
use domain::{FieldErrors, Labelled};

pub use answer::{MyWellbeing, SurveyToAnswer, WellbeingEntry};
pub(crate) use schedule::{SURVEY_INVITE, SURVEY_REMINDER};

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// An organisation's survey settings: every occasion's plan, and its licences.
#[derive(Debug, Clone)]
pub struct SurveySettings {
    /// One plan per occasion, in occasion order (the default where none was saved).
    pub plans: Vec<SurveyPlan>,
    /// The licences recorded.
    pub licences: Vec<InstrumentLicence>,
}

impl SurveySettings {
    /// The codes of the licensed instruments.
    pub fn licensed(&self) -> Vec<&'static str> {
        self.licences.iter().map(|l| l.instrument).collect()
    }
}

impl App {
    /// Every occasion's plan for `org`, saved or default.
    pub(crate) async fn survey_plans_of(
        &self,
        org: OrganisationId,
    ) -> Result<HashMap<Occasion, SurveyPlan>, AppError> {
        let mut plans: HashMap<Occasion, SurveyPlan> = Occasion::PLANNED
            .iter()
            .map(|o| (*o, SurveyPlan::default_for(org, *o)))
            .collect();
        for saved in self.store.survey_plans(org).await? {
            plans.insert(saved.occasion, saved);
        }
        Ok(plans)
    }

    /// The organisation's survey settings.
    pub async fn survey_settings(&self, scope: &OrgScope) -> Result<SurveySettings, AppError> {
        scope.require(Capability::View)?;
        let org = scope.organisation_id();
        let mut plans = self.survey_plans_of(org).await?;
        Ok(SurveySettings {
            plans: Occasion::PLANNED
                .iter()
                .filter_map(|o| plans.remove(o))
                .collect(),
            licences: self.store.instrument_licences(org).await?,
        })
    }

    /// The organisation's identified responses answered in `[from, to]`, for its own analysis.
    /// Anonymous responses are left out: they are only ever reported in totals of five or
    /// more, never one by one.
    pub async fn identified_survey_responses(
        &self,
        scope: &OrgScope,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<domain::surveys::SurveyResponse>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        Ok(self
            .store
            .survey_responses(scope.organisation_id(), from, to)
            .await?
            .into_iter()
            .filter(|r| r.person_id().is_some())
            .collect())
    }

    /// How many questionnaires were answered on each planned occasion over the last 12
    /// months (one per instrument, identified and anonymous alike), in occasion order: for the
    /// surveys page and its download.
    pub async fn survey_answer_counts(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<(Occasion, usize)>, AppError> {
        scope.require(Capability::View)?;
        let today = self.uk_today();
        let answered = self
            .store
            .survey_responses(
                scope.organisation_id(),
                today - chrono::Days::new(364),
                today,
            )
            .await?;
        Ok(Occasion::PLANNED
            .iter()
            .map(|o| (*o, answered.iter().filter(|r| r.occasion == *o).count()))
            .collect())
    }

    /// Saves the plan for one occasion.
    pub async fn save_survey_plan(
        &self,
        scope: &OrgScope,
        occasion: Occasion,
        input: &SurveyPlanInput,
    ) -> Result<SurveyPlan, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        if !Occasion::PLANNED.contains(&occasion) {
            return Err(AppError::NotFound);
        }
        let org = scope.organisation_id();
        let licences = self.store.instrument_licences(org).await?;
        let licensed: Vec<&str> = licences.iter().map(|l| l.instrument).collect();
        let plan = input.parse(org, occasion, &licensed)?;
        self.store
            .apply(vec![
                Write::PutSurveyPlan(plan.clone()),
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "survey_plan.saved",
                        "organisation",
                        org.0,
                        self.clock.now(),
                    )
                    .with_detail(occasion.code().to_owned()),
                ),
            ])
            .await?;
        Ok(plan)
    }

    /// Records that the organisation has registered to use an instrument that needs a licence,
    /// which lets its plans include it.
    pub async fn record_instrument_licence(
        &self,
        scope: &OrgScope,
        instrument: &str,
        input: &LicenceInput,
    ) -> Result<InstrumentLicence, AppError> {
        scope.require(Capability::Administer)?;
        let found = instruments::ALL
            .iter()
            .copied()
            .find(|i| {
                i.code == instrument && matches!(i.licence, Licence::RegistrationRequired { .. })
            })
            .ok_or_else(|| {
                FieldErrors::one("instrument", "Choose a questionnaire that needs a licence")
            })?;
        let (registered_on, reference) = input.parse(found, self.uk_today())?;
        let org = scope.organisation_id();
        let licence = InstrumentLicence {
            organisation_id: org,
            instrument: found.code,
            registered_on,
            reference,
            recorded_by: self.actor_name(scope.actor()).await?,
            recorded_at: self.clock.now(),
        };
        self.store
            .apply(vec![
                Write::PutInstrumentLicence(licence.clone()),
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "instrument_licence.recorded",
                        "organisation",
                        org.0,
                        licence.recorded_at,
                    )
                    .with_detail(found.code.to_owned()),
                ),
            ])
            .await?;
        Ok(licence)
    }
}
