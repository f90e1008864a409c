//! The [`WaitlistStore`] implementation, and the writes of waiting lists for full shifts and the offers of freed places. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use sqlx::Transaction;

use super::{Db, ThisStore};

#[async_trait]
impl WaitlistStore for ThisStore {}

/// Applies one write of waiting lists for full shifts and the offers of freed places, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    #[allow(clippy::match_single_binding)]
    match w {
        other => super::commitments::write(tx, other).await,
    }
}
