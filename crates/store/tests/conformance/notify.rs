//! Notification settings and the message log: settings replace earlier ones; messages keep
//! their organisation, channel and kind; receipts reach only the organisation's own messages;
//! who a message went to and what it said are forgotten after a while, and a forgotten message
//! is never sent.

use std::sync::Arc;

use app::ports::{NotifyWrite, Receipt};
use app::{Store, Write};
use chrono::Duration;
use domain::ids::MessageId;
use domain::notification::NotificationKind;
use domain::notify::{Medium, NotificationSettings, NotifyApiKey, Provider, ReceiptStatus};
use uuid::Uuid;

use crate::fixtures::{at, message, organisation};

const KEY: &str = "live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

async fn settings_replace_earlier_ones(store: Arc<dyn Store>) {
    let org = organisation("Leeds Hospice");
    let id = org.id;
    store
        .apply(vec![Write::InsertOrganisation(org)])
        .await
        .unwrap();
    assert_eq!(store.notification_settings(id).await.unwrap(), None);

    let mut settings = NotificationSettings::default_for(id, at(1, 9));
    settings.provider = Provider::Notify;
    settings.api_key = Some(NotifyApiKey::parse(KEY).unwrap());
    settings.email_template_id = Some(Uuid::now_v7());
    settings.sms_template_id = Some(Uuid::now_v7());
    settings.callback_token_hash = Some("ab".repeat(32));
    store
        .apply(vec![Write::Notify(NotifyWrite::PutSettings(
            settings.clone(),
        ))])
        .await
        .unwrap();
    assert_eq!(
        store.notification_settings(id).await.unwrap(),
        Some(settings.clone())
    );

    let mut off = settings.clone();
    off.provider = Provider::None;
    off.sms_template_id = None;
    off.updated_at = at(2, 9);
    store
        .apply(vec![Write::Notify(NotifyWrite::PutSettings(off.clone()))])
        .await
        .unwrap();
    let read = store.notification_settings(id).await.unwrap().unwrap();
    assert_eq!(read, off);
    assert!(!read.sends_sms());
}

async fn the_log_keeps_channel_kind_and_receipts_per_organisation(store: Arc<dyn Store>) {
    let (a, b) = (organisation("A"), organisation("B"));
    let (a_id, b_id) = (a.id, b.id);
    let text = {
        let mut m = message("+447700900123", at(1, 9))
            .from_organisation(a_id, Some(NotificationKind::Reminder));
        m.medium = Medium::Sms;
        m
    };
    let email = message("bea@example.org", at(1, 10))
        .from_organisation(a_id, Some(NotificationKind::Survey));
    let other = message("cal@example.org", at(1, 11)).from_organisation(b_id, None);
    let account = message("dee@example.org", at(1, 12));
    store
        .apply(vec![
            Write::InsertOrganisation(a),
            Write::InsertOrganisation(b),
            Write::InsertMessage(text.clone()),
            Write::InsertMessage(email.clone()),
            Write::InsertMessage(other.clone()),
            Write::InsertMessage(account.clone()),
        ])
        .await
        .unwrap();

    // Due messages come back as queued, with their organisation, channel and kind.
    let due = store.due_messages(at(1, 13), 10).await.unwrap();
    assert_eq!(
        due,
        vec![text.clone(), email.clone(), other.clone(), account.clone()]
    );

    store
        .message_sent_via(text.id, at(1, 14), "notify", Some("notify-1"))
        .await
        .unwrap();
    store
        .message_sent_via(email.id, at(1, 14), "smtp", None)
        .await
        .unwrap();
    let log = store.message_log(a_id, 10).await.unwrap();
    assert_eq!(log.len(), 2, "only A's messages");
    assert_eq!(log[0].message.id, email.id, "newest first");
    assert_eq!(log[1].message.medium, Medium::Sms);
    assert_eq!(log[1].message.kind, Some(NotificationKind::Reminder));
    assert_eq!(log[1].sent_via, "notify");
    assert_eq!(log[1].provider_ref.as_deref(), Some("notify-1"));
    assert_eq!(log[1].message.sent_at, Some(at(1, 14)));
    assert_eq!(log[1].message.attempts, 1);

    let receipt = |org, id: MessageId| Receipt {
        organisation_id: org,
        message_id: id,
        provider_ref: "notify-2".into(),
        status: ReceiptStatus::Delivered,
        at: at(1, 15),
    };
    assert!(store.record_receipt(&receipt(a_id, text.id)).await.unwrap());
    assert!(
        !store
            .record_receipt(&receipt(a_id, other.id))
            .await
            .unwrap(),
        "B's message is not A's to update"
    );
    assert!(
        !store
            .record_receipt(&receipt(a_id, MessageId::new()))
            .await
            .unwrap()
    );
    assert!(
        !store
            .record_receipt(&receipt(b_id, email.id))
            .await
            .unwrap(),
        "nor is A's B's"
    );
    let mut failed = receipt(a_id, email.id);
    failed.status = ReceiptStatus::PermanentFailure;
    assert!(store.record_receipt(&failed).await.unwrap());

    let log = store.message_log(a_id, 10).await.unwrap();
    assert_eq!(log[0].receipt, Some(ReceiptStatus::PermanentFailure));
    assert_eq!(
        log[0].provider_ref.as_deref(),
        Some("notify-2"),
        "learnt from the receipt"
    );
    assert_eq!(log[1].receipt, Some(ReceiptStatus::Delivered));
    assert_eq!(log[1].receipt_at, Some(at(1, 15)));
    assert_eq!(
        log[1].provider_ref.as_deref(),
        Some("notify-1"),
        "the id Notify gave when sending stays"
    );
    assert_eq!(store.message_log(b_id, 10).await.unwrap()[0].receipt, None);
}

async fn old_messages_are_forgotten_and_never_sent(store: Arc<dyn Store>) {
    let org = organisation("A");
    let id = org.id;
    let sent = message("old@example.org", at(1, 9)).from_organisation(id, None);
    let mut stuck = message("stuck@example.org", at(1, 10)).from_organisation(id, None);
    stuck.next_attempt_at = at(20, 9);
    let fresh = message("new@example.org", at(9, 9)).from_organisation(id, None);
    store
        .apply(vec![
            Write::InsertOrganisation(org),
            Write::InsertMessage(sent.clone()),
            Write::InsertMessage(stuck.clone()),
            Write::InsertMessage(fresh.clone()),
        ])
        .await
        .unwrap();
    store
        .message_sent_via(sent.id, at(1, 9), "smtp", None)
        .await
        .unwrap();

    let now = at(9, 12);
    let forgotten = store
        .forget_message_details(now - Duration::days(7), now)
        .await
        .unwrap();
    assert_eq!(forgotten, 2);
    assert_eq!(
        store
            .forget_message_details(now - Duration::days(7), now)
            .await
            .unwrap(),
        0,
        "each only once"
    );
    let log = store.message_log(id, 10).await.unwrap();
    let fresh_row = &log[0];
    assert_eq!(fresh_row.message.to, "new@example.org");
    assert_eq!(fresh_row.redacted_at, None);
    for row in &log[1..] {
        assert_eq!(
            (
                row.message.to.as_str(),
                row.message.subject.as_str(),
                row.message.body.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(row.redacted_at, Some(now));
        assert_eq!(
            row.message.created_at.date_naive(),
            at(1, 9).date_naive(),
            "when stays"
        );
    }
    assert_eq!(log[2].sent_via, "smtp", "how it went stays");

    // The unsent one, now without an address, is never claimed.
    let due = store.due_messages(at(21, 9), 10).await.unwrap();
    assert_eq!(due.iter().map(|m| m.id).collect::<Vec<_>>(), vec![fresh.id]);
}

conformance!(settings_replace_earlier_ones);
conformance!(the_log_keeps_channel_kind_and_receipts_per_organisation);
conformance!(old_messages_are_forgotten_and_never_sent);

/// Settings for `org` with Notify and, if `texts`, a text message template.
fn notify_settings(org: domain::ids::OrganisationId, texts: bool) -> Write {
    let mut s = NotificationSettings::default_for(org, at(1, 9));
    s.provider = Provider::Notify;
    s.api_key = Some(NotifyApiKey::parse(KEY).unwrap());
    s.email_template_id = Some(Uuid::now_v7());
    s.sms_template_id = texts.then(Uuid::now_v7);
    Write::Notify(NotifyWrite::PutSettings(s))
}

async fn waiting_list_offers_go_by_text_where_chosen_and_sent(store: Arc<dyn Store>) {
    use domain::notification::Channel;
    use domain::rota::{Booking, WaitlistEntry, WaitlistStatus};

    // One place, taken; volunteers 1 and 2 wait, both wanting offers by text.
    let (org, people, shifts) = crate::rota::set_up(&store, 3, &[(5, 3, 1)]).await;
    let shift = &shifts[0];
    let now = crate::rota::morning(0);
    let first = Booking::new(shift, people[0], now);
    let mut writes = vec![
        Write::BookShift(first.clone()),
        notify_settings(org.id, true),
    ];
    let mut entries = Vec::new();
    for (i, p) in people[1..].iter().enumerate() {
        let e = WaitlistEntry::join(org.id, shift.id, *p, now + Duration::minutes(i as i64));
        entries.push(e.clone());
        writes.push(Write::JoinWaitlist(e));
        writes.push(Write::PutNotificationPreferences(
            *p,
            vec![(NotificationKind::WaitlistOffer, Channel::Sms)],
        ));
    }
    store.apply(writes).await.unwrap();
    let offer = |at| Write::OfferFreedPlaces {
        organisation_id: org.id,
        shift_id: shift.id,
        now: at,
        link: "https://alongside.example/my/waiting".into(),
    };

    // The place frees: volunteer 1 is offered it by text, from the organisation.
    let later = now + Duration::hours(1);
    store
        .apply(vec![
            Write::CancelBooking(first.cancel("Unwell", later).unwrap()),
            offer(later),
        ])
        .await
        .unwrap();
    let text = &store.message_log(org.id, 5).await.unwrap()[0].message;
    assert_eq!(text.medium, Medium::Sms);
    assert_eq!(text.kind, Some(NotificationKind::WaitlistOffer));
    assert_eq!(text.to, "+447700900123");
    assert!(
        text.body.starts_with("A place has come up"),
        "{}",
        text.body
    );
    assert!(
        text.body
            .ends_with("\nhttps://alongside.example/my/waiting"),
        "{}",
        text.body
    );

    // The organisation stops sending texts; volunteer 1 passes: volunteer 2 is emailed instead.
    store
        .apply(vec![
            notify_settings(org.id, false),
            Write::CloseWaitlistEntry {
                organisation_id: org.id,
                id: entries[0].id,
                from: WaitlistStatus::Offered,
                to: WaitlistStatus::Passed,
                at: later,
            },
            offer(later),
        ])
        .await
        .unwrap();
    let email = &store.message_log(org.id, 5).await.unwrap()[0].message;
    assert_eq!(email.medium, Medium::Email);
    assert!(email.to.starts_with("volunteer.n2."), "{}", email.to);
    assert_eq!(email.kind, Some(NotificationKind::WaitlistOffer));
}

conformance!(waiting_list_offers_go_by_text_where_chosen_and_sent);

async fn subject_access_finds_texts_as_well_as_emails(store: Arc<dyn Store>) {
    let who = crate::fixtures::person("Tess", "Texter");
    let phone = who.phone.clone().unwrap();
    let org = organisation("A");
    let org_id = org.id;
    let mut text = message(phone.as_str(), at(1, 9))
        .from_organisation(org_id, Some(NotificationKind::Reminder));
    text.medium = Medium::Sms;
    let email = message(who.email.as_str(), at(1, 10));
    let someone_else = message("other@example.org", at(1, 11));
    store
        .apply(vec![
            Write::InsertOrganisation(org),
            Write::InsertPerson(who.clone(), None),
            Write::InsertMessage(text),
            Write::InsertMessage(email),
            Write::InsertMessage(someone_else),
        ])
        .await
        .unwrap();
    let records = store.personal_records(who.id, None).await.unwrap();
    let messages = records.iter().find(|r| r.section == "messages").unwrap();
    let mut to: Vec<_> = messages
        .rows
        .iter()
        .map(|r| r["recipient"].as_str().unwrap_or_default().to_owned())
        .collect();
    to.sort();
    let mut expected = vec![phone.as_str().to_owned(), who.email.as_str().to_owned()];
    expected.sort();
    assert_eq!(to, expected);
}

conformance!(subject_access_finds_texts_as_well_as_emails);
