//! The [`FeedbackStore`] implementation and the writes of feedback links. Compiled once per
//! backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::instruments;
use domain::surveys::FeedbackLink;
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::{db_error, sql};

const COLUMNS: &str = "organisation_id, id, instrument, instrument_version, role_id, label, token, active, created_at";

type Row = (
    Uuid,
    Uuid,
    String,
    i32,
    Option<Uuid>,
    String,
    String,
    bool,
    DateTime<Utc>,
);

fn link(
    (org, id, instrument, version, role, label, token, active, created_at): Row,
) -> Result<FeedbackLink, StoreError> {
    let version = u16::try_from(version)
        .map_err(|_| StoreError::Other("a stored feedback link is not valid".into()))?;
    let instrument = instruments::find(&instrument, version)
        .ok_or_else(|| StoreError::Other("a stored feedback link is not valid".into()))?;
    Ok(FeedbackLink {
        id: FeedbackLinkId(id),
        organisation_id: OrganisationId(org),
        instrument,
        role_id: role.map(RoleId),
        label,
        token,
        active,
        created_at,
    })
}

#[async_trait]
impl FeedbackStore for ThisStore {
    async fn feedback_links(&self, org: OrganisationId) -> Result<Vec<FeedbackLink>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM feedback_links WHERE organisation_id = $1 \
             ORDER BY created_at DESC, id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(link).collect()
    }

    async fn feedback_link_by_token(
        &self,
        token: &str,
    ) -> Result<Option<FeedbackLink>, StoreError> {
        let row: Option<Row> = sqlx::query_as(sql(format!(
            "SELECT {COLUMNS} FROM feedback_links WHERE token = $1"
        )))
        .bind(token)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(link).transpose()
    }
}

/// Applies one write of feedback links; nothing else is left to try.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertFeedbackLink(l) => {
            sqlx::query(sql(format!(
                "INSERT INTO feedback_links ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            )))
            .bind(l.organisation_id.0)
            .bind(l.id.0)
            .bind(l.instrument.code)
            .bind(i32::from(l.instrument.version))
            .bind(l.role_id.map(|r| r.0))
            .bind(&l.label)
            .bind(&l.token)
            .bind(l.active)
            .bind(l.created_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        Write::SetFeedbackLinkActive(org, id, active) => {
            let r = sqlx::query(
                "UPDATE feedback_links SET active = $3 WHERE organisation_id = $1 AND id = $2",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(*active)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            if r.rows_affected() != 1 {
                return Err(StoreError::Conflict(
                    "This feedback link no longer exists".into(),
                ));
            }
        }
        Write::Support(s) => return super::support::write(tx, s).await,
        Write::Network(n) => return super::network_writes::write(tx, n).await,
        Write::Library(l) => return super::library::write(tx, l).await,
        Write::Events(e) => return super::event_writes::write(tx, e).await,
        Write::Privacy(p) => return super::erasure::write(tx, p).await,
        Write::Import(i) => return super::imports::write(tx, i).await,
        other => return Err(StoreError::Other(format!("no handler for write {other:?}"))),
    }
    Ok(())
}
