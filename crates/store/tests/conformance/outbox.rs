//! The outbox: messages queued, retried and sent.

use std::sync::Arc;

use app::ports::OutboxMessage;
use app::{Store, Write};
use chrono::Duration;

use crate::fixtures::{at, message};

async fn outbox(store: Arc<dyn Store>) {
    let m1 = message("one@example.org", at(1, 9));
    let m2 = message("two@example.org", at(1, 10));
    let m3 = message("three@example.org", at(1, 11));
    let mut later = message("later@example.org", at(1, 12));
    later.next_attempt_at = at(3, 9);
    store
        .apply(vec![
            Write::InsertMessage(m3.clone()),
            Write::InsertMessage(m1.clone()),
            Write::InsertMessage(later.clone()),
            Write::InsertMessage(m2.clone()),
        ])
        .await
        .unwrap();
    let ids = |messages: Vec<OutboxMessage>| messages.into_iter().map(|m| m.id).collect::<Vec<_>>();

    // Oldest first, and claimed: asking again straight away gets the rest.
    let t = at(2, 9);
    assert_eq!(
        store.due_messages(t, 2).await.unwrap(),
        vec![m1.clone(), m2.clone()]
    );
    assert_eq!(store.due_messages(t, 2).await.unwrap(), vec![m3.clone()]);
    assert!(store.due_messages(t, 10).await.unwrap().is_empty());

    store.message_sent(m2.id, t).await.unwrap();
    store
        .message_failed(m1.id, "smtp down", t + Duration::minutes(10))
        .await
        .unwrap();
    assert!(
        store
            .due_messages(t + Duration::seconds(1), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // Once its retry time comes, the failed message is due again; a claim lapses after a few
    // minutes, so the message claimed but never reported on is retried too.
    let retry = store
        .due_messages(t + Duration::minutes(10), 10)
        .await
        .unwrap();
    assert_eq!(ids(retry.clone()), vec![m1.id, m3.id]);
    assert_eq!(retry[0].attempts, 1);
    assert_eq!(retry[0].last_error, "smtp down");
    assert_eq!(retry[0].next_attempt_at, t + Duration::minutes(10));
    assert_eq!(retry[0].sent_at, None);

    // A message scheduled for later is not due until then.
    assert_eq!(
        ids(store.due_messages(at(3, 9), 10).await.unwrap()),
        vec![m1.id, m3.id, later.id]
    );

    // Newest first; sent ones included.
    let recent = store.recent_messages(10).await.unwrap();
    assert_eq!(ids(recent.clone()), vec![later.id, m3.id, m2.id, m1.id]);
    assert_eq!(recent[2].sent_at, Some(t));
    assert_eq!(recent[2].attempts, 1);
    assert_eq!(
        ids(store.recent_messages(2).await.unwrap()),
        vec![later.id, m3.id]
    );
}
conformance!(outbox);
