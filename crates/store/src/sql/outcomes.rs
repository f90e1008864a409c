//! The [`OutcomesStore`] implementation, and the writes of outcome indicators and the activity
//! logged against them (handing anything else on to the equality writes). Compiled once per
//! backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::outcome_framework::{ActivityRecord, OutcomeIndicator};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::{db_error, sql};

const INDICATOR: &str = "organisation_id, id, role_id, name, unit, minutes_each, retired";
const ACTIVITY: &str =
    "organisation_id, id, indicator_id, person_id, logged_by, done_on, quantity, note, logged_at";

fn corrupt(what: &str) -> StoreError {
    StoreError::Other(format!("a stored {what} is not valid"))
}

#[derive(sqlx::FromRow)]
struct IndicatorRow {
    organisation_id: Uuid,
    id: Uuid,
    role_id: Uuid,
    name: String,
    unit: String,
    minutes_each: Option<i32>,
    retired: bool,
}

impl IndicatorRow {
    fn into_domain(self) -> Result<OutcomeIndicator, StoreError> {
        Ok(OutcomeIndicator {
            id: OutcomeIndicatorId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            role_id: RoleId(self.role_id),
            name: self.name,
            unit: self.unit,
            minutes_each: self
                .minutes_each
                .map(|m| u16::try_from(m).map_err(|_| corrupt("indicator")))
                .transpose()?,
            retired: self.retired,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    organisation_id: Uuid,
    id: Uuid,
    indicator_id: Uuid,
    person_id: Uuid,
    logged_by: String,
    done_on: NaiveDate,
    quantity: i32,
    note: String,
    logged_at: DateTime<Utc>,
}

impl ActivityRow {
    fn into_domain(self) -> Result<ActivityRecord, StoreError> {
        Ok(ActivityRecord {
            id: ActivityRecordId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            indicator_id: OutcomeIndicatorId(self.indicator_id),
            person_id: PersonId(self.person_id),
            logged_by: self.logged_by,
            done_on: self.done_on,
            quantity: u32::try_from(self.quantity).map_err(|_| corrupt("activity"))?,
            note: self.note,
            logged_at: self.logged_at,
        })
    }
}

#[async_trait]
impl OutcomesStore for ThisStore {
    async fn outcome_indicators(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<OutcomeIndicator>, StoreError> {
        let rows: Vec<IndicatorRow> = sqlx::query_as(sql(format!(
            "SELECT {INDICATOR} FROM outcome_indicators WHERE organisation_id = $1 \
             ORDER BY role_id, name"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(IndicatorRow::into_domain).collect()
    }

    async fn outcome_indicator(
        &self,
        org: OrganisationId,
        id: OutcomeIndicatorId,
    ) -> Result<Option<OutcomeIndicator>, StoreError> {
        let row: Option<IndicatorRow> = sqlx::query_as(sql(format!(
            "SELECT {INDICATOR} FROM outcome_indicators WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(IndicatorRow::into_domain).transpose()
    }

    async fn activity_records(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ActivityRecord>, StoreError> {
        let rows: Vec<ActivityRow> = sqlx::query_as(sql(format!(
            "SELECT {ACTIVITY} FROM activity_records WHERE organisation_id = $1 \
             AND done_on >= $2 AND done_on <= $3 ORDER BY done_on, id"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ActivityRow::into_domain).collect()
    }

    async fn activity_of_person(
        &self,
        person: PersonId,
        limit: u32,
    ) -> Result<Vec<ActivityRecord>, StoreError> {
        let rows: Vec<ActivityRow> = sqlx::query_as(sql(format!(
            "SELECT {ACTIVITY} FROM activity_records WHERE person_id = $1 \
             ORDER BY done_on DESC, logged_at DESC LIMIT $2"
        )))
        .bind(person.0)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(ActivityRow::into_domain).collect()
    }
}

fn one(result: <Db as sqlx::Database>::QueryResult, what: &str) -> Result<(), StoreError> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(what.into()))
    }
}

/// Applies one write of outcome indicators and activity.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertOutcomeIndicator(i) => {
            sqlx::query(sql(format!(
                "INSERT INTO outcome_indicators ({INDICATOR}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            )))
            .bind(i.organisation_id.0)
            .bind(i.id.0)
            .bind(i.role_id.0)
            .bind(&i.name)
            .bind(&i.unit)
            .bind(i.minutes_each.map(i32::from))
            .bind(i.retired)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::SetOutcomeIndicatorRetired(org, id, retired) => {
            let r = sqlx::query(
                "UPDATE outcome_indicators SET retired = $3 WHERE organisation_id = $1 AND id = $2",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(*retired)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            one(r, "This indicator no longer exists")?;
        }
        Write::InsertActivityRecord(a) => {
            sqlx::query(sql(format!(
                "INSERT INTO activity_records ({ACTIVITY}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )))
            .bind(a.organisation_id.0)
            .bind(a.id.0)
            .bind(a.indicator_id.0)
            .bind(a.person_id.0)
            .bind(&a.logged_by)
            .bind(a.done_on)
            .bind(i32::try_from(a.quantity).unwrap_or(i32::MAX))
            .bind(&a.note)
            .bind(a.logged_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        other => return super::equality::write(tx, other).await,
    }
    Ok(())
}
