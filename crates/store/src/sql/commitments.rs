//! The [`CommitmentsStore`] implementation, and the writes of standing commitments and absences. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use sqlx::Transaction;

use super::{Db, ThisStore};

#[async_trait]
impl CommitmentsStore for ThisStore {}

/// Applies one write of standing commitments and absences, handing anything else on.
pub(super) async fn write(_tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    #[allow(clippy::match_single_binding)]
    match w {
        other => Err(StoreError::Other(format!("no handler for write {other:?}"))),
    }
}
