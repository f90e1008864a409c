//! Safeguarding in the store: a concern's record is only ever added to (the database refuses
//! changes and deletions, even from a direct connection); unacknowledged concerns are found
//! until acknowledged or passed to deputies; leads are replaced whole.

use std::sync::Arc;

use app::ports::SupportWrite;
use app::{Store, Write};
use domain::ids::*;
use domain::safeguarding::*;

use crate::fixtures::at;
use crate::rota::set_up;

fn concern(org: OrganisationId, by: PersonId, hour: u32) -> (Concern, ConcernEntry) {
    let c = Concern {
        id: ConcernId::new(),
        organisation_id: org,
        subject: Subject::ServiceUser,
        supported_person_id: None,
        volunteer_id: None,
        subject_name: "Edna Brown".into(),
        urgent: false,
        raised_by: by,
        raised_at: at(2, hour),
    };
    let first = entry(&c, EntryKind::Raised, Some(by), hour);
    (c, first)
}

fn entry(c: &Concern, kind: EntryKind, by: Option<PersonId>, hour: u32) -> ConcernEntry {
    ConcernEntry {
        id: ConcernEntryId::new(),
        organisation_id: c.organisation_id,
        concern_id: c.id,
        kind,
        text: "Bruising on her arm; says she fell".into(),
        by,
        at: at(2, hour),
    }
}

async fn a_record_is_added_to_and_read_in_order(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 2, &[]).await;
    let (c, raised) = concern(org.id, people[0], 9);
    let (late, late_raised) = concern(org.id, people[1], 10);
    store
        .apply(vec![
            Write::Support(SupportWrite::SetSafeguardingLeads(
                org.id,
                vec![(people[1], false), (people[0], true)],
            )),
            Write::Support(SupportWrite::InsertConcern(c.clone(), raised.clone())),
            Write::Support(SupportWrite::InsertConcern(late.clone(), late_raised)),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.safeguarding_leads(org.id).await.unwrap(),
        vec![(people[1], false), (people[0], true)]
    );
    // Both unacknowledged before 11:00; only the 9:00 one before 10:00.
    assert_eq!(
        store
            .unacknowledged_concerns(at(2, 11))
            .await
            .unwrap()
            .len(),
        2
    );
    let early = store.unacknowledged_concerns(at(2, 10)).await.unwrap();
    assert_eq!(early.len(), 1);
    assert_eq!(early[0].0, c);

    let ack = entry(&c, EntryKind::Acknowledged, Some(people[1]), 12);
    let passed = entry(&late, EntryKind::EscalatedToDeputy, None, 13);
    store
        .apply(vec![
            Write::Support(SupportWrite::AddConcernEntry(ack.clone())),
            Write::Support(SupportWrite::AddConcernEntry(passed)),
        ])
        .await
        .unwrap();
    assert!(
        store
            .unacknowledged_concerns(at(3, 9))
            .await
            .unwrap()
            .is_empty()
    );
    let (read, record) = store.concern(org.id, c.id).await.unwrap().unwrap();
    assert_eq!(read, c);
    assert_eq!(record, vec![raised, ack]);
    assert_eq!(status(&record), ConcernStatus::Acknowledged);
    assert_eq!(store.concerns(org.id).await.unwrap().len(), 2);
    assert_eq!(store.concerns_raised_by(people[0]).await.unwrap().len(), 1);
    assert!(
        store
            .concern(OrganisationId::new(), c.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .concerns(OrganisationId::new())
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(a_record_is_added_to_and_read_in_order);

async fn the_database_refuses_to_edit_or_delete_a_record(url: String) {
    let store = alongside_store::open(&url).await.unwrap();
    let (org, people, _) = set_up(&store, 1, &[]).await;
    let (c, raised) = concern(org.id, people[0], 9);
    store
        .apply(vec![Write::Support(SupportWrite::InsertConcern(
            c.clone(),
            raised,
        ))])
        .await
        .unwrap();
    let statements = [
        "UPDATE concern_entries SET text = 'nothing happened'",
        "DELETE FROM concern_entries",
        "UPDATE concerns SET subject_name = 'someone else'",
        "DELETE FROM concerns",
    ];
    for statement in statements {
        let refused = if url.starts_with("sqlite") {
            use sqlx::Connection;
            let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query(statement).execute(&mut db).await.map(|_| ())
        } else {
            use sqlx::Connection;
            let mut db = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query(statement).execute(&mut db).await.map(|_| ())
        };
        let message = refused.expect_err(statement).to_string();
        assert!(message.contains("append-only"), "{statement}: {message}");
    }
    let (_, record) = store.concern(org.id, c.id).await.unwrap().unwrap();
    assert_eq!(record.len(), 1);
    assert_eq!(record[0].text, "Bruising on her arm; says she fell");
}
conformance_shared!(the_database_refuses_to_edit_or_delete_a_record);
