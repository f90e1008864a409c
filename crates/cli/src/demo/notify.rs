//! One demo organisation sends through GOV.UK Notify, so its settings page, message log and the
//! API show what a public body using Notify sees. It is a demonstration setting: the API key is
//! well formed but not real, and `alongside demo` writes those messages to its log instead of
//! calling GOV.UK Notify (see `mailer::notify_gateway`), so the demo never reaches outside.

use anyhow::Result;
use app::App;
use domain::notify::NotificationSettingsInput;

/// The organisation that uses Notify in the demo: an NHS community trust, a public body that
/// may use GOV.UK Notify.
pub const NOTIFY_ORGANISATION: &str = "calder-vale";

/// What the demo says about it, at start-up and in the README.
pub const NOTIFY_NOTE: &str = "Calder Vale Community Health sends its messages through GOV.UK Notify as a demonstration setting: its API key is not a real one, and the demo server writes those messages to its log instead of calling GOV.UK Notify.";

/// A key in Notify's format whose name says what it is; its two UUIDs are made up.
const DEMO_KEY: &str =
    "demonstration-only-6f0c2a51-7d3e-4b8a-9c14-2e5f8a9b0c1d-a3b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d";

/// Sets the organisation's provider to GOV.UK Notify with made-up templates (as its admin
/// would, audited as Alongside itself).
pub(super) async fn use_notify(app: &App) -> Result<()> {
    let scope = app.operator_scope(NOTIFY_ORGANISATION).await?;
    app.set_notification_settings(
        &scope,
        &NotificationSettingsInput {
            provider: "notify".into(),
            api_key: DEMO_KEY.into(),
            email_template_id: "0b5b6c2e-9c1a-4c55-9d0e-7f3a2b1c4d5e".into(),
            sms_template_id: "7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b".into(),
        },
    )
    .await?;
    Ok(())
}
