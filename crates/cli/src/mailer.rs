//! Message delivery: the SMTP notifier, the log notifier used when no SMTP server is
//! configured, and the loop that delivers the outbox through one of them and, for organisations
//! that use it, GOV.UK Notify (`notify_client.rs`).

use std::sync::Arc;
use std::time::Duration;

use app::notify::NotifyAccount;
use app::ports::OutboxMessage;
use app::{App, Delivery, Notifier, NotifyGateway};
use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::notify_client::NotifyClient;

/// How often the worker looks for due messages.
const POLL: Duration = Duration::from_secs(2);

/// Delivers the outbox forever: over SMTP when `smtp_url` is set, otherwise to the log; and
/// for organisations that chose GOV.UK Notify, through its API at `notify_url`, or to the log
/// when that is `None` (the demo).
pub async fn run(
    app: Arc<App>,
    smtp_url: Option<String>,
    from: String,
    notify_url: Option<String>,
) {
    let notifier: Box<dyn Notifier> = match smtp_url {
        None => {
            tracing::info!("no SMTP server configured: emails are logged and kept in the outbox");
            Box::new(LogNotifier)
        }
        Some(url) => match SmtpNotifier::new(&url, &from) {
            Ok(n) => Box::new(n),
            Err(e) => {
                tracing::error!(error = %e, "SMTP settings are not usable; emails are logged and kept in the outbox");
                Box::new(LogNotifier)
            }
        },
    };
    let notify: Box<dyn NotifyGateway> = match notify_url.as_deref().map(NotifyClient::new) {
        None => {
            tracing::info!("demonstration: GOV.UK Notify messages are logged, never sent");
            Box::new(LogNotifyGateway)
        }
        Some(Ok(client)) => Box::new(client),
        Some(Err(e)) => {
            tracing::error!(error = %e, "the GOV.UK Notify client could not start; its messages are held");
            Box::new(NoNotifyClient)
        }
    };
    loop {
        if let Err(e) = app
            .deliver_due_via(notifier.as_ref(), notify.as_ref())
            .await
        {
            tracing::warn!(error = %e, "delivering email");
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Sends email through an SMTP server.
pub struct SmtpNotifier {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpNotifier {
    /// An SMTP notifier for `smtp://host:port` (plain, for a local relay; TLS is not built in
    /// this slice) sending from `from`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let rest = url
            .strip_prefix("smtp://")
            .ok_or_else(|| anyhow::anyhow!("SMTP URL must start with smtp://"))?;
        let rest = rest.trim_end_matches('/');
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), p.parse::<u16>()?),
            None => (rest.to_owned(), 25),
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self {
            transport,
            from: from.parse()?,
        })
    }
}

#[async_trait]
impl Notifier for SmtpNotifier {
    async fn send(&self, m: &OutboxMessage) -> Result<Delivery, String> {
        let to: Mailbox = match m.to.parse() {
            Ok(to) => to,
            Err(e) => {
                return Ok(Delivery::Held(format!(
                    "not sent: the address is not usable ({e})"
                )));
            }
        };
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&m.subject)
            .body(m.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(email)
            .await
            .map_err(|e| e.to_string())?;
        Ok(Delivery::Sent)
    }
}

/// Holds every GOV.UK Notify message when the client could not be built.
struct NoNotifyClient;

#[async_trait]
impl NotifyGateway for NoNotifyClient {
    async fn send(&self, _: NotifyAccount<'_>, _: &OutboxMessage) -> Result<Delivery, String> {
        Err("the GOV.UK Notify client could not start on this server".into())
    }
}

/// Where `alongside serve` (or `demo`) sends GOV.UK Notify's messages: the API at `notify_url`,
/// except for the demo left at the real API's address, whose organisation's Notify setting is a
/// demonstration (a made-up key): it must never call GOV.UK Notify, so it logs instead (`None`).
pub fn notify_target(demo: bool, notify_url: &str) -> Option<String> {
    let real = notify_url.trim_end_matches('/') == crate::notify_client::NOTIFY_API;
    (!(demo && real)).then(|| notify_url.to_owned())
}

/// Writes each GOV.UK Notify message to the log and keeps it, unsent, in the outbox (the demo).
pub struct LogNotifyGateway;

#[async_trait]
impl NotifyGateway for LogNotifyGateway {
    async fn send(&self, _: NotifyAccount<'_>, m: &OutboxMessage) -> Result<Delivery, String> {
        tracing::info!(to = %m.to, subject = %m.subject, "GOV.UK Notify message (not sent: demonstration setting)");
        Ok(Delivery::Held(
            "not sent: a demonstration setting; the demo does not call GOV.UK Notify".into(),
        ))
    }
}

/// Writes each message to the log once and keeps it, unsent, in the outbox.
pub struct LogNotifier;

#[async_trait]
impl Notifier for LogNotifier {
    async fn send(&self, m: &OutboxMessage) -> Result<Delivery, String> {
        tracing::info!(to = %m.to, subject = %m.subject, body = %m.body, "email (not sent: no SMTP server configured)");
        Ok(Delivery::Held("not sent: no SMTP server configured".into()))
    }
}

#[cfg(test)]
mod notify_target_tests {
    use super::notify_target;
    use crate::notify_client::NOTIFY_API;

    #[test]
    fn the_demo_never_calls_gov_uk_notify_unless_pointed_at_a_stand_in() {
        assert_eq!(notify_target(true, NOTIFY_API), None);
        assert_eq!(notify_target(true, &format!("{NOTIFY_API}/")), None);
        assert_eq!(
            notify_target(true, "http://127.0.0.1:9999"),
            Some("http://127.0.0.1:9999".to_owned())
        );
        assert_eq!(
            notify_target(false, NOTIFY_API),
            Some(NOTIFY_API.to_owned())
        );
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
        let message =
            app::ports::OutboxMessage::email(to, subject, format!("Body of {subject}"), now);
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
        let notifier = SmtpNotifier::new(&url, "Alongside <no-reply@example.org>").unwrap();
        let report = app.deliver_due(&notifier).await.unwrap();
        assert_eq!(report.sent, 2);
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
        assert_eq!(app.deliver_due(&notifier).await.unwrap().handled(), 0);
    }

    #[tokio::test]
    async fn refused_messages_are_retried_after_the_backoff() {
        let (url, received) = smtp_server(1).await;
        let store = store().await;
        let app = app_at(store.clone(), 0).await;
        queue(&app, "cara@example.org", "Welcome").await;
        let notifier = SmtpNotifier::new(&url, "Alongside <no-reply@example.org>").unwrap();
        assert_eq!(app.deliver_due(&notifier).await.unwrap().failed, 1);
        let failed = &app.store.recent_messages(1).await.unwrap()[0];
        assert_eq!(failed.attempts, 1);
        assert!(failed.sent_at.is_none());
        assert!(!failed.last_error.is_empty(), "the failure is recorded");
        assert_eq!(
            failed.next_attempt_at,
            app.clock.now() + app::notify::backoff(1)
        );

        // Not due again until the backoff has passed.
        let soon = app_at(store.clone(), 29).await;
        assert_eq!(soon.deliver_due(&notifier).await.unwrap().handled(), 0);
        assert!(received.messages.lock().unwrap().is_empty());

        let later = app_at(store.clone(), 31).await;
        assert_eq!(later.deliver_due(&notifier).await.unwrap().sent, 1);
        assert_eq!(received.messages.lock().unwrap().len(), 1);
        let sent = &later.store.recent_messages(1).await.unwrap()[0];
        assert_eq!(sent.attempts, 2);
        assert!(sent.sent_at.is_some());
    }

    #[tokio::test]
    async fn a_message_out_of_attempts_is_held_and_never_claimed_again() {
        let (url, received) = smtp_server(0).await;
        let app = app_at(store().await, 0).await;
        queue(&app, "dan@example.org", "Tired").await;
        let mut worn = app.store.recent_messages(1).await.unwrap().remove(0);
        worn.id = domain::ids::MessageId::new();
        worn.attempts = app::notify::MAX_ATTEMPTS;
        worn.last_error = "451 try again later".into();
        app.store
            .apply(vec![Write::InsertMessage(worn)])
            .await
            .unwrap();
        let notifier = SmtpNotifier::new(&url, "Alongside <no-reply@example.org>").unwrap();
        let report = app.deliver_due(&notifier).await.unwrap();
        assert_eq!((report.sent, report.held), (1, 1));
        assert_eq!(
            received.messages.lock().unwrap().len(),
            1,
            "only the fresh message was sent"
        );
        let later = app_at(app.store.clone(), 3_600).await;
        assert_eq!(later.deliver_due(&notifier).await.unwrap().handled(), 0);
        let held = app.store.recent_messages(2).await.unwrap();
        assert!(
            held.iter().any(
                |m| m.sent_at.is_none() && m.last_error.starts_with("gave up after 8 attempts")
            )
        );
    }

    #[tokio::test]
    async fn without_smtp_messages_are_logged_and_stay_in_the_outbox() {
        let app = app_at(store().await, 0).await;
        queue(&app, "dev@example.org", "Hello").await;
        assert_eq!(app.deliver_due(&LogNotifier).await.unwrap().held, 1);
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
