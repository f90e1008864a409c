//! The [`ExpensesStore`] implementation, and the writes of volunteers' expense claims. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use domain::Labelled;
use domain::expenses::{ClaimStatus, ExpenseClaim, Receipt, TaxYear, Vehicle};
use domain::ids::*;
use sqlx::{QueryBuilder, Transaction};

use super::{Db, ThisStore};
use crate::expense_rows::*;
use crate::{db_error, sql};

#[async_trait]
impl ExpensesStore for ThisStore {
    async fn expense_claim(
        &self,
        org: OrganisationId,
        id: ExpenseClaimId,
    ) -> Result<Option<ClaimRow>, StoreError> {
        let row: Option<ClaimDbRow> = sqlx::query_as(sql(format!(
            "{CLAIM_SELECT} WHERE c.organisation_id = $1 AND c.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(ClaimDbRow::into_domain).transpose()
    }

    async fn expense_claims(
        &self,
        org: OrganisationId,
        search: &ClaimSearch,
    ) -> Result<Vec<ClaimRow>, StoreError> {
        let mut q = QueryBuilder::<Db>::new(CLAIM_SELECT);
        q.push(" WHERE c.organisation_id = ").push_bind(org.0);
        if let Some(status) = search.status {
            q.push(" AND c.status = ").push_bind(status.code());
        }
        if let Some(from) = search.decided_from {
            q.push(" AND c.decided_at >= ").push_bind(from);
        }
        if let Some(to) = search.decided_to {
            q.push(" AND c.decided_at < ").push_bind(to);
        }
        q.push(" ORDER BY c.submitted_at, c.id LIMIT ")
            .push_bind(i64::from(MAX_CLAIMS_LISTED));
        let rows: Vec<ClaimDbRow> = q
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.into_iter().map(ClaimDbRow::into_domain).collect()
    }

    async fn expense_claims_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<ClaimRow>, StoreError> {
        let rows: Vec<ClaimDbRow> = sqlx::query_as(sql(format!(
            "{CLAIM_SELECT} WHERE c.person_id = $1 ORDER BY c.submitted_at DESC, c.id DESC LIMIT 1000"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ClaimDbRow::into_domain).collect()
    }

    async fn car_miles_claimed(
        &self,
        org: OrganisationId,
        person: PersonId,
        tax_year: TaxYear,
        except: Option<ExpenseClaimId>,
    ) -> Result<u32, StoreError> {
        let mut conn = self.pool.acquire().await.map_err(db_error)?;
        car_miles(&mut conn, org, person, tax_year, except).await
    }

    async fn expense_receipt(
        &self,
        org: OrganisationId,
        claim: ExpenseClaimId,
    ) -> Result<Option<Receipt>, StoreError> {
        let row: Option<ReceiptDbRow> = sqlx::query_as(
            "SELECT content_type, file_name, content FROM expense_receipts \
             WHERE organisation_id = $1 AND claim_id = $2",
        )
        .bind(org.0)
        .bind(claim.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(ReceiptDbRow::into_domain).transpose()
    }
}

/// Car and van miles claimed (and not refused) by a person in a tax year with an organisation.
async fn car_miles(
    conn: &mut <Db as sqlx::Database>::Connection,
    org: OrganisationId,
    person: PersonId,
    tax_year: TaxYear,
    except: Option<ExpenseClaimId>,
) -> Result<u32, StoreError> {
    let (miles,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(SUM(miles), 0) FROM expense_claims WHERE organisation_id = $1 \
         AND person_id = $2 AND tax_year = $3 AND vehicle = 'car' AND status <> 'rejected' AND id <> $4",
    )
    .bind(org.0)
    .bind(person.0)
    .bind(tax_year.0)
    .bind(except.map_or(uuid::Uuid::nil(), |e| e.0))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_error)?;
    Ok(u32::try_from(miles).unwrap_or(u32::MAX))
}

fn conflict(what: &str) -> StoreError {
    StoreError::Conflict(what.into())
}

/// Applies one write of volunteers' expense claims, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertExpenseClaim(c, receipt) => {
            check_miles(tx, c).await?;
            insert_claim(tx, c).await?;
            put_receipt(tx, c, receipt.as_ref()).await
        }
        Write::AmendExpenseClaim(c, receipt) => {
            check_miles(tx, c).await?;
            update_claim(tx, c, ClaimStatus::Queried).await?;
            put_receipt(tx, c, receipt.as_ref()).await
        }
        Write::MoveExpenseClaim(c, from) => update_claim(tx, c, *from).await,
        Write::AttachExpenseReceipt(c, from, receipt) => {
            update_claim(tx, c, *from).await?;
            put_receipt(tx, c, Some(receipt)).await
        }
        other => super::waitlist::write(tx, other).await,
    }
}

/// For a car or van journey: locks the claimant's row (a row lock on PostgreSQL, the write lock
/// on SQLite), then checks the year's car miles are still what its rates were worked out from.
async fn check_miles(tx: &mut Transaction<'_, Db>, c: &ExpenseClaim) -> Result<(), StoreError> {
    let Some(mileage) = c.mileage.filter(|m| m.vehicle == Vehicle::CarOrVan) else {
        return Ok(());
    };
    sqlx::query("UPDATE people SET id = id WHERE id = $1")
        .bind(c.person_id.0)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    let now = car_miles(
        &mut *tx,
        c.organisation_id,
        c.person_id,
        c.tax_year,
        Some(c.id),
    )
    .await?;
    if now == mileage.car_miles_before {
        Ok(())
    } else {
        Err(conflict(
            "Another mileage claim was sent at the same time, so the rates need working out again. Send the claim again",
        ))
    }
}

async fn insert_claim(tx: &mut Transaction<'_, Db>, c: &ExpenseClaim) -> Result<(), StoreError> {
    let m = c.mileage;
    let r = c.receipt.as_ref();
    sqlx::query(
        "INSERT INTO expense_claims (organisation_id, id, person_id, category, spent_on, description, \
         amount_pence, vehicle, miles, car_miles_before, tax_year, role_id, shift_id, receipt_name, \
         receipt_type, receipt_size, status, submitted_at, recorded_by, decided_at, decided_by, \
         decided_by_name, note, answer, paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)",
    )
    .bind(c.organisation_id.0)
    .bind(c.id.0)
    .bind(c.person_id.0)
    .bind(c.category.code())
    .bind(c.spent_on)
    .bind(&c.description)
    .bind(c.amount.0)
    .bind(m.map(|m| m.vehicle.code()))
    .bind(m.map(|m| i32::try_from(m.miles).unwrap_or(i32::MAX)))
    .bind(i32::try_from(m.map_or(0, |m| m.car_miles_before)).unwrap_or(i32::MAX))
    .bind(c.tax_year.0)
    .bind(c.role_id.map(|x| x.0))
    .bind(c.shift_id.map(|x| x.0))
    .bind(r.map(|r| r.file_name.clone()))
    .bind(r.map(|r| r.kind.code()))
    .bind(r.map(|r| i32::try_from(r.size).unwrap_or(i32::MAX)))
    .bind(c.status.code())
    .bind(c.submitted_at)
    .bind(c.recorded_by.0)
    .bind(c.decided_at)
    .bind(c.decided_by.map(|x| x.0))
    .bind(&c.decided_by_name)
    .bind(&c.note)
    .bind(&c.answer)
    .bind(c.paid_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Saves a claim's new state; fails unless it is still `from`.
async fn update_claim(
    tx: &mut Transaction<'_, Db>,
    c: &ExpenseClaim,
    from: ClaimStatus,
) -> Result<(), StoreError> {
    let m = c.mileage;
    let r = c.receipt.as_ref();
    let done = sqlx::query(
        "UPDATE expense_claims SET category = $3, spent_on = $4, description = $5, amount_pence = $6, \
         vehicle = $7, miles = $8, car_miles_before = $9, tax_year = $10, role_id = $11, shift_id = $12, \
         receipt_name = $13, receipt_type = $14, receipt_size = $15, status = $16, submitted_at = $17, \
         decided_at = $18, decided_by = $19, decided_by_name = $20, note = $21, answer = $22, paid_at = $23 \
         WHERE organisation_id = $1 AND id = $2 AND status = $24",
    )
    .bind(c.organisation_id.0)
    .bind(c.id.0)
    .bind(c.category.code())
    .bind(c.spent_on)
    .bind(&c.description)
    .bind(c.amount.0)
    .bind(m.map(|m| m.vehicle.code()))
    .bind(m.map(|m| i32::try_from(m.miles).unwrap_or(i32::MAX)))
    .bind(i32::try_from(m.map_or(0, |m| m.car_miles_before)).unwrap_or(i32::MAX))
    .bind(c.tax_year.0)
    .bind(c.role_id.map(|x| x.0))
    .bind(c.shift_id.map(|x| x.0))
    .bind(r.map(|r| r.file_name.clone()))
    .bind(r.map(|r| r.kind.code()))
    .bind(r.map(|r| i32::try_from(r.size).unwrap_or(i32::MAX)))
    .bind(c.status.code())
    .bind(c.submitted_at)
    .bind(c.decided_at)
    .bind(c.decided_by.map(|x| x.0))
    .bind(&c.decided_by_name)
    .bind(&c.note)
    .bind(&c.answer)
    .bind(c.paid_at)
    .bind(from.code())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(conflict(
            "Someone else changed this claim first. Reload the page to see where it has got to",
        ))
    }
}

/// Stores a claim's receipt file, replacing any it had.
async fn put_receipt(
    tx: &mut Transaction<'_, Db>,
    c: &ExpenseClaim,
    receipt: Option<&Receipt>,
) -> Result<(), StoreError> {
    let Some(r) = receipt else {
        return Ok(());
    };
    sqlx::query("DELETE FROM expense_receipts WHERE organisation_id = $1 AND claim_id = $2")
        .bind(c.organisation_id.0)
        .bind(c.id.0)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    sqlx::query(
        "INSERT INTO expense_receipts (organisation_id, claim_id, content_type, file_name, content) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(c.organisation_id.0)
    .bind(c.id.0)
    .bind(r.kind.code())
    .bind(&r.file_name)
    .bind(&r.bytes)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}
