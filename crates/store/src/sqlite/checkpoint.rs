//! WAL checkpoints off the writer's path.
//!
//! SQLite's writer copies the write-ahead log back into the database file itself, by default
//! every 1,000 pages, and waits for the file to reach the disk before its next transaction: in a
//! sign-up surge that is a stall every few group commits, and every caller queued behind it
//! waits. Here a connection of its own copies the log back while the writer goes on (the
//! machine has a core for it), woken after commits. The writer still checkpoints once the log
//! passes [`WRITER_CHECKPOINT_PAGES`]: by then nearly everything is already copied, so its
//! checkpoint is short, and it is what lets the log start again from the beginning (a
//! checkpoint from elsewhere rarely finishes at a moment when the writer has added nothing,
//! so without it the log would grow without bound while writes keep coming).

use std::sync::Arc;
use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use tokio::sync::Notify;

/// The log size, in pages, past which the writer checkpoints itself (4,000 pages of 4 KiB:
/// 16 MB), as `PRAGMA wal_autocheckpoint` on the writer's connection.
pub(crate) const WRITER_CHECKPOINT_PAGES: &str = "4000";

/// The shortest time between two background checkpoints: each ends by syncing the database
/// file, and copying the same hot pages back after every commit would be wasted writing.
const PAUSE: Duration = Duration::from_millis(10);

/// Copies the log back into the database whenever woken, at most once per [`PAUSE`], until
/// its runtime stops. If it cannot connect it does nothing: the writer's own checkpoints keep
/// the log bounded without it.
pub(crate) async fn run(options: SqliteConnectOptions, wake: Arc<Notify>) {
    let Ok(mut connection) = options.connect().await else {
        return;
    };
    loop {
        wake.notified().await;
        // A busy checkpoint (the writer's own is running) or a failed one is simply tried
        // again after the next commit.
        let _: Result<(i64, i64, i64), _> = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&mut connection)
            .await;
        tokio::time::sleep(PAUSE).await;
    }
}

/// The writer's side: wakes the checkpointer after a commit.
#[derive(Debug, Clone, Default)]
pub(crate) struct Checkpoints {
    wake: Arc<Notify>,
}

impl Checkpoints {
    /// Tells the checkpointer there is new log to copy back (wakes it once, however often
    /// called while it is busy).
    pub(crate) fn committed(&self) {
        self.wake.notify_one();
    }

    /// The checkpointer's wake-up, for [`run`].
    pub(crate) fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }
}
