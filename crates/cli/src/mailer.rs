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

#[cfg(test)]
mod smtp_tests {
    //! Delivery against a real SMTP conversation: a small SMTP server on a local port that
    //! records what it receives and can refuse the first attempts.

    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use app::ports::Write;
    use app::{App, FixedClock};
    use chrono::{TimeZone, Utc};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    use super::*;

    #[derive(Default)]
    struct Received {
        messages: Mutex<Vec<(String, String)>>,
        refusals_left: AtomicUsize,
    }

    /// Starts an SMTP server; returns its `smtp://` URL and what it has received.
    async fn smtp_server(refuse_first: usize) -> (String, Arc<Received>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let received = Arc::new(Received::default());
        received.refusals_left.store(refuse_first, Ordering::SeqCst);
        let state = received.clone();
        tokio::spawn(async move {
            loop {
                let (socket, _) = listener.accept().await.unwrap();
                let state = state.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write
                        .write_all(b"220 test.invalid ESMTP\r\n")
                        .await
                        .unwrap();
                    let (mut to, mut data, mut in_data) = (String::new(), String::new(), false);
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                state
                                    .messages
                                    .lock()
                                    .unwrap()
                                    .push((to.clone(), data.clone()));
                                write.write_all(b"250 queued\r\n").await.unwrap();
                            } else {
                                data.push_str(&line);
                                data.push('\n');
                            }
                            continue;
                        }
                        let upper = line.to_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO")
                        {
                            b"250 test.invalid\r\n"
                        } else if upper.starts_with("MAIL FROM") {
                            b"250 ok\r\n"
                        } else if upper.starts_with("RCPT TO") {
                            let refuse = state
                                .refusals_left
                                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                                    n.checked_sub(1)
                                })
                                .is_ok();
                            if refuse {
                                b"451 try again later\r\n"
                            } else {
                                to = line[8..].trim().to_owned();
                                b"250 ok\r\n"
                            }
                        } else if upper.starts_with("DATA") {
                            in_data = true;
                            data.clear();
                            b"354 go ahead\r\n"
                        } else if upper.starts_with("QUIT") {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        } else {
                            b"250 ok\r\n"
                        };
                        write.write_all(reply).await.unwrap();
                    }
                });
            }
        });
        (url, received)
    }

    async fn app_at(store: Arc<dyn app::Store>, seconds: i64) -> App {
        let t = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap()
            + chrono::Duration::seconds(seconds);
        App::new(store, Arc::new(FixedClock(t)), "http://localhost")
    }

    async fn queue(app: &App, to: &str, subject: &str) {
        let now = app.clock.now();
        let message = app::ports::OutboxMessage {
            id: domain::ids::MessageId::new(),
            to: to.into(),
            subject: subject.into(),
            body: format!("Body of {subject}"),
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            sent_at: None,
            last_error: String::new(),
        };
        app.store
            .apply(vec![Write::InsertMessage(message)])
            .await
            .unwrap();
    }

    async fn store() -> Arc<dyn app::Store> {
        let path = std::env::temp_dir().join(format!("alongside-mail-{}.db", uuid::Uuid::now_v7()));
        ::store::open(&format!("sqlite://{}", path.display()))
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn due_messages_are_delivered_over_smtp_and_marked_sent() {
        let (url, received) = smtp_server(0).await;
        let app = app_at(store().await, 0).await;
        queue(&app, "asha@example.org", "Your application").await;
        queue(&app, "ben@example.org", "Reset your password").await;
        let transport = smtp_transport(&url).unwrap();
        let sent = deliver_due(&app, &transport, "Alongside <no-reply@example.org>")
            .await
            .unwrap();
        assert_eq!(sent, 2);
        let got = received.messages.lock().unwrap().clone();
        assert_eq!(got.len(), 2);
        assert!(got[0].0.contains("asha@example.org"));
        assert!(got[0].1.contains("Subject: Your application"));
        assert!(got[1].1.contains("Body of Reset your password"));
        let outbox = app.store.recent_messages(10).await.unwrap();
        assert!(
            outbox
                .iter()
                .all(|m| m.sent_at.is_some() && m.attempts == 1)
        );
        assert_eq!(
            deliver_due(&app, &transport, "Alongside <no-reply@example.org>")
                .await
                .unwrap(),
            0
        );
    }

    #[tokio::test]
    async fn refused_messages_are_retried_after_the_backoff() {
        let (url, received) = smtp_server(1).await;
        let store = store().await;
        let app = app_at(store.clone(), 0).await;
        queue(&app, "cara@example.org", "Welcome").await;
        let transport = smtp_transport(&url).unwrap();
        let from = "Alongside <no-reply@example.org>";
        assert_eq!(deliver_due(&app, &transport, from).await.unwrap(), 0);
        let failed = &app.store.recent_messages(1).await.unwrap()[0];
        assert_eq!(failed.attempts, 1);
        assert!(failed.sent_at.is_none());
        assert!(!failed.last_error.is_empty(), "the failure is recorded");
        assert_eq!(failed.next_attempt_at, app.clock.now() + backoff(1));

        // Not due again until the backoff has passed.
        let soon = app_at(store.clone(), 29).await;
        assert_eq!(deliver_due(&soon, &transport, from).await.unwrap(), 0);
        assert!(received.messages.lock().unwrap().is_empty());

        let later = app_at(store.clone(), 31).await;
        assert_eq!(deliver_due(&later, &transport, from).await.unwrap(), 1);
        assert_eq!(received.messages.lock().unwrap().len(), 1);
        let sent = &later.store.recent_messages(1).await.unwrap()[0];
        assert_eq!(sent.attempts, 2);
        assert!(sent.sent_at.is_some());
    }

    #[tokio::test]
    async fn without_smtp_messages_are_logged_and_stay_in_the_outbox() {
        let app = app_at(store().await, 0).await;
        queue(&app, "dev@example.org", "Hello").await;
        log_due(&app).await.unwrap();
        let m = &app.store.recent_messages(1).await.unwrap()[0];
        assert!(m.sent_at.is_none(), "an unsent message stays unsent");
        assert!(m.last_error.contains("no SMTP server"));
        assert!(
            app.store
                .due_messages(app.clock.now(), 10)
                .await
                .unwrap()
                .is_empty(),
            "it is logged once"
        );
    }
}
