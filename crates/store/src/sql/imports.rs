//! The [`ImportStore`] implementation: matching people already recorded, the bulk write of a
//! people import (multi-row inserts, all in one transaction), saved mappings and uploads; and the
//! raw insert ceiling the import benchmark compares itself with. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::*;
use sqlx::{QueryBuilder, Transaction};
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::db_error;

/// Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

const PEOPLE: &str = "INSERT INTO people (id, given_name, family_name, preferred_name, email, phone, \
     date_of_birth, postcode, languages, skills, interests, accessibility_needs) ";
const ENGAGEMENTS: &str = "INSERT INTO engagements (organisation_id, id, person_id, status, started_at, leaving_reason, leaving_note) ";
const EVENTS: &str = "INSERT INTO engagement_events (organisation_id, id, engagement_id, from_status, to_status, \
     at, by_name, note) ";
const PLACEMENTS: &str = "INSERT INTO placements (organisation_id, id, person_id, role_id, application_id, status, \
     applied_at, accepted_at, activated_at, ended_at) ";

type KnownRow = (Uuid, String, String, String, Option<NaiveDate>);

fn known((id, given_name, family_name, email, date_of_birth): KnownRow) -> KnownPerson {
    KnownPerson {
        id: PersonId(id),
        given_name,
        family_name,
        email,
        date_of_birth,
        engagement: None,
    }
}

/// The backend's setting for a bulk write (SQLite: a larger page cache), if it has one.
async fn bulk_begin(tx: &mut Transaction<'_, Db>) -> Result<(), StoreError> {
    if !super::BULK_BEGIN.is_empty() {
        sqlx::query(super::BULK_BEGIN)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

fn list(items: &[String]) -> String {
    items.join("\n")
}

/// Inserts `rows` with multi-row statements of `columns` values each, `bind` pushing one row's.
async fn insert_all<T>(
    tx: &mut Transaction<'_, Db>,
    head: &str,
    columns: usize,
    rows: &[T],
    bind: impl Fn(&mut sqlx::query_builder::Separated<'_, Db, &'static str>, &T),
    mut written: impl FnMut(usize),
) -> Result<(), StoreError> {
    for chunk in rows.chunks(MAX_BINDS / columns) {
        let mut q = QueryBuilder::<Db>::new(head);
        q.push_values(chunk, |mut b, row| bind(&mut b, row));
        q.build().execute(&mut **tx).await.map_err(db_error)?;
        written(chunk.len());
    }
    Ok(())
}

fn bind_person(
    b: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    p: &domain::person::Person,
) {
    b.push_bind(p.id.0)
        .push_bind(p.given_name.clone())
        .push_bind(p.family_name.clone())
        .push_bind(p.preferred_name.clone())
        .push_bind(p.email.as_str().to_owned())
        .push_bind(p.phone.as_ref().map(|x| x.to_string()))
        .push_bind(p.date_of_birth)
        .push_bind(p.postcode.as_ref().map(|x| x.to_string()))
        .push_bind(list(&p.languages))
        .push_bind(list(&p.skills))
        .push_bind(list(&p.interests))
        .push_bind(p.accessibility_needs.clone());
}

fn bind_engagement(
    b: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    e: &domain::engagement::Engagement,
) {
    b.push_bind(e.organisation_id.0)
        .push_bind(e.id.0)
        .push_bind(e.person_id.0)
        .push_bind(e.status.code())
        .push_bind(e.started_at)
        .push_bind(e.leaving_reason.map(|r| r.code()))
        .push_bind(e.leaving_note.clone());
}

fn bind_event(
    b: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    org: OrganisationId,
    (engagement, ev): &(EngagementId, domain::engagement::EngagementEvent),
) {
    b.push_bind(org.0)
        .push_bind(Uuid::now_v7())
        .push_bind(engagement.0)
        .push_bind(ev.from.map(|s| s.code()))
        .push_bind(ev.to.code())
        .push_bind(ev.at)
        .push_bind(ev.by.clone())
        .push_bind(ev.note.clone());
}

fn bind_placement(
    b: &mut sqlx::query_builder::Separated<'_, Db, &'static str>,
    p: &domain::compliance::Placement,
) {
    b.push_bind(p.organisation_id.0)
        .push_bind(p.id.0)
        .push_bind(p.person_id.0)
        .push_bind(p.role_id.0)
        .push_bind(p.application_id.map(|a| a.0))
        .push_bind(p.status.code())
        .push_bind(p.applied_at)
        .push_bind(p.accepted_at)
        .push_bind(p.activated_at)
        .push_bind(p.ended_at);
}

impl ThisStore {
    async fn bulk_people(
        &self,
        tx: &mut Transaction<'_, Db>,
        batch: &PeopleBatch,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<(), StoreError> {
        let org = batch.engagements.first().map(|e| e.organisation_id);
        let mut done = 0u64;
        let mut tick = |n: usize| {
            done += n as u64;
            progress(done);
        };
        insert_all(tx, PEOPLE, 12, &batch.people, bind_person, &mut tick).await?;
        insert_all(
            tx,
            ENGAGEMENTS,
            7,
            &batch.engagements,
            bind_engagement,
            &mut tick,
        )
        .await?;
        if let Some(org) = org {
            insert_all(
                tx,
                EVENTS,
                8,
                &batch.events,
                |b, e| bind_event(b, org, e),
                &mut tick,
            )
            .await?;
        }
        insert_all(
            tx,
            PLACEMENTS,
            10,
            &batch.placements,
            bind_placement,
            &mut tick,
        )
        .await?;
        Ok(())
    }

    /// The benchmark's raw ceiling: the same rows as [`ImportStore::apply_people_import`]
    /// writes, in one transaction on the same writer (so with the same durability), one
    /// `INSERT` a row, in a bare loop: nothing read, checked or matched.
    pub async fn insert_people_raw(&self, batch: &PeopleBatch) -> Result<(), StoreError> {
        let mut tx = self
            .writer
            .begin_with(super::BEGIN_WRITE)
            .await
            .map_err(db_error)?;
        // The same page cache as the import, so the two differ only in how they insert.
        bulk_begin(&mut tx).await?;
        for p in &batch.people {
            let mut q = QueryBuilder::<Db>::new(PEOPLE);
            q.push_values([p], |mut b, p| bind_person(&mut b, p));
            q.build().execute(&mut *tx).await.map_err(db_error)?;
        }
        for e in &batch.engagements {
            let mut q = QueryBuilder::<Db>::new(ENGAGEMENTS);
            q.push_values([e], |mut b, e| bind_engagement(&mut b, e));
            q.build().execute(&mut *tx).await.map_err(db_error)?;
        }
        for e in &batch.events {
            let org = batch
                .engagements
                .first()
                .map_or(OrganisationId(Uuid::nil()), |e| e.organisation_id);
            let mut q = QueryBuilder::<Db>::new(EVENTS);
            q.push_values([e], |mut b, e| bind_event(&mut b, org, e));
            q.build().execute(&mut *tx).await.map_err(db_error)?;
        }
        for p in &batch.placements {
            let mut q = QueryBuilder::<Db>::new(PLACEMENTS);
            q.push_values([p], |mut b, p| bind_placement(&mut b, p));
            q.build().execute(&mut *tx).await.map_err(db_error)?;
        }
        tx.commit().await.map_err(db_error)?;
        if !super::BULK_END.is_empty() {
            sqlx::query(super::BULK_END)
                .execute(&self.writer)
                .await
                .map_err(db_error)?;
        }
        Ok(())
    }
}

#[async_trait]
impl ImportStore for ThisStore {
    async fn people_with_emails(&self, emails: &[String]) -> Result<Vec<KnownPerson>, StoreError> {
        let mut found = Vec::new();
        for chunk in emails.chunks(MAX_BINDS) {
            let mut q = QueryBuilder::<Db>::new(
                "SELECT id, given_name, family_name, email, date_of_birth FROM people WHERE email IN (",
            );
            let mut list = q.separated(", ");
            for e in chunk {
                list.push_bind(e.clone());
            }
            q.push(")");
            let rows: Vec<KnownRow> = q
                .build_query_as()
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
            found.extend(rows.into_iter().map(known));
        }
        Ok(found)
    }

    async fn people_engaged_with(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<KnownPerson>, StoreError> {
        let rows: Vec<(Uuid, String, String, String, Option<NaiveDate>, Uuid, String)> =
            sqlx::query_as(
                "SELECT p.id, p.given_name, p.family_name, p.email, p.date_of_birth, e.id, e.status \
                 FROM engagements e JOIN people p ON p.id = e.person_id WHERE e.organisation_id = $1",
            )
            .bind(org.0)
            .fetch_all(&self.pool)
            .await
            .map_err(db_error)?;
        rows.into_iter()
            .map(|(id, given, family, email, dob, engagement, status)| {
                let mut p = known((id, given, family, email, dob));
                p.engagement = Some((EngagementId(engagement), crate::rows::code(&status)?));
                Ok(p)
            })
            .collect()
    }

    async fn apply_people_import(
        &self,
        batch: &PeopleBatch,
        writes: Vec<Write>,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<(), StoreError> {
        let mut tx = self
            .writer
            .begin_with(super::BEGIN_WRITE)
            .await
            .map_err(db_error)?;
        bulk_begin(&mut tx).await?;
        let mut result = self.bulk_people(&mut tx, batch, progress).await;
        if result.is_ok() {
            for w in &writes {
                result = super::writes::write(&mut tx, w).await;
                if result.is_err() {
                    break;
                }
            }
        }
        let outcome = match result {
            Ok(()) => tx.commit().await.map_err(db_error),
            Err(e) => {
                tx.rollback().await.map_err(db_error)?;
                Err(e)
            }
        };
        if !super::BULK_END.is_empty() {
            sqlx::query(super::BULK_END)
                .execute(&self.writer)
                .await
                .map_err(db_error)?;
        }
        outcome
    }

    async fn import_mappings(
        &self,
        org: OrganisationId,
        kind: &str,
    ) -> Result<Vec<SavedMapping>, StoreError> {
        let rows: Vec<(Uuid, String, String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT id, kind, name, mapping, created_at FROM import_mappings \
             WHERE organisation_id = $1 AND kind = $2 ORDER BY name",
        )
        .bind(org.0)
        .bind(kind)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(id, kind, name, mapping, created_at)| SavedMapping {
                id,
                organisation_id: org,
                kind,
                name,
                mapping,
                created_at,
            })
            .collect())
    }

    async fn running_uploads(&self) -> Result<Vec<ImportUpload>, StoreError> {
        super::import_recovery::running_uploads(self).await
    }

    async fn import_upload(
        &self,
        org: OrganisationId,
        id: Uuid,
    ) -> Result<Option<ImportUpload>, StoreError> {
        type Row = (
            String,
            String,
            Vec<u8>,
            String,
            bool,
            String,
            String,
            i64,
            i64,
            Option<String>,
            Uuid,
            DateTime<Utc>,
        );
        let row: Option<Row> = sqlx::query_as(
            "SELECT kind, file_name, content, mapping, skip_invalid, status, stage, done_rows, total_rows, \
             report, created_by, created_at FROM import_uploads WHERE organisation_id = $1 AND id = $2",
        )
        .bind(org.0)
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(
            |(
                kind,
                file_name,
                content,
                mapping,
                skip_invalid,
                status,
                stage,
                done_rows,
                total_rows,
                report,
                by,
                at,
            )| {
                ImportUpload {
                    id,
                    organisation_id: org,
                    kind,
                    file_name,
                    content,
                    mapping,
                    skip_invalid,
                    status,
                    stage,
                    done_rows,
                    total_rows,
                    report,
                    created_by: PersonId(by),
                    created_at: at,
                }
            },
        ))
    }
}

fn changed(result: <Db as sqlx::Database>::QueryResult) -> Result<(), StoreError> {
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "This import has already been started, or is no longer here; reload the page".into(),
        ))
    }
}

/// Applies one import write.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &ImportWrite) -> Result<(), StoreError> {
    match w {
        ImportWrite::PutMapping(m) => {
            sqlx::query("DELETE FROM import_mappings WHERE organisation_id = $1 AND kind = $2 AND name = $3")
                .bind(m.organisation_id.0)
                .bind(&m.kind)
                .bind(&m.name)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query(
                "INSERT INTO import_mappings (organisation_id, id, kind, name, mapping, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(m.organisation_id.0)
            .bind(m.id)
            .bind(&m.kind)
            .bind(&m.name)
            .bind(&m.mapping)
            .bind(m.created_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        ImportWrite::InsertUpload(u) => {
            sqlx::query(
                "INSERT INTO import_uploads (organisation_id, id, kind, file_name, content, mapping, skip_invalid, \
                 status, stage, done_rows, total_rows, report, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(u.organisation_id.0)
            .bind(u.id)
            .bind(&u.kind)
            .bind(&u.file_name)
            .bind(&u.content)
            .bind(&u.mapping)
            .bind(u.skip_invalid)
            .bind(&u.status)
            .bind(&u.stage)
            .bind(u.done_rows)
            .bind(u.total_rows)
            .bind(&u.report)
            .bind(u.created_by.0)
            .bind(u.created_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        ImportWrite::SetUploadMapping {
            organisation_id,
            id,
            mapping,
            skip_invalid,
        } => {
            let r = sqlx::query(
                "UPDATE import_uploads SET mapping = $3, skip_invalid = $4 \
                 WHERE organisation_id = $1 AND id = $2 AND status = 'uploaded'",
            )
            .bind(organisation_id.0)
            .bind(id)
            .bind(mapping)
            .bind(*skip_invalid)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(r)?;
        }
        ImportWrite::StartUpload(org, id, total) => {
            let r = sqlx::query(
                "UPDATE import_uploads SET status = 'running', stage = 'Starting', total_rows = $3 \
                 WHERE organisation_id = $1 AND id = $2 AND status = 'uploaded'",
            )
            .bind(org.0)
            .bind(id)
            .bind(*total)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            changed(r)?;
        }
        ImportWrite::UploadProgress {
            organisation_id,
            id,
            stage,
            done_rows,
        } => {
            sqlx::query(
                "UPDATE import_uploads SET stage = $3, done_rows = $4 \
                 WHERE organisation_id = $1 AND id = $2 AND status = 'running'",
            )
            .bind(organisation_id.0)
            .bind(id)
            .bind(stage)
            .bind(*done_rows)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        ImportWrite::FinishUpload {
            organisation_id,
            id,
            status,
            report,
            at,
        } => {
            let empty: Vec<u8> = Vec::new();
            sqlx::query(
                "UPDATE import_uploads SET status = $3, report = $4, finished_at = $5, content = $6, stage = '' \
                 WHERE organisation_id = $1 AND id = $2",
            )
            .bind(organisation_id.0)
            .bind(id)
            .bind(status)
            .bind(report)
            .bind(*at)
            .bind(empty)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        ImportWrite::FailInterrupted {
            organisation_id,
            id,
            report,
            at,
        } => {
            super::import_recovery::fail_interrupted(tx, *organisation_id, *id, report, *at)
                .await?;
        }
    }
    Ok(())
}
