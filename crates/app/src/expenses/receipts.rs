//! Managers adding a receipt to a claim: most often the scan of a paper claim's receipt, sent
//! after the claim was recorded for the volunteer. The file is checked exactly as a volunteer's
//! upload is.

use domain::FieldErrors;
use domain::Labelled;
use domain::expenses::{ClaimStatus, ExpenseClaim, Receipt, ReceiptInfo, ReceiptKind};
use domain::ids::ExpenseClaimId;

use super::ReceiptUpload;
use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// The field a receipt's problems are named by.
const FIELD: &str = "receipt";

impl App {
    /// A manager adds a receipt to one of the organisation's claims, replacing any it had,
    /// while the claim is waiting for a decision or for the volunteer's answer (a decided claim
    /// keeps the evidence it was decided on). The file must be a PDF, JPEG or PNG by its first
    /// bytes, at most 5 MB, and, when the sender said what kind it is (`declared`), that kind.
    /// Audited as `expense_receipt.attached` (or `.replaced`). Returns the claim with its new
    /// receipt details.
    pub async fn attach_expense_receipt(
        &self,
        scope: &OrgScope,
        id: ExpenseClaimId,
        upload: ReceiptUpload,
        declared: Option<ReceiptKind>,
    ) -> Result<ExpenseClaim, AppError> {
        let claim = self.expense_claim(scope, id).await?.claim;
        if !matches!(claim.status, ClaimStatus::Submitted | ClaimStatus::Queried) {
            return Err(FieldErrors::one(
                FIELD,
                format!(
                    "This claim is {}, so its receipt can no longer be changed",
                    claim.status.label_lower()
                ),
            )
            .into());
        }
        let receipt = Receipt::from_upload(&upload.file_name, upload.bytes)?;
        if let Some(said) = declared
            && said != receipt.kind
        {
            return Err(FieldErrors::one(
                FIELD,
                format!(
                    "The file was sent as {} but is a {} file; send it as {}",
                    said.code(),
                    receipt.kind.label(),
                    receipt.kind.code()
                ),
            )
            .into());
        }
        let action = if claim.receipt.is_some() {
            "expense_receipt.replaced"
        } else {
            "expense_receipt.attached"
        };
        let next = ExpenseClaim {
            receipt: Some(ReceiptInfo::from(&receipt)),
            ..claim.clone()
        };
        self.store
            .apply(vec![
                Write::AttachExpenseReceipt(next.clone(), claim.status, receipt),
                self.claim_audit(&next, scope.actor(), action),
            ])
            .await?;
        Ok(next)
    }
}
