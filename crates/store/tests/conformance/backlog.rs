//! The queues' backlog for `/metrics`: jobs due and waiting, messages due and failed.

use std::sync::Arc;

use app::ports::Backlog;
use app::{Store, Write};
use chrono::Duration;

use crate::fixtures::{at, job, message};

async fn backlog_counts_due_waiting_and_failed_work(store: Arc<dyn Store>) {
    let now = at(2, 9);
    assert_eq!(store.backlog(now).await.unwrap(), Backlog::default());
    let sent = message("sent@example.org", at(1, 9));
    let failing = message("failing@example.org", at(1, 10));
    let mut later = message("later@example.org", at(1, 11));
    later.next_attempt_at = at(3, 9);
    store
        .apply(vec![
            Write::InsertMessage(sent.clone()),
            Write::InsertMessage(failing.clone()),
            Write::InsertMessage(later),
            Write::InsertMessage(message("due@example.org", at(1, 12))),
            Write::EnqueueJob(job("due", at(1, 9))),
            Write::EnqueueJob(job("tomorrow", at(3, 9))),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.backlog(now).await.unwrap(),
        Backlog {
            jobs_due: 1,
            jobs_waiting: 2,
            outbox_due: 3,
            outbox_failed: 0,
        }
    );
    store.message_sent(sent.id, now).await.unwrap();
    store
        .message_failed(failing.id, "smtp down", now + Duration::minutes(10))
        .await
        .unwrap();
    let b = store.backlog(now).await.unwrap();
    assert_eq!((b.outbox_due, b.outbox_failed), (1, 1));
    // Once its retry is due, the failed message counts as due as well as failed.
    let b = store.backlog(now + Duration::minutes(10)).await.unwrap();
    assert_eq!((b.outbox_due, b.outbox_failed), (2, 1));
    assert_eq!(store.backlog(at(3, 9)).await.unwrap().jobs_due, 2);
}

conformance!(backlog_counts_due_waiting_and_failed_work);
