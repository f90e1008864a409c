//! Service users and carers: the people an organisation supports, and the people who care for
//! them. Only what support needs is kept; health notes (special-category data) are kept apart
//! and read only by those who need them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Days;
use super::fit::Gender;
use crate::equality::AGE_BANDS;
use crate::ids::{OrganisationId, PersonId, SupportedPersonId};
use crate::labelled_enum;
use crate::organisation::optional;
use crate::person::{parse_date, split_list};
use crate::values::{Email, Phone, Postcode};
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// Where a service user is in their support.
    SupportStatus {
        /// Referred; not yet assessed.
        Referred = "referred": "Referred",
        /// Needs assessed; waiting for a volunteer.
        Assessed = "assessed": "Assessed, waiting for a volunteer",
        /// A volunteer has agreed and been introduced.
        Matched = "matched": "Matched",
        /// Being supported.
        Supported = "supported": "Supported",
        /// Support has ended (see the closure reason).
        Closed = "closed": "Closed",
    }
);

impl SupportStatus {
    /// Whether a manager may move someone from this status to `to` by hand. Matched and
    /// supported follow the match (a volunteer's say comes first); closing and reopening are
    /// by hand.
    pub fn can_move_to(self, to: Self) -> bool {
        use SupportStatus::*;
        matches!(
            (self, to),
            (Referred, Assessed)
                | (Referred | Assessed | Matched | Supported, Closed)
                | (Closed, Assessed)
        )
    }

    /// Whether this person is waiting for a volunteer.
    pub fn waiting(self) -> bool {
        self == Self::Assessed
    }
}

labelled_enum!(
    /// How consent was given.
    ConsentMethod {
        /// Said so, in person or on the phone (who recorded it is in the audit trail).
        Verbal = "verbal": "Verbally",
        /// Signed a form.
        Written = "written": "In writing",
        /// Ticked the box on the online referral form.
        Online = "online": "Online, on the referral form",
        /// Given by someone with authority to act for them (a lasting power of attorney).
        Representative = "representative": "By their representative",
    }
);

/// A consent as recorded: when and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// The day it was given.
    pub given_on: NaiveDate,
    /// How.
    pub method: ConsentMethod,
}

/// A service user or carer as stored (without health notes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportedPerson {
    /// Identifier.
    pub id: SupportedPersonId,
    /// The organisation supporting them.
    pub organisation_id: OrganisationId,
    /// The same person's Alongside account, if they have one (a carer who volunteers
    /// elsewhere is one person with two relationships).
    pub person_id: Option<PersonId>,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Email address.
    pub email: Option<Email>,
    /// Phone number.
    pub phone: Option<Phone>,
    /// Address lines for home visits (kept with the postcode).
    pub address: String,
    /// Postcode, for distance to volunteers.
    pub postcode: Option<Postcode>,
    /// Date of birth, where known.
    pub date_of_birth: Option<NaiveDate>,
    /// Age band, where the date of birth is not known.
    pub age_band: String,
    /// Main language.
    pub language: String,
    /// Communication needs (e.g. hard of hearing: face them and speak clearly).
    pub communication_needs: String,
    /// Access needs (e.g. ground floor only, wheelchair user).
    pub access_needs: String,
    /// A volunteer gender they asked for, if they asked.
    pub volunteer_gender: Option<Gender>,
    /// Interests, for finding a volunteer they will get on with.
    pub interests: Vec<String>,
    /// Days that suit them (none: any day).
    pub days: Days,
    /// Consent to be supported.
    pub consent_to_support: Option<Consent>,
    /// Consent to their data being kept and used for their support.
    pub consent_to_data: Option<Consent>,
    /// Their support status; `None` for a carer who is not supported themselves.
    pub status: Option<SupportStatus>,
    /// Why support ended, once closed.
    pub closure_reason: String,
    /// When the record was made.
    pub created_at: DateTime<Utc>,
}

impl SupportedPerson {
    /// Full name for lists and records.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    /// Whether they have agreed to be supported and to their data being used: a volunteer is
    /// never proposed for someone who has not.
    pub fn consented(&self) -> bool {
        self.consent_to_support.is_some() && self.consent_to_data.is_some()
    }
}

/// A service user or carer as typed into a form or the API.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct SupportedPersonInput {
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Address lines.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// Date of birth (`YYYY-MM-DD` or `D/M/YYYY`).
    pub date_of_birth: String,
    /// Age band, one of the reporting bands, when the date of birth is not known.
    pub age_band: String,
    /// Main language.
    pub language: String,
    /// Communication needs.
    pub communication_needs: String,
    /// Access needs.
    pub access_needs: String,
    /// `woman`, `man`, `another` or blank for no preference.
    pub volunteer_gender: String,
    /// Comma-separated interests.
    pub interests: String,
    /// Days that suit them (`mon` … `sun`).
    pub days: Vec<String>,
    /// Date consent to support was given (blank: not yet).
    pub consent_to_support_on: String,
    /// Date consent to data use was given (blank: not yet).
    pub consent_to_data_on: String,
    /// How consent was given (`verbal`, `written`, `online`, `representative`).
    pub consent_method: String,
    /// `yes` when they are to be supported themselves (a service user), not only a carer.
    pub receives_support: bool,
}

impl SupportedPersonInput {
    /// The form's view of a record, for changing it.
    pub fn from_person(p: &SupportedPerson) -> Self {
        let date = |c: Option<Consent>| c.map(|c| c.given_on.to_string()).unwrap_or_default();
        Self {
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            email: p.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
            phone: p.phone.as_ref().map(|x| x.national()).unwrap_or_default(),
            address: p.address.clone(),
            postcode: p
                .postcode
                .as_ref()
                .map(|x| x.to_string())
                .unwrap_or_default(),
            date_of_birth: p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            age_band: p.age_band.clone(),
            language: p.language.clone(),
            communication_needs: p.communication_needs.clone(),
            access_needs: p.access_needs.clone(),
            volunteer_gender: p
                .volunteer_gender
                .map(|g| g.code().to_owned())
                .unwrap_or_default(),
            interests: p.interests.join(", "),
            days: p
                .days
                .days()
                .iter()
                .map(|d| d.to_string().to_lowercase())
                .collect(),
            consent_to_support_on: date(p.consent_to_support),
            consent_to_data_on: date(p.consent_to_data),
            consent_method: p
                .consent_to_support
                .or(p.consent_to_data)
                .map(|c| c.method.code().to_owned())
                .unwrap_or_default(),
            receives_support: p.status.is_some(),
        }
    }

    /// Validates the input into a new record (status `Referred` when they receive support).
    pub fn parse(
        &self,
        id: SupportedPersonId,
        organisation_id: OrganisationId,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<SupportedPerson, FieldErrors> {
        let mut e = FieldErrors::new();
        let given_name = e.text("given_name", "their first name", &self.given_name, 100);
        let family_name = e.text("family_name", "their last name", &self.family_name, 100);
        let email = optional(&mut e, "email", &self.email, Email::parse);
        let phone = optional(&mut e, "phone", &self.phone, Phone::parse);
        let address = e.optional_text("address", "address", &self.address, 300);
        let postcode = optional(&mut e, "postcode", &self.postcode, Postcode::parse);
        let date_of_birth = past_date(
            &mut e,
            "date_of_birth",
            "date of birth",
            &self.date_of_birth,
            today,
        );
        let age_band = self.age_band.trim().to_owned();
        if !age_band.is_empty() && !AGE_BANDS.contains(&age_band.as_str()) {
            e.add("age_band", "Choose an age band from the list");
        }
        let language = e.optional_text("language", "language", &self.language, 60);
        let communication_needs = e.optional_text(
            "communication_needs",
            "communication needs",
            &self.communication_needs,
            1000,
        );
        let access_needs =
            e.optional_text("access_needs", "access needs", &self.access_needs, 1000);
        let volunteer_gender = match self.volunteer_gender.trim() {
            "" => None,
            code => {
                let g = Gender::from_code(code);
                if g.is_none() {
                    e.add(
                        "volunteer_gender",
                        "Choose a volunteer gender, or no preference",
                    );
                }
                g
            }
        };
        let interests =
            split_list(&e.optional_text("interests", "interests", &self.interests, 500));
        let method = match self.consent_method.trim() {
            "" => None,
            code => {
                let m = ConsentMethod::from_code(code);
                if m.is_none() {
                    e.add("consent_method", "Choose how consent was given");
                }
                m
            }
        };
        let support_on = past_date(
            &mut e,
            "consent_to_support_on",
            "date consent to support was given",
            &self.consent_to_support_on,
            today,
        );
        let data_on = past_date(
            &mut e,
            "consent_to_data_on",
            "date consent to data use was given",
            &self.consent_to_data_on,
            today,
        );
        let consent_dated = !self.consent_to_support_on.trim().is_empty()
            || !self.consent_to_data_on.trim().is_empty();
        if consent_dated && method.is_none() && e.get("consent_method").is_none() {
            e.add("consent_method", "Say how consent was given");
        }
        let consent = |on: Option<NaiveDate>| {
            Some(Consent {
                given_on: on?,
                method: method?,
            })
        };
        e.finish(|| {
            Some(SupportedPerson {
                id,
                organisation_id,
                person_id: None,
                given_name: given_name?,
                family_name: family_name?,
                email,
                phone,
                address,
                postcode,
                date_of_birth,
                age_band,
                language,
                communication_needs,
                access_needs,
                volunteer_gender,
                interests,
                days: Days::from_codes(self.days.iter().map(String::as_str)),
                consent_to_support: consent(support_on),
                consent_to_data: consent(data_on),
                status: self.receives_support.then_some(SupportStatus::Referred),
                closure_reason: String::new(),
                created_at: now,
            })
        })
    }
}

/// Checks health notes (special-category data): optional, at most 2,000 characters.
pub fn health_notes_field(value: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let notes = e.optional_text("health_notes", "health notes", value, 2000);
    e.finish(|| Some(notes))
}

fn past_date(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        return None;
    }
    match parse_date(value) {
        Some(d) if d > today => {
            e.add(field, format!("The {label} must be today or in the past"));
            None
        }
        Some(d) => Some(d),
        None => {
            e.add(
                field,
                format!("Enter the {label} as a real date, like 27 3 2026"),
            );
            None
        }
    }
}
