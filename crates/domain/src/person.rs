//! People: volunteers, applicants and staff. One person can be involved with many organisations.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::PersonId;
use crate::organisation::optional;
use crate::values::{Email, Phone, Postcode};

/// The youngest age at which anyone may apply to volunteer.
pub const MINIMUM_APPLICANT_AGE: u32 = 16;

/// A person's profile as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Identifier.
    pub id: PersonId,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// What they like to be called; empty when the given name is fine.
    pub preferred_name: String,
    /// Email address, unique across Alongside.
    pub email: Email,
    /// Phone number.
    pub phone: Option<Phone>,
    /// Date of birth.
    pub date_of_birth: Option<NaiveDate>,
    /// Home postcode.
    pub postcode: Option<Postcode>,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Skills they bring.
    pub skills: Vec<String>,
    /// Interests (used later for matching with service users).
    pub interests: Vec<String>,
    /// Access needs the organisation should know about.
    pub accessibility_needs: String,
}

impl Person {
    /// The name to greet them by.
    pub fn known_as(&self) -> &str {
        if self.preferred_name.is_empty() {
            &self.given_name
        } else {
            &self.preferred_name
        }
    }

    /// Full name for lists and records.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    /// Age in whole years on `today`, if the date of birth is known.
    pub fn age_on(&self, today: NaiveDate) -> Option<u32> {
        self.date_of_birth.map(|dob| age_on(dob, today))
    }
}

/// Age in whole years on `today` for someone born on `dob` (0 if `today` is before `dob`).
pub fn age_on(dob: NaiveDate, today: NaiveDate) -> u32 {
    let mut years = today.year() - dob.year();
    if (today.month(), today.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// A person's profile as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct PersonInput {
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Preferred name.
    pub preferred_name: String,
    /// Email.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Date of birth as `YYYY-MM-DD`, or day, month and year fields joined that way.
    pub date_of_birth: String,
    /// Postcode.
    pub postcode: String,
    /// Comma-separated languages.
    pub languages: String,
    /// Comma-separated skills.
    pub skills: String,
    /// Comma-separated interests.
    pub interests: String,
    /// Access needs.
    pub accessibility_needs: String,
}

impl PersonInput {
    /// The form's view of an existing person, for editing.
    pub fn from_person(p: &Person) -> Self {
        Self {
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            preferred_name: p.preferred_name.clone(),
            email: p.email.to_string(),
            phone: p.phone.as_ref().map(|p| p.national()).unwrap_or_default(),
            date_of_birth: p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            postcode: p
                .postcode
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            languages: p.languages.join(", "),
            skills: p.skills.join(", "),
            interests: p.interests.join(", "),
            accessibility_needs: p.accessibility_needs.clone(),
        }
    }

    /// Validates a profile. `today` bounds the date of birth.
    pub fn parse(&self, id: PersonId, today: NaiveDate) -> Result<Person, FieldErrors> {
        let mut e = FieldErrors::new();
        let given_name = e.text("given_name", "your first name", &self.given_name, 100);
        let family_name = e.text("family_name", "your last name", &self.family_name, 100);
        let preferred_name = e.optional_text(
            "preferred_name",
            "preferred name",
            &self.preferred_name,
            100,
        );
        let email = e.check("email", Email::parse(&self.email));
        let phone = optional(&mut e, "phone", &self.phone, Phone::parse);
        let date_of_birth = if self.date_of_birth.trim().is_empty() {
            None
        } else {
            match parse_date(&self.date_of_birth) {
                Some(d) if d > today => {
                    e.add("date_of_birth", "Date of birth must be in the past");
                    None
                }
                Some(d) if age_on(d, today) > 120 => {
                    e.add("date_of_birth", "Enter a real date of birth");
                    None
                }
                Some(d) => Some(d),
                None => {
                    e.add(
                        "date_of_birth",
                        "Date of birth must be a real date, like 27 3 1990",
                    );
                    None
                }
            }
        };
        let postcode = optional(&mut e, "postcode", &self.postcode, Postcode::parse);
        for (field, label, value) in [
            ("languages", "Languages", &self.languages),
            ("skills", "Skills", &self.skills),
            ("interests", "Interests", &self.interests),
        ] {
            if crate::has_control_characters(value) {
                e.add(
                    field,
                    format!("{label} must not contain control characters"),
                );
            } else if value.chars().count() > 1_000 {
                e.add(field, format!("{label} must be 1000 characters or fewer"));
            }
        }
        let accessibility_needs = e.optional_text(
            "accessibility_needs",
            "access needs",
            &self.accessibility_needs,
            2000,
        );
        e.finish(|| {
            Some(Person {
                id,
                given_name: given_name?,
                family_name: family_name?,
                preferred_name,
                email: email?,
                phone,
                date_of_birth,
                postcode,
                languages: split_list(&self.languages),
                skills: split_list(&self.skills),
                interests: split_list(&self.interests),
                accessibility_needs,
            })
        })
    }
}

/// Splits a comma-separated list, trimming and dropping blanks and repeats.
pub fn split_list(value: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in value
        .split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !items.iter().any(|i| i.eq_ignore_ascii_case(item)) {
            items.push(item.to_owned());
        }
    }
    items
}

/// Parses a date as `YYYY-MM-DD` or `D M YYYY` / `D/M/YYYY` (the GOV.UK date pattern's fields).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = value
        .split([' ', '/', '-', '.'])
        .filter(|s| !s.is_empty())
        .collect();
    if let [d, m, y] = parts.as_slice() {
        let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        if y < 1000 {
            return None;
        }
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn age_turns_over_on_the_birthday() {
        assert_eq!(age_on(day(2010, 6, 15), day(2026, 6, 14)), 15);
        assert_eq!(age_on(day(2010, 6, 15), day(2026, 6, 15)), 16);
        assert_eq!(age_on(day(2008, 2, 29), day(2026, 2, 28)), 17);
        assert_eq!(age_on(day(2008, 2, 29), day(2026, 3, 1)), 18);
    }

    #[test]
    fn dates_parse_in_gov_uk_and_iso_forms() {
        assert_eq!(parse_date("2024-03-05"), Some(day(2024, 3, 5)));
        assert_eq!(parse_date("5 3 2024"), Some(day(2024, 3, 5)));
        assert_eq!(parse_date("05/03/2024"), Some(day(2024, 3, 5)));
        assert_eq!(parse_date("31 2 2024"), None);
        assert_eq!(parse_date("5 3 24"), None);
    }

    #[test]
    fn profile_validates_and_normalises() {
        let input = PersonInput {
            given_name: " Asha ".into(),
            family_name: "Patel".into(),
            email: "Asha.Patel@Example.org".into(),
            phone: "07700 900123".into(),
            date_of_birth: "1990-01-02".into(),
            languages: "English, Gujarati, english".into(),
            ..Default::default()
        };
        let person = input.parse(PersonId::new(), day(2026, 11, 28)).unwrap();
        assert_eq!(person.given_name, "Asha");
        assert_eq!(person.email.as_str(), "asha.patel@example.org");
        assert_eq!(person.languages, vec!["English", "Gujarati"]);
        assert_eq!(person.age_on(day(2026, 11, 28)), Some(36));
    }

    #[test]
    fn future_birth_date_is_refused() {
        let input = PersonInput {
            given_name: "A".into(),
            family_name: "B".into(),
            email: "a@b.org".into(),
            date_of_birth: "2030-01-01".into(),
            ..Default::default()
        };
        let errors = input.parse(PersonId::new(), day(2026, 11, 28)).unwrap_err();
        assert_eq!(
            errors.get("date_of_birth"),
            Some("Date of birth must be in the past")
        );
    }
}
