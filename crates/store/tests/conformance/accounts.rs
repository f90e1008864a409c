//! Sessions, sign-in failures, reset tokens and API tokens.

use std::sync::Arc;

use app::ports::{ApiToken, Session};
use app::{Store, Write};
use chrono::Duration;
use domain::ids::*;
use domain::staff::{Permission, StaffMember};

use crate::fixtures::{assert_conflict, at, organisation, person};

async fn sessions(store: Arc<dyn Store>) {
    let p = person("Asha", "Patel");
    let live = Session {
        token_hash: "hash-live".into(),
        person_id: p.id,
        csrf_token: "csrf-live".into(),
        expires_at: at(10, 12),
    };
    let expired = Session {
        token_hash: "hash-expired".into(),
        person_id: p.id,
        csrf_token: "csrf-expired".into(),
        expires_at: at(1, 12),
    };
    store
        .apply(vec![
            Write::InsertPerson(p.clone(), Some("hash".into())),
            Write::InsertSession(live.clone()),
            Write::InsertSession(expired.clone()),
        ])
        .await
        .unwrap();

    let now = at(10, 11);
    assert_eq!(
        store.session("hash-live", now).await.unwrap(),
        Some(live.clone())
    );
    assert_eq!(store.session("hash-expired", now).await.unwrap(), None);
    assert_eq!(store.session("hash-live", at(10, 13)).await.unwrap(), None);
    assert_eq!(store.session("hash-unknown", now).await.unwrap(), None);

    store
        .apply(vec![Write::DeleteSession("hash-live".into())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-live", now).await.unwrap(), None);

    // A new password ends every session.
    let again = Session {
        token_hash: "hash-again".into(),
        ..live
    };
    store
        .apply(vec![Write::InsertSession(again.clone())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-again", now).await.unwrap(), Some(again));
    store
        .apply(vec![Write::SetPassword(p.id, "new-hash".into())])
        .await
        .unwrap();
    assert_eq!(store.session("hash-again", now).await.unwrap(), None);
}
conformance!(sessions);

async fn sign_in_failures(store: Arc<dyn Store>) {
    store
        .apply(vec![
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 10)),
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 11)),
            Write::RecordSignInFailure("asha@example.org".into(), at(1, 12)),
            Write::RecordSignInFailure("ben@example.org".into(), at(1, 12)),
        ])
        .await
        .unwrap();
    let since = at(1, 10) + Duration::minutes(30);
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", since)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(1, 0))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(2, 0))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .sign_in_failures("ben@example.org", since)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .sign_in_failures("cara@example.org", since)
            .await
            .unwrap(),
        0
    );

    store
        .apply(vec![Write::ClearSignInFailures("asha@example.org".into())])
        .await
        .unwrap();
    assert_eq!(
        store
            .sign_in_failures("asha@example.org", at(1, 0))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .sign_in_failures("ben@example.org", since)
            .await
            .unwrap(),
        1
    );
}
conformance!(sign_in_failures);

async fn reset_tokens(store: Arc<dyn Store>) {
    let p = person("Asha", "Patel");
    store
        .apply(vec![
            Write::InsertPerson(p.clone(), None),
            Write::InsertResetToken {
                token_hash: "reset-live".into(),
                person_id: p.id,
                expires_at: at(5, 12),
            },
            Write::InsertResetToken {
                token_hash: "reset-expired".into(),
                person_id: p.id,
                expires_at: at(1, 12),
            },
        ])
        .await
        .unwrap();

    let now = at(5, 11);
    assert_eq!(
        store.reset_token("reset-live", now).await.unwrap(),
        Some(p.id)
    );
    assert_eq!(
        store.reset_token("reset-live", at(5, 13)).await.unwrap(),
        None
    );
    assert_eq!(store.reset_token("reset-expired", now).await.unwrap(), None);
    assert_eq!(store.reset_token("reset-unknown", now).await.unwrap(), None);

    // A token works once.
    store
        .apply(vec![Write::UseResetToken("reset-live".into(), now)])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-live".into(), now)])
            .await,
    );
    assert_eq!(store.reset_token("reset-live", now).await.unwrap(), None);

    // Expired and unknown tokens do not work at all.
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-expired".into(), now)])
            .await,
    );
    assert_conflict(
        store
            .apply(vec![Write::UseResetToken("reset-unknown".into(), now)])
            .await,
    );
}
conformance!(reset_tokens);

async fn api_tokens(store: Arc<dyn Store>) {
    let org = organisation("Ashby Trust");
    let p = person("Asha", "Patel");
    let token = ApiToken {
        id: ApiTokenId::new(),
        organisation_id: org.id,
        person_id: p.id,
        token_hash: "api-hash".into(),
        created_at: at(1, 9),
    };
    store
        .apply(vec![
            Write::InsertOrganisation(org.clone()),
            Write::InsertPerson(p.clone(), None),
            Write::InsertApiToken(token.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.api_token("api-hash").await.unwrap(),
        Some(token.clone())
    );
    assert_eq!(store.api_token("api-other").await.unwrap(), None);

    // Hashes are unique.
    let clash = ApiToken {
        id: ApiTokenId::new(),
        ..token.clone()
    };
    assert_conflict(store.apply(vec![Write::InsertApiToken(clash)]).await);
    assert_eq!(
        store.api_token("api-hash").await.unwrap(),
        Some(token.clone())
    );

    // The token acts as its holder's staff membership in its organisation, and only while
    // they have one there: staff elsewhere does not count.
    assert_eq!(store.api_token_scope("api-hash").await.unwrap(), None);
    let elsewhere = organisation("Brook Hospice");
    let there = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: elsewhere.id,
        person_id: p.id,
        permission: Permission::OrganisationAdmin,
        site_ids: vec![],
    };
    store
        .apply(vec![
            Write::InsertOrganisation(elsewhere),
            Write::PutStaffMember(there),
        ])
        .await
        .unwrap();
    assert_eq!(store.api_token_scope("api-hash").await.unwrap(), None);
    let here = StaffMember {
        id: StaffMemberId::new(),
        organisation_id: org.id,
        person_id: p.id,
        permission: Permission::VolunteerManager,
        site_ids: vec![],
    };
    store
        .apply(vec![Write::PutStaffMember(here.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.api_token_scope("api-hash").await.unwrap(),
        Some((here, org.clone()))
    );
    assert_eq!(store.api_token_scope("api-other").await.unwrap(), None);
}
conformance!(api_tokens);

async fn purging_forgets_only_what_has_expired(store: Arc<dyn Store>) {
    let p = person("Dev", "Mistry");
    let session = |hash: &str, day| Session {
        token_hash: hash.into(),
        person_id: p.id,
        csrf_token: "csrf".into(),
        expires_at: at(day, 12),
    };
    store
        .apply(vec![
            Write::InsertPerson(p.clone(), Some("hash".into())),
            Write::InsertSession(session("old-session", 1)),
            Write::InsertSession(session("live-session", 20)),
            Write::RecordSignInFailure("account:dev".into(), at(2, 9)),
            Write::RecordSignInFailure("account:dev".into(), at(10, 9)),
            Write::InsertResetToken {
                token_hash: "old-reset".into(),
                person_id: p.id,
                expires_at: at(2, 10),
            },
            Write::InsertResetToken {
                token_hash: "new-reset".into(),
                person_id: p.id,
                expires_at: at(10, 13),
            },
        ])
        .await
        .unwrap();
    let removed = store.purge_expired(at(10, 12), at(9, 12)).await.unwrap();
    assert_eq!(
        removed, 3,
        "one session, one failure and one reset link had expired"
    );
    assert!(
        store
            .session("live-session", at(10, 12))
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        store
            .sign_in_failures("account:dev", at(1, 0))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store.reset_token("new-reset", at(10, 12)).await.unwrap(),
        Some(p.id)
    );
    assert_eq!(store.purge_expired(at(10, 12), at(9, 12)).await.unwrap(), 0);
}

conformance!(purging_forgets_only_what_has_expired);
