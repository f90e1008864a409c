//! The [`SafeguardingStore`] implementation and its writes. Concerns and their entries are
//! only ever inserted; the database's triggers refuse any change or deletion. Compiled once
//! per backend.

use std::collections::HashMap;

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::safeguarding::{Concern, ConcernEntry};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::safeguarding_rows::{CONCERN_COLUMNS, ConcernRow, ENTRY_COLUMNS, EntryRow};
use crate::{db_error, sql};

type WithRecord = (Concern, Vec<ConcernEntry>);

impl ThisStore {
    /// The concerns a query finds, each with its record, in the query's order.
    async fn with_records(&self, concerns: Vec<ConcernRow>) -> Result<Vec<WithRecord>, StoreError> {
        let concerns: Vec<Concern> = concerns
            .into_iter()
            .map(ConcernRow::into_domain)
            .collect::<Result<_, _>>()?;
        let mut records: HashMap<ConcernId, Vec<ConcernEntry>> = HashMap::new();
        let mut by_org: HashMap<OrganisationId, Vec<Uuid>> = HashMap::new();
        for c in &concerns {
            by_org.entry(c.organisation_id).or_default().push(c.id.0);
        }
        for (org, ids) in by_org {
            for batch in ids.chunks(400) {
                let mut q = sqlx::QueryBuilder::<Db>::new(format!(
                    "SELECT {ENTRY_COLUMNS} FROM concern_entries WHERE organisation_id = "
                ));
                q.push_bind(org.0).push(" AND concern_id IN (");
                let mut list = q.separated(", ");
                for id in batch {
                    list.push_bind(*id);
                }
                q.push(") ORDER BY at, id");
                let rows: Vec<EntryRow> = q
                    .build_query_as()
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_error)?;
                for row in rows {
                    let entry = row.into_domain()?;
                    records.entry(entry.concern_id).or_default().push(entry);
                }
            }
        }
        Ok(concerns
            .into_iter()
            .map(|c| {
                let record = records.remove(&c.id).unwrap_or_default();
                (c, record)
            })
            .collect())
    }
}

#[async_trait]
impl SafeguardingStore for ThisStore {
    async fn safeguarding_leads(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(PersonId, bool)>, StoreError> {
        let rows: Vec<(Uuid, bool)> = sqlx::query_as(
            "SELECT person_id, deputy FROM safeguarding_leads WHERE organisation_id = $1 \
             ORDER BY deputy, person_id",
        )
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(|(p, d)| (PersonId(p), d)).collect())
    }

    async fn concerns(&self, org: OrganisationId) -> Result<Vec<WithRecord>, StoreError> {
        let rows: Vec<ConcernRow> = sqlx::query_as(sql(format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns WHERE organisation_id = $1 ORDER BY raised_at DESC, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        self.with_records(rows).await
    }

    async fn concern(
        &self,
        org: OrganisationId,
        id: ConcernId,
    ) -> Result<Option<WithRecord>, StoreError> {
        let rows: Vec<ConcernRow> = sqlx::query_as(sql(format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns WHERE organisation_id = $1 AND id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(self.with_records(rows).await?.into_iter().next())
    }

    async fn concerns_raised_by(&self, person: PersonId) -> Result<Vec<WithRecord>, StoreError> {
        let rows: Vec<ConcernRow> = sqlx::query_as(sql(format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns WHERE raised_by = $1 ORDER BY raised_at DESC, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        self.with_records(rows).await
    }

    async fn unacknowledged_concerns(
        &self,
        before: DateTime<Utc>,
    ) -> Result<Vec<WithRecord>, StoreError> {
        let rows: Vec<ConcernRow> = sqlx::query_as(sql(format!(
            "SELECT {CONCERN_COLUMNS} FROM concerns c WHERE raised_at < $1 AND NOT EXISTS \
             (SELECT 1 FROM concern_entries e WHERE e.organisation_id = c.organisation_id \
             AND e.concern_id = c.id AND e.kind IN ('acknowledged', 'escalated_to_deputy')) \
             ORDER BY raised_at, id"
        )))
        .bind(before)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        self.with_records(rows).await
    }
}

async fn insert_entry(tx: &mut Transaction<'_, Db>, e: &ConcernEntry) -> Result<(), StoreError> {
    sqlx::query(sql(format!(
        "INSERT INTO concern_entries ({ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )))
    .bind(e.organisation_id.0)
    .bind(e.id.0)
    .bind(e.concern_id.0)
    .bind(e.kind.code())
    .bind(&e.text)
    .bind(e.by.map(|p| p.0))
    .bind(e.at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Applies one safeguarding write; nothing else is left to try.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &SupportWrite,
) -> Result<(), StoreError> {
    match w {
        SupportWrite::SetSafeguardingLeads(org, leads) => {
            sqlx::query("DELETE FROM safeguarding_leads WHERE organisation_id = $1")
                .bind(org.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            for (person, deputy) in leads {
                sqlx::query(
                    "INSERT INTO safeguarding_leads (organisation_id, person_id, deputy) VALUES ($1, $2, $3)",
                )
                .bind(org.0)
                .bind(person.0)
                .bind(*deputy)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            }
            Ok(())
        }
        SupportWrite::InsertConcern(c, first) => {
            sqlx::query(sql(format!(
                "INSERT INTO concerns ({CONCERN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )))
            .bind(c.organisation_id.0)
            .bind(c.id.0)
            .bind(c.subject.code())
            .bind(c.supported_person_id.map(|p| p.0))
            .bind(c.volunteer_id.map(|p| p.0))
            .bind(&c.subject_name)
            .bind(c.urgent)
            .bind(c.raised_by.0)
            .bind(c.raised_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            insert_entry(tx, first).await
        }
        SupportWrite::AddConcernEntry(e) => insert_entry(tx, e).await,
        other => Err(StoreError::Other(format!("no handler for write {other:?}"))),
    }
}
