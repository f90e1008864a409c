//! Licences an organisation records before using an instrument whose copyright holders require
//! registration (SWEMWBS): the instrument stays switched off until one is recorded.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::OrganisationId;
use crate::instruments::{Instrument, Licence};

/// An organisation's record that it has registered to use an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstrumentLicence {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The instrument's code.
    pub instrument: &'static str,
    /// When the organisation registered with the copyright holders.
    pub registered_on: NaiveDate,
    /// The registration's reference, as the holders gave it (may be empty).
    pub reference: String,
    /// Who recorded it, by name.
    pub recorded_by: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A licence as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct LicenceInput {
    /// The registration date, as `YYYY-MM-DD`.
    pub registered_on: String,
    /// The registration's reference.
    pub reference: String,
    /// Ticked to confirm the organisation has registered.
    pub confirmed: bool,
}

impl LicenceInput {
    /// Checks the input for `instrument`: it must be one that needs registration, the date must
    /// be a real date no later than `today`, and the person must confirm it.
    pub fn parse(
        &self,
        instrument: &'static Instrument,
        today: NaiveDate,
    ) -> Result<(NaiveDate, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        if !matches!(instrument.licence, Licence::RegistrationRequired { .. }) {
            errors.add(
                "instrument",
                format!("{} needs no licence to be recorded", instrument.title),
            );
        }
        let date = match NaiveDate::parse_from_str(self.registered_on.trim(), "%Y-%m-%d") {
            Ok(d) if d > today => {
                errors.add(
                    "registered_on",
                    "The registration date must be today or in the past",
                );
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                errors.add(
                    "registered_on",
                    "Enter the date you registered, for example 2026-03-05",
                );
                None
            }
        };
        let reference = errors.optional_text("reference", "the reference", &self.reference, 200);
        if !self.confirmed {
            errors.add(
                "confirmed",
                "Confirm that your organisation has registered to use this questionnaire",
            );
        }
        errors.finish(|| date.map(|d| (d, reference)))
    }
}
