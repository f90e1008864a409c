//! Consents recorded on a form of their own: a manager writes down that a person agreed (or
//! declined) to something — what, on which day and how — and later, if they change their mind,
//! the withdrawal. The person can withdraw one they gave themselves. A consent is never deleted:
//! the register shows when it was given and when it was withdrawn.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::{ConsentId, OrganisationId, PersonId};
use crate::labelled_enum;
use crate::{FieldErrors, Labelled};

/// The longest purpose.
pub const PURPOSE_MAX: usize = 200;
/// The longest note.
pub const NOTE_MAX: usize = 1_000;

labelled_enum!(
    /// How someone gave (or declined) their consent.
    ConsentWay {
        /// Signed a form.
        Written = "written": "In writing",
        /// Said so, in person or on the phone.
        Verbal = "verbal": "Verbally",
        /// Agreed online (an email, a form).
        Online = "online": "Online",
    }
);

/// A consent recorded for a person by an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedConsent {
    /// Identifier.
    pub id: ConsentId,
    /// The organisation it was given to.
    pub organisation_id: OrganisationId,
    /// Whose.
    pub person_id: PersonId,
    /// What it is for, in the manager's words ("Photos in the newsletter").
    pub purpose: String,
    /// The day they agreed; `None` when they declined (recorded as withdrawn from the start).
    pub given_on: Option<NaiveDate>,
    /// How they gave or declined it.
    pub way: ConsentWay,
    /// A note (optional).
    pub note: String,
    /// The day it was withdrawn (or declined), if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// Who recorded the withdrawal, by name (the person themselves, or staff).
    pub withdrawn_by: String,
    /// Who recorded it, by name.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

impl RecordedConsent {
    /// Whether it stands now (given and not withdrawn).
    pub fn in_force(&self) -> bool {
        self.given_on.is_some() && self.withdrawn_on.is_none()
    }
}

/// A consent as typed into the form or an API request.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConsentInput {
    /// What it is for.
    pub purpose: String,
    /// `given` or `withdrawn`.
    pub state: String,
    /// The day (ISO or as the date fields accept).
    pub on: String,
    /// `written`, `verbal` or `online`.
    pub way: String,
    /// A note.
    pub note: String,
}

impl ConsentInput {
    /// Checks the input (the day no later than `today`) into a consent recorded by `by` at
    /// `now`. Errors name `purpose`, `state`, `on`, `way` and `note`.
    pub fn parse(
        &self,
        organisation_id: OrganisationId,
        person_id: PersonId,
        (by, today, now): (&str, NaiveDate, DateTime<Utc>),
    ) -> Result<RecordedConsent, FieldErrors> {
        let mut errors = FieldErrors::new();
        let purpose = errors.text(
            "purpose",
            "what the consent is for",
            &self.purpose,
            PURPOSE_MAX,
        );
        let given = match self.state.trim() {
            "given" => Some(true),
            "withdrawn" => Some(false),
            _ => {
                errors.add(
                    "state",
                    "Select whether they gave or withdrew their consent",
                );
                None
            }
        };
        let on = errors.date("on", "the day", &self.on);
        if on.is_some_and(|d| d > today) {
            errors.add("on", "The day must be today or in the past");
        }
        let way = ConsentWay::from_code(self.way.trim());
        if way.is_none() {
            errors.add("way", "Select how they gave it");
        }
        let note = errors.optional_text("note", "the note", &self.note, NOTE_MAX);
        errors.finish(|| {
            let (given, on, way) = (given?, on?, way?);
            Some(RecordedConsent {
                id: ConsentId::new(),
                organisation_id,
                person_id,
                purpose: purpose?,
                given_on: given.then_some(on),
                way,
                note,
                withdrawn_on: (!given).then_some(on),
                withdrawn_by: if given { String::new() } else { by.to_owned() },
                recorded_by: by.to_owned(),
                recorded_at: now,
            })
        })
    }
}

/// Checks a withdrawal of `consent` on the day typed (blank: `today`): it must stand now, and
/// the day be neither before it was given nor in the future. Errors name `on`.
pub fn withdrawal_day(
    consent: &RecordedConsent,
    on: &str,
    today: NaiveDate,
) -> Result<NaiveDate, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !consent.in_force() {
        errors.add("on", "This consent has already been withdrawn");
        return Err(errors);
    }
    let day = if on.trim().is_empty() {
        Some(today)
    } else {
        errors.optional_date("on", on)
    };
    if let Some(day) = day {
        if day > today {
            errors.add("on", "The day must be today or in the past");
        } else if consent.given_on.is_some_and(|g| day < g) {
            errors.add("on", "The day must not be before the consent was given");
        }
    }
    errors.finish(|| day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn input(state: &str, on: &str) -> ConsentInput {
        ConsentInput {
            purpose: "Photos in the newsletter".into(),
            state: state.into(),
            on: on.into(),
            way: "written".into(),
            note: String::new(),
        }
    }

    fn parse(i: &ConsentInput) -> Result<RecordedConsent, FieldErrors> {
        let now = day(10).and_hms_opt(9, 0, 0).unwrap().and_utc();
        i.parse(
            OrganisationId::new(),
            PersonId::new(),
            ("Mo Manager", day(10), now),
        )
    }

    #[test]
    fn a_consent_given_stands_until_withdrawn_on_a_day_after_it() {
        let c = parse(&input("given", "2027-03-05")).unwrap();
        assert!(c.in_force());
        assert_eq!(c.given_on, Some(day(5)));
        assert_eq!(withdrawal_day(&c, "", day(10)), Ok(day(10)));
        assert_eq!(withdrawal_day(&c, "2027-03-07", day(10)), Ok(day(7)));
        let before = withdrawal_day(&c, "2027-03-04", day(10)).unwrap_err();
        assert!(before.get("on").unwrap().contains("before"));
        let future = withdrawal_day(&c, "2027-03-11", day(10)).unwrap_err();
        assert!(future.get("on").unwrap().contains("past"));
    }

    #[test]
    fn a_consent_declined_is_recorded_withdrawn_and_cannot_be_withdrawn_again() {
        let c = parse(&input("withdrawn", "2027-03-05")).unwrap();
        assert!(!c.in_force());
        assert_eq!((c.given_on, c.withdrawn_on), (None, Some(day(5))));
        assert_eq!(c.withdrawn_by, "Mo Manager");
        assert!(withdrawal_day(&c, "", day(10)).is_err());
    }

    #[test]
    fn every_field_is_checked_and_named() {
        let errors = parse(&ConsentInput {
            purpose: " ".into(),
            state: "maybe".into(),
            on: "2027-03-11".into(),
            way: "telepathy".into(),
            note: "x".repeat(NOTE_MAX + 1),
        })
        .unwrap_err();
        for field in ["purpose", "state", "on", "way", "note"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
    }
}
