//! `alongside privacy`: a subject access export to a file, and the retention rules run (or
//! previewed) from the command line, acting as one of the organisation's staff.

use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::DatabaseArgs;

/// Who acts, where.
#[derive(Args)]
pub struct Acting {
    /// The organisation's short name.
    #[arg(long)]
    organisation: String,
    /// Email address of the staff member acting (audited as them).
    #[arg(long)]
    staff_email: String,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// A subject access export.
#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    acting: Acting,
    /// Email address of the person whose data it is.
    #[arg(long)]
    person_email: String,
    /// Where to write the ZIP.
    #[arg(long)]
    to: std::path::PathBuf,
}

/// A retention run.
#[derive(Args)]
pub struct RetentionArgs {
    #[command(flatten)]
    acting: Acting,
    /// List who the rules reach, and why any would be kept, without changing anything.
    #[arg(long)]
    dry_run: bool,
}

async fn app(database: &DatabaseArgs) -> anyhow::Result<app::App> {
    let store = store::open(&database.database_url)
        .await
        .context("opening the database")?;
    Ok(app::App::new(store, Arc::new(app::SystemClock), ""))
}

/// Prints each problem naming its option and exits with status 2; other errors pass on.
fn refused(e: app::AppError) -> anyhow::Error {
    if let app::AppError::Invalid(errors) = e {
        for e in errors.0 {
            eprintln!("error: --{}: {}", e.field.replace('_', "-"), e.message);
        }
        std::process::exit(2);
    }
    e.into()
}

/// Writes what the organisation holds about the person to a ZIP file.
pub async fn export(args: ExportArgs) -> anyhow::Result<()> {
    let app = app(&args.acting.database).await?;
    let scope = app
        .scope_by_email(&args.acting.organisation, &args.acting.staff_email)
        .await
        .map_err(refused)?;
    let Some(person) = app
        .person_id_by_email(&args.person_email)
        .await
        .map_err(refused)?
    else {
        return Err(refused(
            domain::FieldErrors::one("person_email", "No one with that email address").into(),
        ));
    };
    let export = match app.subject_access_for(&scope, person).await {
        Err(app::AppError::NotFound) => {
            return Err(refused(
                domain::FieldErrors::one(
                    "person_email",
                    "This organisation holds nothing about them",
                )
                .into(),
            ));
        }
        other => other.map_err(refused)?,
    };
    let bytes = web::subject_access_zip(&export).map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(&args.to, bytes).with_context(|| format!("writing {}", args.to.display()))?;
    println!(
        "Wrote {} records about {} to {}.",
        export.record_count(),
        export.person.full_name(),
        args.to.display()
    );
    Ok(())
}

/// Runs the organisation's retention rules and prints the report, or with `--dry-run` prints
/// who they would reach.
pub async fn retention(args: RetentionArgs) -> anyhow::Result<()> {
    let app = app(&args.acting.database).await?;
    let scope = app
        .scope_by_email(&args.acting.organisation, &args.acting.staff_email)
        .await
        .map_err(refused)?;
    if args.dry_run {
        let preview = app.retention_preview(&scope).await.map_err(refused)?;
        for item in &preview.items {
            let (words, since) = app::retention::since_words(&item.candidate);
            let fate = if item.kept_because.is_empty() {
                "would be erased".to_owned()
            } else {
                let why: Vec<String> = item.kept_because.iter().map(|b| b.message()).collect();
                format!("kept for now: {}", why.join(" "))
            };
            println!(
                "{} ({}; {} {}): {fate}",
                item.candidate.name,
                domain::Labelled::label(item.candidate.rule),
                words.to_lowercase(),
                since.format("%-d %B %Y")
            );
        }
        for d in &preview.dbs {
            println!("{}: DBS certificate details would be removed", d.name);
        }
        println!(
            "Dry run: {} reached, {} DBS certificates; nothing was changed.",
            preview.items.len(),
            preview.dbs.len()
        );
        return Ok(());
    }
    let run = app.run_retention(&scope).await.map_err(refused)?;
    for line in run.report {
        println!("{line}");
    }
    Ok(())
}
