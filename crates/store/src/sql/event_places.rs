//! Places on learning events: registering, giving a place up, taking an offer, attendance, and
//! offering freed places to the waiting list. Each locks the event's row first (a no-op update:
//! a row lock on PostgreSQL, the write lock on SQLite), so the counts it reads are final until it
//! commits and no event ever has more places promised than it has. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use chrono::{DateTime, Utc};
use domain::events::{
    OfferNotice, Registration, RegistrationNotice, RegistrationStatus, offer_expiry,
};
use domain::ids::*;
use sqlx::Transaction;
use uuid::Uuid;

use super::Db;
use crate::db_error;

fn conflict(what: &str) -> StoreError {
    StoreError::Conflict(what.to_owned())
}

/// What the event's lock returns: places, whether called off, when it starts, its title.
pub(super) struct Locked {
    pub(super) capacity: i64,
    pub(super) cancelled: bool,
    pub(super) starts_at: DateTime<Utc>,
    pub(super) title: String,
}

/// Locks the event's row; `None` if there is no such event.
pub(super) async fn lock_event(
    tx: &mut Transaction<'_, Db>,
    event: EventId,
) -> Result<Option<Locked>, StoreError> {
    let row: Option<(i32, bool, DateTime<Utc>, String)> = sqlx::query_as(
        "UPDATE learning_events SET capacity = capacity WHERE id = $1 \
         RETURNING capacity, cancelled, starts_at, title",
    )
    .bind(event.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(row.map(|(capacity, cancelled, starts_at, title)| Locked {
        capacity: i64::from(capacity),
        cancelled,
        starts_at,
        title,
    }))
}

/// Places taken at `now` (places, attendance marked, live offers) and people waiting; read
/// under the event's lock.
pub(super) async fn taken_and_waiting(
    tx: &mut Transaction<'_, Db>,
    event: EventId,
    now: DateTime<Utc>,
) -> Result<(i64, i64), StoreError> {
    sqlx::query_as(
        "SELECT \
         (SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 \
          AND (status IN ('registered', 'attended', 'did_not_attend') \
          OR (status = 'offered' AND offer_expires_at > $2))), \
         (SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted')",
    )
    .bind(event.0)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)
}

/// Registers under the event's lock: a place if one is free and nobody is waiting for it,
/// otherwise the waiting list (and, if a place is free, it is offered to the first in line).
pub(super) async fn register(
    tx: &mut Transaction<'_, Db>,
    r: &Registration,
    link: &str,
) -> Result<(), StoreError> {
    let Some(locked) = lock_event(tx, r.event_id).await? else {
        return Err(conflict("This event no longer exists"));
    };
    if locked.cancelled {
        return Err(conflict("This event has been cancelled"));
    }
    let now = r.registered_at;
    let (live,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND person_id = $2 \
         AND status NOT IN ('cancelled', 'lapsed')",
    )
    .bind(r.event_id.0)
    .bind(r.person_id.0)
    .fetch_one(&mut **tx)
    .await
    .map_err(db_error)?;
    if live > 0 {
        return Err(conflict("You are already registered for this event"));
    }
    let (taken, waiting) = taken_and_waiting(tx, r.event_id, now).await?;
    let free = taken < locked.capacity;
    // The waiting list's order is the order registrations commit in: a registration whose clock
    // was read before another's but reaches the lock after it (two servers, a busy pool) is
    // stamped just after the latest, so nobody is overtaken by someone who came later.
    let latest: Option<(DateTime<Utc>,)> = sqlx::query_as(
        "SELECT registered_at FROM event_registrations WHERE event_id = $1 \
         ORDER BY registered_at DESC LIMIT 1",
    )
    .bind(r.event_id.0)
    .fetch_optional(&mut **tx)
    .await
    .map_err(db_error)?;
    let stamp = match latest {
        Some((t,)) if t >= now => t + chrono::TimeDelta::microseconds(1),
        _ => now,
    };
    let status = if free && waiting == 0 {
        RegistrationStatus::Registered
    } else {
        RegistrationStatus::Waitlisted
    };
    sqlx::query(
        "INSERT INTO event_registrations (id, event_id, person_id, status, member, price_pence, \
         registered_at, offered_at, offer_expires_at, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, NULL)",
    )
    .bind(r.id.0)
    .bind(r.event_id.0)
    .bind(r.person_id.0)
    .bind(domain::Labelled::code(status))
    .bind(r.member)
    .bind(r.price.0)
    .bind(stamp)
    .execute(&mut **tx)
    .await
    .map_err(|e| match db_error(e) {
        StoreError::Conflict(_) => conflict("You are already registered for this event"),
        other => other,
    })?;
    let (email,): (String,) = sqlx::query_as("SELECT email FROM people WHERE id = $1")
        .bind(r.person_id.0)
        .fetch_one(&mut **tx)
        .await
        .map_err(db_error)?;
    let notice = RegistrationNotice {
        title: &locked.title,
        starts_at: locked.starts_at,
        waiting: status == RegistrationStatus::Waitlisted,
        link,
    };
    let message = OutboxMessage::email(&email, &notice.subject(), notice.body(), now);
    super::records::insert_message(tx, &message).await
}

/// The event a registration is for, locked; conflict if either is gone.
async fn lock_event_of(
    tx: &mut Transaction<'_, Db>,
    id: EventRegistrationId,
) -> Result<Locked, StoreError> {
    let event: Option<(Uuid,)> =
        sqlx::query_as("SELECT event_id FROM event_registrations WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut **tx)
            .await
            .map_err(db_error)?;
    let Some((event,)) = event else {
        return Err(conflict("This registration no longer exists"));
    };
    lock_event(tx, EventId(event))
        .await?
        .ok_or_else(|| conflict("This event no longer exists"))
}

pub(super) async fn cancel_registration(
    tx: &mut Transaction<'_, Db>,
    id: EventRegistrationId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    lock_event_of(tx, id).await?;
    let r = sqlx::query(
        "UPDATE event_registrations SET status = 'cancelled', closed_at = $2 \
         WHERE id = $1 AND status IN ('registered', 'waitlisted', 'offered')",
    )
    .bind(id.0)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(conflict("This registration has already ended"))
    }
}

pub(super) async fn accept_offer(
    tx: &mut Transaction<'_, Db>,
    id: EventRegistrationId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    lock_event_of(tx, id).await?;
    let r = sqlx::query(
        "UPDATE event_registrations SET status = 'registered' \
         WHERE id = $1 AND status = 'offered' AND offer_expires_at > $2",
    )
    .bind(id.0)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(conflict(
            "This offer has run out and the place has gone to the next person waiting",
        ))
    }
}

pub(super) async fn mark_attendance(
    tx: &mut Transaction<'_, Db>,
    id: EventRegistrationId,
    to: RegistrationStatus,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    if !matches!(
        to,
        RegistrationStatus::Attended | RegistrationStatus::DidNotAttend
    ) {
        return Err(StoreError::Other("attendance is attended or not".into()));
    }
    let r = sqlx::query(
        "UPDATE event_registrations SET status = $2, closed_at = $3 \
         WHERE id = $1 AND status IN ('registered', 'attended', 'did_not_attend')",
    )
    .bind(id.0)
    .bind(domain::Labelled::code(to))
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(conflict(
            "Only people with a place can be marked as attending or not",
        ))
    }
}

pub(super) async fn offer_freed_places(
    tx: &mut Transaction<'_, Db>,
    event: EventId,
    now: DateTime<Utc>,
    link: &str,
) -> Result<(), StoreError> {
    let Some(locked) = lock_event(tx, event).await? else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE event_registrations SET status = 'lapsed', closed_at = offer_expires_at \
         WHERE event_id = $1 AND status = 'offered' AND offer_expires_at <= $2",
    )
    .bind(event.0)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    let Some(expires_at) = offer_expiry(now, locked.starts_at).filter(|_| !locked.cancelled) else {
        return Ok(());
    };
    let (taken, _) = taken_and_waiting(tx, event, now).await?;
    let free = (locked.capacity - taken).max(0);
    if free == 0 {
        return Ok(());
    }
    let next: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT r.id, p.email FROM event_registrations r JOIN people p ON p.id = r.person_id \
         WHERE r.event_id = $1 AND r.status = 'waitlisted' \
         ORDER BY r.registered_at, r.id LIMIT $2",
    )
    .bind(event.0)
    .bind(free)
    .fetch_all(&mut **tx)
    .await
    .map_err(db_error)?;
    let notice = OfferNotice {
        title: &locked.title,
        starts_at: locked.starts_at,
        expires_at,
        link,
    };
    for (id, email) in next {
        sqlx::query(
            "UPDATE event_registrations SET status = 'offered', offered_at = $2, \
             offer_expires_at = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
        let message = OutboxMessage::email(&email, &notice.subject(), notice.body(), now);
        super::records::insert_message(tx, &message).await?;
    }
    Ok(())
}
