//! The delivery worker: sends outbox messages over SMTP, retrying failures with backoff. With no
//! SMTP server configured, messages are logged and stay in the outbox.

use std::sync::Arc;
use std::time::Duration;

use app::App;
use app::ports::OutboxMessage;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// How often the worker looks for due messages.
const POLL: Duration = Duration::from_secs(2);
/// Give up retrying after this many attempts (the message stays in the outbox with its error).
pub const MAX_ATTEMPTS: i32 = 8;

/// Runs forever.
pub async fn run(app: Arc<App>, smtp_url: Option<String>, from: String) {
    let Some(url) = smtp_url else {
        tracing::info!("no SMTP server configured: emails are logged and kept in the outbox");
        loop {
            if let Err(e) = log_due(&app).await {
                tracing::warn!(error = %e, "logging email");
            }
            tokio::time::sleep(POLL).await;
        }
    };
    let transport = match smtp_transport(&url) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "SMTP settings are not usable; emails stay in the outbox");
            return;
        }
    };
    loop {
        if let Err(e) = deliver_due(&app, &transport, &from).await {
            tracing::warn!(error = %e, "delivering email");
        }
        tokio::time::sleep(POLL).await;
    }
}

/// An SMTP transport from `smtp://host:port` (plain, for a local relay) or `smtps://…` (TLS is
/// not built in this slice; use a local relay).
pub fn smtp_transport(url: &str) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let rest = url
        .strip_prefix("smtp://")
        .ok_or_else(|| anyhow::anyhow!("SMTP URL must start with smtp://"))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), p.trim_end_matches('/').parse::<u16>()?),
        None => (rest.trim_end_matches('/').to_owned(), 25),
    };
    Ok(
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(Duration::from_secs(20)))
            .build(),
    )
}

/// Sends every message due now; returns how many were sent.
pub async fn deliver_due(
    app: &App,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
) -> anyhow::Result<usize> {
    let now = app.clock.now();
    let mut sent = 0;
    for message in app.store.due_messages(now, 50).await? {
        if message.attempts >= MAX_ATTEMPTS {
            continue;
        }
        match send(transport, from, &message).await {
            Ok(()) => {
                app.store.message_sent(message.id, app.clock.now()).await?;
                sent += 1;
            }
            Err(e) => {
                let retry = app.clock.now() + backoff(message.attempts + 1);
                tracing::warn!(to = %message.to, error = %e, "email not sent; will retry");
                app.store
                    .message_failed(message.id, &e.to_string(), retry)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Without SMTP: writes each due message to the log once and leaves it unsent in the outbox.
pub async fn log_due(app: &App) -> anyhow::Result<()> {
    let now = app.clock.now();
    for m in app.store.due_messages(now, 50).await? {
        tracing::info!(to = %m.to, subject = %m.subject, body = %m.body, "email (not sent: no SMTP server configured)");
        app.store
            .message_failed(
                m.id,
                "not sent: no SMTP server configured",
                now + chrono::Duration::days(36_500),
            )
            .await?;
    }
    Ok(())
}

/// 30 s, 1 min, 2 min … doubling, capped at 2 hours.
pub fn backoff(attempt: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempt.clamp(1, 9) - 1).unwrap_or(0);
    chrono::Duration::seconds((30_i64 << exponent).min(7_200))
}

async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
    m: &OutboxMessage,
) -> anyhow::Result<()> {
    let email = Message::builder()
        .from(from.parse::<Mailbox>()?)
        .to(m.to.parse::<Mailbox>()?)
        .subject(&m.subject)
        .body(m.body.clone())?;
    transport.send(email).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(3).num_seconds(), 120);
        assert_eq!(backoff(20).num_seconds(), 7_200);
    }
}
