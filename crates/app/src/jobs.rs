//! The database-backed job queue, and the jobs on it: expiry reminders (60, 30 and 7 days
//! before, and on expiry) and deleting DBS certificate details six months after the decision.
//!
//! Scheduling is idempotent (each job has a unique dedupe key) and a job's effects commit in the
//! same transaction as its completion, which fails unless the worker still holds the job; so each
//! reminder is sent exactly once however many servers run the queue.

use chrono::{Duration, Months, NaiveDate};
use domain::audit::{Actor, AuditEntry};
use domain::compliance::check::{DBS_DETAILS_KEPT_MONTHS, in_sentence};
use domain::compliance::reminders::{EXPIRED_NOTICE_DAYS, REMINDER_DAYS, Reminder, due_reminder};
use domain::compliance::{Check, CheckStatus};
use domain::ids::{CheckId, JobId, OrganisationId};
use domain::staff::Permission;

use crate::ports::{Job, StoreError, Write};
use crate::{App, AppError};

/// How long a worker holds a claimed job before another may take it.
pub const JOB_LEASE_SECONDS: i64 = 300;
const EXPIRY_REMINDER: &str = "expiry-reminder";
const DBS_MINIMISE: &str = "dbs-minimise";

/// What a run of the queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    /// Jobs completed.
    pub done: usize,
    /// Jobs that failed and will be retried.
    pub failed: usize,
    /// Jobs another worker completed first (their effects rolled back here).
    pub taken_over: usize,
}

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

impl App {
    /// Puts due work on the queue. Safe to run as often as wanted, from any number of servers.
    pub async fn schedule_jobs(&self) -> Result<usize, AppError> {
        let today = self.clock.today();
        let now = self.clock.now();
        let longest = i64::from(REMINDER_DAYS.iter().copied().max().unwrap_or(0));
        let mut writes = Vec::new();
        for c in self
            .store
            .all_expiring_checks(
                today - Duration::days(EXPIRED_NOTICE_DAYS),
                today + Duration::days(longest),
            )
            .await?
        {
            let Some(expires) = c.expires_on else {
                continue;
            };
            let Some(reminder) = due_reminder(expires, today) else {
                continue;
            };
            writes.push(Write::EnqueueJob(Job {
                id: JobId::new(),
                kind: EXPIRY_REMINDER.into(),
                dedupe_key: format!("{EXPIRY_REMINDER}:{}:{expires}:{}", c.id, reminder.key()),
                organisation_id: Some(c.organisation_id),
                payload: format!("{} {expires} {}", c.id, reminder.key()),
                run_at: now,
                attempts: 0,
            }));
        }
        if let Some(cutoff) = now.checked_sub_months(Months::new(DBS_DETAILS_KEPT_MONTHS)) {
            for c in self.store.dbs_details_decided_before(cutoff).await? {
                // Keyed by the decision too: a certificate recorded again later is a new one,
                // whose details go six months after its own decision.
                let decided = c.decided_at.map_or(0, |d| d.timestamp_micros());
                writes.push(Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: DBS_MINIMISE.into(),
                    dedupe_key: format!("{DBS_MINIMISE}:{}:{decided}", c.id),
                    organisation_id: Some(c.organisation_id),
                    payload: c.id.to_string(),
                    run_at: now,
                    attempts: 0,
                }));
            }
        }
        writes.extend(self.schedule_shift_reminders().await?);
        writes.extend(self.schedule_no_shows().await?);
        writes.extend(self.schedule_surveys().await?);
        writes.extend(self.schedule_event_reminders().await?);
        writes.extend(self.schedule_resource_reviews().await?);
        writes.extend(self.schedule_retention().await?);
        let n = writes.len();
        for chunk in writes.chunks(500) {
            self.store.apply(chunk.to_vec()).await?;
        }
        Ok(n)
    }

    /// Claims and runs up to `limit` due jobs as `worker`.
    pub async fn run_jobs(&self, worker: &str, limit: u32) -> Result<JobReport, AppError> {
        let now = self.clock.now();
        let jobs = self
            .store
            .claim_jobs(
                worker,
                now,
                now + Duration::seconds(JOB_LEASE_SECONDS),
                limit,
            )
            .await?;
        let mut report = JobReport::default();
        for job in jobs {
            let effects = match job.kind.as_str() {
                EXPIRY_REMINDER => self.expiry_reminder(&job).await,
                DBS_MINIMISE => self.remove_dbs_details(&job).await,
                crate::preferences::SHIFT_REMINDER => self.shift_reminder(&job).await,
                crate::attendance::no_shows::NO_SHOWS => self.record_no_shows(&job).await,
                crate::surveys::SURVEY_INVITE => self.send_survey_invitation(&job).await,
                crate::surveys::SURVEY_REMINDER => self.send_survey_reminder(&job).await,
                crate::safeguarding::DEPUTY_ESCALATION => self.escalate_to_deputies(&job).await,
                crate::learning::EVENT_REMINDER => self.event_reminder(&job).await,
                crate::resource_reviews::RESOURCE_REVIEW => {
                    self.resource_review_reminder(&job).await
                }
                crate::retention::RETENTION => self.retention_job(&job).await,
                other => Err(AppError::Internal(format!("unknown job kind {other}"))),
            };
            let outcome = match effects {
                Ok(mut writes) => {
                    writes.push(Write::CompleteJob {
                        id: job.id,
                        worker: worker.into(),
                        at: self.clock.now(),
                    });
                    self.store.apply(writes).await.map_err(AppError::from)
                }
                Err(e) => Err(e),
            };
            match outcome {
                Ok(()) => report.done += 1,
                Err(AppError::Conflict(_)) => report.taken_over += 1,
                Err(e) => {
                    report.failed += 1;
                    let wait = crate::notify::backoff(job.attempts);
                    tracing::warn!(job = %job.dedupe_key, error = %e, "job failed; will retry");
                    match self
                        .store
                        .job_failed(job.id, &e.to_string(), now + wait)
                        .await
                    {
                        Ok(()) | Err(StoreError::Conflict(_)) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        Ok(report)
    }

    async fn job_check(&self, job: &Job, id: &str) -> Result<Option<Check>, AppError> {
        let org: OrganisationId = job
            .organisation_id
            .ok_or_else(|| AppError::Internal("job without an organisation".into()))?;
        let id: CheckId = id
            .parse()
            .map_err(|_| AppError::Internal(format!("bad job payload {}", job.payload)))?;
        Ok(self.store.check(org, id).await?)
    }

    /// Emails the volunteer and the organisation's managers about an expiring item, unless it
    /// has been renewed or changed since the job was scheduled.
    async fn expiry_reminder(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let mut parts = job.payload.split(' ');
        let (Some(id), Some(expires), Some(key)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(AppError::Internal(format!(
                "bad job payload {}",
                job.payload
            )));
        };
        let Some(check) = self.job_check(job, id).await? else {
            return Ok(vec![]);
        };
        let expires: NaiveDate = expires
            .parse()
            .map_err(|_| AppError::Internal(format!("bad job payload {}", job.payload)))?;
        if check.status != CheckStatus::Verified || check.expires_on != Some(expires) {
            return Ok(vec![]);
        }
        let Some(person) = self.store.person(check.person_id).await? else {
            return Ok(vec![]);
        };
        let Some(org) = self.store.organisation(check.organisation_id).await? else {
            return Ok(vec![]);
        };
        let expired = key == Reminder::Expired.key();
        let when = if expired {
            format!("expired after {}", long_date(expires))
        } else {
            format!("runs out on {}", long_date(expires))
        };
        let mut writes = vec![Write::InsertMessage(self.message(
            person.email.as_str(),
            &format!("Your {} {when}", in_sentence(&check.name)),
            format!(
                "Hello {},\n\nYour {} with {} {when}.{}\n\nYou can see your checklist at {}/my/checklist\n",
                person.known_as(),
                in_sentence(&check.name),
                org.name,
                if expired {
                    " Until it is renewed you cannot volunteer in roles that need it; please talk to us about renewing it."
                } else {
                    " Please renew it before then so you can keep volunteering in the roles that need it."
                },
                self.base_url
            ),
        ))];
        for (member, manager) in self.store.staff(org.id).await? {
            if matches!(
                member.permission,
                Permission::OrganisationAdmin | Permission::VolunteerManager
            ) {
                writes.push(Write::InsertMessage(self.message(
                    manager.email.as_str(),
                    &format!(
                        "{}: {} {when}",
                        person.full_name(),
                        in_sentence(&check.name)
                    ),
                    format!(
                        "{}'s {} {when}.\n\nSee everything expiring at {}/manage/{}/expiring\n",
                        person.full_name(),
                        in_sentence(&check.name),
                        self.base_url,
                        org.slug.as_str()
                    ),
                )));
            }
        }
        writes.push(Write::Audit(
            AuditEntry::new(
                Some(org.id),
                Actor::System,
                "check.reminder_sent",
                "check",
                check.id.0,
                self.clock.now(),
            )
            .with_detail(key.to_owned()),
        ));
        Ok(writes)
    }

    /// Deletes a DBS check's certificate details six months after the decision, keeping that a
    /// check was done, its level and the decision.
    async fn remove_dbs_details(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let Some(check) = self.job_check(job, &job.payload).await? else {
            return Ok(vec![]);
        };
        let now = self.clock.now();
        if !check.dbs_details_due_for_removal(now) {
            return Ok(vec![]);
        }
        Ok(vec![
            Write::UpdateCheck(check.without_dbs_details(now), check.version()),
            Write::Audit(AuditEntry::new(
                Some(check.organisation_id),
                Actor::System,
                "check.dbs_details_removed",
                "check",
                check.id.0,
                now,
            )),
        ])
    }
}
