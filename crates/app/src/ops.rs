//! Operating Alongside: the queues' backlog for `/metrics`.

use crate::ports::Backlog;
use crate::{App, AppError};

impl App {
    /// Work waiting in the job queue and the outbox now. Counts only: no organisation's data,
    /// so it needs no scope (the metrics route is guarded instead).
    pub async fn backlog(&self) -> Result<Backlog, AppError> {
        Ok(self.store.backlog(self.clock.now()).await?)
    }
}
