//! One row of a people import checked into a person and their engagement here, by the same
//! rules as the profile form: names (or a full name split), contact details, a status (active
//! when none is given), why they left, a role and a start date.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::ids::{PersonId, RoleId};
use domain::import::{MappedRow, Problem, ResolvedMapping};
use domain::person::{Person, PersonInput};

use super::row_problems;
use crate::App;

/// A valid row, before matching.
pub(super) struct PersonRow {
    pub(super) row: u64,
    pub(super) person: Person,
    pub(super) status: EngagementStatus,
    /// Whether the file gave the status (otherwise it is active by default, and a person
    /// matched keeps theirs).
    pub(super) status_given: bool,
    pub(super) leaving_reason: Option<LeavingReason>,
    pub(super) role: Option<RoleId>,
    pub(super) started_at: DateTime<Utc>,
}

/// A labelled value from its code or its label, in any case and spacing ("Community hub",
/// "community_hub").
pub(crate) fn from_words<T: domain::Labelled>(text: &str) -> Option<T> {
    let words = |s: &str| domain::import::normalise_header(s);
    let text = words(text);
    T::ALL
        .iter()
        .copied()
        .find(|v| words(v.code()) == text || words(v.label()) == text)
}

/// Splits "Asha Patel" into first and last names at the last space ("Mary Jane Smith": "Mary
/// Jane" and "Smith"); "Patel, Asha" the other way round.
fn split_full_name(full: &str) -> (String, String) {
    if let Some((family, given)) = full.split_once(',') {
        return (given.trim().to_owned(), family.trim().to_owned());
    }
    match full.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim().to_owned(), family.trim().to_owned()),
        None => (full.trim().to_owned(), String::new()),
    }
}

impl App {
    /// Checks one row into a person and their engagement, or its problems.
    pub(super) fn person_row(
        &self,
        mut row: MappedRow,
        mapping: &ResolvedMapping,
        roles: &HashMap<String, RoleId>,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<PersonRow, Vec<Problem>> {
        let mut given_name = row.take("given_name");
        let mut family_name = row.take("family_name");
        let full_name = row.take("full_name");
        if given_name.is_empty() && family_name.is_empty() && !full_name.is_empty() {
            (given_name, family_name) = split_full_name(&full_name);
        }
        let input = PersonInput {
            given_name,
            family_name,
            preferred_name: row.take("preferred_name"),
            email: row.take("email"),
            phone: row.take("phone"),
            date_of_birth: row.take("date_of_birth"),
            postcode: row.take("postcode"),
            languages: row.take("languages"),
            skills: row.take("skills"),
            interests: row.take("interests"),
            accessibility_needs: row.take("accessibility_needs"),
        };
        let mut problems = Vec::new();
        let person = match input.parse(PersonId::new(), today) {
            Ok(p) => Some(p),
            Err(errors) => {
                problems = row_problems(row.row, &errors, mapping, &[]);
                None
            }
        };
        let status_text = row.get("status");
        let status = if status_text.is_empty() {
            Some(EngagementStatus::Active)
        } else {
            let status = from_words::<EngagementStatus>(status_text);
            if status.is_none() {
                problems.push(Problem::at(
                    row.row,
                    &mapping.column_name("status"),
                    format!(
                        "\"{status_text}\" is not a status; use enquiry, applicant, onboarding, active, paused or left"
                    ),
                ));
            }
            status
        };
        let reason_text = row.get("leaving_reason");
        let leaving_reason = if reason_text.is_empty() {
            None
        } else {
            let reason = from_words::<LeavingReason>(reason_text);
            if reason.is_none() {
                problems.push(Problem::at(
                    row.row,
                    &mapping.column_name("leaving_reason"),
                    format!(
                        "\"{reason_text}\" is not a reason for leaving; use one of: {}",
                        LeavingReason::ALL
                            .iter()
                            .map(|r| r.label().to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            reason
        };
        let role_text = row.get("role");
        let role = if role_text.is_empty() {
            None
        } else {
            let found = roles.get(&role_text.to_lowercase()).copied();
            if found.is_none() {
                problems.push(Problem::at(
                    row.row,
                    &mapping.column_name("role"),
                    format!("There is no role called \"{role_text}\"; add the role first, or check its title"),
                ));
            }
            if matches!(
                status,
                Some(EngagementStatus::Enquiry | EngagementStatus::Applicant)
            ) {
                problems.push(Problem::at(
                    row.row,
                    &mapping.column_name("role"),
                    "Enquiries and applicants have no role yet; leave the role empty or change the status",
                ));
            }
            found
        };
        let started_at = match row.get("started_on") {
            "" => now,
            text => match text.parse::<NaiveDate>() {
                Ok(day) if day > today => {
                    problems.push(Problem::at(
                        row.row,
                        &mapping.column_name("started_on"),
                        "The start date must not be in the future",
                    ));
                    now
                }
                Ok(day) => day.and_hms_opt(0, 0, 0).map_or(now, |t| t.and_utc()),
                Err(_) => now,
            },
        };
        match (person, status, problems.is_empty()) {
            (Some(person), Some(status), true) => Ok(PersonRow {
                row: row.row,
                person,
                status,
                status_given: !status_text.is_empty(),
                leaving_reason,
                role,
                started_at,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_split_at_the_last_space_or_a_comma() {
        assert_eq!(
            split_full_name("Asha Patel"),
            ("Asha".into(), "Patel".into())
        );
        assert_eq!(
            split_full_name("Mary Jane Smith"),
            ("Mary Jane".into(), "Smith".into())
        );
        assert_eq!(
            split_full_name("Patel, Asha"),
            ("Asha".into(), "Patel".into())
        );
        assert_eq!(split_full_name("Cher"), ("Cher".into(), String::new()));
    }

    #[test]
    fn statuses_read_from_codes_or_labels() {
        assert_eq!(
            from_words::<EngagementStatus>("Active"),
            Some(EngagementStatus::Active)
        );
        assert_eq!(
            from_words::<EngagementStatus>(" LEFT "),
            Some(EngagementStatus::Left)
        );
        assert_eq!(from_words::<EngagementStatus>("gone"), None);
    }
}
