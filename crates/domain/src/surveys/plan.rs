//! An organisation's plan for one survey occasion: whether it is sent, which instruments it
//! asks, whether answers are anonymous, and when it reminds and closes.

use serde::Serialize;

use super::Occasion;
use crate::FieldErrors;
use crate::ids::OrganisationId;
use crate::instruments::{self, Instrument, Licence};

/// The instruments a volunteer can be asked (the feedback instruments are for service users,
/// carers and staff).
const FOR_VOLUNTEERS: [&str; 6] = [
    "ons4",
    "swemwbs",
    "brs",
    "ucla3",
    "ons_lonely",
    "experience",
];
const WELLBEING: [&str; 4] = ["ons4", "brs", "ucla3", "ons_lonely"];
const MAX_CLOSE_DAYS: u16 = 60;
const MAX_ONE_IN: u16 = 100;

/// What is sent on one occasion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyPlan {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The occasion.
    pub occasion: Occasion,
    /// Whether invitations are sent at all.
    pub enabled: bool,
    /// The instruments asked, in order.
    pub instruments: Vec<&'static Instrument>,
    /// Whether answers are kept with no link to the person.
    pub anonymous: bool,
    /// Days after sending that the link stops working.
    pub close_after_days: u16,
    /// Days after sending that one reminder goes to those who have not answered (0: none).
    pub remind_after_days: u16,
    /// For pulse surveys: one attended shift in this many is followed by a survey.
    pub pulse_one_in: u16,
}

impl SurveyPlan {
    /// The plan an organisation has until it changes it: wellbeing identified (so baseline and
    /// follow-ups can be paired), experience at follow-ups, and anonymous pulse and exit surveys.
    pub fn default_for(organisation_id: OrganisationId, occasion: Occasion) -> Self {
        let codes: &[&str] = match occasion {
            Occasion::Baseline => &WELLBEING,
            Occasion::ThreeMonths | Occasion::SixMonths | Occasion::TwelveMonths => {
                &["ons4", "brs", "ucla3", "ons_lonely", "experience"]
            }
            Occasion::Pulse | Occasion::Exit => &["experience"],
            Occasion::Feedback => &[],
        };
        let quick = occasion == Occasion::Pulse;
        Self {
            organisation_id,
            occasion,
            enabled: occasion != Occasion::Feedback,
            instruments: codes.iter().filter_map(|c| latest(c)).collect(),
            anonymous: matches!(occasion, Occasion::Pulse | Occasion::Exit),
            close_after_days: if quick { 7 } else { 21 },
            remind_after_days: if quick { 0 } else { 7 },
            pulse_one_in: 10,
        }
    }

    /// Whether this plan asks `instrument`.
    pub fn asks(&self, code: &str) -> bool {
        self.instruments.iter().any(|i| i.code == code)
    }
}

/// The newest built-in version of the instrument `code`.
fn latest(code: &str) -> Option<&'static Instrument> {
    instruments::ALL
        .iter()
        .copied()
        .filter(|i| i.code == code)
        .max_by_key(|i| i.version)
}

/// Instruments as stored: `code@version`, comma-separated.
pub fn instruments_to_codes(list: &[&'static Instrument]) -> String {
    list.iter()
        .map(|i| format!("{}@{}", i.code, i.version))
        .collect::<Vec<_>>()
        .join(",")
}

/// The instruments named by [`instruments_to_codes`]; unknown names are left out.
pub fn instruments_from_codes(codes: &str) -> Vec<&'static Instrument> {
    codes
        .split(',')
        .filter_map(|c| {
            let (code, version) = c.trim().split_once('@')?;
            instruments::find(code, version.parse().ok()?)
        })
        .collect()
}

/// A plan as submitted by the form or the API.
#[derive(Debug, Clone, Default)]
pub struct SurveyPlanInput {
    /// Whether the occasion's survey is sent.
    pub enabled: bool,
    /// The codes of the instruments ticked.
    pub instruments: Vec<String>,
    /// Whether answers are anonymous.
    pub anonymous: bool,
    /// Days until the link closes.
    pub close_after_days: String,
    /// Days until the reminder (0 for none).
    pub remind_after_days: String,
    /// For pulse surveys, one shift in how many.
    pub pulse_one_in: String,
}

impl SurveyPlanInput {
    /// The form's starting values for `plan`.
    pub fn from_plan(plan: &SurveyPlan) -> Self {
        Self {
            enabled: plan.enabled,
            instruments: plan.instruments.iter().map(|i| i.code.to_owned()).collect(),
            anonymous: plan.anonymous,
            close_after_days: plan.close_after_days.to_string(),
            remind_after_days: plan.remind_after_days.to_string(),
            pulse_one_in: plan.pulse_one_in.to_string(),
        }
    }

    /// Checks the plan. `licensed` holds the codes of the instruments the organisation has
    /// recorded a licence for; an instrument that needs one cannot be chosen without it.
    pub fn parse(
        &self,
        organisation_id: OrganisationId,
        occasion: Occasion,
        licensed: &[&str],
    ) -> Result<SurveyPlan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut chosen = Vec::new();
        for code in FOR_VOLUNTEERS {
            if !self.instruments.iter().any(|c| c == code) {
                continue;
            }
            let Some(instrument) = latest(code) else {
                continue;
            };
            if matches!(instrument.licence, Licence::RegistrationRequired { .. })
                && !licensed.contains(&code)
            {
                errors.add(
                    "instruments",
                    format!(
                        "{} can only be chosen once your organisation has recorded its licence",
                        instrument.title
                    ),
                );
                continue;
            }
            chosen.push(instrument);
        }
        if let Some(unknown) = self
            .instruments
            .iter()
            .find(|c| !FOR_VOLUNTEERS.contains(&c.as_str()))
        {
            errors.add(
                "instruments",
                format!("{unknown} is not a questionnaire volunteers can be asked"),
            );
        }
        if self.enabled && chosen.is_empty() && errors.is_empty() {
            errors.add(
                "instruments",
                "Choose at least one questionnaire, or switch this survey off",
            );
        }
        let close = days(
            &mut errors,
            "close_after_days",
            "The days until the link closes",
            &self.close_after_days,
            1,
            MAX_CLOSE_DAYS,
        );
        let remind = days(
            &mut errors,
            "remind_after_days",
            "The days until the reminder",
            &self.remind_after_days,
            0,
            MAX_CLOSE_DAYS,
        );
        if let (Some(c), Some(r)) = (close, remind)
            && r >= c
        {
            errors.add(
                "remind_after_days",
                "The reminder must go before the link closes (or enter 0 for no reminder)",
            );
        }
        let one_in = if occasion == Occasion::Pulse {
            days(
                &mut errors,
                "pulse_one_in",
                "How often to ask after a shift",
                &self.pulse_one_in,
                1,
                MAX_ONE_IN,
            )
        } else {
            Some(10)
        };
        errors.finish(|| {
            Some(SurveyPlan {
                organisation_id,
                occasion,
                enabled: self.enabled,
                instruments: chosen,
                anonymous: self.anonymous,
                close_after_days: close?,
                remind_after_days: remind?,
                pulse_one_in: one_in?,
            })
        })
    }
}

fn days(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    min: u16,
    max: u16,
) -> Option<u16> {
    match value.trim().parse::<u16>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            errors.add(
                field,
                format!("{label} must be a whole number from {min} to {max}"),
            );
            None
        }
    }
}
