//! A people import: each row a person (the same rules as the profile form) with their
//! engagement here (a status, default active) and optionally a role. Someone already with this
//! organisation — the same email, or else the same name and date of birth — is matched, not
//! duplicated: their record is kept and the report says so. An email that belongs to someone
//! else's own account (not with this organisation) is a problem with the row: a person's profile
//! is theirs, shared with an organisation only when they enquire or apply.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use domain::compliance::{Placement, PlacementStatus};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus};
use domain::ids::{EngagementId, PersonId, PlacementId, RoleId};
use domain::import::{MappedRow, Merge, MergedOn, Problem, ResolvedMapping};
use domain::person::{Person, PersonInput};

use super::{ImportProgress, Plan, Table, read_rows, row_problems};
use crate::ports::KnownPerson;
use crate::{App, AppError, OrgScope};

/// How many emails to look up at once.
const EMAIL_CHUNK: usize = 5_000;

/// A valid row, before matching.
struct PersonRow {
    row: u64,
    person: Person,
    status: EngagementStatus,
    role: Option<RoleId>,
    started_at: DateTime<Utc>,
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

fn name_key(given: &str, family: &str, dob: NaiveDate) -> (String, String, NaiveDate) {
    (
        given.trim().to_lowercase(),
        family.trim().to_lowercase(),
        dob,
    )
}

impl App {
    /// Checks one row into a person and their engagement, or its problems.
    fn person_row(
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
                role,
                started_at,
            }),
            _ => Err(problems),
        }
    }

    /// Checks a people file and plans its writes, matching people already recorded.
    pub(super) async fn plan_people(
        &self,
        scope: &OrgScope,
        table: &Table,
        mapping: &ResolvedMapping,
        progress: &dyn ImportProgress,
    ) -> Result<Plan, AppError> {
        let org = scope.organisation_id();
        let today = self.clock.today();
        let now = self.clock.now();
        let roles: HashMap<String, RoleId> = self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|r| (r.title.to_lowercase(), r.id))
            .collect();
        let mut plan = Plan::default();
        let mut valid = Vec::with_capacity(table.rows.len());
        let mut first_with_email: HashMap<String, u64> = HashMap::new();
        for (i, row) in read_rows(table, mapping).enumerate() {
            if i % 10_000 == 0 {
                progress.done(i as u64);
            }
            let (row, date_problems) = row;
            let checked = self
                .person_row(row, mapping, &roles, today, now)
                .map_err(|mut problems| {
                    problems.splice(0..0, date_problems.iter().cloned());
                    problems
                })
                .and_then(|r| {
                    if date_problems.is_empty() {
                        Ok(r)
                    } else {
                        Err(date_problems.clone())
                    }
                });
            let checked = checked.and_then(|r| {
                let email = r.person.email.as_str().to_owned();
                match first_with_email.get(&email) {
                    Some(first) => Err(vec![Problem::at(
                        r.row,
                        &mapping.column_name("email"),
                        format!("Row {first} has the same email address; each person should be in the file once"),
                    )]),
                    None => {
                        first_with_email.insert(email, r.row);
                        Ok(r)
                    }
                }
            });
            match checked {
                Ok(r) => {
                    plan.check_row(Vec::new());
                    valid.push(r);
                }
                Err(problems) => {
                    plan.check_row(problems);
                }
            }
        }
        progress.done(table.rows.len() as u64);
        drop(first_with_email);
        self.match_people(scope, valid, mapping, &mut plan, now)
            .await?;
        Ok(plan)
    }

    /// Sorts valid rows into new people and matches, and builds the writes.
    async fn match_people(
        &self,
        scope: &OrgScope,
        valid: Vec<PersonRow>,
        mapping: &ResolvedMapping,
        plan: &mut Plan,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let org = scope.organisation_id();
        let emails: Vec<String> = valid
            .iter()
            .map(|r| r.person.email.as_str().to_owned())
            .collect();
        let mut by_email: HashMap<String, KnownPerson> = HashMap::new();
        for chunk in emails.chunks(EMAIL_CHUNK) {
            for p in self.store.people_with_emails(chunk).await? {
                by_email.insert(p.email.clone(), p);
            }
        }
        drop(emails);
        let here = self.store.people_engaged_with(org).await?;
        let engaged: HashSet<PersonId> = here.iter().map(|p| p.id).collect();
        let by_name: HashMap<(String, String, NaiveDate), KnownPerson> = here
            .into_iter()
            .filter_map(|p| {
                p.date_of_birth
                    .map(|dob| (name_key(&p.given_name, &p.family_name, dob), p))
            })
            .collect();
        let by = self.actor_name(scope.actor()).await?;
        let email_column = mapping.column_name("email");
        let batch = &mut plan.people;
        for r in valid {
            let matched = by_email
                .get(r.person.email.as_str())
                .map(|p| (p, MergedOn::Email))
                .or_else(|| {
                    let dob = r.person.date_of_birth?;
                    by_name
                        .get(&name_key(&r.person.given_name, &r.person.family_name, dob))
                        .map(|p| (p, MergedOn::NameAndDateOfBirth))
                });
            let person_id = match matched {
                Some((known, _)) if !engaged.contains(&known.id) => {
                    // Their profile is theirs: another organisation's import must not reach it
                    // without their choice (nor say whose it is).
                    plan.valid_rows -= 1;
                    plan.problems.push(Problem::at(
                        r.row,
                        &email_column,
                        "Someone with this email address already has their own Alongside account; invite them to enquire or apply, so that they choose to share their details with you",
                    ));
                    continue;
                }
                Some((known, on)) => {
                    plan.merged.push(Merge {
                        row: r.row,
                        name: format!("{} {}", known.given_name, known.family_name),
                        on,
                        already_here: true,
                    });
                    continue;
                }
                None => {
                    let id = r.person.id;
                    batch.people.push(r.person);
                    plan.created += 1;
                    id
                }
            };
            let engagement = Engagement {
                id: EngagementId::new(),
                organisation_id: org,
                person_id,
                status: r.status,
                started_at: r.started_at,
                leaving_reason: None,
                leaving_note: String::new(),
            };
            batch.events.push((
                engagement.id,
                EngagementEvent {
                    from: None,
                    to: r.status,
                    at: r.started_at,
                    by: by.clone(),
                    note: "Imported".into(),
                },
            ));
            if let Some(role_id) = r.role {
                let (status, activated_at, ended_at) = match r.status {
                    EngagementStatus::Onboarding => (PlacementStatus::Onboarding, None, None),
                    EngagementStatus::Left => {
                        (PlacementStatus::Ended, Some(r.started_at), Some(now))
                    }
                    _ => (PlacementStatus::Active, Some(r.started_at), None),
                };
                batch.placements.push(Placement {
                    id: PlacementId::new(),
                    organisation_id: org,
                    person_id,
                    role_id,
                    application_id: None,
                    status,
                    applied_at: r.started_at,
                    accepted_at: r.started_at,
                    activated_at,
                    ended_at,
                });
            }
            batch.engagements.push(engagement);
        }
        Ok(())
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
