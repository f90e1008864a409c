//! The [`EqualityStore`] implementation and its writes: equality monitoring answers and the
//! population each organisation serves (handing anything else on to the feedback link writes).
//! Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::equality::{EqualityRecord, PopulationShare, ReachDimension};
use domain::ids::*;
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::{db_error, sql};

type AnswersRow = (
    Uuid,
    Option<String>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
);

/// A stored code as its value; a code no longer known reads as not answered.
fn known<T: Labelled>(code: Option<String>) -> Option<T> {
    code.and_then(|c| T::from_code(&c))
}

fn record((person, sex, ethnicity, disability, recorded_at): AnswersRow) -> EqualityRecord {
    EqualityRecord {
        person_id: PersonId(person),
        sex: known(sex),
        ethnicity: known(ethnicity),
        disability: known(disability),
        recorded_at,
    }
}

#[async_trait]
impl EqualityStore for ThisStore {
    async fn equality_record(
        &self,
        person: PersonId,
    ) -> Result<Option<EqualityRecord>, StoreError> {
        let row: Option<AnswersRow> = sqlx::query_as(
            "SELECT person_id, sex, ethnicity, disability, recorded_at FROM equality_monitoring \
             WHERE person_id = $1",
        )
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(record))
    }

    async fn active_volunteer_profiles(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<VolunteerProfile>, StoreError> {
        type Row = (
            Uuid,
            Option<NaiveDate>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<DateTime<Utc>>,
            Option<i32>,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT p.id, p.date_of_birth, m.sex, m.ethnicity, m.disability, m.recorded_at, \
             d.imd_decile \
             FROM engagements g JOIN people p ON p.id = g.person_id \
             LEFT JOIN equality_monitoring m ON m.person_id = p.id \
             LEFT JOIN postcode_deprivation d ON d.postcode = p.postcode \
             WHERE g.organisation_id = $1 AND g.status = 'active'",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(
                |(person, born, sex, ethnicity, disability, at, decile)| VolunteerProfile {
                    born,
                    answers: at.map(|at| record((person, sex, ethnicity, disability, at))),
                    imd_decile: decile.and_then(|d| u8::try_from(d).ok()),
                },
            )
            .collect())
    }

    async fn postcode_deprivation_year(&self) -> Result<Option<i32>, StoreError> {
        let year: Option<(i32,)> =
            sqlx::query_as("SELECT copyright_year FROM postcode_deprivation_source WHERE id = 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(db_error)?;
        Ok(year.map(|(y,)| y))
    }

    async fn population_served(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<PopulationShare>, StoreError> {
        let rows: Vec<(String, String, i32)> = sqlx::query_as(
            "SELECT dimension, category, percent_tenths FROM population_served \
             WHERE organisation_id = $1",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .filter_map(|(dimension, category, tenths)| {
                let dimension = ReachDimension::from_code(&dimension)?;
                let category = dimension
                    .categories()
                    .iter()
                    .copied()
                    .find(|c| *c == category)?;
                Some(PopulationShare {
                    dimension,
                    category,
                    percent_tenths: u16::try_from(tenths).ok()?,
                })
            })
            .collect())
    }
}

/// Applies one write of equality monitoring; nothing else is left to try.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::PutEqualityRecord(r) => {
            sqlx::query("DELETE FROM equality_monitoring WHERE person_id = $1")
                .bind(r.person_id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query(
                "INSERT INTO equality_monitoring (person_id, sex, ethnicity, disability, \
                 recorded_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(r.person_id.0)
            .bind(r.sex.map(Labelled::code))
            .bind(r.ethnicity.map(Labelled::code))
            .bind(r.disability.map(Labelled::code))
            .bind(r.recorded_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::DeleteEqualityRecord(person) => {
            sqlx::query("DELETE FROM equality_monitoring WHERE person_id = $1")
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
        }
        Write::PutPopulationServed(org, shares) => {
            sqlx::query("DELETE FROM population_served WHERE organisation_id = $1")
                .bind(org.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            for s in shares {
                sqlx::query(
                    "INSERT INTO population_served (organisation_id, dimension, category, \
                     percent_tenths) VALUES ($1, $2, $3, $4)",
                )
                .bind(org.0)
                .bind(s.dimension.code())
                .bind(s.category)
                .bind(i32::from(s.percent_tenths))
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            }
        }
        Write::ReplacePostcodeDeprivation(rows, year) => {
            sqlx::query("DELETE FROM postcode_deprivation")
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query("DELETE FROM postcode_deprivation_source")
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            // Many rows a statement: a full directory has over two million.
            for chunk in rows.chunks(400) {
                let values: Vec<String> = (0..chunk.len())
                    .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
                    .collect();
                let text = format!(
                    "INSERT INTO postcode_deprivation (postcode, imd_decile) VALUES {}",
                    values.join(", ")
                );
                let mut q = sqlx::query(sql(text));
                for (postcode, decile) in chunk {
                    q = q.bind(postcode).bind(i32::from(*decile));
                }
                q.execute(&mut **tx).await.map_err(db_error)?;
            }
            sqlx::query(
                "INSERT INTO postcode_deprivation_source (id, copyright_year) VALUES (1, $1)",
            )
            .bind(*year)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        other => return super::feedback_links::write(tx, other).await,
    }
    Ok(())
}
