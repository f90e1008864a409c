//! The [`AttendanceStore`] implementation, and the writes of check-in and check-out, no-shows, and hours. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use sqlx::Transaction;

use super::{Db, ThisStore};

#[async_trait]
impl AttendanceStore for ThisStore {}

/// Applies one write of check-in and check-out, no-shows, and hours, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    #[allow(clippy::match_single_binding)]
    match w {
        other => super::calendar::write(tx, other).await,
    }
}
