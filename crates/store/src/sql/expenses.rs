//! The [`ExpensesStore`] implementation, and the writes of volunteers' expense claims. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use sqlx::Transaction;

use super::{Db, ThisStore};

#[async_trait]
impl ExpensesStore for ThisStore {}

/// Applies one write of volunteers' expense claims, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    #[allow(clippy::match_single_binding)]
    match w {
        other => super::waitlist::write(tx, other).await,
    }
}
