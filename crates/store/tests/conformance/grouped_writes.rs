//! Writes sent at the same moment stay each caller's own: on SQLite they are committed
//! together in one transaction, so a caller whose writes are refused part-way must lose all of
//! theirs and nobody else's, and every caller must hear their own outcome. Sign-ups (a booking,
//! then a message and an audit entry) take a quicker way through a group, without savepoints,
//! which must keep the same promises.

use std::sync::Arc;

use app::ports::OutboxMessage;
use app::{Store, StoreError, Write};
use domain::audit::{Actor, AuditEntry};
use domain::ids::{OrganisationId, PersonId};
use domain::rota::{Booking, Shift};

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

/// A sign-up's writes as the app makes them: the booking, then the volunteer's message and the
/// audit entry (on SQLite, the shape a group commits without a savepoint).
fn sign_up(shift: &Shift, person: PersonId, note: AuditEntry) -> Vec<Write> {
    let message = OutboxMessage::email(
        &format!("{}@example.org", person.0),
        "You have a place",
        format!("Booked on {}", shift.id.0),
        morning(-1),
    );
    vec![
        Write::BookShift(Booking::new(shift, person, morning(-1))),
        Write::InsertMessage(message),
        Write::Audit(note),
    ]
}

fn note_about(org: OrganisationId, person: PersonId) -> AuditEntry {
    AuditEntry::new(
        Some(org),
        Actor::Person(person),
        "booking.added",
        "person",
        person.0,
        morning(-1),
    )
}

/// Everyone's writes at once; each caller's outcome, in the callers' order.
async fn all_at_once(
    store: &Arc<dyn Store>,
    callers: Vec<Vec<Write>>,
) -> Vec<Result<(), StoreError>> {
    let tasks: Vec<_> = callers
        .into_iter()
        .map(|writes| {
            let store = store.clone();
            tokio::spawn(async move { store.apply(writes).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

/// The recipients of every message still waiting in the outbox.
async fn waiting_recipients(store: &Arc<dyn Store>) -> Vec<String> {
    let mut to: Vec<String> = store
        .due_messages(morning(0), 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.to)
        .collect();
    to.sort();
    to
}

async fn refused_sign_ups_leave_no_message_or_audit_entry(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 24, &[(1, 3, 3), (2, 3, 1)]).await;
    // Most race for three places; among them, some callers whose writes are another shape
    // (an audit entry first), which take the careful way through the same groups.
    let callers = people
        .iter()
        .enumerate()
        .map(|(i, &person)| {
            let note = note_about(org.id, person);
            if i % 5 == 4 {
                vec![
                    Write::Audit(note),
                    Write::BookShift(Booking::new(&shifts[1], person, morning(-1))),
                ]
            } else {
                sign_up(&shifts[0], person, note)
            }
        })
        .collect();
    let outcomes = all_at_once(&store, callers).await;

    let won = |shift: usize| -> Vec<PersonId> {
        (0..people.len())
            .filter(|&i| outcomes[i].is_ok() && (i % 5 == 4) == (shift == 1))
            .map(|i| people[i])
            .collect()
    };
    assert_eq!(won(0).len(), 3, "three places: {outcomes:?}");
    assert_eq!(won(1).len(), 1, "one place: {outcomes:?}");
    for (i, outcome) in outcomes.iter().enumerate() {
        if let Err(refused) = outcome {
            assert_eq!(
                refused,
                &StoreError::Conflict("This shift is full".into()),
                "caller {i}"
            );
        }
    }
    for (shift, winners) in [(0, won(0)), (1, won(1))] {
        let mut booked: Vec<PersonId> = store
            .bookings_on(org.id, shifts[shift].id)
            .await
            .unwrap()
            .into_iter()
            .map(|b| b.person_id)
            .collect();
        booked.sort();
        let mut expected = winners.clone();
        expected.sort();
        assert_eq!(
            booked, expected,
            "the places on shift {shift} are the winners'"
        );
    }
    // An audit entry for each place taken, a message for each sign-up's, nothing for anyone
    // refused.
    for (i, &person) in people.iter().enumerate() {
        let notes = store.audit_for(Some(org.id), person.0).await.unwrap();
        assert_eq!(
            notes.len(),
            usize::from(outcomes[i].is_ok()),
            "audit entries about caller {i}"
        );
    }
    let mut expected: Vec<String> = won(0)
        .iter()
        .map(|p| format!("{}@example.org", p.0))
        .collect();
    expected.sort();
    assert_eq!(waiting_recipients(&store).await, expected);
}

conformance!(refused_sign_ups_leave_no_message_or_audit_entry);

async fn a_failed_sign_up_in_a_group_fails_alone(store: Arc<dyn Store>) {
    let (org, people, shifts) = set_up(&store, 12, &[(1, 3, 20)]).await;
    // Two callers' audit entries share an id, which the audit log cannot hold twice: whichever
    // comes second fails when its records go in, after its booking was made.
    let clash = note_about(org.id, people[3]);
    let callers = people
        .iter()
        .enumerate()
        .map(|(i, &person)| {
            let mut note = note_about(org.id, person);
            if i == 7 {
                note.id = clash.id;
            }
            if i == 3 {
                note = clash.clone();
            }
            sign_up(&shifts[0], person, note)
        })
        .collect();
    let outcomes = all_at_once(&store, callers).await;

    let failed: Vec<usize> = (0..people.len())
        .filter(|&i| outcomes[i].is_err())
        .collect();
    assert_eq!(
        failed.len(),
        1,
        "only one of the clashing callers fails: {outcomes:?}"
    );
    assert!(failed == [3] || failed == [7], "{failed:?}");
    let loser = people[failed[0]];
    let booked: Vec<PersonId> = store
        .bookings_on(org.id, shifts[0].id)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.person_id)
        .collect();
    assert_eq!(
        booked.len(),
        people.len() - 1,
        "everyone else keeps their place"
    );
    assert!(
        !booked.contains(&loser),
        "the failed caller's booking went with the rest of theirs"
    );
    let mut expected: Vec<String> = people
        .iter()
        .filter(|&&p| p != loser)
        .map(|p| format!("{}@example.org", p.0))
        .collect();
    expected.sort();
    assert_eq!(waiting_recipients(&store).await, expected);
}

conformance!(a_failed_sign_up_in_a_group_fails_alone);
