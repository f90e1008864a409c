//! The rota as staff see it: shifts between UK dates with how full each is, filtered by site or
//! role; the same with the names of the volunteers booked (the day grid, "who is coming today"
//! and the audited CSV export); and adding a site's shifts in bulk from a week template.
//! Supervisors see only the shifts at their own sites.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::ids::{PersonId, RoleId, SiteId};
use domain::role::Role;
use domain::rota::week_template::{WeekTemplateInput, row_field};
use domain::rota::{Edge, Shift, from_utc, to_instant};
use domain::site::Site;
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// The most days one view or export of the rota may cover.
pub const MAX_ROTA_DAYS: u64 = 92;

/// Which shifts to show: all, or only one site's or one role's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RotaFilter {
    /// Only shifts at this site.
    pub site_id: Option<SiteId>,
    /// Only shifts for this role.
    pub role_id: Option<RoleId>,
}

/// One shift on the rota, with its role and site by name and how full it is.
#[derive(Debug, Clone)]
pub struct RotaShift {
    /// The shift.
    pub shift: Shift,
    /// Volunteers booked.
    pub booked: u16,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// The booked volunteers' full names, in the order they booked; empty unless asked for.
    pub volunteers: Vec<String>,
}

impl RotaShift {
    /// Whether fewer volunteers are booked than it needs (a cancelled shift never is).
    pub fn under_filled(&self) -> bool {
        !self.shift.cancelled && self.shift.is_under_filled(self.booked)
    }
}

/// The rota for a range of UK dates, with the sites and roles the viewer may filter by.
#[derive(Debug, Clone)]
pub struct Rota {
    /// The first UK date shown.
    pub from: NaiveDate,
    /// The UK date the view stops before.
    pub to: NaiveDate,
    /// The shifts starting in the range, by start time, cancelled ones included.
    pub shifts: Vec<RotaShift>,
    /// Sites the viewer may see (a supervisor's own sites), by name.
    pub sites: Vec<Site>,
    /// The organisation's roles, by title.
    pub roles: Vec<Role>,
}

/// UK midnight at the start of `day`, as a UTC instant.
fn midnight(day: NaiveDate) -> Result<DateTime<Utc>, AppError> {
    to_instant(day.and_time(NaiveTime::MIN), Edge::Start)
        .ok_or_else(|| FieldErrors::one("from", "Enter a real date").into())
}

/// Whether `[from, to)` is a range the rota can show, as field errors.
fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), AppError> {
    if to <= from {
        return Err(FieldErrors::one("to", "The end date must be after the start date").into());
    }
    if from.checked_add_days(Days::new(MAX_ROTA_DAYS)) < Some(to) {
        return Err(FieldErrors::one(
            "to",
            format!("Choose a range of at most {MAX_ROTA_DAYS} days"),
        )
        .into());
    }
    Ok(())
}

impl App {
    /// The shifts starting on UK dates from `from` up to (not including) `to`, filtered, with
    /// how full each is. No volunteers' names.
    pub async fn rota(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
        filter: RotaFilter,
    ) -> Result<Rota, AppError> {
        scope.require(Capability::View)?;
        self.load_rota(scope, from, to, filter, false).await
    }

    /// The rota as [`App::rota`], with the names of the volunteers booked on each shift.
    pub async fn rota_with_volunteers(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
        filter: RotaFilter,
    ) -> Result<Rota, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        self.load_rota(scope, from, to, filter, true).await
    }

    /// Who is coming today: today's shifts (UK date) at the viewer's sites, optionally one
    /// site's, with the names of the volunteers booked. Names and times only.
    pub async fn who_is_coming_today(
        &self,
        scope: &OrgScope,
        site_id: Option<SiteId>,
    ) -> Result<Rota, AppError> {
        let today = from_utc(self.clock.now()).date();
        let filter = RotaFilter {
            site_id,
            role_id: None,
        };
        self.rota_with_volunteers(scope, today, today + Days::new(1), filter)
            .await
    }

    /// The rota with volunteers' names for a spreadsheet; the export is audited
    /// (`rota.exported`), since it carries people's names out of Alongside.
    pub async fn export_rota(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
        filter: RotaFilter,
    ) -> Result<Rota, AppError> {
        let rota = self.rota_with_volunteers(scope, from, to, filter).await?;
        let org = scope.organisation_id();
        let mut detail = format!("{from} to {to}, {} shifts", rota.shifts.len());
        if let Some(site) = filter.site_id {
            detail.push_str(&format!(", site {site}"));
        }
        if let Some(role) = filter.role_id {
            detail.push_str(&format!(", role {role}"));
        }
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "rota.exported",
                    "organisation",
                    org.0,
                    self.clock.now(),
                )
                .with_detail(detail),
            )])
            .await?;
        Ok(rota)
    }

    async fn load_rota(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
        filter: RotaFilter,
        with_names: bool,
    ) -> Result<Rota, AppError> {
        check_range(from, to)?;
        let org = scope.organisation_id();
        let limit = scope.site_limit();
        let visible = |site: SiteId| limit.as_ref().is_none_or(|sites| sites.contains(&site));
        let sites: Vec<Site> = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .filter(|s| visible(s.id))
            .collect();
        let roles = self.store.roles(org).await?;
        let site_names: HashMap<SiteId, &str> =
            sites.iter().map(|s| (s.id, s.name.as_str())).collect();
        let role_titles: HashMap<RoleId, &str> =
            roles.iter().map(|r| (r.id, r.title.as_str())).collect();
        let rows = self
            .store
            .shifts_between(org, midnight(from)?, midnight(to)?)
            .await?;
        let mut names: HashMap<PersonId, String> = HashMap::new();
        let mut shifts = Vec::new();
        for row in rows {
            let s = &row.shift;
            let wanted = filter.site_id.is_none_or(|id| id == s.site_id)
                && filter.role_id.is_none_or(|id| id == s.role_id);
            let Some(site_name) = site_names.get(&s.site_id).filter(|_| wanted) else {
                continue;
            };
            let mut volunteers = Vec::new();
            if with_names {
                for booking in self.store.bookings_on(org, s.id).await? {
                    volunteers.push(self.person_name(&mut names, booking.person_id).await?);
                }
            }
            shifts.push(RotaShift {
                role_title: role_titles
                    .get(&s.role_id)
                    .copied()
                    .unwrap_or("")
                    .to_owned(),
                site_name: (*site_name).to_owned(),
                booked: row.booked,
                shift: row.shift,
                volunteers,
            });
        }
        Ok(Rota {
            from,
            to,
            shifts,
            sites,
            roles,
        })
    }

    /// A person's full name, looked up once per view.
    async fn person_name(
        &self,
        names: &mut HashMap<PersonId, String>,
        id: PersonId,
    ) -> Result<String, AppError> {
        if let Some(name) = names.get(&id) {
            return Ok(name.clone());
        }
        let name = self
            .store
            .person(id)
            .await?
            .map(|p| p.full_name())
            .unwrap_or_default();
        names.insert(id, name.clone());
        Ok(name)
    }

    /// A manager adds a site's shifts from a week template: every row on its day of every week
    /// from the first date to the last, at the row's UK clock times. All are added, or none;
    /// problems name their rows.
    pub async fn add_week_template(
        &self,
        scope: &OrgScope,
        input: &WeekTemplateInput,
    ) -> Result<Vec<Shift>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let template = input.parse()?;
        let mut errors = FieldErrors::new();
        if self.store.site(org, template.site_id()).await?.is_none() {
            errors.add("site_id", "Select a site from this organisation's list");
        }
        let roles: Vec<RoleId> = self.store.roles(org).await?.iter().map(|r| r.id).collect();
        for row in template.rows() {
            if !roles.contains(&row.role_id) {
                errors.add(
                    &row_field(row.number, "role_id"),
                    format!(
                        "Row {}: Select a role from this organisation's list",
                        row.number
                    ),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let shifts = template.shifts(org, uuid::Uuid::now_v7)?;
        let mut writes: Vec<Write> = shifts.iter().cloned().map(Write::InsertShift).collect();
        writes.push(Write::Audit(
            AuditEntry::new(
                Some(org),
                scope.actor().clone(),
                "shift_template.applied",
                "site",
                template.site_id().0,
                self.clock.now(),
            )
            .with_detail(format!(
                "{} shifts from {} to {}",
                shifts.len(),
                template.from(),
                template.until()
            )),
        ));
        self.store.apply(writes).await?;
        self.book_commitments_into(&shifts).await;
        Ok(shifts)
    }
}
