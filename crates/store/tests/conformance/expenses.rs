//! Expense claims in the store: a claim with its receipt read back whole, the queue by status
//! oldest first, a person's claims everywhere, and decisions that fail once someone else has
//! decided. The tax year's car miles, and mileage claims sent at once, are in [`mileage`].

use std::sync::Arc;

use app::ports::ClaimSearch;
use app::{Store, Write};
use chrono::{DateTime, NaiveDate, Utc};
use domain::expenses::decision::Decider;
use domain::expenses::{
    ClaimItem, ClaimLinks, ClaimStatus, ExpenseCategory, ExpenseClaim, Pence, Receipt, ReceiptInfo,
    Vehicle,
};
use domain::ids::PersonId;
use domain::organisation::Organisation;

use crate::fixtures::{assert_conflict, at, day, organisation, person};

mod mileage;
mod receipts;

/// The manager who decides, stored by [`set_up`].
static MANAGER: std::sync::LazyLock<domain::person::Person> =
    std::sync::LazyLock::new(|| person("Mo", "Manager"));

/// An organisation, two volunteers and the manager, stored.
async fn set_up(store: &Arc<dyn Store>) -> (Organisation, PersonId, PersonId) {
    let org = organisation("Ashby Trust");
    let (ann, bob) = (person("Ann", "Driver"), person("Bob", "Rider"));
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertPerson(ann.clone(), None),
            Write::InsertPerson(bob.clone(), None),
            Write::InsertPerson(MANAGER.clone(), None),
        ])
        .await
        .unwrap();
    (org, ann.id, bob.id)
}

fn links(org: &Organisation, person: PersonId) -> ClaimLinks {
    ClaimLinks {
        organisation_id: org.id,
        person_id: person,
        recorded_by: person,
        role_id: None,
        shift_id: None,
    }
}

fn cost(on: NaiveDate, pence: i64) -> ClaimItem {
    ClaimItem {
        category: ExpenseCategory::Parking,
        spent_on: on,
        description: "Hospital car park".into(),
        amount: Some(Pence(pence)),
        mileage: None,
    }
}

fn drive(on: NaiveDate, vehicle: Vehicle, miles: u32) -> ClaimItem {
    ClaimItem {
        category: ExpenseCategory::Mileage,
        spent_on: on,
        description: "To the ward and back".into(),
        amount: None,
        mileage: Some((vehicle, miles)),
    }
}

fn claim(
    org: &Organisation,
    p: PersonId,
    item: &ClaimItem,
    before: u32,
    sent: DateTime<Utc>,
) -> ExpenseClaim {
    ExpenseClaim::new(item, links(org, p), before, None, sent)
}

fn manager() -> Decider<'static> {
    Decider {
        person_id: MANAGER.id,
        name: "Mo Manager",
    }
}

async fn claims_round_trip_with_receipts_and_list_in_order(store: Arc<dyn Store>) {
    let (org, ann, bob) = set_up(&store).await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2, 255];
    let receipt = Receipt::from_upload("car park.png", png.clone()).unwrap();
    let mut first = claim(&org, ann, &cost(day(2026, 3, 2), 350), 0, at(3, 9));
    first.receipt = Some(ReceiptInfo::from(&receipt));
    let second = claim(
        &org,
        bob,
        &drive(day(2026, 3, 2), Vehicle::CarOrVan, 12),
        0,
        at(2, 9),
    );
    let third = claim(
        &org,
        ann,
        &drive(day(2026, 3, 3), Vehicle::Bicycle, 5),
        0,
        at(4, 9),
    );
    store
        .apply(vec![
            Write::InsertExpenseClaim(first.clone(), Some(receipt.clone())),
            Write::InsertExpenseClaim(second.clone(), None),
            Write::InsertExpenseClaim(third.clone(), None),
        ])
        .await
        .unwrap();

    let row = store
        .expense_claim(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.claim, first);
    assert_eq!(row.claimant_name, "Ann Driver");
    assert_eq!(
        (
            row.organisation_name.as_str(),
            row.organisation_slug.as_str()
        ),
        (org.name.as_str(), org.slug.as_str())
    );
    let back = store
        .expense_receipt(org.id, first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((back.bytes, back.file_name.as_str()), (png, "car park.png"));
    assert!(
        store
            .expense_receipt(org.id, second.id)
            .await
            .unwrap()
            .is_none()
    );
    let mileage = store
        .expense_claim(org.id, second.id)
        .await
        .unwrap()
        .unwrap()
        .claim;
    assert_eq!(
        (mileage.amount, mileage.mileage),
        (Pence(12 * 45), second.mileage)
    );

    // The queue is oldest sent first; a person's own list is newest first.
    let all = store
        .expense_claims(org.id, &ClaimSearch::default())
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|r| r.claim.id).collect();
    assert_eq!(ids, [second.id, first.id, third.id]);
    let mine: Vec<_> = store
        .expense_claims_of_person(ann)
        .await
        .unwrap()
        .iter()
        .map(|r| r.claim.id)
        .collect();
    assert_eq!(mine, [third.id, first.id]);

    // Another organisation finds none of it.
    let other = organisation("Other Trust");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert!(
        store
            .expense_claim(other.id, first.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .expense_receipt(other.id, first.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .expense_claims(other.id, &ClaimSearch::default())
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(claims_round_trip_with_receipts_and_list_in_order);

async fn decisions_are_conditional_and_filter_the_queue(store: Arc<dyn Store>) {
    let (org, ann, _) = set_up(&store).await;
    let c = claim(&org, ann, &cost(day(2026, 3, 2), 480), 0, at(2, 9));
    store
        .apply(vec![Write::InsertExpenseClaim(c.clone(), None)])
        .await
        .unwrap();
    let approved = c.approve(manager(), at(5, 10)).unwrap();
    store
        .apply(vec![Write::MoveExpenseClaim(
            approved.clone(),
            ClaimStatus::Submitted,
        )])
        .await
        .unwrap();
    // A second decision made on the claim as it was is refused, and nothing changes.
    let rejected = c.reject(manager(), "Too late", at(5, 11)).unwrap();
    assert_conflict(
        store
            .apply(vec![Write::MoveExpenseClaim(
                rejected,
                ClaimStatus::Submitted,
            )])
            .await,
    );
    let row = store.expense_claim(org.id, c.id).await.unwrap().unwrap();
    assert_eq!(row.claim, approved);

    let search = |status, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>| ClaimSearch {
        status: Some(status),
        decided_from: from,
        decided_to: to,
    };
    let found = |s: ClaimSearch| {
        let store = store.clone();
        async move { store.expense_claims(org.id, &s).await.unwrap().len() }
    };
    assert_eq!(found(search(ClaimStatus::Approved, None, None)).await, 1);
    assert_eq!(found(search(ClaimStatus::Submitted, None, None)).await, 0);
    assert_eq!(
        found(search(
            ClaimStatus::Approved,
            Some(at(5, 0)),
            Some(at(6, 0))
        ))
        .await,
        1
    );
    assert_eq!(
        found(search(ClaimStatus::Approved, Some(at(6, 0)), None)).await,
        0
    );
    assert_eq!(
        found(search(ClaimStatus::Approved, None, Some(at(5, 10)))).await,
        0
    );

    // A queried claim is amended once; a second amendment from the same state is refused.
    let d = claim(&org, ann, &cost(day(2026, 3, 3), 200), 0, at(3, 9));
    store
        .apply(vec![Write::InsertExpenseClaim(d.clone(), None)])
        .await
        .unwrap();
    let queried = d.query(manager(), "Which car park?", at(4, 9)).unwrap();
    store
        .apply(vec![Write::MoveExpenseClaim(
            queried.clone(),
            ClaimStatus::Submitted,
        )])
        .await
        .unwrap();
    let pdf = Receipt::from_upload("ticket.pdf", b"%PDF-1.4 ticket".to_vec()).unwrap();
    let amended = queried
        .resubmit(
            &cost(day(2026, 3, 3), 250),
            links(&org, ann),
            0,
            "The multi-storey",
            Some(ReceiptInfo::from(&pdf)),
            at(4, 12),
        )
        .unwrap();
    store
        .apply(vec![Write::AmendExpenseClaim(
            amended.clone(),
            Some(pdf.clone()),
        )])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::AmendExpenseClaim(amended.clone(), Some(pdf))])
            .await,
    );
    let row = store.expense_claim(org.id, d.id).await.unwrap().unwrap();
    assert_eq!(
        (row.claim.amount, row.claim.status),
        (Pence(250), ClaimStatus::Submitted)
    );
    assert_eq!(
        store
            .expense_receipt(org.id, d.id)
            .await
            .unwrap()
            .unwrap()
            .file_name,
        "ticket.pdf"
    );
}
conformance!(decisions_are_conditional_and_filter_the_queue);
