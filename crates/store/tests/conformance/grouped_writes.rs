//! Writes sent at the same moment stay each caller's own: on SQLite they are committed
//! together in one transaction, so a caller whose writes are refused part-way must lose all of
//! theirs and nobody else's, and every caller must hear their own outcome.

use std::sync::Arc;

use app::{Store, StoreError, Write};
use domain::audit::{Actor, AuditEntry};
use domain::rota::Booking;

use crate::rota::{morning, set_up};

async fn refused_writes_leave_no_trace_beside_others(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 24, &[(1, 3, 1)]).await;
    let ward = shifts[0].clone();
    // Each caller first writes an audit entry about themselves, then asks for the one place:
    // all but one are refused after their first write has been made.
    let tasks: Vec<_> = people
        .iter()
        .map(|&person| {
            let store = store.clone();
            let booking = Booking::new(&ward, person, morning(-1));
            let note = AuditEntry::new(
                Some(org.id),
                Actor::Person(person),
                "booking.tried",
                "person",
                person.0,
                morning(-1),
            );
            tokio::spawn(async move {
                store
                    .apply(vec![Write::Audit(note), Write::BookShift(booking)])
                    .await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }

    let winners: Vec<usize> = (0..people.len()).filter(|&i| outcomes[i].is_ok()).collect();
    assert_eq!(winners.len(), 1, "one place, one booking: {outcomes:?}");
    for (i, outcome) in outcomes.iter().enumerate() {
        if i != winners[0] {
            assert_eq!(
                outcome,
                &Err(StoreError::Conflict("This shift is full".into()))
            );
        }
    }
    let booked = store.bookings_on(org.id, ward.id).await.unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].person_id, people[winners[0]]);
    for (i, &person) in people.iter().enumerate() {
        let notes = store.audit_for(Some(org.id), person.0).await.unwrap();
        let expected = usize::from(i == winners[0]);
        assert_eq!(notes.len(), expected, "audit entries about caller {i}");
    }

    // The writer carries on as before once the group is done.
    let loser = people[(winners[0] + 1) % people.len()];
    let note = AuditEntry::new(
        Some(org.id),
        Actor::Person(loser),
        "booking.gave_up",
        "person",
        loser.0,
        morning(-1),
    );
    store.apply(vec![Write::Audit(note)]).await.unwrap();
    assert_eq!(
        store.audit_for(Some(org.id), loser.0).await.unwrap().len(),
        1
    );
}

conformance!(refused_writes_leave_no_trace_beside_others);
