//! GOV.UK Notify: an organisation's admins choose its provider at
//! `/manage/{org}/settings/notifications` (the API key validated, stored, and only ever shown
//! masked; nobody else may see or change it), make the bearer token for delivery receipts, and
//! receipts posted to `/callbacks/notify/{org}` need that token and touch only the
//! organisation's own messages. Volunteers are offered text messages, kind by kind, only where
//! they can get them.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use domain::Labelled;
use domain::ids::OrganisationId;
use domain::notification::NotificationKind;
use domain::notify::{Medium, Provider, ReceiptStatus};
use domain::values::Phone;

use crate::calendar::Cal;
use crate::support::{Browser, Page, World, attribute_after};

const SERVICE: &str = "26785a09-ab16-4eb0-8407-a37497a57506";
const SECRET: &str = "3d844edf-8d35-48ac-975b-e847b4f122b0";
const EMAIL_TEMPLATE: &str = "f33517ff-2a88-4f6e-b855-c550268ce08a";
const SMS_TEMPLATE: &str = "9a1c6b1e-2a88-4f6e-b855-c550268ce08a";

fn key() -> String {
    format!("alongside-live-{SERVICE}-{SECRET}")
}

/// Posts Notify settings as an admin would.
async fn save(admin: &mut Browser, slug: &str, fields: &[(&str, &str)]) -> Page {
    admin
        .submit(&format!("/manage/{slug}/settings/notifications"), fields)
        .await
}

/// Turns on Notify (with texts) for `slug`.
async fn use_notify(admin: &mut Browser, slug: &str) {
    let key = key();
    let page = save(
        admin,
        slug,
        &[
            ("provider", "notify"),
            ("api_key", &key),
            ("email_template_id", EMAIL_TEMPLATE),
            ("sms_template_id", SMS_TEMPLATE),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn admins_set_up_notify_and_the_key_is_never_shown_back() {
    let w = World::new().await;
    let a = &w.a;
    let path = a.path("/settings/notifications");
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    admin
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("<h1>Messages to volunteers</h1>")
        .assert_contains(r#"id="provider" name="provider" value="smtp" checked"#)
        .assert_contains("No messages yet.");
    admin
        .get(&a.path("/organisation"))
        .await
        .assert_contains(&format!(r#"href="{path}""#));

    // Notify without a key or template, or with malformed ones: every field named, nothing saved.
    save(&mut admin, &a.slug, &[("provider", "notify")])
        .await
        .assert_errors(&["api_key", "email_template_id"]);
    let bad_key = format!("{SERVICE}-{SECRET}");
    save(
        &mut admin,
        &a.slug,
        &[
            ("provider", "notify"),
            ("api_key", &bad_key),
            ("email_template_id", "template"),
            ("sms_template_id", "12"),
        ],
    )
    .await
    .assert_errors(&["api_key", "email_template_id", "sms_template_id"])
    .assert_lacks(SECRET);
    save(&mut admin, &a.slug, &[("provider", "pigeon")])
        .await
        .assert_errors(&["provider"]);
    assert_eq!(
        w.site.app.store.notification_settings(a.id).await.unwrap(),
        None
    );

    use_notify(&mut admin, &a.slug).await;
    let settings = w
        .site
        .app
        .store
        .notification_settings(a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(settings.provider, Provider::Notify);
    assert_eq!(settings.api_key.unwrap().secret(), SECRET);
    assert!(settings.sms_template_id.is_some());
    let page = admin.get(&format!("{path}?done=saved")).await;
    page.assert_contains("Your settings have been saved.")
        .assert_contains(r#"value="notify" checked"#)
        .assert_contains(&format!("alongside-live-{SERVICE}-…22b0"))
        .assert_lacks(SECRET);

    // A blank key keeps the stored one.
    let kept = save(
        &mut admin,
        &a.slug,
        &[
            ("provider", "notify"),
            ("email_template_id", EMAIL_TEMPLATE),
        ],
    )
    .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.body);
    let settings = w
        .site
        .app
        .store
        .notification_settings(a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(settings.api_key.unwrap().secret(), SECRET);
    assert!(settings.sms_template_id.is_none(), "texts turned off");
    let audit = w
        .site
        .app
        .store
        .audit_for(Some(a.id), a.id.0)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "notification_settings.changed" && !e.detail.contains(SECRET))
    );

    // A viewer on A's staff may neither see nor change it; B's admin is told it is not there.
    let mut viewer = w.site.signed_in(w.a_viewer.email.as_str()).await;
    viewer.get(&path).await.assert_status(StatusCode::FORBIDDEN);
    viewer
        .submit(&path, &[("provider", "none")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    let mut other = w.site.signed_in(w.b.admin.email.as_str()).await;
    other.get(&path).await.assert_status(StatusCode::NOT_FOUND);
    other
        .submit(&format!("{path}/callback-token"), &[])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let unchanged = w
        .site
        .app
        .store
        .notification_settings(a.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged.provider, Provider::Notify);
    assert!(unchanged.callback_token_hash.is_none());
}

/// Makes a bearer token on the settings page and reads it off the page.
async fn make_token(admin: &mut Browser, slug: &str) -> String {
    let page = admin
        .submit(
            &format!("/manage/{slug}/settings/notifications/callback-token"),
            &[],
        )
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains("We will not show it again")
        .assert_contains(&format!("http://localhost/callbacks/notify/{slug}"));
    attribute_after(
        &page.body,
        r#"id="callback-token" name="callback-token" type="text" readonly value=""#,
    )
    .expect("the token on the page")
}

/// Posts a delivery receipt as Notify does.
async fn receipt(browser: &mut Browser, slug: &str, token: Option<&str>, body: &str) -> Page {
    let mut request = Request::post(format!("/callbacks/notify/{slug}"))
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    browser
        .send(request.body(Body::from(body.to_owned())).unwrap())
        .await
}

fn receipt_body(reference: &str, status: &str) -> String {
    serde_json::json!({
        "id": "740e5834-3a29-46b4-9a6f-16142fde533a",
        "reference": reference,
        "to": "bea@example.org",
        "status": status,
        "created_at": "2026-11-28T09:00:00.000000Z",
        "completed_at": "2026-11-28T09:00:05.000000Z",
        "sent_at": "2026-11-28T09:00:01.000000Z",
        "notification_type": "email",
        "template_id": EMAIL_TEMPLATE,
        "template_version": 1,
    })
    .to_string()
}

/// Queues a message from `org` and returns its reference.
async fn queued(w: &World, org: OrganisationId) -> String {
    let m =
        app::ports::OutboxMessage::email("bea@example.org", "Booked", "Hello".into(), Utc::now())
            .from_organisation(org, Some(NotificationKind::BookingConfirmation));
    let reference = m.id.0.to_string();
    w.site
        .app
        .store
        .apply(vec![app::Write::InsertMessage(m)])
        .await
        .unwrap();
    reference
}

#[tokio::test]
async fn delivery_receipts_need_the_bearer_token_and_touch_only_the_organisations_messages() {
    let w = World::new().await;
    let (a, b) = (&w.a, &w.b);
    let mut admin = w.site.signed_in(a.admin.email.as_str()).await;
    use_notify(&mut admin, &a.slug).await;
    let mine = queued(&w, a.id).await;
    let theirs = queued(&w, b.id).await;
    let mut notify = w.site.browser();

    // No token made yet: nothing is accepted.
    let body = receipt_body(&mine, "delivered");
    receipt(&mut notify, &a.slug, Some("guess"), &body)
        .await
        .assert_status(StatusCode::NOT_FOUND);

    let token = make_token(&mut admin, &a.slug).await;
    assert!(token.len() >= 10, "Notify wants at least 10 characters");
    for (slug, bearer) in [
        (a.slug.as_str(), None),
        (a.slug.as_str(), Some("not-the-token")),
        (b.slug.as_str(), Some(token.as_str())),
        ("nowhere", Some(token.as_str())),
    ] {
        receipt(&mut notify, slug, bearer, &body)
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let log = w.site.app.store.message_log(a.id, 10).await.unwrap();
    assert_eq!(log[0].receipt, None, "a refused receipt changed nothing");

    // The right token: a status that is not Notify's is a field error; a message of another
    // organisation is not found; a good receipt is recorded.
    let page = receipt(
        &mut notify,
        &a.slug,
        Some(&token),
        &receipt_body(&mine, "lost"),
    )
    .await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("status");
    receipt(
        &mut notify,
        &a.slug,
        Some(&token),
        &receipt_body(&theirs, "delivered"),
    )
    .await
    .assert_status(StatusCode::NOT_FOUND);
    receipt(&mut notify, &a.slug, Some(&token), &body)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let log = w.site.app.store.message_log(a.id, 10).await.unwrap();
    assert_eq!(log[0].receipt, Some(ReceiptStatus::Delivered));
    assert_eq!(
        log[0].provider_ref.as_deref(),
        Some("740e5834-3a29-46b4-9a6f-16142fde533a")
    );
    let b_log = w.site.app.store.message_log(b.id, 10).await.unwrap();
    assert_eq!(b_log[0].receipt, None);
    admin
        .get(&a.path("/settings/notifications"))
        .await
        .assert_contains("<td>Booking confirmations</td><td>Email</td><td>bea@example.org</td><td>Delivered</td>");

    // A new token replaces the old one.
    let newer = make_token(&mut admin, &a.slug).await;
    receipt(&mut notify, &a.slug, Some(&token), &body)
        .await
        .assert_status(StatusCode::NOT_FOUND);
    receipt(
        &mut notify,
        &a.slug,
        Some(&newer),
        &receipt_body(&mine, "permanent-failure"),
    )
    .await
    .assert_status(StatusCode::NO_CONTENT);
}

/// Gives `who` a mobile number.
async fn give_phone(c: &Cal, who: &domain::person::Person) {
    let mut person = who.clone();
    person.phone = Some(Phone::parse("07700 900123").unwrap());
    c.w.site
        .app
        .store
        .apply(vec![app::Write::UpdatePerson(person)])
        .await
        .unwrap();
}

#[tokio::test]
async fn volunteers_choose_texts_kind_by_kind_only_where_they_can_get_them() {
    let c = Cal::new().await;
    let mut bea = c.w.site.signed_in("bea@example.org").await;
    let page = bea.get("/my/notifications").await;
    page.assert_status(StatusCode::OK)
        .assert_contains("<h1>Emails we send you</h1>")
        .assert_lacks(r#"value="sms""#);
    let mut fields: Vec<(&str, &str)> = NotificationKind::ALL
        .iter()
        .map(|k| (k.code(), "email"))
        .collect();
    fields[0].1 = "sms";
    bea.submit("/my/notifications", &fields)
        .await
        .assert_errors(&["booking_confirmation"])
        .assert_contains("Text messages need a phone number");

    // A phone number is not enough while the organisation sends only email.
    give_phone(&c, &c.bea).await;
    bea.get("/my/notifications")
        .await
        .assert_lacks(r#"value="sms""#);

    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    use_notify(&mut admin, &c.w.a.slug).await;
    bea.get("/my/notifications")
        .await
        .assert_contains("<h1>Messages we send you</h1>")
        .assert_contains(
            r#"id="booking_confirmation-sms" name="booking_confirmation" value="sms">"#,
        );
    let saved = bea.submit("/my/notifications", &fields).await;
    assert_eq!(
        saved.redirect(),
        "/my/notifications?done=saved",
        "{}",
        saved.body
    );
    // Cal, with no phone, is still not offered texts.
    let mut cal = c.w.site.signed_in("cal@example.org").await;
    cal.get("/my/notifications")
        .await
        .assert_lacks(r#"value="sms""#);

    // Booking: the confirmation is a text from A; the reminder the day before an email.
    let day = Utc::now().date_naive() + Duration::days(5);
    let shift = c.shift(false, day, "10:00", "13:00", "").await;
    c.book(c.bea.id, false, &shift).await;
    let log = c.w.site.app.store.message_log(c.w.a.id, 20).await.unwrap();
    let text = log
        .iter()
        .find(|l| l.message.kind == Some(NotificationKind::BookingConfirmation))
        .expect("a confirmation");
    assert_eq!(text.message.medium, Medium::Sms);
    assert_eq!(text.message.to, "+447700900123");
    assert!(
        text.message.body.starts_with("Booked: Ward visitor at"),
        "{}",
        text.message.body
    );
    assert!(
        text.message.body.ends_with("http://localhost/my/shifts"),
        "{}",
        text.message.body
    );
    assert!(text.message.body.chars().count() <= domain::notify::SMS_MAX_CHARS);

    let eve = shift.starts_at - Duration::hours(20);
    let app = app::App::new(
        c.w.site.app.store.clone(),
        std::sync::Arc::new(app::FixedClock(eve)),
        "http://localhost",
    );
    app.schedule_jobs().await.unwrap();
    app.run_jobs("worker", 100).await.unwrap();
    let log = c.w.site.app.store.message_log(c.w.a.id, 20).await.unwrap();
    let reminder = log
        .iter()
        .find(|l| l.message.kind == Some(NotificationKind::Reminder))
        .expect("a reminder");
    assert_eq!(reminder.message.medium, Medium::Email);
    assert_eq!(reminder.message.to, "bea@example.org");

    // If A stops sending texts, Bea's choice falls back to email rather than nothing.
    let mut admin = c.w.site.signed_in(c.w.a.admin.email.as_str()).await;
    let page = save(
        &mut admin,
        &c.w.a.slug,
        &[
            ("provider", "notify"),
            ("email_template_id", EMAIL_TEMPLATE),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let later = c.shift(false, day, "14:00", "16:00", "").await;
    c.book(c.bea.id, false, &later).await;
    let log = c.w.site.app.store.message_log(c.w.a.id, 20).await.unwrap();
    let confirmations: Vec<_> = log
        .iter()
        .filter(|l| l.message.kind == Some(NotificationKind::BookingConfirmation))
        .map(|l| l.message.medium)
        .collect();
    assert_eq!(confirmations, [Medium::Email, Medium::Sms], "newest first");
}
