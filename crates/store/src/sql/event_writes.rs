//! The writes of learning events. Registrations, cancellations, accepted offers and freed places
//! all lock the event's row first (a no-op update: a row lock on PostgreSQL, the write lock on
//! SQLite), so the counts they read are final until they commit and no event ever has more
//! places promised than it has. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use chrono::{DateTime, Utc};
use domain::events::{
    EventSeries, LearningEvent, OfferNotice, Registration, RegistrationNotice, RegistrationStatus,
    offer_expiry,
};
use domain::ids::*;
use sqlx::Transaction;
use uuid::Uuid;

use super::Db;
use crate::db_error;
use crate::event_rows::owner_columns;

fn conflict(what: &str) -> StoreError {
    StoreError::Conflict(what.to_owned())
}

/// Applies one learning-event write.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &EventWrite) -> Result<(), StoreError> {
    match w {
        EventWrite::InsertSeries(s) => insert_series(tx, s).await,
        EventWrite::InsertEvent(e) => insert_event(tx, e).await,
        EventWrite::UpdateEvent(e, now) => update_event(tx, e, *now).await,
        EventWrite::CancelEvent(id) => cancel_event(tx, *id).await,
        EventWrite::Register(r, link) => register(tx, r, link).await,
        EventWrite::CancelRegistration(id, at) => cancel_registration(tx, *id, *at).await,
        EventWrite::AcceptOffer(id, at) => accept_offer(tx, *id, *at).await,
        EventWrite::OfferFreedPlaces {
            event_id,
            now,
            link,
        } => offer_freed_places(tx, *event_id, *now, link).await,
        EventWrite::MarkAttendance(id, to, at) => mark_attendance(tx, *id, *to, *at).await,
        EventWrite::InsertCpdEntry(c) => {
            sqlx::query(
                "INSERT INTO cpd_entries (id, person_id, title, provider, done_on, minutes, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(c.id.0)
            .bind(c.person_id.0)
            .bind(&c.title)
            .bind(&c.provider)
            .bind(c.done_on)
            .bind(c.minutes)
            .bind(c.created_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        EventWrite::DeleteCpdEntry(person, id) => {
            let r = sqlx::query("DELETE FROM cpd_entries WHERE id = $1 AND person_id = $2")
                .bind(id.0)
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            if r.rows_affected() == 1 {
                Ok(())
            } else {
                Err(conflict("This entry has already been removed"))
            }
        }
        EventWrite::InsertFeedback(f) => {
            sqlx::query(
                "INSERT INTO event_feedback (registration_id, event_id, useful, comments, \
                 will_do_differently, given_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(f.registration_id.0)
            .bind(f.event_id.0)
            .bind(i32::from(f.useful))
            .bind(&f.comments)
            .bind(&f.will_do_differently)
            .bind(f.given_at)
            .execute(&mut **tx)
            .await
            .map_err(|e| match db_error(e) {
                StoreError::Conflict(_) => {
                    conflict("You have already given feedback on this event. Thank you")
                }
                other => other,
            })?;
            Ok(())
        }
    }
}

async fn insert_series(tx: &mut Transaction<'_, Db>, s: &EventSeries) -> Result<(), StoreError> {
    let (network, org) = owner_columns(s.owner);
    sqlx::query(
        "INSERT INTO event_series (id, network_id, organisation_id, name, year) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(s.id.0)
    .bind(network)
    .bind(org)
    .bind(&s.name)
    .bind(s.year)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

fn capacity(e: &LearningEvent) -> i32 {
    i32::try_from(e.capacity).unwrap_or(i32::MAX)
}

async fn insert_event(tx: &mut Transaction<'_, Db>, e: &LearningEvent) -> Result<(), StoreError> {
    let (network, org) = owner_columns(e.owner);
    sqlx::query(
        "INSERT INTO learning_events (id, network_id, organisation_id, series_id, title, \
         description, audience_note, visibility, format, venue, joining_link, starts_at, ends_at, \
         capacity, member_price_pence, non_member_price_pence, cancelled, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(e.id.0)
    .bind(network)
    .bind(org)
    .bind(e.series_id.map(|s| s.0))
    .bind(&e.title)
    .bind(&e.description)
    .bind(&e.audience_note)
    .bind(domain::Labelled::code(e.visibility))
    .bind(domain::Labelled::code(e.format.kind()))
    .bind(e.format.venue())
    .bind(e.format.joining_link())
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(capacity(e))
    .bind(e.member_price.0)
    .bind(e.non_member_price.0)
    .bind(e.cancelled)
    .bind(e.created_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// What the event's lock returns: places, whether called off, when it starts, its title.
struct Locked {
    capacity: i64,
    cancelled: bool,
    starts_at: DateTime<Utc>,
    title: String,
}

/// Locks the event's row; `None` if there is no such event.
async fn lock_event(
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
async fn taken_and_waiting(
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

async fn update_event(
    tx: &mut Transaction<'_, Db>,
    e: &LearningEvent,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if lock_event(tx, e.id).await?.is_none() {
        return Err(conflict("This event no longer exists"));
    }
    let (taken, _) = taken_and_waiting(tx, e.id, now).await?;
    if i64::from(e.capacity) < taken {
        return Err(conflict(&format!(
            "{taken} places are already taken or offered, so the event needs at least {taken} places"
        )));
    }
    sqlx::query(
        "UPDATE learning_events SET series_id = $2, title = $3, description = $4, \
         audience_note = $5, visibility = $6, format = $7, venue = $8, joining_link = $9, \
         starts_at = $10, ends_at = $11, capacity = $12, member_price_pence = $13, \
         non_member_price_pence = $14 WHERE id = $1",
    )
    .bind(e.id.0)
    .bind(e.series_id.map(|s| s.0))
    .bind(&e.title)
    .bind(&e.description)
    .bind(&e.audience_note)
    .bind(domain::Labelled::code(e.visibility))
    .bind(domain::Labelled::code(e.format.kind()))
    .bind(e.format.venue())
    .bind(e.format.joining_link())
    .bind(e.starts_at)
    .bind(e.ends_at)
    .bind(capacity(e))
    .bind(e.member_price.0)
    .bind(e.non_member_price.0)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

async fn cancel_event(tx: &mut Transaction<'_, Db>, id: EventId) -> Result<(), StoreError> {
    let r =
        sqlx::query("UPDATE learning_events SET cancelled = TRUE WHERE id = $1 AND NOT cancelled")
            .bind(id.0)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(conflict("This event has already been cancelled"))
    }
}

/// Registers under the event's lock: a place if one is free and nobody is waiting for it,
/// otherwise the waiting list (and, if a place is free, it is offered to the first in line).
async fn register(
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
    .bind(now)
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
    let message = OutboxMessage {
        id: MessageId::new(),
        to: email,
        subject: notice.subject(),
        body: notice.body(),
        created_at: now,
        attempts: 0,
        next_attempt_at: now,
        sent_at: None,
        last_error: String::new(),
    };
    super::writes::insert_message(tx, &message).await
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

async fn cancel_registration(
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

async fn accept_offer(
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

async fn mark_attendance(
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

async fn offer_freed_places(
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
        let message = OutboxMessage {
            id: MessageId::new(),
            to: email,
            subject: notice.subject(),
            body: notice.body(),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            sent_at: None,
            last_error: String::new(),
        };
        super::writes::insert_message(tx, &message).await?;
    }
    Ok(())
}
