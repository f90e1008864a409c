//! Sessions, sign-in failures, reset and API tokens, the outbox and the audit log: the reads
//! behind accounts and messages. Compiled once per backend (see the crate docs).

use app::StoreError;
use app::ports::{ApiToken, OutboxMessage, Session};
use chrono::{DateTime, Duration, Utc};
use domain::audit::AuditEntry;
use domain::ids::*;
use sqlx::Pool;
use uuid::Uuid;

use super::{CLAIM_LOCK, Db};
use crate::rows::{AuditRow, MessageRow, SessionRow};
use crate::{count, db_error, sql};

/// An outbox row as [`MessageRow`] reads it.
pub(super) const MESSAGE_COLUMNS: &str = "id, organisation_id, channel, kind, recipient, subject, body, \
     created_at, attempts, next_attempt_at, sent_at, last_error";

/// How long a worker holds a claimed message before another may try it.
const CLAIM_SECONDS: i64 = 120;

pub(super) async fn session(
    pool: &Pool<Db>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Session>, StoreError> {
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT token_hash, person_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
    .map_err(db_error)?;
    Ok(row.map(Session::from))
}

pub(super) async fn sign_in_failures(
    pool: &Pool<Db>,
    key: &str,
    since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(pool)
            .await
            .map_err(db_error)?;
    Ok(count(n))
}

pub(super) async fn reset_token(
    pool: &Pool<Db>,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<PersonId>, StoreError> {
    let id: Option<Uuid> = sqlx::query_scalar(
        "SELECT person_id FROM reset_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await
    .map_err(db_error)?;
    Ok(id.map(PersonId))
}

pub(super) async fn api_token(
    pool: &Pool<Db>,
    token_hash: &str,
) -> Result<Option<ApiToken>, StoreError> {
    let row: Option<(Uuid, Uuid, Uuid, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT id, organisation_id, person_id, token_hash, created_at FROM api_tokens WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(db_error)?;
    Ok(
        row.map(|(id, org, person, token_hash, created_at)| ApiToken {
            id: ApiTokenId(id),
            organisation_id: OrganisationId(org),
            person_id: PersonId(person),
            token_hash,
            created_at,
        }),
    )
}

pub(super) async fn due_messages(
    pool: &Pool<Db>,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<OutboxMessage>, StoreError> {
    let rows: Vec<MessageRow> = sqlx::query_as(sql(format!(
        "UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL \
         AND redacted_at IS NULL AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) \
         ORDER BY created_at LIMIT $3 {CLAIM_LOCK}) RETURNING {MESSAGE_COLUMNS}"
    )))
    .bind(now)
    .bind(now + Duration::seconds(CLAIM_SECONDS))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    let mut messages: Vec<OutboxMessage> = rows.into_iter().map(OutboxMessage::from).collect();
    messages.sort_by_key(|m| m.created_at);
    Ok(messages)
}

pub(super) async fn message_sent(
    pool: &Pool<Db>,
    id: MessageId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET sent_at = $2, attempts = attempts + 1, claimed_until = NULL WHERE id = $1")
        .bind(id.0)
        .bind(at)
        .execute(pool)
        .await
        .map_err(db_error)?;
    Ok(())
}

pub(super) async fn message_failed(
    pool: &Pool<Db>,
    id: MessageId,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, claimed_until = NULL WHERE id = $1",
    )
    .bind(id.0)
    .bind(error)
    .bind(retry_at)
    .execute(pool)
    .await
    .map_err(db_error)?;
    Ok(())
}

pub(super) async fn purge_expired(
    pool: &Pool<Db>,
    now: DateTime<Utc>,
    keep_until: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut tx = pool.begin().await.map_err(db_error)?;
    let mut removed = 0;
    for (query, bound) in [
        ("DELETE FROM sessions WHERE expires_at < $1", now),
        ("DELETE FROM sign_in_failures WHERE at < $1", keep_until),
        ("DELETE FROM reset_tokens WHERE expires_at < $1", keep_until),
    ] {
        removed += sqlx::query(query)
            .bind(bound)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?
            .rows_affected();
    }
    tx.commit().await.map_err(db_error)?;
    Ok(removed)
}

pub(super) async fn recent_messages(
    pool: &Pool<Db>,
    limit: u32,
) -> Result<Vec<OutboxMessage>, StoreError> {
    let rows: Vec<MessageRow> = sqlx::query_as(sql(format!(
        "SELECT {MESSAGE_COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1"
    )))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().map(OutboxMessage::from).collect())
}

pub(super) async fn audit_for(
    pool: &Pool<Db>,
    org: Option<OrganisationId>,
    entity_id: Uuid,
) -> Result<Vec<AuditEntry>, StoreError> {
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, organisation_id, actor_person_id, channel, action, entity, entity_id, at, detail FROM audit_log \
         WHERE entity_id = $1 AND ($2 IS NULL OR organisation_id = $2) ORDER BY at DESC, id DESC LIMIT 500",
    )
    .bind(entity_id)
    .bind(org.map(|o| o.0))
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}
