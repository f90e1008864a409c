//! Kiosk codes (kept as hashes) and unlocked kiosks, and personal codes unique within an
//! organisation, in the store.

use std::sync::Arc;

use app::ports::{KioskCode, KioskSession};
use app::{Store, Write};
use domain::ids::{OrganisationId, PersonId};
use domain::organisation::Organisation;

use super::set_up;
use crate::fixtures::{assert_conflict, at};

async fn kiosk_codes_and_sessions(store: Arc<dyn Store>) {
    let s = set_up(&store, 0).await;
    let code = |hash: &str, set_at| KioskCode {
        organisation_id: s.org.id,
        site_id: s.ward.id,
        code_hash: hash.into(),
        set_at,
        set_by: None,
    };
    assert_eq!(store.kiosk_code(s.org.id, s.ward.id).await.unwrap(), None);
    store
        .apply(vec![Write::PutKioskCode(code("first", at(1, 8)))])
        .await
        .unwrap();
    let session = KioskSession {
        token_hash: "token-hash".into(),
        organisation_id: s.org.id,
        site_id: s.ward.id,
        csrf_token: "csrf".into(),
        expires_at: at(1, 22),
    };
    store
        .apply(vec![Write::InsertKioskSession(session.clone(), at(1, 8))])
        .await
        .unwrap();
    assert_eq!(
        store.kiosk_session("token-hash", at(1, 9)).await.unwrap(),
        Some(session.clone())
    );
    assert_eq!(
        store.kiosk_session("token-hash", at(1, 22)).await.unwrap(),
        None
    );
    assert_eq!(store.kiosk_session("other", at(1, 9)).await.unwrap(), None);
    // A new code replaces the old and locks kiosks unlocked with it.
    store
        .apply(vec![Write::PutKioskCode(code("second", at(1, 10)))])
        .await
        .unwrap();
    assert_eq!(
        store.kiosk_code(s.org.id, s.ward.id).await.unwrap(),
        Some(code("second", at(1, 10)))
    );
    assert_eq!(store.kiosk_codes(s.org.id).await.unwrap().len(), 1);
    assert!(
        store
            .kiosk_codes(OrganisationId::new())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.kiosk_session("token-hash", at(1, 11)).await.unwrap(),
        None
    );
    // Expired kiosks are cleared when another is unlocked; locking by hand.
    store
        .apply(vec![Write::InsertKioskSession(session.clone(), at(1, 11))])
        .await
        .unwrap();
    store
        .apply(vec![Write::DeleteKioskSession("token-hash".into())])
        .await
        .unwrap();
    assert_eq!(
        store.kiosk_session("token-hash", at(1, 11)).await.unwrap(),
        None
    );
}
conformance!(kiosk_codes_and_sessions);

async fn personal_codes_are_unique_within_an_organisation(store: Arc<dyn Store>) {
    let a = set_up(&store, 2).await;
    let b = set_up(&store, 1).await;
    let code = |org: &Organisation, person: PersonId, code: &str| Write::InsertCheckInCode {
        organisation_id: org.id,
        person_id: person,
        code: code.into(),
        at: at(1, 8),
    };
    store
        .apply(vec![code(&a.org, a.people[0], "482193")])
        .await
        .unwrap();
    // The same code for someone else there, or a second code for the same person: refused.
    assert_conflict(store.apply(vec![code(&a.org, a.people[1], "482193")]).await);
    assert_conflict(store.apply(vec![code(&a.org, a.people[0], "111111")]).await);
    // The same code in another organisation is fine.
    store
        .apply(vec![code(&b.org, b.people[0], "482193")])
        .await
        .unwrap();
    assert_eq!(
        store.check_in_code(a.org.id, a.people[0]).await.unwrap(),
        Some("482193".into())
    );
    assert_eq!(
        store.check_in_code(a.org.id, a.people[1]).await.unwrap(),
        None
    );
    for (org, who) in [(a.org.id, a.people[0]), (b.org.id, b.people[0])] {
        assert_eq!(
            store
                .person_with_check_in_code(org, "482193")
                .await
                .unwrap(),
            Some(who)
        );
    }
    assert_eq!(
        store
            .person_with_check_in_code(a.org.id, "000000")
            .await
            .unwrap(),
        None
    );
}
conformance!(personal_codes_are_unique_within_an_organisation);
