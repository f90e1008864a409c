//! Check, training and hours imports, for people already with the organisation (found by
//! email). A check or training record is recorded as verified by the manager importing it,
//! through the same state machine as the checklist page; hours are recorded as approved, through
//! the same rules as a manager recording them.

use std::collections::HashMap;

use domain::audit::AuditEntry;
use domain::compliance::check::{Actor as CheckActor, CheckInput};
use domain::compliance::{Check, CheckKind, CheckStatus, RequirementType};
use domain::ids::{HoursLogId, PersonId};
use domain::import::{ImportKind, MappedRow, Merge, MergedOn, Problem, ResolvedMapping};
use domain::rota::hours::{HoursInput, HoursLog, HoursStatus};
use domain::staff::Capability;

use super::{Plan, Table, mapped_rows, row_problems};
use crate::ports::{KnownPerson, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// The organisation's people by lower-case email.
    async fn people_here(
        &self,
        scope: &OrgScope,
    ) -> Result<HashMap<String, KnownPerson>, AppError> {
        Ok(self
            .store
            .people_engaged_with(scope.organisation_id())
            .await?
            .into_iter()
            .map(|p| (p.email.clone(), p))
            .collect())
    }

    /// The person a row names by email, or its problem.
    fn row_person<'a>(
        row: &MappedRow,
        mapping: &ResolvedMapping,
        people: &'a HashMap<String, KnownPerson>,
    ) -> Result<&'a KnownPerson, Vec<Problem>> {
        let email = row.get("email").to_lowercase();
        people.get(&email).ok_or_else(|| {
            vec![Problem::at(
                row.row,
                &mapping.column_name("email"),
                format!("Nobody with the email address \"{}\" volunteers here; import them as people first", row.get("email")),
            )]
        })
    }

    /// Checks a check or training file and plans its writes.
    pub(super) async fn plan_records(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        table: &Table,
        mapping: &ResolvedMapping,
    ) -> Result<Plan, AppError> {
        scope.require(Capability::ViewChecks)?;
        let org = scope.organisation_id();
        let people = self.people_here(scope).await?;
        let training = kind == ImportKind::Training;
        let catalogue: HashMap<String, RequirementType> = self
            .store
            .requirement_types(org)
            .await?
            .into_iter()
            .filter(|t| {
                (t.kind == CheckKind::Training) == training && t.kind != CheckKind::References
            })
            .map(|t| (t.code.to_lowercase(), t))
            .collect();
        let by = self.actor_name(scope.actor()).await?;
        let (today, now) = (self.clock.today(), self.clock.now());
        let mut checks: HashMap<PersonId, Vec<Check>> = HashMap::new();
        let mut plan = Plan::default();
        for row in mapped_rows(table, mapping) {
            let row = match row {
                Ok(row) => row,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let person = match Self::row_person(&row, mapping, &people) {
                Ok(p) => p,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let Some(t) = catalogue.get(&row.get("code").to_lowercase()) else {
                let what = if training {
                    "training module"
                } else {
                    "check type"
                };
                plan.check_row(vec![Problem::at(
                    row.row,
                    &mapping.column_name("code"),
                    format!(
                        "There is no {what} with the code \"{}\" in the catalogue",
                        row.get("code")
                    ),
                )]);
                continue;
            };
            if let std::collections::hash_map::Entry::Vacant(e) = checks.entry(person.id) {
                e.insert(self.store.checks_of(org, person.id).await?);
            }
            let held = checks
                .get(&person.id)
                .and_then(|c| c.iter().find(|c| c.requirement_type_id == t.id));
            if let Some(c) = held
                && c.status == CheckStatus::Verified
                && c.issued_on.map(|d| d.to_string()).as_deref() == Some(row.get("issued_on"))
            {
                plan.check_row(Vec::new());
                plan.merged.push(Merge {
                    row: row.row,
                    name: format!(
                        "{} for {} {}",
                        t.name, person.given_name, person.family_name
                    ),
                    on: MergedOn::Email,
                    already_here: true,
                    changed: Vec::new(),
                });
                continue;
            }
            let current = held
                .cloned()
                .unwrap_or_else(|| Check::pending(person.id, t));
            let input = CheckInput {
                action: "verify".into(),
                issued_on: row.get("issued_on").to_owned(),
                expires_on: row.get("expires_on").to_owned(),
                reference: row.get("reference").to_owned(),
                dbs_level: row.get("dbs_level").to_lowercase(),
                dbs_workforce: row.get("dbs_workforce").to_lowercase(),
                dbs_certificate_number: row.get("dbs_certificate_number").to_owned(),
                dbs_outcome: row.get("dbs_outcome").to_lowercase(),
                ..CheckInput::default()
            };
            match input.apply(&current, t, CheckActor::Manager(&by), today, now) {
                Err(errors) => {
                    plan.check_row(row_problems(row.row, &errors, mapping, &[]));
                }
                Ok(next) => {
                    plan.check_row(Vec::new());
                    plan.created += 1;
                    if held.is_some() {
                        plan.writes
                            .push(Write::UpdateCheck(next.clone(), current.version()));
                    } else {
                        plan.writes.push(Write::InsertCheck(next.clone()));
                    }
                    plan.writes.push(Write::Audit(AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "check.verified",
                        "check",
                        next.id.0,
                        now,
                    )));
                    // A second row for the same item in the file works from this one.
                    let list = checks.entry(person.id).or_default();
                    list.retain(|c| c.requirement_type_id != t.id);
                    list.push(next);
                }
            }
        }
        Ok(plan)
    }

    /// Checks an hours file and plans its writes (each approved, as a manager records them).
    pub(super) async fn plan_hours(
        &self,
        scope: &OrgScope,
        table: &Table,
        mapping: &ResolvedMapping,
    ) -> Result<Plan, AppError> {
        let org = scope.organisation_id();
        let people = self.people_here(scope).await?;
        let roles: HashMap<String, String> = self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|r| (r.title.to_lowercase(), r.id.to_string()))
            .collect();
        let now = self.clock.now();
        let mut plan = Plan::default();
        for row in mapped_rows(table, mapping) {
            let row = match row {
                Ok(row) => row,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let person = match Self::row_person(&row, mapping, &people) {
                Ok(p) => p,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let Some(role) = roles.get(&row.get("role").to_lowercase()) else {
                plan.check_row(vec![Problem::at(
                    row.row,
                    &mapping.column_name("role"),
                    format!("There is no role called \"{}\"", row.get("role")),
                )]);
                continue;
            };
            let input = HoursInput {
                date: row.get("date").to_owned(),
                hours: row.get("hours").to_owned(),
                minutes: row.get("minutes").to_owned(),
                description: row.get("description").to_owned(),
            };
            match self.parse_hours(person.id, role, &input, Some(org)).await {
                Err(AppError::Invalid(errors)) => {
                    let columns = [("role_id", "role"), ("date", "date")];
                    plan.check_row(row_problems(row.row, &errors, mapping, &columns));
                }
                Err(e) => return Err(e),
                Ok((_, role_id, parsed)) => {
                    plan.check_row(Vec::new());
                    plan.created += 1;
                    let log = HoursLog {
                        id: HoursLogId::new(),
                        organisation_id: org,
                        person_id: person.id,
                        role_id,
                        worked_on: parsed.worked_on,
                        minutes: parsed.minutes,
                        description: parsed.description,
                        status: HoursStatus::Approved,
                        submitted_at: now,
                        decided_at: Some(now),
                        decided_by: scope.actor().person_id(),
                        message: String::new(),
                    };
                    plan.writes.push(Write::Audit(AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "hours.recorded",
                        "hours",
                        log.id.0,
                        now,
                    )));
                    plan.writes.push(Write::InsertHoursLog(log));
                }
            }
        }
        Ok(plan)
    }
}
