//! The append-only records a change leaves behind — audit entries and outbox messages — held
//! back to the end of the change and inserted with one call, several rows to a statement.
//! Nothing reads them back inside the change that writes them, so a sign-up's two records cost
//! one round trip, and SQLite's group commit inserts a whole group's at once (see
//! `sqlite/group.rs`). Compiled once per backend (see the crate docs).

use std::fmt::Write as _;

use app::StoreError;
use app::ports::{OutboxMessage, Write};
use domain::Labelled;
use domain::audit::AuditEntry;
use sqlx::query::Query;
use sqlx::{Database, Transaction};

use super::Db;
use crate::db_error;

type Args = <Db as Database>::Arguments;

const AUDIT_INSERT: &str = "INSERT INTO audit_log (id, organisation_id, actor_person_id, \
     channel, action, entity, entity_id, at, detail) VALUES ";
const AUDIT_COLUMNS: usize = 9;

const MESSAGE_INSERT: &str = "INSERT INTO outbox (id, recipient, subject, body, created_at, \
     attempts, next_attempt_at, sent_at, last_error, organisation_id, channel, kind) VALUES ";
const MESSAGE_COLUMNS: usize = 12;

/// Audit entries and outbox messages waiting to be inserted together.
#[derive(Debug, Default)]
pub(crate) struct Records<'a> {
    audits: Vec<&'a AuditEntry>,
    messages: Vec<&'a OutboxMessage>,
}

impl<'a> Records<'a> {
    /// Holds back every audit entry and outbox message in `records` (and nothing else).
    pub(crate) fn hold(&mut self, records: &'a [Write]) {
        for w in records {
            match w {
                Write::Audit(a) => self.audits.push(a),
                Write::InsertMessage(m) => self.messages.push(m),
                _ => {}
            }
        }
    }

    /// Inserts everything held in one statement (or, on SQLite, one call that runs a
    /// statement per table in turn), and forgets it.
    pub(crate) async fn insert(&mut self, tx: &mut Transaction<'_, Db>) -> Result<(), StoreError> {
        if self.audits.is_empty() && self.messages.is_empty() {
            return Ok(());
        }
        let query = self
            .audits
            .iter()
            .fold(sqlx::query(crate::sql(self.sql())), |q, &a| {
                bind_audit(q, a)
            });
        self.messages
            .iter()
            .fold(query, |q, &m| bind_message(q, m))
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        self.audits.clear();
        self.messages.clear();
        Ok(())
    }

    /// The insert for everything held, parameters numbered from `$1`, audit entries first.
    fn sql(&self) -> String {
        let mut next = 1;
        let mut audits = String::new();
        if !self.audits.is_empty() {
            audits.push_str(AUDIT_INSERT);
            rows(&mut audits, self.audits.len(), AUDIT_COLUMNS, &mut next);
        }
        let mut messages = String::new();
        if !self.messages.is_empty() {
            messages.push_str(MESSAGE_INSERT);
            rows(
                &mut messages,
                self.messages.len(),
                MESSAGE_COLUMNS,
                &mut next,
            );
        }
        if audits.is_empty() || messages.is_empty() {
            return audits + &messages;
        }
        let (before, between) = super::INSERT_THEN_INSERT;
        format!("{before}{audits}{between}{messages}")
    }
}

/// Splits `writes` into the writes before its trailing audit entries and outbox messages, and
/// those records.
pub(crate) fn split_trailing(writes: &[Write]) -> (&[Write], &[Write]) {
    let records = writes
        .iter()
        .rev()
        .take_while(|w| matches!(w, Write::Audit(_) | Write::InsertMessage(_)))
        .count();
    writes.split_at(writes.len() - records)
}

/// Appends `count` rows of `columns` numbered parameters each, like `($1, $2), ($3, $4)`.
fn rows(sql: &mut String, count: usize, columns: usize, next: &mut usize) {
    for row in 0..count {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns {
            let sep = if column == 0 { "" } else { ", " };
            // Writing to a String cannot fail.
            let _ = write!(sql, "{sep}${next}");
            *next += 1;
        }
        sql.push(')');
    }
}

fn bind_audit<'q>(q: Query<'q, Db, Args>, a: &'q AuditEntry) -> Query<'q, Db, Args> {
    q.bind(a.id.0)
        .bind(a.organisation_id.map(|o| o.0))
        .bind(a.actor.person_id().map(|p| p.0))
        .bind(a.actor.channel())
        .bind(&a.action)
        .bind(&a.entity)
        .bind(a.entity_id)
        .bind(a.at)
        .bind(&a.detail)
}

fn bind_message<'q>(q: Query<'q, Db, Args>, m: &'q OutboxMessage) -> Query<'q, Db, Args> {
    q.bind(m.id.0)
        .bind(&m.to)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(m.created_at)
        .bind(m.attempts)
        .bind(m.next_attempt_at)
        .bind(m.sent_at)
        .bind(&m.last_error)
        .bind(m.organisation_id.map(|o| o.0))
        .bind(m.medium.code())
        .bind(m.kind.map_or("", |k| k.code()))
}

/// Inserts one audit entry.
pub(super) async fn insert_audit(
    tx: &mut Transaction<'_, Db>,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    let mut records = Records::default();
    records.audits.push(entry);
    records.insert(tx).await
}

/// Puts one message in the outbox.
pub(super) async fn insert_message(
    tx: &mut Transaction<'_, Db>,
    message: &OutboxMessage,
) -> Result<(), StoreError> {
    let mut records = Records::default();
    records.messages.push(message);
    records.insert(tx).await
}
