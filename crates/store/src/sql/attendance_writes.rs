//! The writes of attendance, hours, kiosks and personal codes. Compiled once per backend, as
//! part of `attendance`.

use app::StoreError;
use app::ports::{KioskCode, KioskSession};
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::ids::{OrganisationId, PersonId};
use domain::rota::attendance::Attendance;
use domain::rota::hours::{HoursLog, HoursStatus};
use sqlx::Transaction;

use super::super::Db;
use crate::db_error;

pub(super) async fn insert_attendance(
    tx: &mut Transaction<'_, Db>,
    a: &Attendance,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO attendance (organisation_id, id, booking_id, shift_id, person_id, status, arrived_at, \
         left_at, method, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(a.organisation_id.0)
    .bind(a.id.0)
    .bind(a.booking_id.0)
    .bind(a.shift_id.0)
    .bind(a.person_id.0)
    .bind(a.status.code())
    .bind(a.arrived_at)
    .bind(a.left_at)
    .bind(a.method.code())
    .bind(a.recorded_by.map(|p| p.0))
    .bind(a.recorded_at)
    .execute(&mut **tx)
    .await
    .map_err(|e| match db_error(e) {
        StoreError::Conflict(_) => StoreError::Conflict(
            "Attendance at this shift has already been recorded".to_owned(),
        ),
        other => other,
    })?;
    Ok(())
}

pub(super) async fn update_attendance(
    tx: &mut Transaction<'_, Db>,
    a: &Attendance,
    expected: DateTime<Utc>,
) -> Result<(), StoreError> {
    let r = sqlx::query(
        "UPDATE attendance SET status = $3, arrived_at = $4, left_at = $5, method = $6, recorded_by = $7, \
         recorded_at = $8 WHERE organisation_id = $1 AND id = $2 AND recorded_at = $9",
    )
    .bind(a.organisation_id.0)
    .bind(a.id.0)
    .bind(a.status.code())
    .bind(a.arrived_at)
    .bind(a.left_at)
    .bind(a.method.code())
    .bind(a.recorded_by.map(|p| p.0))
    .bind(a.recorded_at)
    .bind(expected)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "Someone else changed this attendance first. Reload the page and try again".to_owned(),
        ))
    }
}

pub(super) async fn insert_hours(
    tx: &mut Transaction<'_, Db>,
    h: &HoursLog,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO hours_logs (organisation_id, id, person_id, role_id, worked_on, minutes, description, \
         status, submitted_at, decided_at, decided_by, message) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(h.organisation_id.0)
    .bind(h.id.0)
    .bind(h.person_id.0)
    .bind(h.role_id.0)
    .bind(h.worked_on)
    .bind(i32::try_from(h.minutes).map_err(|e| StoreError::Other(e.to_string()))?)
    .bind(&h.description)
    .bind(h.status.code())
    .bind(h.submitted_at)
    .bind(h.decided_at)
    .bind(h.decided_by.map(|p| p.0))
    .bind(&h.message)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

pub(super) async fn update_hours(
    tx: &mut Transaction<'_, Db>,
    h: &HoursLog,
    expected: HoursStatus,
) -> Result<(), StoreError> {
    let r = sqlx::query(
        "UPDATE hours_logs SET worked_on = $3, minutes = $4, description = $5, status = $6, submitted_at = $7, \
         decided_at = $8, decided_by = $9, message = $10 WHERE organisation_id = $1 AND id = $2 AND status = $11",
    )
    .bind(h.organisation_id.0)
    .bind(h.id.0)
    .bind(h.worked_on)
    .bind(i32::try_from(h.minutes).map_err(|e| StoreError::Other(e.to_string()))?)
    .bind(&h.description)
    .bind(h.status.code())
    .bind(h.submitted_at)
    .bind(h.decided_at)
    .bind(h.decided_by.map(|p| p.0))
    .bind(&h.message)
    .bind(expected.code())
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    if r.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict(
            "Someone else decided on these hours first. Reload the page to see what they did"
                .to_owned(),
        ))
    }
}

/// Replaces a site's kiosk code and locks every kiosk unlocked with the old one.
pub(super) async fn put_kiosk_code(
    tx: &mut Transaction<'_, Db>,
    k: &KioskCode,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO site_kiosks (organisation_id, site_id, code_hash, set_at, set_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (organisation_id, site_id) DO UPDATE SET code_hash = excluded.code_hash, \
         set_at = excluded.set_at, set_by = excluded.set_by",
    )
    .bind(k.organisation_id.0)
    .bind(k.site_id.0)
    .bind(&k.code_hash)
    .bind(k.set_at)
    .bind(k.set_by.map(|p| p.0))
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    sqlx::query("DELETE FROM kiosk_sessions WHERE organisation_id = $1 AND site_id = $2")
        .bind(k.organisation_id.0)
        .bind(k.site_id.0)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    Ok(())
}

pub(super) async fn insert_kiosk_session(
    tx: &mut Transaction<'_, Db>,
    k: &KioskSession,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM kiosk_sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut **tx)
        .await
        .map_err(db_error)?;
    sqlx::query(
        "INSERT INTO kiosk_sessions (token_hash, organisation_id, site_id, csrf_token, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&k.token_hash)
    .bind(k.organisation_id.0)
    .bind(k.site_id.0)
    .bind(&k.csrf_token)
    .bind(k.expires_at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}

pub(super) async fn insert_check_in_code(
    tx: &mut Transaction<'_, Db>,
    org: OrganisationId,
    person: PersonId,
    code: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO check_in_codes (organisation_id, person_id, code, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(org.0)
    .bind(person.0)
    .bind(code)
    .bind(at)
    .execute(&mut **tx)
    .await
    .map_err(db_error)?;
    Ok(())
}
