//! The [`AttendanceStore`] implementation, and the writes of check-in and check-out, no-shows,
//! hours, kiosks and personal codes. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::ids::*;
use domain::rota::ShiftId;
use domain::rota::attendance::Attendance;
use domain::rota::hours::{HoursLog, HoursStatus};
use sqlx::Transaction;

use super::{Db, ThisStore};
use crate::attendance_rows::*;
use crate::{db_error, sql};
use writes::*;

// The writes, in their own file (a path beside this one, for both backends).
#[path = "attendance_writes.rs"]
mod writes;

#[async_trait]
impl AttendanceStore for ThisStore {
    async fn attendance_on(
        &self,
        org: OrganisationId,
        shift: ShiftId,
    ) -> Result<Vec<Attendance>, StoreError> {
        let rows: Vec<AttendanceDbRow> = sqlx::query_as(sql(format!(
            "SELECT {ATTENDANCE_COLUMNS} FROM attendance a WHERE a.organisation_id = $1 \
             AND a.shift_id = $2 ORDER BY a.id"
        )))
        .bind(org.0)
        .bind(shift.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(AttendanceDbRow::into_domain).collect()
    }

    async fn attendance_for_booking(
        &self,
        org: OrganisationId,
        booking: BookingId,
    ) -> Result<Option<Attendance>, StoreError> {
        let row: Option<AttendanceDbRow> = sqlx::query_as(sql(format!(
            "SELECT {ATTENDANCE_COLUMNS} FROM attendance a WHERE a.organisation_id = $1 \
             AND a.booking_id = $2"
        )))
        .bind(org.0)
        .bind(booking.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(AttendanceDbRow::into_domain).transpose()
    }

    async fn attendance_between(
        &self,
        org: OrganisationId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<AttendanceRow>, StoreError> {
        let rows: Vec<AttendanceShiftDbRow> = sqlx::query_as(sql(format!(
            "{ATTENDANCE_SHIFT_SELECT} WHERE a.organisation_id = $1 AND s.starts_at >= $2 \
             AND s.starts_at < $3 ORDER BY s.starts_at, a.id"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(AttendanceShiftDbRow::into_domain)
            .collect()
    }

    async fn attendance_of_person(
        &self,
        person: PersonId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<AttendanceRow>, StoreError> {
        let rows: Vec<AttendanceShiftDbRow> = sqlx::query_as(sql(format!(
            "{ATTENDANCE_SHIFT_SELECT} WHERE a.person_id = $1 AND s.starts_at >= $2 \
             AND s.starts_at < $3 ORDER BY s.starts_at, a.id"
        )))
        .bind(person.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter()
            .map(AttendanceShiftDbRow::into_domain)
            .collect()
    }

    async fn unrecorded_shifts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<UnrecordedShift>, StoreError> {
        let rows: Vec<(uuid::Uuid, uuid::Uuid)> = sqlx::query_as(
            "SELECT s.organisation_id, s.id FROM shifts s WHERE s.ends_at >= $1 AND s.ends_at < $2 \
             AND s.cancelled = $3 AND EXISTS (SELECT 1 FROM bookings b \
               WHERE b.organisation_id = s.organisation_id AND b.shift_id = s.id AND b.status = 'booked' \
               AND NOT EXISTS (SELECT 1 FROM attendance a \
                 WHERE a.organisation_id = b.organisation_id AND a.booking_id = b.id)) \
             ORDER BY s.ends_at, s.id LIMIT 5000",
        )
        .bind(from)
        .bind(to)
        .bind(false)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows
            .into_iter()
            .map(|(org, id)| UnrecordedShift {
                organisation_id: OrganisationId(org),
                shift_id: ShiftId(id),
            })
            .collect())
    }

    async fn hours_log(
        &self,
        org: OrganisationId,
        id: HoursLogId,
    ) -> Result<Option<HoursLog>, StoreError> {
        let row: Option<HoursDbRow> = sqlx::query_as(sql(format!(
            "SELECT {HOURS_COLUMNS} FROM hours_logs h WHERE h.organisation_id = $1 AND h.id = $2"
        )))
        .bind(org.0)
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        row.map(HoursDbRow::into_domain).transpose()
    }

    async fn hours_logs(
        &self,
        org: OrganisationId,
        status: Option<HoursStatus>,
    ) -> Result<Vec<HoursLog>, StoreError> {
        let rows: Vec<HoursDbRow> = sqlx::query_as(sql(format!(
            "SELECT {HOURS_COLUMNS} FROM hours_logs h WHERE h.organisation_id = $1 \
             AND ($2 = '' OR h.status = $2) ORDER BY h.submitted_at DESC, h.id DESC LIMIT 1000"
        )))
        .bind(org.0)
        .bind(status.map_or("", Labelled::code))
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(HoursDbRow::into_domain).collect()
    }

    async fn hours_logs_between(
        &self,
        org: OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<HoursLog>, StoreError> {
        let rows: Vec<HoursDbRow> = sqlx::query_as(sql(format!(
            "SELECT {HOURS_COLUMNS} FROM hours_logs h WHERE h.organisation_id = $1 \
             AND h.worked_on >= $2 AND h.worked_on < $3 ORDER BY h.worked_on, h.id"
        )))
        .bind(org.0)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(HoursDbRow::into_domain).collect()
    }

    async fn hours_logs_of_person(&self, person: PersonId) -> Result<Vec<HoursLog>, StoreError> {
        let rows: Vec<HoursDbRow> = sqlx::query_as(sql(format!(
            "SELECT {HOURS_COLUMNS} FROM hours_logs h WHERE h.person_id = $1 \
             ORDER BY h.worked_on DESC, h.id DESC LIMIT 1000"
        )))
        .bind(person.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        rows.into_iter().map(HoursDbRow::into_domain).collect()
    }

    async fn kiosk_code(
        &self,
        org: OrganisationId,
        site: SiteId,
    ) -> Result<Option<KioskCode>, StoreError> {
        let row: Option<KioskDbRow> = sqlx::query_as(sql(format!(
            "SELECT {KIOSK_COLUMNS} FROM site_kiosks k WHERE k.organisation_id = $1 AND k.site_id = $2"
        )))
        .bind(org.0)
        .bind(site.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(KioskDbRow::into_domain))
    }

    async fn kiosk_codes(&self, org: OrganisationId) -> Result<Vec<KioskCode>, StoreError> {
        let rows: Vec<KioskDbRow> = sqlx::query_as(sql(format!(
            "SELECT {KIOSK_COLUMNS} FROM site_kiosks k WHERE k.organisation_id = $1 ORDER BY k.site_id"
        )))
        .bind(org.0)
        .fetch_all(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(rows.into_iter().map(KioskDbRow::into_domain).collect())
    }

    async fn kiosk_session(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<KioskSession>, StoreError> {
        let row: Option<KioskSessionDbRow> = sqlx::query_as(
            "SELECT token_hash, organisation_id, site_id, csrf_token, expires_at FROM kiosk_sessions \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(row.map(KioskSessionDbRow::into_domain))
    }

    async fn check_in_code(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Option<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT code FROM check_in_codes WHERE organisation_id = $1 AND person_id = $2",
        )
        .bind(org.0)
        .bind(person.0)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)
    }

    async fn person_with_check_in_code(
        &self,
        org: OrganisationId,
        code: &str,
    ) -> Result<Option<PersonId>, StoreError> {
        let id: Option<uuid::Uuid> = sqlx::query_scalar(
            "SELECT person_id FROM check_in_codes WHERE organisation_id = $1 AND code = $2",
        )
        .bind(org.0)
        .bind(code)
        .fetch_optional(&self.pool)
        .await
        .map_err(db_error)?;
        Ok(id.map(PersonId))
    }
}

/// Applies one write of attendance, hours, kiosks or codes, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    match w {
        Write::InsertAttendance(a) => insert_attendance(tx, a).await,
        Write::UpdateAttendance(a, expected) => update_attendance(tx, a, *expected).await,
        Write::InsertHoursLog(h) => insert_hours(tx, h).await,
        Write::UpdateHoursLog(h, expected) => update_hours(tx, h, *expected).await,
        Write::PutKioskCode(k) => put_kiosk_code(tx, k).await,
        Write::InsertKioskSession(k, now) => insert_kiosk_session(tx, k, *now).await,
        Write::DeleteKioskSession(token_hash) => {
            sqlx::query("DELETE FROM kiosk_sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(&mut **tx)
                .await
                .map_err(db_error)?;
            Ok(())
        }
        Write::InsertCheckInCode {
            organisation_id,
            person_id,
            code,
            at,
        } => insert_check_in_code(tx, *organisation_id, *person_id, code, *at).await,
        other => super::calendar::write(tx, other).await,
    }
}
