//! Imports left "running" by a server that stopped: finding them (in every organisation) and
//! marking each failed. An import writes its records in one transaction, so one that never
//! finished saved nothing; only its upload row is left saying "running". Compiled once per
//! backend.

use app::StoreError;
use app::ports::ImportUpload;
use chrono::{DateTime, Utc};
use domain::ids::{OrganisationId, PersonId};
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::db_error;

type Row = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    bool,
    String,
    i64,
    i64,
    Uuid,
    DateTime<Utc>,
);

/// Every upload still `running`, oldest first, without its file.
pub(super) async fn running_uploads(store: &ThisStore) -> Result<Vec<ImportUpload>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT organisation_id, id, kind, file_name, mapping, skip_invalid, stage, done_rows, \
         total_rows, created_by, created_at FROM import_uploads WHERE status = 'running' \
         ORDER BY created_at, id",
    )
    .fetch_all(&store.pool)
    .await
    .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(
            |(org, id, kind, file_name, mapping, skip_invalid, stage, done, total, by, at)| {
                ImportUpload {
                    id,
                    organisation_id: OrganisationId(org),
                    kind,
                    file_name,
                    content: Vec::new(),
                    mapping,
                    skip_invalid,
                    status: "running".into(),
                    stage,
                    done_rows: done,
                    total_rows: total,
                    report: None,
                    created_by: PersonId(by),
                    created_at: at,
                }
            },
        )
        .collect())
}

/// Marks one upload failed with `report`, only while it is still `running` (an import that
/// finished meanwhile keeps its own report); drops the file as a finished import does.
pub(super) async fn fail_interrupted(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    id: Uuid,
    report: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let empty: Vec<u8> = Vec::new();
    sqlx::query(
        "UPDATE import_uploads SET status = 'failed', report = $3, finished_at = $4, content = $5, \
         stage = '' WHERE organisation_id = $1 AND id = $2 AND status = 'running'",
    )
    .bind(org.0)
    .bind(id)
    .bind(report)
    .bind(at)
    .bind(empty)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}
