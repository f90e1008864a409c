//! Managers' decisions on a claim (approve, not approve with a reason, ask a question), the
//! volunteer's answer with an amended claim, and marking approved claims paid.

use chrono::{DateTime, Utc};

use super::{ClaimItem, ClaimLinks, ClaimStatus, ExpenseClaim, ReceiptInfo};
use crate::FieldErrors;
use crate::ids::PersonId;

/// The longest reason, question or answer, in characters.
pub const MAX_NOTE: usize = 1000;

/// Who is deciding: a manager, by id and by name.
#[derive(Debug, Clone, Copy)]
pub struct Decider<'a> {
    /// The manager.
    pub person_id: PersonId,
    /// Their name, kept with the decision.
    pub name: &'a str,
}

/// Claims that can be approved: sent, with no question waiting.
const APPROVABLE: &[ClaimStatus] = &[ClaimStatus::Submitted];
/// Claims that can be turned down: sent, or waiting for the volunteer's answer.
const REJECTABLE: &[ClaimStatus] = &[ClaimStatus::Submitted, ClaimStatus::Queried];
/// Claims a question can be asked about: sent, with no question already waiting.
const QUERYABLE: &[ClaimStatus] = &[ClaimStatus::Submitted];

/// The decisions a manager may make on a claim now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenDecisions {
    /// Approve it for payment.
    pub approve: bool,
    /// Turn it down with a reason.
    pub reject: bool,
    /// Ask the volunteer a question.
    pub query: bool,
}

impl ExpenseClaim {
    /// Why `person` may not decide on this claim at all: it is theirs, or they entered it.
    pub fn barred_decider(&self, person: PersonId) -> Option<&'static str> {
        if person == self.person_id {
            Some("This is your own claim, so another manager must do it")
        } else if person == self.recorded_by {
            Some("You entered this claim for the volunteer, so another manager must do it")
        } else {
            None
        }
    }

    /// The decisions `person` may make on the claim now (none if they are barred from it).
    pub fn open_decisions(&self, person: PersonId) -> OpenDecisions {
        let barred = self.barred_decider(person).is_some();
        let allows = |statuses: &[ClaimStatus]| !barred && statuses.contains(&self.status);
        OpenDecisions {
            approve: allows(APPROVABLE),
            reject: allows(REJECTABLE),
            query: allows(QUERYABLE),
        }
    }

    /// Refuses a decision by the claimant, or by whoever entered the claim for them, and a
    /// decision on a claim not in one of `allowed`.
    fn may_decide(&self, by: Decider<'_>, allowed: &[ClaimStatus]) -> Result<(), FieldErrors> {
        if let Some(why) = self.barred_decider(by.person_id) {
            return Err(FieldErrors::one("decision", why));
        }
        if !allowed.contains(&self.status) {
            return Err(FieldErrors::one(
                "decision",
                format!(
                    "This claim is no longer waiting for a decision: it is {}",
                    self.status.label_lower()
                ),
            ));
        }
        Ok(())
    }

    fn decided(
        &self,
        status: ClaimStatus,
        by: Decider<'_>,
        note: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            status,
            decided_at: Some(now),
            decided_by: Some(by.person_id),
            decided_by_name: by.name.to_owned(),
            note,
            ..self.clone()
        }
    }

    /// Approved for payment by `by`, who is neither the claimant nor whoever entered it.
    pub fn approve(&self, by: Decider<'_>, now: DateTime<Utc>) -> Result<Self, FieldErrors> {
        self.may_decide(by, APPROVABLE)?;
        Ok(self.decided(ClaimStatus::Approved, by, String::new(), now))
    }

    /// Not approved, for the reason given (required).
    pub fn reject(
        &self,
        by: Decider<'_>,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, FieldErrors> {
        self.may_decide(by, REJECTABLE)?;
        let mut e = FieldErrors::new();
        let reason = e.text("reason", "why the claim is not approved", reason, MAX_NOTE);
        e.finish(|| Some(self.decided(ClaimStatus::Rejected, by, reason?, now)))
    }

    /// Sent back to the volunteer with a question (required).
    pub fn query(
        &self,
        by: Decider<'_>,
        question: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, FieldErrors> {
        self.may_decide(by, QUERYABLE)?;
        let mut e = FieldErrors::new();
        let question = e.text(
            "question",
            "your question for the volunteer",
            question,
            MAX_NOTE,
        );
        e.finish(|| Some(self.decided(ClaimStatus::Queried, by, question?, now)))
    }

    /// The volunteer answers a question, amending the claim, and sends it again. Mileage is
    /// worked out again with `car_miles_before`; a new receipt replaces the old one.
    pub fn resubmit(
        &self,
        item: &ClaimItem,
        links: ClaimLinks,
        car_miles_before: u32,
        answer: &str,
        receipt: Option<ReceiptInfo>,
        now: DateTime<Utc>,
    ) -> Result<Self, FieldErrors> {
        if self.status != ClaimStatus::Queried {
            return Err(FieldErrors::one(
                "answer",
                "This claim has no question waiting for an answer",
            ));
        }
        let mut e = FieldErrors::new();
        let answer = e.text("answer", "your answer to the question", answer, MAX_NOTE);
        e.finish(|| {
            let mut next = Self {
                status: ClaimStatus::Submitted,
                submitted_at: now,
                answer: answer?,
                receipt: receipt.or_else(|| self.receipt.clone()),
                ..self.clone()
            };
            next.set_item(item, links, car_miles_before);
            Some(next)
        })
    }

    /// Marked paid, once approved.
    pub fn mark_paid(&self, now: DateTime<Utc>) -> Result<Self, FieldErrors> {
        if self.status != ClaimStatus::Approved {
            return Err(FieldErrors::one(
                "claims",
                "Only approved claims can be marked paid",
            ));
        }
        Ok(Self {
            status: ClaimStatus::Paid,
            paid_at: Some(now),
            ..self.clone()
        })
    }
}

impl ClaimStatus {
    /// The label in lower case, for the middle of a sentence.
    pub fn label_lower(self) -> String {
        crate::Labelled::label(self).to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{ExpenseCategory, Pence, Vehicle};
    use super::*;
    use crate::ids::OrganisationId;

    fn claim(person: PersonId) -> ExpenseClaim {
        let item = ClaimItem {
            category: ExpenseCategory::Parking,
            spent_on: NaiveDate::from_ymd_opt(2027, 5, 1).unwrap(),
            description: "Hospital car park".into(),
            amount: Some(Pence(350)),
            mileage: None,
        };
        let links = ClaimLinks {
            organisation_id: OrganisationId::new(),
            person_id: person,
            recorded_by: person,
            role_id: None,
            shift_id: None,
        };
        ExpenseClaim::new(&item, links, 0, None, Utc::now())
    }

    fn manager(id: PersonId) -> Decider<'static> {
        Decider {
            person_id: id,
            name: "Mo Manager",
        }
    }

    #[test]
    fn a_manager_approves_and_nobody_approves_their_own_claim() {
        let volunteer = PersonId::new();
        let c = claim(volunteer);
        let approved = c.approve(manager(PersonId::new()), Utc::now()).unwrap();
        assert_eq!(approved.status, ClaimStatus::Approved);
        assert_eq!(approved.decided_by_name, "Mo Manager");
        let own = c.approve(manager(volunteer), Utc::now()).unwrap_err();
        assert!(own.get("decision").unwrap().contains("your own"));
        let again = approved
            .approve(manager(PersonId::new()), Utc::now())
            .unwrap_err();
        assert!(again.get("decision").unwrap().contains("it is approved"));
    }

    #[test]
    fn the_decisions_offered_are_the_ones_that_would_be_accepted() {
        let volunteer = PersonId::new();
        let m = PersonId::new();
        let c = claim(volunteer);
        let all = OpenDecisions {
            approve: true,
            reject: true,
            query: true,
        };
        assert_eq!(c.open_decisions(m), all);
        let none = OpenDecisions {
            approve: false,
            reject: false,
            query: false,
        };
        assert_eq!(c.open_decisions(volunteer), none);
        // A question is waiting: only turning it down is open, as approve and query refuse.
        let queried = c.query(manager(m), "Receipt?", Utc::now()).unwrap();
        let open = queried.open_decisions(m);
        assert_eq!(
            (open.approve, open.reject, open.query),
            (false, true, false)
        );
        assert_eq!(
            open.approve,
            queried.approve(manager(m), Utc::now()).is_ok()
        );
        assert_eq!(
            open.query,
            queried.query(manager(m), "Again?", Utc::now()).is_ok()
        );
        assert!(
            queried
                .reject(manager(m), "Not an actual cost", Utc::now())
                .is_ok()
        );
        let paid = c.approve(manager(m), Utc::now()).unwrap();
        assert_eq!(paid.open_decisions(m), none);
    }

    #[test]
    fn whoever_entered_a_claim_for_someone_cannot_decide_on_it() {
        let mut c = claim(PersonId::new());
        let entered_by = PersonId::new();
        c.recorded_by = entered_by;
        assert!(c.approve(manager(entered_by), Utc::now()).is_err());
        assert!(c.approve(manager(PersonId::new()), Utc::now()).is_ok());
    }

    #[test]
    fn rejecting_needs_a_reason_and_querying_a_question() {
        let c = claim(PersonId::new());
        let m = manager(PersonId::new());
        assert!(
            c.reject(m, "  ", Utc::now())
                .unwrap_err()
                .get("reason")
                .is_some()
        );
        assert!(
            c.query(m, "", Utc::now())
                .unwrap_err()
                .get("question")
                .is_some()
        );
        let rejected = c
            .reject(m, "Parking is free for volunteers", Utc::now())
            .unwrap();
        assert_eq!(
            (rejected.status, rejected.note.as_str()),
            (ClaimStatus::Rejected, "Parking is free for volunteers")
        );
    }

    #[test]
    fn a_queried_claim_is_answered_amended_and_sent_again() {
        let c = claim(PersonId::new());
        let m = manager(PersonId::new());
        let queried = c
            .query(m, "Was this the hospital car park?", Utc::now())
            .unwrap();
        let item = ClaimItem {
            category: ExpenseCategory::Mileage,
            spent_on: c.spent_on,
            description: "Drove to the ward instead".into(),
            amount: None,
            mileage: Some((Vehicle::CarOrVan, 10)),
        };
        let links = ClaimLinks {
            organisation_id: c.organisation_id,
            person_id: c.person_id,
            recorded_by: c.person_id,
            role_id: None,
            shift_id: None,
        };
        assert!(
            queried
                .resubmit(&item, links, 0, "", None, Utc::now())
                .unwrap_err()
                .get("answer")
                .is_some()
        );
        let again = queried
            .resubmit(&item, links, 9_995, "Yes, and I drove", None, Utc::now())
            .unwrap();
        assert_eq!(again.status, ClaimStatus::Submitted);
        assert_eq!(again.amount, Pence(5 * 45 + 5 * 25));
        assert_eq!(again.note, "Was this the hospital car park?");
        assert!(
            c.resubmit(&item, links, 0, "answer", None, Utc::now())
                .is_err()
        );
    }

    #[test]
    fn only_approved_claims_are_paid() {
        let c = claim(PersonId::new());
        assert!(c.mark_paid(Utc::now()).is_err());
        let approved = c.approve(manager(PersonId::new()), Utc::now()).unwrap();
        assert_eq!(
            approved.mark_paid(Utc::now()).unwrap().status,
            ClaimStatus::Paid
        );
    }
}
