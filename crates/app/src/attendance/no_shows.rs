//! No-shows: an hour after a shift ends, a job records every standing place nobody checked in
//! to or marked as "did not attend" — recorded once, not guessed at each read. Managers see
//! counts per volunteer over twelve months with a kind prompt to get in touch.

use std::collections::HashMap;

use chrono::{Duration, Months, NaiveDate};
use domain::audit::{Actor, AuditEntry};
use domain::ids::{JobId, PersonId};
use domain::rota::ShiftId;
use domain::rota::attendance::{Attendance, AttendanceMethod, AttendanceStatus, follow_up_prompt};
use domain::rota::from_utc;
use domain::staff::Capability;

use crate::ports::{Job, Write};
use crate::{App, AppError, OrgScope};

/// The job kind that records a shift's no-shows.
pub(crate) const NO_SHOWS: &str = "no-shows";
/// No-shows are recorded this long after a shift ends, so the team can mark it first.
pub const NO_SHOW_AFTER_MINUTES: i64 = 60;
/// How far back the scheduler looks for shifts with places left unrecorded.
pub const NO_SHOW_LOOKBACK_DAYS: i64 = 7;

/// One volunteer's no-shows over the last twelve months.
#[derive(Debug, Clone)]
pub struct NoShowLine {
    /// The volunteer.
    pub person_id: PersonId,
    /// Their full name.
    pub name: String,
    /// Shifts missed.
    pub missed: usize,
    /// The UK date of the first of them.
    pub since: NaiveDate,
    /// The UK date of the latest.
    pub latest: NaiveDate,
    /// A kind suggestion to get in touch, from two missed shifts.
    pub prompt: Option<String>,
}

impl App {
    /// Jobs to record the no-shows of shifts that ended between a week and an hour ago and
    /// still have places with nothing recorded; one job per shift, ever (its dedupe key).
    pub(crate) async fn schedule_no_shows(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let shifts = self
            .store
            .unrecorded_shifts(
                now - Duration::days(NO_SHOW_LOOKBACK_DAYS),
                now - Duration::minutes(NO_SHOW_AFTER_MINUTES),
            )
            .await?;
        Ok(shifts
            .into_iter()
            .map(|s| {
                Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: NO_SHOWS.into(),
                    dedupe_key: format!("{NO_SHOWS}:{}", s.shift_id),
                    organisation_id: Some(s.organisation_id),
                    payload: s.shift_id.to_string(),
                    run_at: now,
                    attempts: 0,
                })
            })
            .collect())
    }

    /// Records "did not attend" for every standing place on the job's shift with nothing
    /// recorded. A check-in or mark landing at the same moment makes the batch fail on the
    /// one-record-per-booking rule, and the retry skips that place.
    pub(crate) async fn record_no_shows(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let bad = || AppError::Internal(format!("bad job payload {}", job.payload));
        let org = job.organisation_id.ok_or_else(bad)?;
        let shift: ShiftId = job.payload.parse().map_err(|_| bad())?;
        let Some(row) = self.store.shift(org, shift).await? else {
            return Ok(vec![]);
        };
        if row.shift.cancelled {
            return Ok(vec![]);
        }
        let now = self.clock.now();
        let recorded = self.store.attendance_on(org, shift).await?;
        let mut writes: Vec<Write> = self
            .store
            .bookings_on(org, shift)
            .await?
            .iter()
            .filter(|b| !recorded.iter().any(|a| a.booking_id == b.id))
            .map(|b| {
                Write::InsertAttendance(Attendance::for_booking(
                    b,
                    AttendanceStatus::NoShow,
                    AttendanceMethod::Automatic,
                    now,
                ))
            })
            .collect();
        if !writes.is_empty() {
            writes.push(Write::Audit(
                AuditEntry::new(
                    Some(org),
                    Actor::System,
                    "attendance.no_shows_recorded",
                    "shift",
                    shift.0,
                    now,
                )
                .with_detail(format!("{} places", writes.len())),
            ));
        }
        Ok(writes)
    }

    /// Volunteers who missed shifts in the last twelve months, most first, each with a kind
    /// prompt from two missed shifts. Supervisors see only shifts at their sites.
    pub async fn no_shows(&self, scope: &OrgScope) -> Result<Vec<NoShowLine>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let now = self.clock.now();
        let from = now.checked_sub_months(Months::new(12)).unwrap_or(now);
        let limit = scope.site_limit();
        let mut by_person: HashMap<PersonId, Vec<NaiveDate>> = HashMap::new();
        for row in self
            .store
            .attendance_between(scope.organisation_id(), from, now)
            .await?
        {
            if row.attendance.status != AttendanceStatus::NoShow
                || limit.as_ref().is_some_and(|l| !l.contains(&row.site_id))
            {
                continue;
            }
            by_person
                .entry(row.attendance.person_id)
                .or_default()
                .push(from_utc(row.starts_at).date());
        }
        let today = from_utc(now).date();
        let mut lines = Vec::new();
        for (person_id, dates) in by_person {
            let (Some(since), Some(latest)) =
                (dates.iter().min().copied(), dates.iter().max().copied())
            else {
                continue;
            };
            let person = self.store.person(person_id).await?;
            let name = person.as_ref().map(|p| p.full_name()).unwrap_or_default();
            let known_as = person
                .as_ref()
                .map(|p| p.known_as().to_owned())
                .unwrap_or_default();
            lines.push(NoShowLine {
                person_id,
                prompt: follow_up_prompt(&known_as, dates.len(), since, today),
                name,
                missed: dates.len(),
                since,
                latest,
            });
        }
        lines.sort_by(|a, b| b.missed.cmp(&a.missed).then_with(|| a.name.cmp(&b.name)));
        Ok(lines)
    }
}
