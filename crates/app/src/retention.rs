//! Retention rules per organisation (leavers after N years, unsuccessful applicants after N
//! months, closed service-user records after N years; DBS certificate details six months after
//! the decision, always), a dry-run preview of who they reach and why, and the run itself: a
//! daily job for every organisation with a rule on, or an admin's "run now", each leaving a report
//! of what it removed that names nobody.

use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::Check;
use domain::ids::{JobId, OrganisationId, PersonId, RetentionRunId, SupportedPersonId};
use domain::privacy::{
    ErasureBlock, ErasureReason, ErasureSubject, RetentionInput, RetentionPolicy,
};
use domain::staff::Capability;

use crate::erasure::Planned;
use crate::ports::{Job, PrivacySettings, PrivacyWrite, RetentionCandidate, RetentionRun, Write};
use crate::{App, AppError, OrgScope};

/// The job kind of a scheduled retention run.
pub const RETENTION: &str = "retention";

/// Who a retention rule reaches, and whether anything keeps them for now.
#[derive(Debug, Clone)]
pub struct PreviewItem {
    /// The person or record.
    pub candidate: RetentionCandidate,
    /// Why they would be kept this time (empty: they would be erased).
    pub kept_because: Vec<ErasureBlock>,
}

/// A DBS check whose certificate details are due to go.
#[derive(Debug, Clone)]
pub struct DbsDue {
    /// The check.
    pub check: Check,
    /// Whose, by name.
    pub name: String,
}

/// What a run now would do.
#[derive(Debug, Clone)]
pub struct RetentionPreview {
    /// The rules.
    pub policy: RetentionPolicy,
    /// Everyone the rules reach.
    pub items: Vec<PreviewItem>,
    /// DBS details due to go.
    pub dbs: Vec<DbsDue>,
}

impl App {
    /// The organisation's privacy settings (defaults until saved).
    pub async fn privacy_settings(&self, scope: &OrgScope) -> Result<PrivacySettings, AppError> {
        scope.require(Capability::Administer)?;
        Ok(self.privacy_settings_of(scope.organisation_id()).await?)
    }

    pub(crate) async fn privacy_settings_of(
        &self,
        org: OrganisationId,
    ) -> Result<PrivacySettings, crate::StoreError> {
        Ok(self.store.privacy_settings(org).await?.unwrap_or_default())
    }

    /// Saves the retention rules.
    pub async fn save_retention(
        &self,
        scope: &OrgScope,
        input: &RetentionInput,
    ) -> Result<RetentionPolicy, AppError> {
        scope.require(Capability::Administer)?;
        let policy = input.parse()?;
        let org = scope.organisation_id();
        let mut settings = self.privacy_settings_of(org).await?;
        settings.retention = policy;
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::PutSettings(org, settings, now)),
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "privacy.retention_changed",
                        "organisation",
                        org.0,
                        now,
                    )
                    .with_detail(format!("{policy:?}")),
                ),
            ])
            .await?;
        Ok(policy)
    }

    /// The dry run: who the rules reach now and why, and who would be kept and why.
    pub async fn retention_preview(&self, scope: &OrgScope) -> Result<RetentionPreview, AppError> {
        scope.require(Capability::Administer)?;
        self.preview_for(scope.organisation_id()).await
    }

    async fn preview_for(&self, org: OrganisationId) -> Result<RetentionPreview, AppError> {
        let policy = self.privacy_settings_of(org).await?.retention;
        let now = self.clock.now();
        let cutoffs = policy.cutoffs(now);
        let mut items = Vec::new();
        for candidate in self.store.retention_candidates(org, &cutoffs).await? {
            let kept_because = match candidate.subject {
                ErasureSubject::Person => {
                    self.store
                        .erasure_blocks(org, PersonId(candidate.id))
                        .await?
                }
                ErasureSubject::SupportedPerson => {
                    self.store
                        .supported_person_erasure_blocks(org, SupportedPersonId(candidate.id))
                        .await?
                }
            };
            items.push(PreviewItem {
                candidate,
                kept_because,
            });
        }
        let mut dbs = Vec::new();
        if let Some(cutoff) = cutoffs.dbs_details {
            for check in self.store.dbs_details_decided_before(cutoff).await? {
                if check.organisation_id != org || !check.dbs_details_due_for_removal(now) {
                    continue;
                }
                let name = self
                    .store
                    .person(check.person_id)
                    .await?
                    .map(|p| p.full_name())
                    .unwrap_or_default();
                dbs.push(DbsDue { check, name });
            }
        }
        Ok(RetentionPreview { policy, items, dbs })
    }

    /// Runs the rules now, at an admin's request; returns the report.
    pub async fn run_retention(&self, scope: &OrgScope) -> Result<RetentionRun, AppError> {
        scope.require(Capability::Administer)?;
        let (writes, run) = self
            .retention_writes(scope.organisation_id(), scope.actor().clone())
            .await?;
        self.store.apply(writes).await?;
        Ok(run)
    }

    /// The organisation's latest retention reports.
    pub async fn retention_runs(&self, scope: &OrgScope) -> Result<Vec<RetentionRun>, AppError> {
        scope.require(Capability::Administer)?;
        Ok(self
            .store
            .retention_runs(scope.organisation_id(), 20)
            .await?)
    }

    /// Every erasure the rules call for, the DBS details due, and the report, as one batch.
    async fn retention_writes(
        &self,
        org: OrganisationId,
        actor: Actor,
    ) -> Result<(Vec<Write>, RetentionRun), AppError> {
        let preview = self.preview_for(org).await?;
        let now = self.clock.now();
        let mut writes = Vec::new();
        let mut erased = [0usize; 3];
        let mut kept: Vec<String> = Vec::new();
        let mut records = Vec::new();
        for item in &preview.items {
            let c = &item.candidate;
            let planned = match c.subject {
                ErasureSubject::Person => {
                    self.plan_person_erasure(
                        org,
                        PersonId(c.id),
                        c.rule,
                        String::new(),
                        actor.clone(),
                    )
                    .await?
                }
                ErasureSubject::SupportedPerson => {
                    self.plan_supported_person_erasure(
                        org,
                        SupportedPersonId(c.id),
                        c.rule,
                        actor.clone(),
                    )
                    .await?
                }
            };
            match planned {
                Planned::Writes(w, record) => {
                    writes.extend(w);
                    records.push(record.id.to_string());
                    erased[rule_index(c.rule)] += 1;
                }
                Planned::Blocked(blocks) => {
                    for b in blocks {
                        kept.push(format!(
                            "Kept one record ({}): {}",
                            c.rule.label(),
                            b.message()
                        ));
                    }
                }
            }
        }
        for due in &preview.dbs {
            writes.push(Write::UpdateCheck(
                due.check.without_dbs_details(now),
                due.check.version(),
            ));
            writes.push(Write::Audit(AuditEntry::new(
                Some(org),
                Actor::System,
                "check.dbs_details_removed",
                "check",
                due.check.id.0,
                now,
            )));
        }
        let mut report = vec![
            format!("People who left: {} erased", erased[0]),
            format!("Unsuccessful applicants: {} erased", erased[1]),
            format!("Closed service-user records: {} erased", erased[2]),
            format!("DBS certificate details removed: {}", preview.dbs.len()),
        ];
        report.extend(kept);
        if !records.is_empty() {
            report.push(format!("Erasure records: {}", records.join(", ")));
        }
        let run = RetentionRun {
            id: RetentionRunId::new(),
            organisation_id: org,
            ran_at: now,
            ran_by: actor.person_id(),
            report,
        };
        writes.push(Write::Privacy(PrivacyWrite::InsertRetentionRun(
            run.clone(),
        )));
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            actor,
            "privacy.retention_run",
            "retention_run",
            run.id.0,
            now,
        )));
        Ok((writes, run))
    }

    /// A retention job a day for each organisation with a rule on.
    pub(crate) async fn schedule_retention(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let day = self.uk_today();
        Ok(self
            .store
            .organisations_with_retention()
            .await?
            .into_iter()
            .map(|org| {
                Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: RETENTION.into(),
                    dedupe_key: format!("{RETENTION}:{org}:{day}"),
                    organisation_id: Some(org),
                    payload: String::new(),
                    run_at: now,
                    attempts: 0,
                })
            })
            .collect())
    }

    /// The scheduled run for the job's organisation.
    pub(crate) async fn retention_job(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let org = job
            .organisation_id
            .ok_or_else(|| AppError::Internal("retention job without an organisation".into()))?;
        Ok(self.retention_writes(org, Actor::System).await?.0)
    }
}

fn rule_index(rule: ErasureReason) -> usize {
    match rule {
        ErasureReason::Leavers | ErasureReason::Request => 0,
        ErasureReason::Unsuccessful => 1,
        ErasureReason::ClosedServiceUser => 2,
    }
}

/// When a candidate's clock started, for the preview ("left on ...").
pub fn since_words(c: &RetentionCandidate) -> (&'static str, DateTime<Utc>) {
    let words = match c.rule {
        ErasureReason::Leavers | ErasureReason::Request => "Left",
        ErasureReason::Unsuccessful => "Last application closed",
        ErasureReason::ClosedServiceUser => "Support closed",
    };
    (words, c.since)
}
