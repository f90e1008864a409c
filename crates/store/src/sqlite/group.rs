//! Group commit for SQLite's one writer.
//!
//! SQLite commits one transaction at a time, and each commit appends every page it changed to
//! the write-ahead log and makes every reader drop its page cache. In a sign-up surge most of
//! those pages are the same few (the tail of the bookings, audit and outbox tables and their
//! indexes), so committing the writes that queued up while the last commit ran as *one*
//! transaction writes each page once and invalidates the readers once.
//!
//! Each caller's writes still succeed or fail alone: they run inside their own savepoint, and a
//! refusal rolls back to it without touching the others. A caller is answered only after the
//! group's commit, so nothing acknowledged can be lost. The group runs on the writer's own thread,
//! so a caller that goes away (a closed connection cancels its request) cannot abort the others.

use app::StoreError;
use app::ports::Write;
use domain::rota::Booking;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Acquire, Sqlite, SqlitePool, Transaction};
use tokio::sync::{mpsc, oneshot};

use super::checkpoint::Checkpoints;
use super::records::Records;
use crate::db_error;

/// How many callers' writes one transaction takes at most: enough to absorb a surge, few
/// enough that one group's commit keeps latency low.
const MAX_GROUP: usize = 64;

/// How many callers may wait for the writer before new ones wait to queue.
const QUEUE: usize = 4096;

/// One caller's writes and where to send the outcome.
struct Job {
    writes: Vec<Write>,
    done: oneshot::Sender<Result<(), StoreError>>,
}

/// The queue in front of the writer task.
#[derive(Debug, Clone)]
pub(crate) struct GroupWriter {
    jobs: mpsc::Sender<Job>,
    writer: SqlitePool,
}

impl GroupWriter {
    /// Starts the writer on a thread of its own. Its wake-ups (one per statement, as each
    /// comes back from SQLite's connection thread) then wait for the operating system only,
    /// not behind every request queued on the server's runtime; in a surge that queue is long.
    /// Beside it, a connection of its own (opened with `checkpointer`, the database's connect
    /// options) copies the write-ahead log back into the database while the writer goes on
    /// (see [`super::checkpoint`]).
    pub(crate) fn start(
        writer: SqlitePool,
        checkpointer: SqliteConnectOptions,
    ) -> Result<Self, StoreError> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| StoreError::Other(format!("starting the database writer: {e}")))?;
        let pool = writer.clone();
        let checkpoints = Checkpoints::default();
        let waker = checkpoints.waker();
        std::thread::Builder::new()
            .name("alongside-writer".into())
            .spawn(move || {
                runtime.block_on(async move {
                    // Both run on this thread; the checkpointer stops when the writer does.
                    tokio::spawn(super::checkpoint::run(checkpointer, waker));
                    run(pool, queue, checkpoints).await
                })
            })
            .map_err(|e| StoreError::Other(format!("starting the database writer: {e}")))?;
        Ok(Self { jobs, writer })
    }

    /// Applies `writes` as one unit, committed with whatever else was queued.
    pub(crate) async fn apply(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let (done, outcome) = oneshot::channel();
        if let Err(mpsc::error::SendError(job)) = self.jobs.send(Job { writes, done }).await {
            // The writer has stopped (it cannot, short of a panic): write directly instead.
            return apply_alone(&self.writer, &job.writes).await;
        }
        outcome.await.unwrap_or_else(|_| {
            Err(StoreError::Unavailable(
                "the database writer stopped before answering; the change may not be saved".into(),
            ))
        })
    }
}

/// Takes whatever is queued (at least one caller, at most [`MAX_GROUP`]) and commits it as one
/// transaction, until every sender has gone.
async fn run(writer: SqlitePool, mut queue: mpsc::Receiver<Job>, checkpoints: Checkpoints) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let jobs = std::mem::take(&mut group);
        match jobs.as_slice() {
            [job] if quick(&job.writes).is_none() => {
                for job in jobs {
                    let outcome = apply_alone(&writer, &job.writes).await;
                    job.done.send(outcome).ok();
                }
            }
            _ => commit_group(&writer, jobs).await,
        }
        checkpoints.committed();
    }
}

/// One caller's writes in a transaction of their own.
async fn apply_alone(writer: &SqlitePool, writes: &[Write]) -> Result<(), StoreError> {
    let mut tx = writer
        .begin_with(super::BEGIN_WRITE)
        .await
        .map_err(db_error)?;
    match apply_all(&mut tx, writes).await {
        Ok(()) => tx.commit().await.map_err(db_error),
        Err(e) => {
            tx.rollback().await.map_err(db_error)?;
            Err(e)
        }
    }
}

async fn apply_all(tx: &mut Transaction<'_, Sqlite>, writes: &[Write]) -> Result<(), StoreError> {
    for w in writes {
        super::writes::write(tx, w).await?;
    }
    Ok(())
}

/// A caller's writes that need no savepoint: at most one booking, first, whose refusal writes
/// nothing, and then only audit entries and outbox messages, which nothing in the group reads
/// and which are held back to be inserted with everyone else's in one statement per table.
/// Every statement is a hand-over to SQLite's connection thread and back, so a sign-up that
/// took five (savepoint, booking, message, audit entry, release) takes one.
fn quick(writes: &[Write]) -> Option<(Option<&Booking>, &[Write])> {
    match super::records::split_trailing(writes) {
        ([], records) => Some((None, records)),
        ([Write::BookShift(b)], records) => Some((Some(b), records)),
        _ => None,
    }
}

/// Several callers' writes committed together. First quickly ([`quick`] callers without
/// savepoints); should anything before the commit fail there other than a booking's refusal,
/// that attempt is rolled back and the group runs again carefully, each caller in a savepoint,
/// so one caller's failure is theirs alone. If the transaction itself fails (the disk is full, say)
/// every caller is told, and nothing of theirs is kept.
async fn commit_group(writer: &SqlitePool, jobs: Vec<Job>) {
    let outcomes = match quickly(writer, &jobs).await {
        // A failed commit is not tried again: it may have been made before the error came back.
        Ok((tx, outcomes)) => tx.commit().await.map_err(db_error).map(|()| outcomes),
        Err(_) => carefully(writer, &jobs).await,
    };
    match outcomes {
        Ok(outcomes) => {
            for (job, outcome) in jobs.into_iter().zip(outcomes) {
                job.done.send(outcome).ok();
            }
        }
        Err(e) => {
            for job in jobs {
                job.done.send(Err(e.clone())).ok();
            }
        }
    }
}

type Outcomes = Vec<Result<(), StoreError>>;

/// The group with [`quick`] callers' bookings made in place and their records held back to
/// the end (or to the next caller who needs a savepoint, who might read them), ready to commit.
async fn quickly(
    writer: &SqlitePool,
    jobs: &[Job],
) -> Result<(Transaction<'static, Sqlite>, Outcomes), StoreError> {
    let mut tx = writer
        .begin_with(super::BEGIN_WRITE)
        .await
        .map_err(db_error)?;
    let mut held = Records::default();
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        let outcome = match quick(&job.writes) {
            Some((booking, records)) => {
                let booked = match booking {
                    Some(b) => super::rota::try_book(&mut tx, b).await?,
                    None => Ok(()),
                };
                if booked.is_ok() {
                    held.hold(records);
                }
                booked
            }
            None => {
                held.insert(&mut tx).await?;
                in_savepoint(&mut tx, &job.writes).await?
            }
        };
        outcomes.push(outcome);
    }
    held.insert(&mut tx).await?;
    Ok((tx, outcomes))
}

/// The group with every caller in a savepoint of their own.
async fn carefully(writer: &SqlitePool, jobs: &[Job]) -> Result<Outcomes, StoreError> {
    let mut tx = writer
        .begin_with(super::BEGIN_WRITE)
        .await
        .map_err(db_error)?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        outcomes.push(in_savepoint(&mut tx, &job.writes).await?);
    }
    tx.commit().await.map_err(db_error)?;
    Ok(outcomes)
}

/// One caller's writes in a savepoint: `Ok(Err(refused))` when they were refused and undone.
async fn in_savepoint(
    tx: &mut Transaction<'_, Sqlite>,
    writes: &[Write],
) -> Result<Result<(), StoreError>, StoreError> {
    let mut savepoint = tx.begin().await.map_err(db_error)?;
    match apply_all(&mut savepoint, writes).await {
        Ok(()) => {
            savepoint.commit().await.map_err(db_error)?;
            Ok(Ok(()))
        }
        Err(refused) => {
            savepoint.rollback().await.map_err(db_error)?;
            Ok(Err(refused))
        }
    }
}
