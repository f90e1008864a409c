//! `alongside bench signups`: replays a sign-up surge against real `alongside serve` processes
//! and reports sign-ups a second, latency, and overbooking, beside the raw insert ceiling of the
//! same database measured in the same run.
//!
//! Every volunteer tries for one of the hot shifts (few places, everyone wants them) and for a
//! few ordinary ones, in a shuffled order, over several kept-alive connections spread across the
//! servers. Each sign-up is `POST /api/v1/shifts/{id}/bookings`: the same eligibility checks and
//! the same locked `BookShift` write as a volunteer's own booking.

mod http;
pub mod import;
mod setup;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use app::{App, SystemClock};
use clap::Args;
use domain::ids::PersonId;
use domain::rota::{Booking, Shift};
use rand::SeedableRng;
use rand::seq::SliceRandom;

use setup::Plan;

/// The surge's shape and where to run it.
#[derive(Args, Clone)]
pub struct SignupArgs {
    #[command(flatten)]
    database: crate::DatabaseArgs,
    /// How many `alongside serve` processes to start on the database.
    #[arg(long, default_value_t = 1)]
    servers: usize,
    /// Volunteers racing.
    #[arg(long, default_value_t = 3000)]
    volunteers: usize,
    /// Shifts everyone wants.
    #[arg(long, default_value_t = 100)]
    hot_shifts: usize,
    /// Places on each hot shift.
    #[arg(long, default_value_t = 5)]
    hot_places: u16,
    /// Ordinary shifts.
    #[arg(long, default_value_t = 1450)]
    shifts: usize,
    /// Places on each ordinary shift.
    #[arg(long, default_value_t = 10)]
    places: u16,
    /// Ordinary shifts each volunteer tries for.
    #[arg(long, default_value_t = 5)]
    tries: usize,
    /// Sign-ups in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Print the result as one line of JSON as well.
    #[arg(long)]
    json: bool,
}

/// Kills the servers however the run ends.
struct Servers(Vec<Child>);

impl Drop for Servers {
    fn drop(&mut self) {
        for child in &mut self.0 {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

/// Starts `n` servers on free local ports and waits until each answers.
async fn start_servers(url: &str, n: usize) -> anyhow::Result<(Servers, Vec<String>)> {
    let exe = std::env::current_exe().context("finding the alongside binary")?;
    let mut addrs = Vec::new();
    let mut children = Vec::new();
    for _ in 0..n.max(1) {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .to_string();
        children.push(
            Command::new(&exe)
                .args(["serve", "--database-url", url, "--listen", &addr])
                .env("RUST_LOG", "warn")
                .env_remove("ALONGSIDE_SMTP_URL")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .context("starting alongside serve")?,
        );
        addrs.push(addr);
    }
    let servers = Servers(children);
    let deadline = Instant::now() + Duration::from_secs(60);
    for addr in &addrs {
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            if Instant::now() > deadline {
                bail!("the server at {addr} did not start within a minute");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    Ok((servers, addrs))
}

/// The raw insert ceiling once: a booking for each of `people` on `shift`, one insert per
/// transaction, in inserts a second.
async fn ceiling(url: &str, people: &[PersonId], shift: &Shift) -> anyhow::Result<f64> {
    let now = chrono::Utc::now();
    let raw: Vec<Booking> = people
        .iter()
        .map(|p| Booking::new(shift, *p, now))
        .collect();
    let took = store::time_raw_booking_inserts(url, &raw).await?;
    Ok(raw.len() as f64 / took.as_secs_f64().max(f64::EPSILON))
}

/// What the surge did.
struct Outcome {
    latencies: Vec<Duration>,
    booked: usize,
    refused: usize,
    failed: usize,
    elapsed: Duration,
}

/// Sends every attempt, `concurrency` at a time, and times each.
async fn surge(
    addrs: &[String],
    token: &str,
    attempts: Vec<(String, String)>,
    concurrency: usize,
) -> Outcome {
    let attempts = Arc::new(attempts);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..concurrency.max(1) {
        let attempts = attempts.clone();
        let next = next.clone();
        let token = token.to_owned();
        let mut conn = http::Connection::new(&addrs[w % addrs.len()]);
        workers.push(tokio::spawn(async move {
            let mut mine = (Vec::new(), 0, 0, 0);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((shift, person)) = attempts.get(i) else {
                    break;
                };
                let path = format!("/api/v1/shifts/{shift}/bookings");
                let body = format!("{{\"person_id\":\"{person}\"}}");
                let sent = Instant::now();
                let status = conn.post_json(&path, &token, &body).await;
                mine.0.push(sent.elapsed());
                match status {
                    Ok(201) => mine.1 += 1,
                    Ok(409) => mine.2 += 1,
                    _ => mine.3 += 1,
                }
            }
            mine
        }));
    }
    let mut outcome = Outcome {
        latencies: Vec::new(),
        booked: 0,
        refused: 0,
        failed: 0,
        elapsed: Duration::ZERO,
    };
    for w in workers {
        if let Ok((latencies, booked, refused, failed)) = w.await {
            outcome.latencies.extend(latencies);
            outcome.booked += booked;
            outcome.refused += refused;
            outcome.failed += failed;
        }
    }
    outcome.elapsed = started.elapsed();
    outcome.latencies.sort();
    outcome
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// Runs the benchmark and prints its figures.
pub async fn signups(args: SignupArgs) -> anyhow::Result<()> {
    let url = args.database.database_url.clone();
    let store = store::open(&url).await.context("opening the database")?;
    let app = App::new(store.clone(), Arc::new(SystemClock), "http://localhost");
    let plan = Plan {
        volunteers: args.volunteers,
        hot_shifts: args.hot_shifts.max(1),
        hot_places: args.hot_places,
        shifts: args.shifts,
        places: args.places,
        tries: args.tries.min(args.shifts),
    };
    eprintln!(
        "Setting up {} volunteers and {} places…",
        plan.volunteers,
        plan.places_on_offer()
    );
    let made = setup::make(&app, plan).await?;

    // One hot shift and `tries` ordinary ones each, shuffled.
    let (hot, ordinary) = made.shifts.split_at(plan.hot_shifts);
    let mut attempts = Vec::new();
    for (i, person) in made.volunteers.iter().enumerate() {
        attempts.push((hot[i % hot.len()].id.to_string(), person.to_string()));
        for k in 0..plan.tries {
            if let Some(s) = ordinary.get((i * plan.tries + k) % ordinary.len().max(1)) {
                attempts.push((s.id.to_string(), person.to_string()));
            }
        }
    }
    attempts.shuffle(&mut rand::rngs::StdRng::seed_from_u64(7));

    let mut ceilings = vec![ceiling(&url, &made.volunteers, &made.ceiling_shifts[0]).await?];
    let (servers, addrs) = start_servers(&url, args.servers).await?;
    eprintln!(
        "Sending {} sign-ups to {} server(s)…",
        attempts.len(),
        addrs.len()
    );
    let wal = WalWatch::start(&url);
    let outcome = surge(&addrs, &made.token, attempts.clone(), args.concurrency).await;
    let largest_wal = wal.stop();
    drop(servers);

    // The final state, read back: nothing overbooked, nothing acknowledged lost.
    let mut overbooked = 0usize;
    let mut stored = 0usize;
    for s in &made.shifts {
        let row = store
            .shift(made.organisation, s.id)
            .await?
            .context("a benchmark shift went missing")?;
        stored += usize::from(row.booked);
        overbooked += usize::from(row.booked.saturating_sub(row.shift.max_volunteers));
    }

    // The raw ceiling: the same insert, one per transaction, nothing checked; its median.
    for shift in &made.ceiling_shifts[1..] {
        ceilings.push(ceiling(&url, &made.volunteers, shift).await?);
    }
    let mut sorted = ceilings.clone();
    sorted.sort_by(f64::total_cmp);
    let ceiling = sorted[sorted.len() / 2];

    let secs = outcome.elapsed.as_secs_f64().max(f64::EPSILON);
    let requests_per_s = outcome.latencies.len() as f64 / secs;
    let booked_per_s = outcome.booked as f64 / secs;
    let (p50, p99) = (
        percentile(&outcome.latencies, 0.50),
        percentile(&outcome.latencies, 0.99),
    );
    let backend = if store::is_postgres(&url) {
        "postgresql"
    } else {
        "sqlite"
    };
    println!(
        "Sign-up surge on {backend}, {} server(s), {} in flight",
        addrs.len(),
        args.concurrency
    );
    println!(
        "  {} sign-ups for {} places: {} booked, {} refused (full or clash), {} failed",
        outcome.latencies.len(),
        plan.places_on_offer(),
        outcome.booked,
        outcome.refused,
        outcome.failed
    );
    println!(
        "  {requests_per_s:.0} sign-ups/s ({booked_per_s:.0} places booked/s), p50 {p50:.1} ms, p99 {p99:.1} ms"
    );
    println!("  overbooked places: {overbooked}; booked in the database: {stored}");
    if let Some(bytes) = largest_wal {
        println!(
            "  largest write-ahead log during the surge: {:.1} MB",
            bytes as f64 / 1e6
        );
    }
    println!(
        "  raw insert ceiling: {ceiling:.0} inserts/s (median of {}); sign-ups reach {:.0}% of it",
        ceilings
            .iter()
            .map(|c| format!("{c:.0}"))
            .collect::<Vec<_>>()
            .join(", "),
        100.0 * requests_per_s / ceiling
    );
    if args.json {
        println!(
            "{{\"backend\":\"{backend}\",\"servers\":{},\"attempts\":{},\"places\":{},\"booked\":{},\"refused\":{},\"failed\":{},\"stored\":{stored},\"overbooked\":{overbooked},\"signups_per_s\":{requests_per_s:.1},\"booked_per_s\":{booked_per_s:.1},\"p50_ms\":{p50:.2},\"p99_ms\":{p99:.2},\"ceiling_inserts_per_s\":{ceiling:.1},\"ceiling_runs\":[{}],\"largest_wal_bytes\":{}}}",
            addrs.len(),
            outcome.latencies.len(),
            plan.places_on_offer(),
            outcome.booked,
            outcome.refused,
            outcome.failed,
            ceilings
                .iter()
                .map(|c| format!("{c:.1}"))
                .collect::<Vec<_>>()
                .join(","),
            largest_wal.map_or("null".to_owned(), |b| b.to_string())
        );
    }
    if overbooked > 0 || stored != outcome.booked {
        bail!(
            "{overbooked} places overbooked; {} acknowledged, {stored} stored",
            outcome.booked
        );
    }
    Ok(())
}

/// Watches a SQLite database's write-ahead log during the surge, for its largest size: the log
/// must stay bounded while writes keep coming, or checkpoints are not keeping up.
struct WalWatch {
    largest: Arc<std::sync::atomic::AtomicU64>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl WalWatch {
    /// Starts sampling the log's size every 20 ms (nothing for PostgreSQL).
    fn start(url: &str) -> Self {
        let largest = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let path = (!store::is_postgres(url))
            .then(|| {
                url.trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:")
            })
            .map(|p| format!("{}-wal", p.split('?').next().unwrap_or(p)));
        let task = path.map(|path| {
            let largest = largest.clone();
            tokio::spawn(async move {
                loop {
                    if let Ok(meta) = std::fs::metadata(&path) {
                        largest.fetch_max(meta.len(), Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            })
        });
        Self { largest, task }
    }

    /// Stops watching; the largest size seen, for SQLite.
    fn stop(self) -> Option<u64> {
        let task = self.task?;
        task.abort();
        Some(self.largest.load(Ordering::Relaxed))
    }
}
