//! Starting the server: open the database, optionally seed demo data, start the mail worker,
//! and serve until interrupted.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::ServeArgs;

pub async fn run(args: ServeArgs, demo: bool) -> anyhow::Result<()> {
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.listen));
    let app = Arc::new(app::App::new(
        store,
        Arc::new(app::SystemClock),
        base_url.trim_end_matches('/'),
    ));
    app.ensure_catalogues()
        .await
        .context("adding the standard check and training catalogue")?;
    // An import cut short by the last stop saved nothing (one transaction); say so on its page.
    let interrupted = app
        .fail_interrupted_imports()
        .await
        .context("marking imports the last stop interrupted")?;
    if interrupted > 0 {
        tracing::warn!(
            imports = interrupted,
            "marked imports left running by the last stop as failed; nothing from them was saved"
        );
    }
    let mut sign_ins = Vec::new();
    if demo {
        if app.store.count_people().await? == 0 {
            let bar = ProgressBar::new(1);
            bar.set_style(
                ProgressStyle::with_template("Loading demo data {bar:40} {pos}/{len}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            sign_ins = crate::demo::seed(&app, &|done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })
            .await
            .context("loading demo data")?;
            bar.finish_and_clear();
        } else {
            println!("The database already has data; serving it as it is.");
            sign_ins = crate::demo::sign_ins();
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("listening on {}", args.listen))?;
    tokio::spawn(crate::mailer::run(
        app.clone(),
        args.smtp_url.clone(),
        args.mail_from.clone(),
        crate::mailer::notify_target(demo, &args.notify_url),
    ));
    tokio::spawn(housekeeping(app.clone()));
    tokio::spawn(run_jobs(app.clone()));
    let secure_cookies = base_url.starts_with("https://");
    let router = web::router_with_metrics(
        web::AppState {
            app,
            secure_cookies,
            trust_forwarded_for: args.trust_forwarded_for,
        },
        args.metrics_token.clone(),
    );
    println!("Alongside is running at {base_url}");
    if !sign_ins.is_empty() {
        println!(
            "Demo sign-ins (password for all: {}):",
            sign_ins[0].password
        );
        for s in &sign_ins {
            println!("  {:<45} {}", s.who, s.email);
        }
        println!("{}", crate::demo::notify::NOTIFY_NOTE);
    }
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("serving")?;
    Ok(())
}

/// Every minute, passes on lapsed waiting-list offers, schedules due work (expiry reminders,
/// DBS minimisation) and runs what is due. Any number of servers may run this against one
/// database: each job runs exactly once, and each offer is passed on under the shift's lock.
async fn run_jobs(app: Arc<app::App>) {
    let worker = format!("{}-{}", std::process::id(), uuid::Uuid::now_v7());
    let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        every.tick().await;
        if let Err(e) = app.pass_on_lapsed_offers().await {
            tracing::warn!(error = %e, "passing on lapsed waiting-list offers");
        }
        if let Err(e) = app.pass_on_lapsed_event_offers().await {
            tracing::warn!(error = %e, "passing on lapsed learning-event offers");
        }
        if let Err(e) = app.schedule_jobs().await {
            tracing::warn!(error = %e, "scheduling jobs");
        }
        loop {
            match app.run_jobs(&worker, 100).await {
                Ok(r) if r.done + r.failed + r.taken_over == 0 => break,
                Ok(r) => tracing::info!(done = r.done, failed = r.failed, "jobs run"),
                Err(e) => {
                    tracing::warn!(error = %e, "running jobs");
                    break;
                }
            }
        }
    }
}

/// Every ten minutes, forgets expired sessions, old failed sign-ins and used-up reset links.
async fn housekeeping(app: Arc<app::App>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        match app.purge_expired().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                rows = n,
                "housekeeping: forgot expired sessions and sign-in records"
            ),
            Err(e) => tracing::warn!(error = %e, "housekeeping"),
        }
        // GOV.UK Notify keeps who a message went to, and what it said, for 7 days; so do we.
        match app.forget_old_message_details().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                messages = n,
                "housekeeping: forgot the recipients and text of old messages"
            ),
            Err(e) => tracing::warn!(error = %e, "housekeeping: old messages"),
        }
    }
}
