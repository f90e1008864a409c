//! What the privacy API returns: erasure records, retention rules, the dry run, run reports and
//! consents.

use app::ports::{ConsentRecord, RetentionRun};
use app::retention::RetentionPreview;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::privacy::{ErasureBlock, ErasureRecord, RetentionPolicy};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The record that an erasure happened. It names nobody.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureView {
    /// Identifier.
    pub id: Uuid,
    /// `person` or `supported_person`.
    pub subject: String,
    /// The anonymous stand-in or emptied record the organisation's records now point to.
    pub subject_id: Uuid,
    /// `request`, `leavers`, `unsuccessful` or `closed_service_user`.
    pub reason: String,
    /// The admin's note.
    pub note: String,
    /// The admin who confirmed it; null for the scheduled run.
    pub erased_by: Option<Uuid>,
    /// When.
    pub erased_at: DateTime<Utc>,
    /// Whether the person's own account went too.
    pub profile_erased: bool,
    /// What went, a line per kind of record.
    pub removed: Vec<String>,
}

impl From<ErasureRecord> for ErasureView {
    fn from(r: ErasureRecord) -> Self {
        Self {
            id: r.id.0,
            subject: r.subject.code().into(),
            subject_id: r.subject_id,
            reason: r.reason.code().into(),
            note: r.note,
            erased_by: r.erased_by.map(|p| p.0),
            erased_at: r.erased_at,
            profile_erased: r.profile_erased,
            removed: r.removed,
        }
    }
}

/// Retention rules; null means the rule is off.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionRulesView {
    /// Years after leaving.
    pub leavers_after_years: Option<u16>,
    /// Months after an unsuccessful application.
    pub unsuccessful_after_months: Option<u16>,
    /// Years after support closed.
    pub closed_service_users_after_years: Option<u16>,
    /// DBS certificate details go this many months after the decision (fixed).
    pub dbs_details_months: u32,
}

impl From<RetentionPolicy> for RetentionRulesView {
    fn from(p: RetentionPolicy) -> Self {
        Self {
            leavers_after_years: p.leavers_after_years,
            unsuccessful_after_months: p.unsuccessful_after_months,
            closed_service_users_after_years: p.closed_service_users_after_years,
            dbs_details_months: domain::privacy::DBS_DETAILS_KEPT_MONTHS,
        }
    }
}

/// Someone a rule reaches.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachedView {
    /// `person` or `supported_person`.
    pub subject: String,
    /// The person's or record's id.
    pub id: Uuid,
    /// Their name as held.
    pub name: String,
    /// The rule: `leavers`, `unsuccessful` or `closed_service_user`.
    pub rule: String,
    /// When the rule's clock started.
    pub since: DateTime<Utc>,
    /// Why they would be kept this time; empty means they would be erased.
    pub kept_because: Vec<String>,
}

/// A DBS check whose certificate details are due to go.
#[derive(Debug, Serialize, ToSchema)]
pub struct DbsDueView {
    /// The check.
    pub check_id: Uuid,
    /// Whose, by name.
    pub name: String,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
}

/// The dry run.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionPreviewView {
    /// The rules.
    pub rules: RetentionRulesView,
    /// Everyone they reach.
    pub reached: Vec<ReachedView>,
    /// DBS details due to go.
    pub dbs_details: Vec<DbsDueView>,
}

impl From<RetentionPreview> for RetentionPreviewView {
    fn from(p: RetentionPreview) -> Self {
        Self {
            rules: p.policy.into(),
            reached: p
                .items
                .into_iter()
                .map(|i| ReachedView {
                    subject: i.candidate.subject.code().into(),
                    id: i.candidate.id,
                    name: i.candidate.name,
                    rule: i.candidate.rule.code().into(),
                    since: i.candidate.since,
                    kept_because: i.kept_because.iter().map(ErasureBlock::message).collect(),
                })
                .collect(),
            dbs_details: p
                .dbs
                .into_iter()
                .map(|d| DbsDueView {
                    check_id: d.check.id.0,
                    name: d.name,
                    decided_at: d.check.decided_at,
                })
                .collect(),
        }
    }
}

/// A retention run's report. It names nobody.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetentionRunView {
    /// Identifier.
    pub id: Uuid,
    /// When.
    pub ran_at: DateTime<Utc>,
    /// The admin who ran it; null for the scheduled run.
    pub ran_by: Option<Uuid>,
    /// The report, a line each.
    pub report: Vec<String>,
}

impl From<RetentionRun> for RetentionRunView {
    fn from(r: RetentionRun) -> Self {
        Self {
            id: r.id.0,
            ran_at: r.ran_at,
            ran_by: r.ran_by.map(|p| p.0),
            report: r.report,
        }
    }
}

/// A consent given to the organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    /// Whose.
    pub name: String,
    /// Given to.
    pub organisation: String,
    /// What for.
    pub purpose: String,
    /// When, as recorded.
    pub given: String,
    /// How.
    pub how: String,
    /// When withdrawn, if it was.
    pub withdrawn: Option<String>,
}

impl From<ConsentRecord> for ConsentView {
    fn from(c: ConsentRecord) -> Self {
        Self {
            name: c.name,
            organisation: c.organisation,
            purpose: c.purpose,
            given: c.given,
            how: c.how,
            withdrawn: c.withdrawn,
        }
    }
}
