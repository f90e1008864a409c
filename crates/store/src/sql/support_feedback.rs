//! Reads and writes of feedback about someone's support, their own feedback link, and their
//! named staff contact. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::support::SupportFeedback;
use sqlx::Transaction;
use uuid::Uuid;

use super::{Db, ThisStore};
use crate::{db_error, rows::code};

type FeedbackRow = (
    Uuid,
    Uuid,
    Uuid,
    String,
    String,
    String,
    Option<Uuid>,
    NaiveDate,
    DateTime<Utc>,
);

fn feedback(
    (org, id, person, rating, by, comment, recorded_by, given_on, recorded_at): FeedbackRow,
) -> Result<SupportFeedback, StoreError> {
    Ok(SupportFeedback {
        id: SupportFeedbackId(id),
        organisation_id: OrganisationId(org),
        supported_person_id: SupportedPersonId(person),
        rating: code(&rating)?,
        answered_by: code(&by)?,
        comment,
        recorded_by: recorded_by.map(PersonId),
        given_on,
        recorded_at,
    })
}

impl ThisStore {
    pub(super) async fn read_support_feedback(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Vec<SupportFeedback>, StoreError> {
        let rows: Vec<FeedbackRow> = sqlx::query_as(
            "SELECT organisation_id, id, supported_person_id, rating, answered_by, comment, recorded_by, \
             given_on, recorded_at FROM support_feedback WHERE organisation_id = $1 AND supported_person_id = $2 \
             ORDER BY given_on DESC, recorded_at DESC",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(feedback).collect()
    }

    pub(super) async fn read_support_feedback_token(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT token FROM support_feedback_links WHERE organisation_id = $1 AND supported_person_id = $2",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)
    }

    pub(super) async fn read_support_feedback_link(
        &self,
        token: &str,
    ) -> Result<Option<(OrganisationId, SupportedPersonId)>, StoreError> {
        let row: Option<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT organisation_id, supported_person_id FROM support_feedback_links WHERE token = $1",
        )
        .bind(token)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(|(o, p)| (OrganisationId(o), SupportedPersonId(p))))
    }

    pub(super) async fn read_staff_contact(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
    ) -> Result<Option<PersonId>, StoreError> {
        let row: Option<Uuid> = sqlx::query_scalar(
            "SELECT person_id FROM staff_contacts WHERE organisation_id = $1 AND supported_person_id = $2",
        )
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(PersonId))
    }
}

/// Applies one write of feedback, feedback links or staff contacts, passing the rest on.
pub(super) async fn write(
    tx: &mut Transaction<'_, Db>,
    w: &SupportWrite,
) -> Result<(), StoreError> {
    match w {
        SupportWrite::InsertSupportFeedback(f) => {
            sqlx::query(
                "INSERT INTO support_feedback (organisation_id, id, supported_person_id, rating, answered_by, \
                 comment, recorded_by, given_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(f.organisation_id.0)
            .bind(f.id.0)
            .bind(f.supported_person_id.0)
            .bind(f.rating.code())
            .bind(f.answered_by.code())
            .bind(&f.comment)
            .bind(f.recorded_by.map(|p| p.0))
            .bind(f.given_on)
            .bind(f.recorded_at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        SupportWrite::SetSupportFeedbackLink { org, id, token, at } => {
            sqlx::query(
                "INSERT INTO support_feedback_links (organisation_id, supported_person_id, token, created_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, supported_person_id) \
                 DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
            )
            .bind(org.0)
            .bind(id.0)
            .bind(token)
            .bind(*at)
            .execute(&mut **tx)
            .await
            .map_err(db_error)?;
        }
        SupportWrite::SetStaffContact(org, id, person) => {
            sqlx::query("DELETE FROM staff_contacts WHERE organisation_id = $1 AND supported_person_id = $2")
                .bind(org.0)
                .bind(id.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            if let Some(person) = person {
                sqlx::query(
                    "INSERT INTO staff_contacts (organisation_id, supported_person_id, person_id) VALUES ($1, $2, $3)",
                )
                .bind(org.0)
                .bind(id.0)
                .bind(person.0)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            }
        }
        other => return super::safeguarding::write(tx, other).await,
    }
    Ok(())
}
