//! Hours logged outside shifts: a volunteer logs them for one of their roles (and changes them
//! when a manager asks about them); staff can record them for a volunteer. Managers' review is in
//! [`super::review`], totals in [`super::totals`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::PlacementStatus;
use domain::ids::{HoursLogId, OrganisationId, PersonId, RoleId};
use domain::rota::from_utc;
use domain::rota::hours::{HoursInput, HoursLog, HoursStatus, ParsedHours};
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// Logged hours with the names a list shows.
#[derive(Debug, Clone)]
pub struct HoursLine {
    /// The log.
    pub log: HoursLog,
    /// The volunteer's full name.
    pub person_name: String,
    /// The role's title.
    pub role_title: String,
    /// The organisation's name.
    pub organisation_name: String,
}

impl App {
    /// The roles a volunteer can log hours for: those they are active in, as
    /// (role, "role, organisation").
    pub async fn my_hours_roles(
        &self,
        person: PersonId,
    ) -> Result<Vec<(RoleId, String)>, AppError> {
        let mut roles: Vec<(RoleId, String)> = self
            .store
            .placements_of_person(person)
            .await?
            .into_iter()
            .filter(|p| p.placement.status == PlacementStatus::Active)
            .map(|p| {
                (
                    p.placement.role_id,
                    format!("{}, {}", p.role_title, p.organisation_name),
                )
            })
            .collect();
        roles.sort_by(|a, b| a.1.cmp(&b.1));
        roles.dedup_by_key(|r| r.0);
        Ok(roles)
    }

    /// The organisation of an active placement of `person` in `role`, if they have one.
    async fn active_role_org(
        &self,
        person: PersonId,
        role: Option<RoleId>,
        only_in: Option<OrganisationId>,
    ) -> Result<Option<OrganisationId>, AppError> {
        let Some(role) = role else { return Ok(None) };
        Ok(self
            .store
            .placements_of_person(person)
            .await?
            .into_iter()
            .find(|p| {
                p.placement.role_id == role
                    && p.placement.status == PlacementStatus::Active
                    && only_in.is_none_or(|o| o == p.placement.organisation_id)
            })
            .map(|p| p.placement.organisation_id))
    }

    /// Checks typed hours for a role (as typed: an id, or anything): the log's organisation and
    /// content, or every problem at once.
    pub(crate) async fn parse_hours(
        &self,
        person: PersonId,
        role: &str,
        input: &HoursInput,
        only_in: Option<OrganisationId>,
    ) -> Result<(OrganisationId, RoleId, ParsedHours), AppError> {
        let role_id: Option<RoleId> = role.trim().parse().ok();
        let org = self.active_role_org(person, role_id, only_in).await?;
        let today = from_utc(self.clock.now()).date();
        let parsed = input.parse(today);
        let mut errors = FieldErrors::new();
        if org.is_none() {
            errors.add("role_id", "Select a role you volunteer in");
        }
        if let Err(e) = &parsed {
            errors.0.extend(e.0.iter().cloned());
        }
        match (org, role_id, parsed) {
            (Some(org), Some(role_id), Ok(parsed)) if errors.is_empty() => {
                Ok((org, role_id, parsed))
            }
            _ => Err(errors.into()),
        }
    }

    /// A volunteer logs hours spent outside shifts for one of their roles; a manager will
    /// approve them or ask about them.
    pub async fn log_hours(
        &self,
        person: PersonId,
        role: &str,
        input: &HoursInput,
    ) -> Result<HoursLog, AppError> {
        let (org, role_id, parsed) = self.parse_hours(person, role, input, None).await?;
        let now = self.clock.now();
        let log = HoursLog {
            id: HoursLogId::new(),
            organisation_id: org,
            person_id: person,
            role_id,
            worked_on: parsed.worked_on,
            minutes: parsed.minutes,
            description: parsed.description,
            status: HoursStatus::Submitted,
            submitted_at: now,
            decided_at: None,
            decided_by: None,
            message: String::new(),
        };
        self.store
            .apply(vec![
                Write::InsertHoursLog(log.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    Actor::Person(person),
                    "hours.logged",
                    "hours",
                    log.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(log)
    }

    /// A member of staff records hours for a volunteer active in the role (approved at once).
    pub async fn record_hours(
        &self,
        scope: &OrgScope,
        person: PersonId,
        role: &str,
        input: &HoursInput,
    ) -> Result<HoursLog, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let (_, role_id, parsed) = self.parse_hours(person, role, input, Some(org)).await?;
        let now = self.clock.now();
        let log = HoursLog {
            id: HoursLogId::new(),
            organisation_id: org,
            person_id: person,
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
        self.store
            .apply(vec![
                Write::InsertHoursLog(log.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "hours.recorded",
                    "hours",
                    log.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(log)
    }

    /// A volunteer's own logged hours everywhere, newest first.
    pub async fn my_hours(&self, person: PersonId) -> Result<Vec<HoursLine>, AppError> {
        let logs = self.store.hours_logs_of_person(person).await?;
        self.hours_lines(logs).await
    }

    /// Hours and totals cover every volunteer, so supervisors (limited to their sites) do not
    /// see them.
    pub(super) fn require_whole_organisation(scope: &OrgScope) -> Result<(), AppError> {
        scope.require(Capability::ViewVolunteers)?;
        if scope.site_limit().is_some() {
            return Err(AppError::Forbidden);
        }
        Ok(())
    }

    pub(super) async fn hours_lines(
        &self,
        logs: Vec<HoursLog>,
    ) -> Result<Vec<HoursLine>, AppError> {
        let mut names: HashMap<PersonId, String> = HashMap::new();
        let mut roles: HashMap<RoleId, String> = HashMap::new();
        let mut orgs: HashMap<OrganisationId, String> = HashMap::new();
        let mut lines = Vec::new();
        for log in logs {
            if let Entry::Vacant(e) = names.entry(log.person_id) {
                let person = self.store.person(log.person_id).await?;
                e.insert(person.map(|p| p.full_name()).unwrap_or_default());
            }
            if let Entry::Vacant(e) = roles.entry(log.role_id) {
                let role = self.store.role(log.organisation_id, log.role_id).await?;
                e.insert(role.map(|r| r.title).unwrap_or_default());
            }
            if let Entry::Vacant(e) = orgs.entry(log.organisation_id) {
                let org = self.store.organisation(log.organisation_id).await?;
                e.insert(org.map(|o| o.name).unwrap_or_default());
            }
            lines.push(HoursLine {
                person_name: names.get(&log.person_id).cloned().unwrap_or_default(),
                role_title: roles.get(&log.role_id).cloned().unwrap_or_default(),
                organisation_name: orgs.get(&log.organisation_id).cloned().unwrap_or_default(),
                log,
            });
        }
        Ok(lines)
    }

    /// A volunteer changes hours a manager asked about and sends them again.
    pub async fn resend_hours(
        &self,
        person: PersonId,
        id: HoursLogId,
        input: &HoursInput,
    ) -> Result<HoursLog, AppError> {
        let log = self
            .store
            .hours_logs_of_person(person)
            .await?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(AppError::NotFound)?;
        let today = from_utc(self.clock.now()).date();
        let parsed = input.parse(today)?;
        let now = self.clock.now();
        let sent = log
            .resend(parsed, now)
            .map_err(|r| AppError::Conflict(r.message().into()))?;
        self.store
            .apply(vec![
                Write::UpdateHoursLog(sent.clone(), HoursStatus::Queried),
                Write::Audit(AuditEntry::new(
                    Some(log.organisation_id),
                    Actor::Person(person),
                    "hours.resent",
                    "hours",
                    log.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(sent)
    }
}
