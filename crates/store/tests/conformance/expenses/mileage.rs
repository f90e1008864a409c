//! The car miles a volunteer has claimed in a tax year (rejected claims, other years, other
//! organisations and other vehicles left out), stale counts refused, and mileage claims sent at
//! once from two servers: each is worked out from the miles before it, and exactly 10,000 car
//! miles in the tax year are paid at 45p.

use std::sync::Arc;

use app::ports::ClaimSearch;
use app::{Store, StoreError, Write};
use chrono::Duration;
use domain::expenses::{ClaimStatus, ExpenseClaim, Receipt, TaxYear, Vehicle};
use domain::organisation::Organisation;

use super::{claim, drive, manager, set_up};
use crate::fixtures::{assert_conflict, at, day, organisation};

async fn car_miles_count_per_tax_year_and_stale_counts_are_refused(store: Arc<dyn Store>) {
    let (org, ann, bob) = set_up(&store).await;
    let other = organisation("Other Trust");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    let old_year = day(2026, 4, 5);
    let new_year = day(2026, 4, 6);
    let a = claim(
        &org,
        ann,
        &drive(old_year, Vehicle::CarOrVan, 900),
        0,
        at(1, 9),
    );
    let b = claim(
        &org,
        ann,
        &drive(old_year, Vehicle::CarOrVan, 100),
        900,
        at(1, 10),
    );
    let bike = claim(
        &org,
        ann,
        &drive(old_year, Vehicle::Bicycle, 40),
        0,
        at(1, 11),
    );
    let next_year = claim(
        &org,
        ann,
        &drive(new_year, Vehicle::CarOrVan, 30),
        0,
        at(1, 12),
    );
    let bobs = claim(
        &org,
        bob,
        &drive(old_year, Vehicle::CarOrVan, 70),
        0,
        at(1, 13),
    );
    let elsewhere = claim(
        &other,
        ann,
        &drive(old_year, Vehicle::CarOrVan, 80),
        0,
        at(1, 14),
    );
    let writes = [&a, &b, &bike, &next_year, &bobs, &elsewhere]
        .into_iter()
        .map(|c| Write::InsertExpenseClaim(c.clone(), None))
        .collect();
    store.apply(writes).await.unwrap();
    let miles = |org: &Organisation, p, year, except| {
        let (store, org) = (store.clone(), org.id);
        async move { store.car_miles_claimed(org, p, year, except).await.unwrap() }
    };
    assert_eq!(miles(&org, ann, TaxYear(2025), None).await, 1000);
    assert_eq!(miles(&org, ann, TaxYear(2026), None).await, 30);
    assert_eq!(miles(&org, ann, TaxYear(2025), Some(a.id)).await, 100);
    assert_eq!(miles(&org, bob, TaxYear(2025), None).await, 70);
    assert_eq!(miles(&other, ann, TaxYear(2025), None).await, 80);

    // A claim worked out from a count that has since changed is refused, receipt and all.
    let stale = claim(
        &org,
        ann,
        &drive(old_year, Vehicle::CarOrVan, 10),
        900,
        at(2, 9),
    );
    let receipt = Receipt::from_upload("map.pdf", b"%PDF-1.4".to_vec()).unwrap();
    assert_conflict(
        store
            .apply(vec![Write::InsertExpenseClaim(
                stale.clone(),
                Some(receipt),
            )])
            .await,
    );
    assert!(
        store
            .expense_claim(org.id, stale.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .expense_receipt(org.id, stale.id)
            .await
            .unwrap()
            .is_none()
    );

    // Rejected claims stop counting.
    let rejected = a
        .reject(manager(), "Not a volunteering journey", at(3, 9))
        .unwrap();
    store
        .apply(vec![Write::MoveExpenseClaim(
            rejected,
            ClaimStatus::Submitted,
        )])
        .await
        .unwrap();
    assert_eq!(miles(&org, ann, TaxYear(2025), None).await, 100);
}
conformance!(car_miles_count_per_tax_year_and_stale_counts_are_refused);

/// Two servers take 2,500-mile claims from one volunteer at once. Each works out its rates from
/// the count it read and retries when refused; in the end the claims form one chain, each
/// worked out from exactly the miles before it, and exactly 10,000 miles are paid at 45p.
async fn concurrent_mileage_claims_never_double_count_the_threshold(url: String) {
    let a = alongside_store::open(&url).await.unwrap();
    let b = alongside_store::open(&url).await.unwrap();
    let (org, ann, _) = set_up(&a).await;
    let on = day(2026, 6, 1);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        let org = org.clone();
        tasks.push(tokio::spawn(async move {
            for attempt in 0..200 {
                let before = store
                    .car_miles_claimed(org.id, ann, TaxYear(2026), None)
                    .await
                    .unwrap();
                let c = claim(
                    &org,
                    ann,
                    &drive(on, Vehicle::CarOrVan, 2_500),
                    before,
                    at(5, 9) + Duration::seconds(attempt),
                );
                match store.apply(vec![Write::InsertExpenseClaim(c, None)]).await {
                    Ok(()) => return,
                    Err(StoreError::Conflict(_)) => tokio::task::yield_now().await,
                    Err(e) => panic!("a claim failed other than by a stale count: {e}"),
                }
            }
            panic!("a claim was refused 200 times");
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let mut claims: Vec<ExpenseClaim> = a
        .expense_claims(org.id, &ClaimSearch::default())
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.claim)
        .collect();
    claims.sort_by_key(|c| c.mileage.map(|m| m.car_miles_before));
    assert_eq!(claims.len(), 6);
    let mut so_far = 0;
    let mut at_45p = 0;
    for c in &claims {
        let m = c.mileage.unwrap();
        assert_eq!(
            m.car_miles_before, so_far,
            "each claim counts exactly the miles before it"
        );
        so_far += m.miles;
        at_45p += m.payment().miles_at_first_rate;
    }
    assert_eq!((so_far, at_45p), (15_000, 10_000));
    let total: i64 = claims.iter().map(|c| c.amount.0).sum();
    assert_eq!(total, 10_000 * 45 + 5_000 * 25);
}
conformance_shared!(concurrent_mileage_claims_never_double_count_the_threshold);
