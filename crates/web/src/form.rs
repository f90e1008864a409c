//! Form bodies parsed leniently: every field is a string, repeated fields are kept, and nothing
//! about the shape of a submission can make the request fail before validation speaks.

use axum::body::Bytes;
use serde::Deserialize;

/// The `?done=` query a page is sent back to after a form succeeds, naming what was done.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Done {
    /// What was done, e.g. `saved`.
    pub(crate) done: String,
}

/// A submitted `application/x-www-form-urlencoded` body.
#[derive(Debug, Default, Clone)]
pub struct FormData(Vec<(String, String)>);

impl FormData {
    /// Parses a body.
    pub fn parse(body: &Bytes) -> Self {
        Self(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A date from the GOV.UK day/month/year fields `{name}-day` etc, as "D M YYYY", or "" if all blank.
    pub fn date(&self, name: &str) -> String {
        let (d, m, y) = (
            self.get(&format!("{name}-day")),
            self.get(&format!("{name}-month")),
            self.get(&format!("{name}-year")),
        );
        if d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty() {
            String::new()
        } else {
            format!("{} {} {}", d.trim(), m.trim(), y.trim())
        }
    }
}

/// A closed list as `(code, label)` options for a select or radios.
pub(crate) fn choices<T: domain::Labelled>() -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|v| (v.code().to_owned(), v.label().to_owned()))
        .collect()
}

/// A service user or carer as typed into any of the forms that take one.
pub(crate) fn supported_person_input(form: &FormData) -> domain::support::SupportedPersonInput {
    domain::support::SupportedPersonInput {
        given_name: form.get("given_name"),
        family_name: form.get("family_name"),
        email: form.get("email"),
        phone: form.get("phone"),
        address: form.get("address"),
        postcode: form.get("postcode"),
        date_of_birth: form.get("date_of_birth"),
        age_band: form.get("age_band"),
        language: form.get("language"),
        communication_needs: form.get("communication_needs"),
        access_needs: form.get("access_needs"),
        volunteer_gender: form.get("volunteer_gender"),
        interests: form.get("interests"),
        days: form.all("days"),
        consent_to_support_on: form.get("consent_to_support_on"),
        consent_to_data_on: form.get("consent_to_data_on"),
        consent_method: form.get("consent_method"),
        receives_support: form.get("receives_support") != "no",
    }
}
