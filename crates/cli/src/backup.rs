//! `alongside backup` and `alongside restore`.
//!
//! SQLite: an online backup (`VACUUM INTO`, consistent while servers keep writing) checked
//! before it is named, and a restore that checks the backup, refuses to replace a database
//! with anything in it unless `--force`, and migrates the result (`store::backup`).
//!
//! PostgreSQL: PostgreSQL's own tools do this best, so these commands run `pg_dump` (custom
//! format, consistent from one snapshot) and `pg_restore` when they are installed, and
//! otherwise print the command from docs/OPERATIONS.md and fail, rather than make a second,
//! weaker dump format of our own.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use clap::Args;

use crate::DatabaseArgs;

/// `alongside backup`.
#[derive(Args)]
pub struct BackupArgs {
    /// The new file to write the backup to (never overwritten).
    #[arg(long)]
    to: PathBuf,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// `alongside restore`.
#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file to restore.
    #[arg(long)]
    from: PathBuf,
    /// Replace a database that already has tables in it.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs `alongside backup`.
pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    let url = &args.database.database_url;
    if store::is_postgres(url) {
        return pg_dump(url, &args.to);
    }
    let snapshot = store::backup::backup_sqlite(url, &args.to)
        .await
        .context("backing up")?;
    println!(
        "Backed up to {} ({} bytes, schema version {}); integrity check passed.",
        args.to.display(),
        snapshot.bytes,
        snapshot.schema_version
    );
    Ok(())
}

/// Runs `alongside restore`.
pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    let url = &args.database.database_url;
    if store::is_postgres(url) {
        return pg_restore(url, &args.from, args.force).await;
    }
    let snapshot = store::backup::restore_sqlite(&args.from, url, args.force)
        .await
        .context("restoring")?;
    println!(
        "Restored {} into {url} (schema version {} after migrating).",
        args.from.display(),
        snapshot.schema_version
    );
    Ok(())
}

fn pg_dump(url: &str, to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        bail!(
            "{} already exists: choose a new file name for the backup",
            to.display()
        );
    }
    let mut command = Command::new("pg_dump");
    command
        .args(["--format=custom", "--no-owner", "--file"])
        .arg(to)
        .args(["--dbname", url]);
    run(
        command,
        &format!(
            "pg_dump --format=custom --no-owner --file {} --dbname \"$DATABASE_URL\"",
            to.display()
        ),
    )?;
    println!("Backed up to {} with pg_dump.", to.display());
    Ok(())
}

async fn pg_restore(url: &str, from: &Path, force: bool) -> anyhow::Result<()> {
    if !force && store::postgres::has_tables(url).await? {
        bail!(
            "the database already has tables: restore into a new empty database (createdb), or add --force to replace what is there"
        );
    }
    let mut command = Command::new("pg_restore");
    command.args(["--no-owner", "--exit-on-error", "--single-transaction"]);
    if force {
        command.args(["--clean", "--if-exists"]);
    }
    command.args(["--dbname", url]).arg(from);
    run(
        command,
        &format!(
            "pg_restore --no-owner --exit-on-error --single-transaction --dbname \"$DATABASE_URL\" {}",
            from.display()
        ),
    )?;
    // Opening checks every migration in the restored database is known to this build, and
    // applies any newer ones.
    store::open(url)
        .await
        .context("checking the restored database's migrations")?;
    println!("Restored {} with pg_restore.", from.display());
    Ok(())
}

/// Runs a PostgreSQL tool, or says how to run it by hand where it is not installed.
fn run(mut command: Command, by_hand: &str) -> anyhow::Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => bail!("{program} failed ({status})"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{program} is not installed here. Install the PostgreSQL client tools (the same major version as the server), or run on a machine that has them:\n  {by_hand}\n(see docs/OPERATIONS.md)"
        ),
        Err(e) => Err(e).with_context(|| format!("running {program}")),
    }
}
