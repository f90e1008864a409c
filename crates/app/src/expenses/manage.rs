//! Managers and expense claims: the queue, a claim with its history and receipt, decisions
//! (approve, not approve with a reason, ask a question) that tell the volunteer, the export of
//! approved claims for payment, marking them paid, and recording a paper claim for a volunteer.

use chrono::{NaiveDate, NaiveTime};
use domain::FieldErrors;
use domain::Labelled;
use domain::audit::AuditEntry;
use domain::expenses::{ClaimInput, ClaimStatus, Decider, ExpenseClaim, Receipt, TaxYear};
use domain::ids::{ExpenseClaimId, PersonId};
use domain::rota::{Edge, to_instant};
use domain::staff::Capability;

use super::parse_claim;
use crate::ports::{ClaimRow, ClaimSearch, Write};
use crate::{App, AppError, OrgScope};

/// The longest range one export may cover, in days.
pub const MAX_EXPORT_DAYS: i64 = 366;

/// A manager's decision on a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimDecision {
    /// Approve it for payment.
    Approve,
    /// Do not approve it, for this reason.
    Reject(String),
    /// Ask the volunteer this question.
    Query(String),
}

impl ClaimDecision {
    /// The decision from a form or API body: `approve`, `reject` with a reason, or `query`
    /// with a question.
    pub fn parse(action: &str, reason: &str, question: &str) -> Result<Self, FieldErrors> {
        match action.trim() {
            "approve" => Ok(Self::Approve),
            "reject" => Ok(Self::Reject(reason.to_owned())),
            "query" => Ok(Self::Query(question.to_owned())),
            "" => Err(FieldErrors::one(
                "decision",
                "Choose whether to approve the claim, not approve it, or ask a question",
            )),
            _ => Err(FieldErrors::one(
                "decision",
                "Choose approve, reject or query",
            )),
        }
    }
}

/// UK midnight at the start of `day`.
fn midnight(day: NaiveDate) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    to_instant(day.and_time(NaiveTime::MIN), Edge::Start)
        .ok_or_else(|| FieldErrors::one("from", "Enter a real date").into())
}

impl App {
    /// The organisation's claims, oldest sent first, optionally in one status.
    pub async fn expense_queue(
        &self,
        scope: &OrgScope,
        status: Option<ClaimStatus>,
    ) -> Result<Vec<ClaimRow>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let search = ClaimSearch {
            status,
            ..ClaimSearch::default()
        };
        Ok(self
            .store
            .expense_claims(scope.organisation_id(), &search)
            .await?)
    }

    /// One of the organisation's claims.
    pub async fn expense_claim(
        &self,
        scope: &OrgScope,
        id: ExpenseClaimId,
    ) -> Result<ClaimRow, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.store
            .expense_claim(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// What happened to a claim (its audit entries), oldest first.
    pub async fn expense_claim_history(
        &self,
        scope: &OrgScope,
        id: ExpenseClaimId,
    ) -> Result<Vec<AuditEntry>, AppError> {
        let row = self.expense_claim(scope, id).await?;
        let mut entries = self
            .store
            .audit_for(Some(scope.organisation_id()), row.claim.id.0)
            .await?;
        entries.retain(|e| e.entity == "expense_claim");
        entries.reverse();
        Ok(entries)
    }

    /// A claim's receipt, for the organisation's managers; each look is audited.
    pub async fn expense_receipt(
        &self,
        scope: &OrgScope,
        id: ExpenseClaimId,
    ) -> Result<Receipt, AppError> {
        let row = self.expense_claim(scope, id).await?;
        let receipt = self
            .store
            .expense_receipt(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.store
            .apply(vec![self.claim_audit(
                &row.claim,
                scope.actor(),
                "expense_receipt.viewed",
            )])
            .await?;
        Ok(receipt)
    }

    /// A manager decides on a claim: approves it, does not approve it (with a reason), or asks
    /// the volunteer a question. Nobody decides on a claim they made or entered. The volunteer
    /// is told by email.
    pub async fn decide_expense_claim(
        &self,
        scope: &OrgScope,
        id: ExpenseClaimId,
        decision: &ClaimDecision,
    ) -> Result<ExpenseClaim, AppError> {
        let row = self.expense_claim(scope, id).await?;
        let by_id = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let name = self.actor_name(scope.actor()).await?;
        let by = Decider {
            person_id: by_id,
            name: &name,
        };
        let now = self.clock.now();
        let claim = &row.claim;
        let (next, action, subject, says) = match decision {
            ClaimDecision::Approve => (
                claim.approve(by, now)?,
                "expense_claim.approved",
                "Your expense claim has been approved",
                "has been approved. It will be paid back to you soon.".to_owned(),
            ),
            ClaimDecision::Reject(reason) => {
                let next = claim.reject(by, reason, now)?;
                let says = format!("has not been approved.\n\nThe reason: {}", next.note);
                (
                    next,
                    "expense_claim.rejected",
                    "Your expense claim has not been approved",
                    says,
                )
            }
            ClaimDecision::Query(question) => {
                let next = claim.query(by, question, now)?;
                let says = format!(
                    "needs a little more information before it can be approved.\n\nThe question: {}\n\n\
                     You can answer, and change the claim if you need to, at:\n{}/my/expenses/{}/{}",
                    next.note, self.base_url, row.organisation_slug, next.id
                );
                (
                    next,
                    "expense_claim.queried",
                    "A question about your expense claim",
                    says,
                )
            }
        };
        let body = format!(
            "Hello {},\n\nYour expense claim to {} for {} ({}, {}) {}\n",
            row.claimant_name,
            row.organisation_name,
            next.amount,
            next.description,
            date_words(next.spent_on),
            says
        );
        self.store
            .apply(vec![
                Write::MoveExpenseClaim(next.clone(), claim.status),
                self.claim_audit(&next, scope.actor(), action),
                Write::InsertMessage(self.message(&row.claimant_email, subject, body)),
            ])
            .await?;
        Ok(next)
    }

    /// Approved (or paid) claims decided on UK dates `from` to `to` (both included), for
    /// payment. The export itself is audited.
    pub async fn export_expense_claims(
        &self,
        scope: &OrgScope,
        status: ClaimStatus,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ClaimRow>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        if !matches!(status, ClaimStatus::Approved | ClaimStatus::Paid) {
            return Err(
                FieldErrors::one("status", "Only approved or paid claims can be exported").into(),
            );
        }
        if to < from {
            return Err(
                FieldErrors::one("to", "The end date must be on or after the start date").into(),
            );
        }
        if (to - from).num_days() > MAX_EXPORT_DAYS {
            return Err(FieldErrors::one("to", "Export at most a year of claims at a time").into());
        }
        let search = ClaimSearch {
            status: Some(status),
            decided_from: Some(midnight(from)?),
            decided_to: Some(midnight(to + chrono::Duration::days(1))?),
        };
        let org = scope.organisation_id();
        let rows = self.store.expense_claims(org, &search).await?;
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "expense_claims.exported",
                    "organisation",
                    org.0,
                    self.clock.now(),
                )
                .with_detail(format!(
                    "{} {} claims, {from} to {to}",
                    rows.len(),
                    status.code()
                )),
            )])
            .await?;
        Ok(rows)
    }

    /// Marks approved claims paid, all or none; each volunteer is told.
    pub async fn mark_expense_claims_paid(
        &self,
        scope: &OrgScope,
        ids: &[ExpenseClaimId],
    ) -> Result<usize, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        if ids.is_empty() {
            return Err(FieldErrors::one("claims", "Choose the claims that have been paid").into());
        }
        let now = self.clock.now();
        let mut writes = Vec::new();
        for id in ids {
            let row = self.expense_claim(scope, *id).await?;
            let paid = row.claim.mark_paid(now)?;
            let body = format!(
                "Hello {},\n\n{} has paid your expense claim for {} ({}, {}).\n",
                row.claimant_name,
                row.organisation_name,
                paid.amount,
                paid.description,
                date_words(paid.spent_on)
            );
            writes.push(Write::MoveExpenseClaim(paid.clone(), ClaimStatus::Approved));
            writes.push(self.claim_audit(&paid, scope.actor(), "expense_claim.paid"));
            writes.push(Write::InsertMessage(self.message(
                &row.claimant_email,
                "Your expense claim has been paid",
                body,
            )));
        }
        self.store.apply(writes).await?;
        Ok(ids.len())
    }

    /// A manager records a volunteer's paper claim for them (no receipt file). The volunteer must
    /// be active in the organisation; whoever records it cannot decide on it.
    pub async fn record_expense_claim(
        &self,
        scope: &OrgScope,
        person: Option<PersonId>,
        input: &ClaimInput,
    ) -> Result<ExpenseClaim, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let by = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let org = scope.organisation_id();
        let place = match person {
            Some(p) => self.claim_place(p, org).await?,
            None => None,
        };
        let mut errors = FieldErrors::new();
        let (person, links) = match (person, &place) {
            (Some(p), Some(place)) => (p, Some(place.links(p, by, input, None, &mut errors))),
            _ => {
                errors.add(
                    "person_id",
                    "Choose a volunteer who is active in this organisation",
                );
                (by, None)
            }
        };
        let item = parse_claim(input, self.uk_today(), errors)?;
        let links = links.ok_or(AppError::NotFound)?;
        let year = TaxYear::containing(item.spent_on);
        let before = self.car_miles_before(org, person, year, None).await?;
        let claim = ExpenseClaim::new(&item, links, before, None, self.clock.now());
        self.store
            .apply(vec![
                Write::InsertExpenseClaim(claim.clone(), None),
                self.claim_audit(&claim, scope.actor(), "expense_claim.recorded"),
            ])
            .await?;
        Ok(claim)
    }
}

/// A date in words for emails: "5 March 2027".
pub fn date_words(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
