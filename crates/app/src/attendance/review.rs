//! Managers' side of logged hours: the list to review, and approving or querying them (the
//! volunteer is told by email, unless they chose not to hear about it).

use chrono::NaiveDate;
use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::ids::HoursLogId;
use domain::notification::NotificationKind;
use domain::rota::hours::{HoursLog, HoursStatus, MAX_MESSAGE, duration_words};
use domain::staff::Capability;

use super::hours::HoursLine;
use crate::ports::Write;
use crate::{App, AppError, OrgScope};

fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

impl App {
    /// The organisation's logged hours, optionally with one status, newest first.
    pub async fn hours_for_review(
        &self,
        scope: &OrgScope,
        status: Option<HoursStatus>,
    ) -> Result<Vec<HoursLine>, AppError> {
        Self::require_whole_organisation(scope)?;
        let logs = self
            .store
            .hours_logs(scope.organisation_id(), status)
            .await?;
        self.hours_lines(logs).await
    }

    /// One of the organisation's logged hours, with names.
    pub async fn hours_entry(
        &self,
        scope: &OrgScope,
        id: HoursLogId,
    ) -> Result<HoursLine, AppError> {
        Self::require_whole_organisation(scope)?;
        let log = self
            .store
            .hours_log(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut lines = self.hours_lines(vec![log]).await?;
        lines.pop().ok_or(AppError::NotFound)
    }

    /// A manager approves logged hours (waiting, or queried and since talked over); the
    /// volunteer is told.
    pub async fn approve_hours(
        &self,
        scope: &OrgScope,
        id: HoursLogId,
    ) -> Result<HoursLog, AppError> {
        self.decide_hours(scope, id, HoursStatus::Approved, "")
            .await
    }

    /// A manager asks about logged hours, with a message back to the volunteer, who is told.
    pub async fn query_hours(
        &self,
        scope: &OrgScope,
        id: HoursLogId,
        message: &str,
    ) -> Result<HoursLog, AppError> {
        self.decide_hours(scope, id, HoursStatus::Queried, message)
            .await
    }

    async fn decide_hours(
        &self,
        scope: &OrgScope,
        id: HoursLogId,
        to: HoursStatus,
        message: &str,
    ) -> Result<HoursLog, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let log = self
            .store
            .hours_log(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut e = FieldErrors::new();
        let message = if to == HoursStatus::Queried {
            e.text(
                "message",
                "your question for the volunteer",
                message,
                MAX_MESSAGE,
            )
            .unwrap_or_default()
        } else {
            String::new()
        };
        let now = self.clock.now();
        let decided = log
            .decide(to, scope.actor().person_id(), message.clone(), now)
            .map_err(|r| AppError::Conflict(r.message().into()))?;
        if !e.is_empty() {
            return Err(e.into());
        }
        let org_name = &scope.organisation().name;
        let what = format!(
            "{} on {} ({})",
            duration_words(i64::from(log.minutes)),
            long_date(log.worked_on),
            log.description
        );
        let (action, subject, body) = if to == HoursStatus::Approved {
            (
                "hours.approved",
                format!("Your hours on {} are approved", long_date(log.worked_on)),
                format!(
                    "Thank you. {org_name} has approved the hours you logged: {what}.\n\nSee your hours at {}/my/hours\n",
                    self.base_url
                ),
            )
        } else {
            (
                "hours.queried",
                format!(
                    "A question about your hours on {}",
                    long_date(log.worked_on)
                ),
                format!(
                    "{org_name} has a question about the hours you logged: {what}.\n\n\"{message}\"\n\nYou can reply by changing them at {}/my/hours\n",
                    self.base_url
                ),
            )
        };
        let mut writes = vec![
            Write::UpdateHoursLog(decided.clone(), log.status),
            Write::Audit(AuditEntry::new(
                Some(org),
                scope.actor().clone(),
                action,
                "hours",
                log.id.0,
                now,
            )),
        ];
        writes.extend(
            self.volunteer_message(
                log.organisation_id,
                log.person_id,
                NotificationKind::HoursDecision,
                &subject,
                body,
            )
            .await?,
        );
        self.store.apply(writes).await?;
        Ok(decided)
    }
}
