//! A receipt added to a claim already saved: it replaces any the claim had, and is refused
//! (nothing changed) once the claim has moved on from the status the change was made against.

use std::sync::Arc;

use app::{Store, Write};
use domain::expenses::{ClaimStatus, ExpenseClaim, Receipt, ReceiptInfo};

use super::{claim, cost, set_up};
use crate::fixtures::{assert_conflict, at, day};

async fn receipts_are_attached_later_only_while_the_claim_is_unchanged(store: Arc<dyn Store>) {
    let (org, ann, _) = set_up(&store).await;
    let first = claim(&org, ann, &cost(day(2026, 3, 2), 350), 0, at(3, 9));
    store
        .apply(vec![Write::InsertExpenseClaim(first.clone(), None)])
        .await
        .unwrap();

    let pdf = b"%PDF-1.7 scanned".to_vec();
    let receipt = Receipt::from_upload("scan.pdf", pdf.clone()).unwrap();
    let with = ExpenseClaim {
        receipt: Some(ReceiptInfo::from(&receipt)),
        ..first.clone()
    };
    store
        .apply(vec![Write::AttachExpenseReceipt(
            with.clone(),
            ClaimStatus::Submitted,
            receipt,
        )])
        .await
        .unwrap();
    let back = store
        .expense_receipt(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (back.bytes, back.file_name.as_str()),
        (pdf.clone(), "scan.pdf")
    );
    assert_eq!(
        store
            .expense_claim(org.id, first.id)
            .await
            .unwrap()
            .unwrap()
            .claim,
        with
    );

    // A second file replaces the first.
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 7];
    let again = Receipt::from_upload("photo.png", png.clone()).unwrap();
    let replaced = ExpenseClaim {
        receipt: Some(ReceiptInfo::from(&again)),
        ..first.clone()
    };
    store
        .apply(vec![Write::AttachExpenseReceipt(
            replaced,
            ClaimStatus::Submitted,
            again,
        )])
        .await
        .unwrap();
    let back = store
        .expense_receipt(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (back.bytes, back.file_name.as_str()),
        (png.clone(), "photo.png")
    );

    // Made against a status the claim no longer has: refused, the receipt left as it was.
    let stale = Receipt::from_upload("late.pdf", pdf).unwrap();
    let late = ExpenseClaim {
        receipt: Some(ReceiptInfo::from(&stale)),
        ..first.clone()
    };
    assert_conflict(
        store
            .apply(vec![Write::AttachExpenseReceipt(
                late,
                ClaimStatus::Queried,
                stale,
            )])
            .await,
    );
    let back = store
        .expense_receipt(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.bytes, png);
}
conformance!(receipts_are_attached_later_only_while_the_claim_is_unchanged);
