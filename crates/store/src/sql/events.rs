//! The [`EventStore`] implementation: learning events, series, registrations and feedback.
//! Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::events::{
    CpdEntry, EventFeedback, EventOwner, EventSeries, LearningEvent, Registration,
};
use domain::ids::*;

use super::ThisStore;
use crate::event_rows::*;
use crate::{db_error, sql};

/// Registration columns prefixed for a join with `people`.
fn registration_columns_of(alias: &str) -> String {
    REGISTRATION_COLUMNS
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[async_trait]
impl EventStore for ThisStore {
    async fn learning_events(&self, owner: EventOwner) -> Result<Vec<LearningEvent>, StoreError> {
        let (network, org) = owner_columns(owner);
        let rows: Vec<EventRow> = sqlx::query_as(sql(format!(
            "SELECT {EVENT_COLUMNS} FROM learning_events \
             WHERE network_id = $1 OR organisation_id = $2 ORDER BY starts_at, id"
        )))
        .bind(network)
        .bind(org)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(EventRow::into_domain).collect()
    }

    async fn learning_event(&self, id: EventId) -> Result<Option<LearningEvent>, StoreError> {
        let row: Option<EventRow> = sqlx::query_as(sql(format!(
            "SELECT {EVENT_COLUMNS} FROM learning_events WHERE id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(EventRow::into_domain).transpose()
    }

    async fn events_starting_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LearningEvent>, StoreError> {
        let rows: Vec<EventRow> = sqlx::query_as(sql(format!(
            "SELECT {EVENT_COLUMNS} FROM learning_events \
             WHERE starts_at >= $1 AND starts_at < $2 AND NOT cancelled ORDER BY starts_at, id"
        )))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(EventRow::into_domain).collect()
    }

    async fn event_series(&self, owner: EventOwner) -> Result<Vec<EventSeries>, StoreError> {
        let (network, org) = owner_columns(owner);
        let rows: Vec<SeriesRow> = sqlx::query_as(
            "SELECT id, network_id, organisation_id, name, year FROM event_series \
             WHERE network_id = $1 OR organisation_id = $2 ORDER BY year DESC, name",
        )
        .bind(network)
        .bind(org)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(SeriesRow::into_domain).collect()
    }

    async fn event_registrants(&self, event: EventId) -> Result<Vec<Registrant>, StoreError> {
        let rows: Vec<RegistrantRow> = sqlx::query_as(sql(format!(
            "SELECT {}, p.given_name, p.family_name, p.email \
             FROM event_registrations r JOIN people p ON p.id = r.person_id \
             WHERE r.event_id = $1 ORDER BY r.registered_at, r.id",
            registration_columns_of("r")
        )))
        .bind(event.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(RegistrantRow::into_domain).collect()
    }

    async fn event_registration(
        &self,
        id: EventRegistrationId,
    ) -> Result<Option<Registration>, StoreError> {
        let row: Option<RegistrationRow> = sqlx::query_as(sql(format!(
            "SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE id = $1"
        )))
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(RegistrationRow::into_domain).transpose()
    }

    async fn event_registrations_of(
        &self,
        person: PersonId,
    ) -> Result<Vec<Registration>, StoreError> {
        let rows: Vec<RegistrationRow> = sqlx::query_as(sql(format!(
            "SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE person_id = $1 \
             ORDER BY registered_at DESC, id"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(RegistrationRow::into_domain).collect()
    }

    async fn event_feedback(&self, event: EventId) -> Result<Vec<EventFeedback>, StoreError> {
        let rows: Vec<FeedbackRow> = sqlx::query_as(sql(format!(
            "SELECT {FEEDBACK_COLUMNS} FROM event_feedback WHERE event_id = $1 \
             ORDER BY given_at, registration_id"
        )))
        .bind(event.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(FeedbackRow::into_domain).collect()
    }

    async fn feedback_on(
        &self,
        registration: EventRegistrationId,
    ) -> Result<Option<EventFeedback>, StoreError> {
        let row: Option<FeedbackRow> = sqlx::query_as(sql(format!(
            "SELECT {FEEDBACK_COLUMNS} FROM event_feedback WHERE registration_id = $1"
        )))
        .bind(registration.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(FeedbackRow::into_domain).transpose()
    }

    async fn cpd_entries_of(&self, person: PersonId) -> Result<Vec<CpdEntry>, StoreError> {
        let rows: Vec<CpdRow> = sqlx::query_as(
            "SELECT id, person_id, title, provider, done_on, minutes, created_at FROM cpd_entries \
             WHERE person_id = $1 ORDER BY done_on DESC, id",
        )
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(CpdRow::into_domain).collect())
    }

    async fn events_with_lapsed_offers(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<EventId>, StoreError> {
        let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
            "SELECT DISTINCT event_id FROM event_registrations \
             WHERE status = 'offered' AND offer_expires_at <= $1",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(|(id,)| EventId(id)).collect())
    }
}
