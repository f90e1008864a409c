//! The writes of learning events: series, events, feedback and people's own learning; places
//! (registrations and the waiting list) are in `event_places.rs`. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use chrono::{DateTime, Utc};
use domain::events::{EventSeries, LearningEvent};
use domain::ids::*;
use sqlx::Transaction;

use super::Db;
use super::event_places as places;
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
        EventWrite::Register(r, link) => places::register(tx, r, link).await,
        EventWrite::CancelRegistration(id, at) => places::cancel_registration(tx, *id, *at).await,
        EventWrite::AcceptOffer(id, at) => places::accept_offer(tx, *id, *at).await,
        EventWrite::OfferFreedPlaces {
            event_id,
            now,
            link,
        } => places::offer_freed_places(tx, *event_id, *now, link).await,
        EventWrite::MarkAttendance(id, to, at) => places::mark_attendance(tx, *id, *to, *at).await,
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

async fn update_event(
    tx: &mut Transaction<'_, Db>,
    e: &LearningEvent,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if places::lock_event(tx, e.id).await?.is_none() {
        return Err(conflict("This event no longer exists"));
    }
    let (taken, _) = places::taken_and_waiting(tx, e.id, now).await?;
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
