//! The [`CalendarStore`] implementation, and the writes of volunteers' iCalendar feeds and notification preferences. Compiled once per backend.

use app::StoreError;
use app::ports::*;
use async_trait::async_trait;
use sqlx::Transaction;

use super::{Db, ThisStore};

#[async_trait]
impl CalendarStore for ThisStore {}

/// Applies one write of volunteers' iCalendar feeds and notification preferences, handing anything else on.
pub(super) async fn write(tx: &mut Transaction<'_, Db>, w: &Write) -> Result<(), StoreError> {
    #[allow(clippy::match_single_binding)]
    match w {
        other => super::expenses::write(tx, other).await,
    }
}
