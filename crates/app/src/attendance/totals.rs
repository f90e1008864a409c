//! Hours totals: by month per volunteer, role, site and organisation, from shifts attended
//! (actual times, or the shift's) and approved logged hours; and a volunteer's own.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::FieldErrors;
use domain::ids::{OrganisationId, PersonId, RoleId, SiteId};
use domain::rota::attendance::AttendanceStatus;
use domain::rota::hours::{
    HoursItem, HoursLog, HoursStatus, HoursTotals, MonthTotals, totals_by_month,
};
use domain::rota::{Edge, from_utc, to_instant};

use crate::ports::AttendanceRow;
use crate::{App, AppError, OrgScope};

/// An organisation's totals for a year with the names of everyone and everything in them.
#[derive(Debug, Clone)]
pub struct HoursReport {
    /// The totals.
    pub totals: HoursTotals,
    /// Volunteers' full names.
    pub people: HashMap<PersonId, String>,
    /// Roles' titles.
    pub roles: HashMap<RoleId, String>,
    /// Sites' names.
    pub sites: HashMap<SiteId, String>,
}

/// A volunteer's own totals for a year with one organisation.
#[derive(Debug, Clone)]
pub struct MyTotals {
    /// The organisation's name.
    pub organisation_name: String,
    /// Minutes by month.
    pub months: MonthTotals,
}

/// A year's `[from, to)` as UK dates and as the instants of their midnights.
fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let to = NaiveDate::from_ymd_opt(year + 1, 1, 1)?;
    let at = |d: NaiveDate| to_instant(d.and_time(NaiveTime::MIN), Edge::Start);
    Some((from, to, at(from)?, at(to)?))
}

/// Shifts attended as items to add up.
fn attended(rows: &[AttendanceRow]) -> impl Iterator<Item = HoursItem> + '_ {
    rows.iter()
        .filter(|r| r.attendance.status == AttendanceStatus::Attended)
        .map(|r| HoursItem {
            person_id: r.attendance.person_id,
            role_id: r.role_id,
            site_id: Some(r.site_id),
            date: from_utc(r.starts_at).date(),
            minutes: r.attendance.minutes(r.starts_at, r.ends_at),
        })
}

/// Approved logged hours as items to add up.
fn approved(logs: &[HoursLog]) -> impl Iterator<Item = HoursItem> + '_ {
    logs.iter()
        .filter(|l| l.status == HoursStatus::Approved)
        .map(|l| HoursItem {
            person_id: l.person_id,
            role_id: l.role_id,
            site_id: None,
            date: l.worked_on,
            minutes: i64::from(l.minutes),
        })
}

impl App {
    /// A volunteer's own totals for a year, per organisation: shifts attended and approved
    /// logged hours.
    pub async fn my_hours_totals(
        &self,
        person: PersonId,
        year: i32,
    ) -> Result<Vec<MyTotals>, AppError> {
        let Some((_, _, from, to)) = year_bounds(year) else {
            return Ok(vec![]);
        };
        let rows = self.store.attendance_of_person(person, from, to).await?;
        let logs = self.store.hours_logs_of_person(person).await?;
        let mut per_org: BTreeMap<OrganisationId, Vec<HoursItem>> = BTreeMap::new();
        for (row, item) in rows
            .iter()
            .filter(|r| r.attendance.status == AttendanceStatus::Attended)
            .zip(attended(&rows))
        {
            per_org
                .entry(row.attendance.organisation_id)
                .or_default()
                .push(item);
        }
        for (log, item) in logs
            .iter()
            .filter(|l| l.status == HoursStatus::Approved)
            .zip(approved(&logs))
        {
            per_org.entry(log.organisation_id).or_default().push(item);
        }
        let mut out = Vec::new();
        for (org, items) in per_org {
            let months = totals_by_month(year, &items).organisation;
            if months.total() > 0 {
                let organisation_name = self
                    .store
                    .organisation(org)
                    .await?
                    .map(|o| o.name)
                    .unwrap_or_default();
                out.push(MyTotals {
                    organisation_name,
                    months,
                });
            }
        }
        Ok(out)
    }

    /// The hours report for a download, with the export audited: it names volunteers.
    pub async fn export_hours_report(
        &self,
        scope: &OrgScope,
        year: i32,
    ) -> Result<HoursReport, AppError> {
        let report = self.hours_report(scope, year).await?;
        self.store
            .apply(vec![crate::ports::Write::Audit(
                domain::audit::AuditEntry::new(
                    Some(scope.organisation_id()),
                    scope.actor().clone(),
                    "hours.exported",
                    "organisation",
                    scope.organisation_id().0,
                    self.clock.now(),
                )
                .with_detail(year.to_string()),
            )])
            .await?;
        Ok(report)
    }

    /// The organisation's hours for a calendar year by month, per volunteer, role and site:
    /// shifts attended (actual times, or the shift's) and approved logged hours.
    pub async fn hours_report(&self, scope: &OrgScope, year: i32) -> Result<HoursReport, AppError> {
        Self::require_whole_organisation(scope)?;
        let org = scope.organisation_id();
        let (from_day, to_day, from, to) = year_bounds(year)
            .ok_or_else(|| AppError::from(FieldErrors::one("year", "Enter a year, like 2027")))?;
        let rows = self.store.attendance_between(org, from, to).await?;
        let logs = self.store.hours_logs_between(org, from_day, to_day).await?;
        let items: Vec<HoursItem> = attended(&rows).chain(approved(&logs)).collect();
        let totals = totals_by_month(year, &items);
        let mut people = HashMap::new();
        for id in totals.by_person.keys() {
            let name = self.store.person(*id).await?.map(|p| p.full_name());
            people.insert(*id, name.unwrap_or_default());
        }
        let roles = self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|r| (r.id, r.title))
            .collect();
        let sites = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        Ok(HoursReport {
            totals,
            people,
            roles,
            sites,
        })
    }
}
