//! Contacts: each visit or call a volunteer makes, logged in a few taps.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::ids::{ContactId, MatchId, OrganisationId, PersonId, SupportedPersonId};
use crate::person::parse_date;
use crate::{FieldErrors, Labelled, labelled_enum};

labelled_enum!(
    /// How the contact happened.
    ContactKind {
        /// A visit in person.
        Visit = "visit": "Visit",
        /// A phone call.
        Call = "call": "Phone call",
        /// A video call.
        Video = "video": "Video call",
        /// Out together (shopping, an appointment).
        Outing = "outing": "Out together",
    }
);

/// A logged contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Identifier.
    pub id: ContactId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The match it belongs to.
    pub match_id: MatchId,
    /// The service user.
    pub supported_person_id: SupportedPersonId,
    /// The volunteer.
    pub volunteer_id: PersonId,
    /// The day.
    pub on: NaiveDate,
    /// How long, in minutes.
    pub minutes: u32,
    /// How.
    pub kind: ContactKind,
    /// A short note.
    pub note: String,
    /// Whether the volunteer had any concerns.
    pub concerns: bool,
    /// Who logged it.
    pub logged_by: PersonId,
    /// When.
    pub logged_at: DateTime<Utc>,
}

/// A contact as typed in.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ContactInput {
    /// The day (`YYYY-MM-DD`).
    pub on: String,
    /// Minutes.
    pub minutes: String,
    /// `visit`, `call`, `video` or `outing`.
    pub kind: String,
    /// A short note.
    pub note: String,
    /// `yes` if there were concerns.
    pub concerns: String,
}

/// A contact's checked fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFields {
    /// The day.
    pub on: NaiveDate,
    /// Minutes.
    pub minutes: u32,
    /// How.
    pub kind: ContactKind,
    /// Note.
    pub note: String,
    /// Any concerns.
    pub concerns: bool,
}

impl ContactInput {
    /// Checks the input: a day not in the future nor before the match started, 1 to 720
    /// minutes, a kind.
    pub fn parse(
        &self,
        started: NaiveDate,
        today: NaiveDate,
    ) -> Result<ContactFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = match parse_date(&self.on) {
            Some(d) if d > today => {
                e.add("on", "The date of the contact must be today or in the past");
                None
            }
            Some(d) if d < started => {
                e.add(
                    "on",
                    "The date of the contact must be after you were introduced",
                );
                None
            }
            Some(d) => Some(d),
            None => {
                e.add("on", "Enter the date of the contact");
                None
            }
        };
        let minutes = match self.minutes.trim().parse::<u32>() {
            Ok(m) if (1..=720).contains(&m) => Some(m),
            _ => {
                e.add(
                    "minutes",
                    "Enter how long it lasted, in minutes, from 1 to 720",
                );
                None
            }
        };
        let kind = ContactKind::from_code(self.kind.trim());
        if kind.is_none() {
            e.add(
                "kind",
                "Choose visit, phone call, video call or out together",
            );
        }
        let note = e.optional_text("note", "note", &self.note, 1000);
        let concerns = matches!(self.concerns.trim(), "yes" | "true" | "on");
        e.finish(|| {
            Some(ContactFields {
                on: on?,
                minutes: minutes?,
                kind: kind?,
                note,
                concerns,
            })
        })
    }
}
