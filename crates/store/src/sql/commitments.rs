//! The [`CommitmentsStore`] implementation, and the writes of standing commitments and
//! absences (handing anything else on to the quality writes). Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveTime};
use domain::ids::*;
use domain::rota::{Absence, AbsencePeriod, Commitment, parse_weekday, weekday_code};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::{db_error, sql};

const COLUMNS: &str = "organisation_id, id, person_id, role_id, site_id, weekday, start_time, \
     end_time, interval_weeks, starts_on, ends_on";

/// A `commitments` row.
#[derive(sqlx::FromRow)]
struct CommitmentDbRow {
    organisation_id: Uuid,
    id: Uuid,
    person_id: Uuid,
    role_id: Uuid,
    site_id: Uuid,
    weekday: String,
    start_time: String,
    end_time: String,
    interval_weeks: i32,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
}

impl CommitmentDbRow {
    fn into_domain(self) -> Result<Commitment, StoreError> {
        let bad =
            |what: &str| StoreError::Other(format!("a commitment's stored {what} is not valid"));
        let time = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| bad("time"));
        Ok(Commitment {
            id: CommitmentId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            person_id: PersonId(self.person_id),
            role_id: RoleId(self.role_id),
            site_id: SiteId(self.site_id),
            weekday: parse_weekday(&self.weekday).ok_or_else(|| bad("day"))?,
            start: time(&self.start_time)?,
            end: time(&self.end_time)?,
            interval_weeks: u8::try_from(self.interval_weeks).map_err(|_| bad("interval"))?,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
        })
    }
}

#[async_trait]
impl CommitmentsStore for ThisStore {
    async fn commitment(
        &self,
        org: OrganisationId,
        id: CommitmentId,
    ) -> Result<Option<Commitment>, StoreError> {
        let row: Option<CommitmentDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM commitments WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(CommitmentDbRow::into_domain).transpose()
    }

    async fn commitments_of_person(&self, person: PersonId) -> Result<Vec<Commitment>, StoreError> {
        let rows: Vec<CommitmentDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM commitments WHERE person_id = $1 ORDER BY starts_on DESC, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(CommitmentDbRow::into_domain).collect()
    }

    async fn commitments_for_slot(
        &self,
        org: OrganisationId,
        role: RoleId,
        site: SiteId,
    ) -> Result<Vec<Commitment>, StoreError> {
        let rows: Vec<CommitmentDbRow> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM commitments WHERE organisation_id = $1 AND role_id = $2 \
             AND site_id = $3 ORDER BY starts_on, id"
        )))
        .bind(org.0)
        .bind(role.0)
        .bind(site.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(CommitmentDbRow::into_domain).collect()
    }

    async fn absences_of_person(&self, person: PersonId) -> Result<Vec<Absence>, StoreError> {
        let rows: Vec<(Uuid, Uuid, NaiveDate, NaiveDate)> = sqlx::query_as(
            "SELECT id, person_id, starts_on, ends_on FROM absences WHERE person_id = $1 \
             ORDER BY starts_on DESC, id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, person, starts_on, ends_on)| Absence {
                id: AbsenceId(id),
                person_id: PersonId(person),
                period: AbsencePeriod { starts_on, ends_on },
            })
            .collect())
    }
}

/// Applies one write of standing commitments and absences; nothing else is left to try.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertCommitment(c) => {
            sqlx::query(sql(format!(
                "INSERT INTO commitments ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            )))
            .bind(c.organisation_id.0)
            .bind(c.id.0)
            .bind(c.person_id.0)
            .bind(c.role_id.0)
            .bind(c.site_id.0)
            .bind(weekday_code(c.weekday))
            .bind(c.start.format("%H:%M").to_string())
            .bind(c.end.format("%H:%M").to_string())
            .bind(i32::from(c.interval_weeks))
            .bind(c.starts_on)
            .bind(c.ends_on)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        Write::EndCommitment {
            organisation_id,
            id,
            ends_on,
        } => {
            let r = sqlx::query(
                "UPDATE commitments SET ends_on = $3 WHERE organisation_id = $1 AND id = $2",
            )
            .bind(organisation_id.0)
            .bind(id.0)
            .bind(ends_on)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict(
                    "This commitment no longer exists".into(),
                ))
            }
        }
        Write::InsertAbsence(a) => {
            sqlx::query(
                "INSERT INTO absences (id, person_id, starts_on, ends_on) VALUES ($1, $2, $3, $4)",
            )
            .bind(a.id.0)
            .bind(a.person_id.0)
            .bind(a.period.starts_on)
            .bind(a.period.ends_on)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        Write::DeleteAbsence(person, id) => {
            let r = sqlx::query("DELETE FROM absences WHERE id = $1 AND person_id = $2")
                .bind(id.0)
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(StoreError::Conflict("This absence no longer exists".into()))
            }
        }
        other => super::quality::write(tx, other).await,
    }
}
