//! A people import: each row a person (the same rules as the profile form) with their
//! engagement here (a status, default active) and optionally a role. Someone already with this
//! organisation — the same email, or else the same name and date of birth — is matched, not
//! duplicated: their record is kept and the report says so. When the file gives them another
//! status, their engagement is moved by the same rules as the manager's status change (a move
//! those rules refuse is a problem with the row), and the report says what changed. An email
//! that belongs to someone else's own account (not with this organisation) is a problem with the
//! row: a person's profile is theirs, shared with an organisation only when they enquire or
//! apply. Each row is checked in `person_rows`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::compliance::{Placement, PlacementStatus};
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus};
use domain::ids::{EngagementId, PersonId, PlacementId, RoleId};
use domain::import::{Merge, MergedOn, Problem, ResolvedMapping};

use super::person_rows::PersonRow;
use super::{ImportProgress, Plan, Table, read_rows, row_problems};
use crate::engagement_moves::{Move, move_errors};
use crate::ports::KnownPerson;
use crate::{App, AppError, OrgScope};

/// How many emails to look up at once.
const EMAIL_CHUNK: usize = 5_000;

fn name_key(given: &str, family: &str, dob: NaiveDate) -> (String, String, NaiveDate) {
    (
        given.trim().to_lowercase(),
        family.trim().to_lowercase(),
        dob,
    )
}

impl App {
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
        let engaged: HashMap<PersonId, (EngagementId, EngagementStatus)> = here
            .iter()
            .filter_map(|p| p.engagement.map(|e| (p.id, e)))
            .collect();
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
                Some((known, _)) if !engaged.contains_key(&known.id) => {
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
                    let mut changed = Vec::new();
                    if let Some(&(engagement_id, from)) = engaged.get(&known.id)
                        && r.status_given
                        && from != r.status
                    {
                        let errors = move_errors(from, r.status, r.leaving_reason, "");
                        if !errors.is_empty() {
                            plan.valid_rows -= 1;
                            plan.problems.extend(row_problems(
                                r.row,
                                &errors,
                                mapping,
                                &[("note", "leaving_reason")],
                            ));
                            continue;
                        }
                        let m = Move {
                            person_id: known.id,
                            engagement_id,
                            from,
                            to: r.status,
                            leaving_reason: r.leaving_reason,
                            note: "Changed by an import",
                        };
                        plan.writes
                            .extend(self.move_writes(scope, &m, &by, now).await?);
                        changed.push(format!(
                            "their status from {} to {}",
                            from.label().to_lowercase(),
                            r.status.label().to_lowercase()
                        ));
                    }
                    plan.merged.push(Merge {
                        row: r.row,
                        name: format!("{} {}", known.given_name, known.family_name),
                        on,
                        already_here: true,
                        changed,
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
                leaving_reason: r
                    .leaving_reason
                    .filter(|_| r.status == EngagementStatus::Left),
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
