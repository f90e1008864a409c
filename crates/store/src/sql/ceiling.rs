//! The raw write ceiling the sign-up benchmark compares itself with: the same booking insert,
//! one statement per transaction on the same pool (so with the same durability settings), with
//! no locks, checks or audit. Compiled once per backend.

use app::StoreError;
use domain::Labelled;
use domain::rota::Booking;

use super::ThisStore;
use crate::db_error;

impl ThisStore {
    /// Inserts each booking in its own transaction, one after another, as fast as the database
    /// allows. For benchmarks only: nothing is checked.
    pub async fn insert_bookings_raw(&self, bookings: &[Booking]) -> Result<(), StoreError> {
        for b in bookings {
            sqlx::query(
                "INSERT INTO bookings (organisation_id, id, shift_id, person_id, status, starts_at, ends_at, \
                 booked_at, cancelled_at, cancellation_reason, late) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(b.organisation_id.0)
            .bind(b.id.0)
            .bind(b.shift_id.0)
            .bind(b.person_id.0)
            .bind(b.status.code())
            .bind(b.starts_at)
            .bind(b.ends_at)
            .bind(b.booked_at)
            .bind(b.cancelled_at)
            .bind(&b.cancellation_reason)
            .bind(b.late)
            .execute(&self.writer)
            .await
            .map_err(db_error)?;
        }
        Ok(())
    }
}
