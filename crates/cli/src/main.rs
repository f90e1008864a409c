//! `alongside`: run the server, migrate the database, load demo data, create API tokens.

mod backup;
mod bench;
mod demo;
mod deprivation;
mod export;
mod import;
mod mailer;
mod notify_client;
mod onspd;
mod organisation;
mod postcodes;
mod privacy;
mod serve;

use std::sync::Arc;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

/// Volunteer management for health and care.
#[derive(Parser)]
#[command(name = "alongside", version, about)]
struct Cli {
    /// How to write the log: `text` for people, `json` (one object a line) for log collectors.
    #[arg(long, global = true, env = "ALONGSIDE_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrating the database first).
    Serve(ServeArgs),
    /// Apply the embedded database migrations (safe to run again).
    Migrate(DatabaseArgs),
    /// Fill an empty database with demo data, then serve it.
    Demo(ServeArgs),
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage organisations.
    Organisation {
        #[command(subcommand)]
        command: OrganisationCommand,
    },
    /// Import a spreadsheet (CSV or .xlsx) of people, roles, sites, check or training records,
    /// hours, service users or carers into an organisation. Exit status: 0 all imported, 1
    /// nothing imported (problems with rows), 2 the file or mapping cannot be used, 3 only part
    /// imported (--skip-invalid).
    Import(import::ImportArgs),
    /// Load reference data on deprivation.
    Deprivation {
        #[command(subcommand)]
        command: DeprivationCommand,
    },
    /// Load postcode locations, for travel distance in matching.
    Postcodes {
        #[command(subcommand)]
        command: PostcodesCommand,
    },
    /// Export a manager list (volunteers, rota, hours, …) as CSV or Excel; audited.
    Export(export::ExportArgs),
    /// Back up the database to a new file while Alongside keeps running (SQLite), or with
    /// pg_dump (PostgreSQL).
    Backup(backup::BackupArgs),
    /// Restore a backup into a database (refuses to replace one with data unless --force).
    Restore(backup::RestoreArgs),
    /// UK GDPR: subject access exports and retention runs.
    Privacy {
        #[command(subcommand)]
        command: PrivacyCommand,
    },
    /// Measure Alongside on this machine.
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Replay a sign-up surge against real servers and report sign-ups a second, latency and
    /// overbooking beside the database's raw insert ceiling.
    Signups(bench::SignupArgs),
    /// Import a generated people spreadsheet through the real import and report its time beside
    /// the raw insert ceiling of the same rows on the same database.
    Import(bench::import::ImportBenchArgs),
}

#[derive(Subcommand)]
enum PrivacyCommand {
    /// Write what an organisation holds about a person (and their profile) to a ZIP file, as a
    /// manager's subject access export does (audited).
    Export(privacy::ExportArgs),
    /// Run the organisation's retention rules now and print the report, or preview them.
    Retention(privacy::RetentionArgs),
}

#[derive(Subcommand)]
enum DeprivationCommand {
    /// Load each English postcode's IMD decile from the ONS Postcode Directory CSV (replacing
    /// any loaded before), so the report can count volunteers by deprivation.
    Load(deprivation::LoadArgs),
}

#[derive(Subcommand)]
enum PostcodesCommand {
    /// Load each postcode's latitude and longitude from the ONS Postcode Directory CSV (adding
    /// to or replacing those loaded before), so matching can give distances.
    Load(postcodes::LoadArgs),
}

#[derive(Subcommand)]
enum OrganisationCommand {
    /// Add an organisation, with an existing account as its first organisation admin (they
    /// create the account at /register first).
    Create(organisation::CreateArgs),
}

#[derive(Args, Clone)]
pub(crate) struct DatabaseArgs {
    /// Database URL: sqlite://FILE (created if missing) or postgres://USER@HOST/DATABASE.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://alongside.db")]
    pub(crate) database_url: String,
}

#[derive(Args, Clone)]
struct ServeArgs {
    #[command(flatten)]
    database: DatabaseArgs,
    /// Address to listen on.
    #[arg(long, env = "ALONGSIDE_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Public address of this server, used in links in emails (defaults to http://LISTEN).
    #[arg(long, env = "ALONGSIDE_BASE_URL")]
    base_url: Option<String>,
    /// SMTP server for outgoing email, as smtp://HOST:PORT. Without it, emails are logged and
    /// stay in the outbox.
    #[arg(long, env = "ALONGSIDE_SMTP_URL")]
    smtp_url: Option<String>,
    /// GOV.UK Notify's API address, for organisations that send through Notify (a stand-in's
    /// address in tests).
    #[arg(long, env = "ALONGSIDE_NOTIFY_URL", default_value = notify_client::NOTIFY_API)]
    notify_url: String,
    /// Trust `X-Forwarded-For` for client addresses (set only behind a load balancer or reverse
    /// proxy that sets it).
    #[arg(long, env = "ALONGSIDE_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// A secret that Prometheus must send (`Authorization: Bearer …`) to read `/metrics`.
    /// Without it, `/metrics` answers only requests from this machine.
    #[arg(long, env = "ALONGSIDE_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// The From address for outgoing email.
    #[arg(
        long,
        env = "ALONGSIDE_MAIL_FROM",
        default_value = "Alongside <no-reply@alongside.invalid>"
    )]
    mail_from: String,
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a staff member and print it once.
    Create {
        /// The organisation's short name.
        #[arg(long)]
        organisation: String,
        /// The staff member's email address.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let log = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cli.log_format == "json" {
        log.json().with_current_span(false).init();
    } else {
        log.init();
    }
    match cli.command {
        Command::Export(args) => export::run(args).await,
        Command::Backup(args) => backup::backup(args).await,
        Command::Restore(args) => backup::restore(args).await,
        Command::Serve(args) => serve::run(args, false).await,
        Command::Demo(args) => serve::run(args, true).await,
        Command::Migrate(args) => {
            store::open(&args.database_url)
                .await
                .context("migrating the database")?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::Organisation {
            command: OrganisationCommand::Create(args),
        } => organisation::create(args).await,
        Command::Bench {
            command: BenchCommand::Signups(args),
        } => bench::signups(args).await,
        Command::Import(args) => {
            let code = import::run(args).await?;
            if code != 0 {
                std::process::exit(code);
            }
            Ok(())
        }
        Command::Bench {
            command: BenchCommand::Import(args),
        } => bench::import::run(args).await,
        Command::Deprivation {
            command: DeprivationCommand::Load(args),
        } => deprivation::load(args).await,
        Command::Privacy {
            command: PrivacyCommand::Export(args),
        } => privacy::export(args).await,
        Command::Privacy {
            command: PrivacyCommand::Retention(args),
        } => privacy::retention(args).await,
        Command::Postcodes {
            command: PostcodesCommand::Load(args),
        } => postcodes::load(args).await,
        Command::Token {
            command:
                TokenCommand::Create {
                    organisation,
                    email,
                    database,
                },
        } => {
            let store = store::open(&database.database_url)
                .await
                .context("opening the database")?;
            let app = app::App::new(store, Arc::new(app::SystemClock), "");
            match app.create_api_token_for(&organisation, &email).await {
                Ok(token) => {
                    println!("{token}");
                    eprintln!(
                        "This token is shown once. Keep it secret; send it as `Authorization: Bearer <token>`."
                    );
                    Ok(())
                }
                Err(app::AppError::Invalid(errors)) => {
                    for e in errors.0 {
                        eprintln!("error: {}: {}", e.field, e.message);
                    }
                    std::process::exit(2);
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}
