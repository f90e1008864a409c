//! `alongside import KIND FILE --organisation SLUG`: imports a spreadsheet (CSV or .xlsx) with a
//! progress bar, prints every problem by row and column, and can write the report as CSV.
//!
//! Exit status: 0 when every row was imported (or, on a dry run, every row would be); 1 when
//! nothing was imported because of problems with rows; 2 when the file or the mapping cannot be
//! used at all; 3 when only part was imported (`--skip-invalid` with problems).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, anyhow};
use app::import::{ImportOptions, ImportProgress, ImportReport};
use app::{App, AppError, SystemClock};
use clap::Args;
use domain::Labelled;
use domain::import::{ImportKind, Mapping};
use indicatif::{ProgressBar, ProgressStyle};

use crate::DatabaseArgs;

/// What to import, and how.
#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds: people, roles, sites, checks, training, hours, service-users or
    /// carers.
    kind: String,
    /// The file: CSV (UTF-8, Windows-1252; `,` or `;`) or an Excel workbook (.xlsx; the first
    /// sheet is read).
    file: PathBuf,
    /// The organisation's short name (as in its web address).
    #[arg(long)]
    organisation: String,
    /// Check every row and report, saving nothing.
    #[arg(long)]
    dry_run: bool,
    /// A file saying which column holds which field, one `field = Column header` a line;
    /// without it the columns are guessed from the headers (and the guess is printed).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Import the rows without problems and report the rest (otherwise one bad row stops the
    /// whole file).
    #[arg(long)]
    skip_invalid: bool,
    /// Also write the report (every problem by row and column, and what was matched) as CSV.
    #[arg(long)]
    report: Option<PathBuf>,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// A progress bar on standard error (hidden when that is not a terminal).
pub(crate) struct Bar(pub(crate) ProgressBar);

impl Bar {
    pub(crate) fn new() -> Self {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{msg:18} [{bar:40}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        Self(bar)
    }
}

impl ImportProgress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.0.set_message(name.to_owned());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn done(&self, done: u64) {
        self.0.set_position(done);
    }
}

/// A spreadsheet cell that Excel would not run as a formula.
fn safe_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Writes the report as CSV.
fn write_report(path: &PathBuf, report: &ImportReport) -> anyhow::Result<()> {
    let mut out =
        csv::Writer::from_path(path).with_context(|| format!("writing {}", path.display()))?;
    for row in report.csv_rows() {
        out.write_record(row.iter().map(|c| safe_cell(c)))?;
    }
    out.flush()?;
    Ok(())
}

/// Runs the command; the exit status is returned for `main` to exit with.
pub async fn run(args: ImportArgs) -> anyhow::Result<i32> {
    let Some(kind) = ImportKind::from_code(args.kind.trim()) else {
        let kinds: Vec<&str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
        eprintln!(
            "error: there is no import of \"{}\"; choose one of {}",
            args.kind,
            kinds.join(", ")
        );
        return Ok(2);
    };
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let mapping = match &args.mapping {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            match Mapping::from_lines(kind, &text) {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!("error: {}: {e}", path.display());
                    return Ok(2);
                }
            }
        }
    };
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    let app = App::new(store, Arc::new(SystemClock), "");
    let scope = match app.operator_scope(&args.organisation).await {
        Ok(scope) => scope,
        Err(AppError::NotFound) => {
            eprintln!("error: there is no organisation \"{}\"", args.organisation);
            return Ok(2);
        }
        Err(e) => return Err(anyhow!("{e}")),
    };
    let options = ImportOptions {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        mapping,
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let bar = Bar::new();
    let result = app.import(&scope, kind, &bytes, &options, &bar).await;
    bar.0.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(AppError::Invalid(errors)) => {
            for e in errors.0 {
                eprintln!("error: {}", e.message);
            }
            return Ok(2);
        }
        Err(AppError::Conflict(why)) => {
            eprintln!("error: nothing was imported: {why}");
            return Ok(1);
        }
        Err(e) => return Err(anyhow!("{e}")),
    };
    if args.mapping.is_none() {
        println!("Columns used (guessed from the headers):");
        for (field, header) in report.mapping.pairs() {
            println!("  {field} = {header}");
        }
    }
    for p in &report.problems {
        println!("{}", p.sentence());
    }
    for m in &report.merged {
        println!("{}", m.sentence());
    }
    println!("{}", report.summary());
    if let Some(path) = &args.report {
        write_report(path, &report)?;
        println!("The report is in {}.", path.display());
    }
    Ok(if report.problems.is_empty() {
        0
    } else if report.saved {
        3
    } else {
        1
    })
}
