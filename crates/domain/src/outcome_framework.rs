//! Outcome frameworks: for each role, the indicators its volunteers contribute to (patients
//! supported at mealtimes, discharges supported, calls made…) with their units, and the activity
//! logged against them after a shift. An indicator with minutes per task also counts staff time
//! released (tasks × minutes each).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{ActivityRecordId, OrganisationId, OutcomeIndicatorId, PersonId, RoleId};

const MAX_MINUTES_EACH: u16 = 480;
/// The most that can be logged against one indicator at once.
pub const MAX_QUANTITY: u32 = 1_000;
const MAX_BACKDATE_DAYS: i64 = 90;

/// One indicator of a role's outcome framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeIndicator {
    /// Identifier.
    pub id: OutcomeIndicatorId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The role that contributes to it.
    pub role_id: RoleId,
    /// What is counted, e.g. "Patients supported at mealtimes".
    pub name: String,
    /// The unit of one count, e.g. "patients".
    pub unit: String,
    /// Minutes of staff time each one releases, when it counts staff time released.
    pub minutes_each: Option<u16>,
    /// Retired indicators keep their history but take no new activity.
    pub retired: bool,
}

/// An indicator as typed into the form or sent to the API.
#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    /// What is counted.
    pub name: String,
    /// The unit.
    pub unit: String,
    /// Minutes of staff time each one releases (blank when not counted).
    pub minutes_each: String,
}

impl IndicatorInput {
    /// Checks the input, for a new indicator of `role`.
    pub fn parse(
        &self,
        organisation_id: OrganisationId,
        role_id: RoleId,
    ) -> Result<OutcomeIndicator, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.text("name", "what is counted", &self.name, 120);
        let unit = errors.text("unit", "the unit", &self.unit, 40);
        let minutes = self.minutes_each.trim();
        let minutes_each = if minutes.is_empty() {
            Some(None)
        } else {
            match minutes.parse::<u16>() {
                Ok(m) if (1..=MAX_MINUTES_EACH).contains(&m) => Some(Some(m)),
                _ => {
                    errors.add(
                        "minutes_each",
                        format!(
                            "Minutes of staff time each must be a whole number from 1 to \
                             {MAX_MINUTES_EACH}, or left blank"
                        ),
                    );
                    None
                }
            }
        };
        errors.finish(|| {
            Some(OutcomeIndicator {
                id: OutcomeIndicatorId::new(),
                organisation_id,
                role_id,
                name: name?,
                unit: unit?,
                minutes_each: minutes_each?,
                retired: false,
            })
        })
    }
}

/// Activity logged against one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRecord {
    /// Identifier.
    pub id: ActivityRecordId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The indicator.
    pub indicator_id: OutcomeIndicatorId,
    /// The volunteer whose activity it was.
    pub person_id: PersonId,
    /// Who logged it, by name (the volunteer, or staff on their behalf).
    pub logged_by: String,
    /// The day it was done.
    pub done_on: NaiveDate,
    /// How many (in the indicator's unit).
    pub quantity: u32,
    /// A short note.
    pub note: String,
    /// When it was logged.
    pub logged_at: DateTime<Utc>,
}

impl ActivityRecord {
    /// Staff minutes this activity released, when the indicator counts them.
    pub fn minutes_released(&self, indicator: &OutcomeIndicator) -> u64 {
        indicator
            .minutes_each
            .map_or(0, |m| u64::from(m) * u64::from(self.quantity))
    }
}

/// Activity as typed on the phone form or sent to the API.
#[derive(Debug, Clone, Default)]
pub struct ActivityInput {
    /// How many, as typed.
    pub quantity: String,
    /// The day, as `YYYY-MM-DD` (blank for today).
    pub done_on: String,
    /// A short note.
    pub note: String,
}

impl ActivityInput {
    /// Checks the input against `indicator` on `today`: a whole number from 1 to
    /// [`MAX_QUANTITY`], a day neither in the future nor more than 90 days ago.
    pub fn parse(
        &self,
        indicator: &OutcomeIndicator,
        today: NaiveDate,
    ) -> Result<(u32, NaiveDate, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        if indicator.retired {
            errors.add(
                "indicator",
                format!("\u{201c}{}\u{201d} is no longer counted", indicator.name),
            );
        }
        let quantity = match self.quantity.trim().parse::<u32>() {
            Ok(q) if (1..=MAX_QUANTITY).contains(&q) => Some(q),
            _ => {
                errors.add(
                    "quantity",
                    format!(
                        "Enter how many {} as a whole number from 1 to {MAX_QUANTITY}",
                        indicator.unit
                    ),
                );
                None
            }
        };
        let day = self.done_on.trim();
        let done_on = if day.is_empty() {
            Some(today)
        } else {
            match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    errors.add("done_on", "The day cannot be in the future");
                    None
                }
                Ok(d) if (today - d).num_days() > MAX_BACKDATE_DAYS => {
                    errors.add(
                        "done_on",
                        "Activity can be logged up to 90 days afterwards; ask your manager about older activity",
                    );
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    errors.add("done_on", "Enter the day, for example 2026-11-28");
                    None
                }
            }
        };
        let note = errors.optional_text("note", "the note", &self.note, 500);
        errors.finish(|| Some((quantity?, done_on?, note)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(minutes: &str) -> OutcomeIndicator {
        IndicatorInput {
            name: "Patients helped at mealtimes".into(),
            unit: "patients".into(),
            minutes_each: minutes.into(),
        }
        .parse(OrganisationId::new(), RoleId::new())
        .unwrap()
    }

    #[test]
    fn staff_time_released_is_tasks_times_minutes_each() {
        let ind = indicator("15");
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let (quantity, done_on, _) = ActivityInput {
            quantity: "6".into(),
            ..Default::default()
        }
        .parse(&ind, today)
        .unwrap();
        assert_eq!(done_on, today);
        let record = ActivityRecord {
            id: ActivityRecordId::new(),
            organisation_id: ind.organisation_id,
            indicator_id: ind.id,
            person_id: PersonId::new(),
            logged_by: "Ann".into(),
            done_on,
            quantity,
            note: String::new(),
            logged_at: Utc::now(),
        };
        assert_eq!(record.minutes_released(&ind), 90);
        assert_eq!(record.minutes_released(&indicator("")), 0);
    }

    #[test]
    fn bad_activity_names_each_field() {
        let mut ind = indicator("");
        ind.retired = true;
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let errors = ActivityInput {
            quantity: "0".into(),
            done_on: "2026-11-29".into(),
            note: String::new(),
        }
        .parse(&ind, today)
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["indicator", "quantity", "done_on"]);
        let old = ActivityInput {
            quantity: "1".into(),
            done_on: "2026-08-01".into(),
            note: String::new(),
        };
        ind.retired = false;
        assert_eq!(old.parse(&ind, today).unwrap_err().0[0].field, "done_on");
    }

    #[test]
    fn indicators_need_a_name_and_unit_and_sensible_minutes() {
        let errors = IndicatorInput {
            name: " ".into(),
            unit: String::new(),
            minutes_each: "600".into(),
        }
        .parse(OrganisationId::new(), RoleId::new())
        .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "unit", "minutes_each"]);
    }
}
