//! The [`CalendarStore`] implementation, and the writes of volunteers' iCalendar feeds and notification preferences. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::notification::{Channel, NotificationKind};
use domain::rota::Booking;
use sqlx::Transaction;

use super::{Db, ThisStore};
use crate::calendar_rows::{BOOKED_SHIFT_SELECT, BookedShiftDbRow};
use crate::rota_rows::{BOOKING_COLUMNS, BookingDbRow};
use crate::rows::code;
use crate::{db_error, sql};

#[async_trait]
impl CalendarStore for ThisStore {
    async fn notification_preferences(
        &self,
        person: PersonId,
    ) -> Result<Vec<(NotificationKind, Channel)>, StoreError> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT kind, channel FROM notification_preferences WHERE person_id = $1 ORDER BY kind",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.iter().map(|(k, c)| Ok((code(k)?, code(c)?))).collect()
    }

    async fn calendar_feed_of(&self, person: PersonId) -> Result<Option<CalendarFeed>, StoreError> {
        let row: Option<(uuid::Uuid, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT person_id, token_hash, created_at FROM calendar_feeds WHERE person_id = $1",
        )
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(feed))
    }

    async fn calendar_feed(&self, token_hash: &str) -> Result<Option<CalendarFeed>, StoreError> {
        let row: Option<(uuid::Uuid, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT person_id, token_hash, created_at FROM calendar_feeds WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(feed))
    }

    async fn booked_shifts_of(
        &self,
        person: PersonId,
        since: DateTime<Utc>,
    ) -> Result<Vec<BookedShift>, StoreError> {
        let rows: Vec<BookedShiftDbRow> = sqlx::query_as(sql(format!(
            "{BOOKED_SHIFT_SELECT} WHERE b.person_id = $1 AND s.starts_at >= $2 \
             ORDER BY s.starts_at, b.id LIMIT 5000"
        )))
        .bind(person.0)
        .bind(since)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(BookedShiftDbRow::into_domain)
            .collect()
    }

    async fn bookings_starting_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Booking>, StoreError> {
        let rows: Vec<BookingDbRow> = sqlx::query_as(sql(format!(
            "SELECT {BOOKING_COLUMNS} FROM bookings b JOIN shifts s \
             ON s.organisation_id = b.organisation_id AND s.id = b.shift_id \
             WHERE s.starts_at >= $1 AND s.starts_at < $2 AND b.status = 'booked' \
             AND s.cancelled = $3 ORDER BY s.starts_at, b.id"
        )))
        .bind(from)
        .bind(to)
        .bind(false)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(BookingDbRow::into_domain).collect()
    }

    async fn booked_shift(
        &self,
        org: OrganisationId,
        booking: BookingId,
    ) -> Result<Option<BookedShift>, StoreError> {
        let row: Option<BookedShiftDbRow> = sqlx::query_as(sql(format!(
            "{BOOKED_SHIFT_SELECT} WHERE b.organisation_id = $1 AND b.id = $2"
        )))
        .bind(org.0)
        .bind(booking.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(BookedShiftDbRow::into_domain).transpose()
    }
}

fn feed((person_id, token_hash, created_at): (uuid::Uuid, String, DateTime<Utc>)) -> CalendarFeed {
    CalendarFeed {
        person_id: PersonId(person_id),
        token_hash,
        created_at,
    }
}

/// Applies one write of volunteers' iCalendar feeds and notification preferences, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::PutCalendarFeed(f) => {
            sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1")
                .bind(f.person_id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            sqlx::query(
                "INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3)",
            )
            .bind(f.person_id.0)
            .bind(&f.token_hash)
            .bind(f.created_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
            Ok(())
        }
        Write::DeleteCalendarFeed(person) => {
            sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1")
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            Ok(())
        }
        Write::PutNotificationPreferences(person, chosen) => {
            for (kind, channel) in chosen {
                sqlx::query(
                    "DELETE FROM notification_preferences WHERE person_id = $1 AND kind = $2",
                )
                .bind(person.0)
                .bind(kind.code())
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
                sqlx::query(
                    "INSERT INTO notification_preferences (person_id, kind, channel) \
                     VALUES ($1, $2, $3)",
                )
                .bind(person.0)
                .bind(kind.code())
                .bind(channel.code())
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            }
            Ok(())
        }
        other => super::expenses::write(tx, other).await,
    }
}
