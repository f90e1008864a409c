//! The organisation's notification provider over the API: admins read and change it; the Notify
//! API key is never returned, only whether one is set; bad input is 422 naming the field, with
//! nothing saved; other staff get 403, and each organisation sees only its own.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::world;

const PATH: &str = "/api/v1/organisation/notification-settings";
const KEY: &str =
    "live-key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";

#[tokio::test]
async fn admins_set_the_provider_and_never_read_the_key_back() {
    let w = world().await;
    let token = &w.a.token;
    let first = w.get(PATH, token).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body["provider"], "smtp");
    assert_eq!(first.body["api_key_set"], false);

    // A key not in Notify's format, and Notify without its email template: 422, nothing saved.
    let bad = w
        .send(
            Method::PUT,
            PATH,
            token,
            json!({"provider": "notify", "api_key": "not-a-notify-key"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = bad.error_fields();
    fields.sort();
    assert_eq!(fields, ["api_key", "email_template_id"]);
    let unknown = w
        .send(Method::PUT, PATH, token, json!({"provider": "pigeon"}))
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["provider"]);
    assert_eq!(w.get(PATH, token).await.body["provider"], "smtp");

    let set = w
        .send(
            Method::PUT,
            PATH,
            token,
            json!({"provider": "notify", "api_key": KEY,
                   "email_template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a",
                   "sms_template_id": "a2b3c4d5-e6f7-4890-8bcd-ef0123456789"}),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body["provider"], "notify");
    assert_eq!(set.body["api_key_set"], true);
    assert_eq!(set.body["sends_text_messages"], true);
    let read = w.get(PATH, token).await;
    assert_eq!(read.body, set.body);
    for reply in [&set, &read] {
        let text = reply.body.to_string();
        assert!(!text.contains("3d844edf"), "the key leaked: {text}");
        assert!(reply.body.get("api_key").is_none());
    }
    // A blank key keeps the stored one.
    let kept = w
        .send(
            Method::PUT,
            PATH,
            token,
            json!({"provider": "none", "email_template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a"}),
        )
        .await;
    assert_eq!(kept.body["provider"], "none");
    assert_eq!(kept.body["api_key_set"], true);

    // Each organisation sees its own; staff who are not admins get 403.
    assert_eq!(w.get(PATH, &w.b.token).await.body["provider"], "smtp");
    let manager = w.staff_token(&w.a, "volunteer_manager").await;
    w.get(PATH, &manager)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    w.send(Method::PUT, PATH, &manager, json!({"provider": "smtp"}))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(w.get(PATH, token).await.body["provider"], "none");
}
