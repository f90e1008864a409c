//! Volunteers' expense claims (actual costs and HMRC mileage) and managers' decisions on them.
//!
//! A volunteer claims from an organisation they are active in; each claim is one actual cost or
//! one journey's mileage. Mileage is worked out against the car miles they have already claimed
//! in the same tax year with that organisation, and the store re-checks that count under a lock.
//! Managers' side is in [`manage`]; managers adding a receipt to a claim in `receipts`.

pub mod manage;
mod places;
mod receipts;

pub use places::{ClaimPlace, SHIFT_LINK_DAYS, ShiftChoice};

use chrono::NaiveDate;
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::expenses::{
    ClaimInput, ClaimItem, ClaimStatus, ExpenseClaim, Receipt, ReceiptInfo, TaxYear,
};
use domain::ids::{ExpenseClaimId, OrganisationId, PersonId};

use crate::ports::{ClaimRow, Write};
use crate::{App, AppError};

/// A file uploaded as a receipt, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct ReceiptUpload {
    /// The name the browser sent.
    pub file_name: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// A checked receipt, with any problem added to `errors`.
pub(crate) fn receipt(upload: Option<ReceiptUpload>, errors: &mut FieldErrors) -> Option<Receipt> {
    let upload = upload.filter(|u| !(u.bytes.is_empty() && u.file_name.trim().is_empty()))?;
    match Receipt::from_upload(&upload.file_name, upload.bytes) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    }
}

/// The claim parsed, with every problem (its own and the links') together.
pub(crate) fn parse_claim(
    input: &ClaimInput,
    today: NaiveDate,
    errors: FieldErrors,
) -> Result<ClaimItem, AppError> {
    match input.parse(today) {
        Ok(item) if errors.is_empty() => Ok(item),
        Ok(_) => Err(errors.into()),
        Err(more) => {
            let mut all = more;
            all.0.extend(errors.0);
            Err(all.into())
        }
    }
}

impl App {
    /// The car and van miles `person` has claimed in `year` with `org`, besides `except`.
    pub(crate) async fn car_miles_before(
        &self,
        org: OrganisationId,
        person: PersonId,
        year: TaxYear,
        except: Option<ExpenseClaimId>,
    ) -> Result<u32, AppError> {
        Ok(self
            .store
            .car_miles_claimed(org, person, year, except)
            .await?)
    }

    /// A volunteer claims one actual cost (or one journey's mileage) from an organisation they
    /// are active in, with an optional receipt. Nothing is saved unless all of it is valid.
    pub async fn submit_expense_claim(
        &self,
        person: PersonId,
        org_slug: &str,
        input: &ClaimInput,
        upload: Option<ReceiptUpload>,
    ) -> Result<ExpenseClaim, AppError> {
        let org = self.organisation(org_slug).await?;
        let place = self
            .claim_place(person, org.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut errors = FieldErrors::new();
        let links = place.links(person, person, input, None, &mut errors);
        let receipt = receipt(upload, &mut errors);
        let item = parse_claim(input, self.uk_today(), errors)?;
        let year = TaxYear::containing(item.spent_on);
        let before = self.car_miles_before(org.id, person, year, None).await?;
        let now = self.clock.now();
        let claim = ExpenseClaim::new(
            &item,
            links,
            before,
            receipt.as_ref().map(ReceiptInfo::from),
            now,
        );
        self.store
            .apply(vec![
                Write::InsertExpenseClaim(claim.clone(), receipt),
                self.claim_audit(&claim, &Actor::Person(person), "expense_claim.submitted"),
            ])
            .await?;
        Ok(claim)
    }

    /// A person's own claims with every organisation, newest first.
    pub async fn my_expense_claims(&self, person: PersonId) -> Result<Vec<ClaimRow>, AppError> {
        Ok(self.store.expense_claims_of_person(person).await?)
    }

    /// One of a person's own claims; anyone else's is not found.
    pub async fn my_expense_claim(
        &self,
        person: PersonId,
        org_slug: &str,
        id: ExpenseClaimId,
    ) -> Result<ClaimRow, AppError> {
        let org = self.organisation(org_slug).await?;
        self.store
            .expense_claim(org.id, id)
            .await?
            .filter(|row| row.claim.person_id == person)
            .ok_or(AppError::NotFound)
    }

    /// The receipt of one of a person's own claims.
    pub async fn my_expense_receipt(
        &self,
        person: PersonId,
        org_slug: &str,
        id: ExpenseClaimId,
    ) -> Result<Receipt, AppError> {
        let row = self.my_expense_claim(person, org_slug, id).await?;
        self.store
            .expense_receipt(row.claim.organisation_id, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The volunteer answers a manager's question, amending the claim as they need to, and sends
    /// it again; the manager who asked is told.
    pub async fn answer_expense_query(
        &self,
        person: PersonId,
        org_slug: &str,
        id: ExpenseClaimId,
        input: &ClaimInput,
        answer: &str,
        upload: Option<ReceiptUpload>,
    ) -> Result<ExpenseClaim, AppError> {
        let row = self.my_expense_claim(person, org_slug, id).await?;
        let claim = row.claim;
        if claim.status != ClaimStatus::Queried {
            return Err(AppError::Conflict(format!(
                "This claim is {}, so there is no question to answer",
                claim.status.label_lower()
            )));
        }
        let place = self
            .claim_place(person, claim.organisation_id)
            .await?
            .unwrap_or_else(|| ClaimPlace {
                organisation_id: claim.organisation_id,
                organisation_slug: row.organisation_slug.clone(),
                organisation_name: row.organisation_name.clone(),
                roles: Vec::new(),
                shifts: Vec::new(),
                car_miles_this_year: 0,
            });
        let mut errors = FieldErrors::new();
        let links = place.links(person, claim.recorded_by, input, Some(&claim), &mut errors);
        let receipt = receipt(upload, &mut errors);
        if answer.trim().is_empty() {
            errors.add("answer", "Enter your answer to the question");
        }
        let item = parse_claim(input, self.uk_today(), errors)?;
        let year = TaxYear::containing(item.spent_on);
        let before = self
            .car_miles_before(claim.organisation_id, person, year, Some(claim.id))
            .await?;
        let now = self.clock.now();
        let info = receipt.as_ref().map(ReceiptInfo::from);
        let next = claim.resubmit(&item, links, before, answer, info, now)?;
        let mut writes = vec![
            Write::AmendExpenseClaim(next.clone(), receipt),
            self.claim_audit(&next, &Actor::Person(person), "expense_claim.answered"),
        ];
        if let Some(manager) = match claim.decided_by {
            Some(m) => self.store.person(m).await?,
            None => None,
        } {
            let body = format!(
                "{} has answered your question about their expense claim for {} ({}).\n\n\
                 You asked: {}\n\nThey answered: {}\n\nThe claim is waiting for your decision:\n{}/manage/{}/expenses/{}\n",
                row.claimant_name,
                next.amount,
                next.description,
                claim.note,
                next.answer,
                self.base_url,
                row.organisation_slug,
                next.id
            );
            writes.push(Write::InsertMessage(self.message(
                manager.email.as_str(),
                "A volunteer has answered your question about an expense claim",
                body,
            )));
        }
        self.store.apply(writes).await?;
        Ok(next)
    }

    /// An audit entry about a claim, with its amount and category.
    pub(crate) fn claim_audit(&self, claim: &ExpenseClaim, actor: &Actor, action: &str) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(claim.organisation_id),
                actor.clone(),
                action,
                "expense_claim",
                claim.id.0,
                self.clock.now(),
            )
            .with_detail(format!(
                "{} {}",
                domain::Labelled::code(claim.category),
                claim.amount.plain()
            )),
        )
    }
}
