//! `alongside export <kind>`: any manager list as CSV or Excel, built by the same code as the
//! list's download link (so the same permissions apply) and audited as `<kind>.exported`.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use web::exports::{ExportKind, Format, export_table, file_stem};

use crate::DatabaseArgs;

/// `alongside export`.
#[derive(Args)]
pub struct ExportArgs {
    /// The list: volunteers, applications, roles, sites, staff, onboarding, time-to-onboard,
    /// expiring, rota, commitments, waiting-list, hours-logs, hours, no-shows, expenses,
    /// service-users, referrals, matches, concerns, catalogue, agreements, networks,
    /// network-referrals, feedback-links, surveys, outcome-measures, activity, quality, events,
    /// messages, consents, erasures or retention.
    kind: String,
    /// The organisation's short name.
    #[arg(long)]
    organisation: String,
    /// csv or xlsx.
    #[arg(long, default_value = "csv")]
    format: String,
    /// The file to write (default: standard output for CSV; `{organisation}-{list}.xlsx` for
    /// Excel).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Export as this staff member, with their permission (a supervisor gets only their
    /// sites). Without it the export is the operator's, with an organisation admin's
    /// permission, audited as Alongside itself.
    #[arg(long = "as", value_name = "EMAIL")]
    as_email: Option<String>,
    /// The list page's filters, as in its address: `status=applicant&role=…`,
    /// `from=2027-03-01&to=2027-03-08`, `year=2027`, `days=30`, `table=experience` (quality),
    /// `volunteer=…` (commitments), `shift=…` (waiting-list).
    #[arg(long, default_value = "")]
    filter: String,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs `alongside export`; bad input is one line naming the field and exit code 2.
pub async fn run(args: ExportArgs) -> anyhow::Result<()> {
    let Some(kind) = ExportKind::from_code(&args.kind) else {
        let kinds: Vec<&str> = ExportKind::ALL.iter().map(|k| k.code()).collect();
        refuse("kind", &format!("choose one of {}", kinds.join(", ")));
    };
    let Some(format) = Format::from_code(&args.format) else {
        refuse("format", "choose csv or xlsx");
    };
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    let app = app::App::new(store, Arc::new(app::SystemClock), "");
    let scope = match &args.as_email {
        Some(email) => app.authorise_email(email, &args.organisation).await,
        None => app.operator_scope(&args.organisation).await,
    };
    let scope = match scope {
        Ok(scope) => scope,
        Err(app::AppError::NotFound) => match &args.as_email {
            Some(email) => refuse(
                "as",
                &format!(
                    "{email} is not staff of an organisation called {:?}",
                    args.organisation
                ),
            ),
            None => refuse(
                "organisation",
                &format!("there is no organisation called {:?}", args.organisation),
            ),
        },
        Err(e) => return Err(e.into()),
    };
    let table = match export_table(&app, &scope, kind, &args.filter).await {
        Ok(table) => table,
        Err(app::AppError::Invalid(errors)) => {
            for e in &errors.0 {
                eprintln!("error: {}: {}", e.field, e.message);
            }
            std::process::exit(2);
        }
        Err(app::AppError::Forbidden | app::AppError::NotFound) => match &args.as_email {
            Some(_) => refuse(
                "as",
                &format!("this staff member may not see the {} list", kind.code()),
            ),
            // Only a named person can be a safeguarding lead, so the operator cannot have it.
            None => refuse(
                "as",
                &format!(
                    "the {} list is only for named staff: give --as with a staff member's email",
                    kind.code()
                ),
            ),
        },
        Err(e) => return Err(e.into()),
    };
    let body = table.render(format)?;
    let output = args.output.clone().or_else(|| {
        (format == Format::Xlsx).then(|| {
            PathBuf::from(format!(
                "{}.xlsx",
                file_stem(&table, kind, &args.organisation)
            ))
        })
    });
    match output {
        Some(path) => {
            std::fs::write(&path, &body).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "Wrote {} rows of {} to {}.",
                table.rows.len(),
                kind.code(),
                path.display()
            );
        }
        None => std::io::stdout()
            .write_all(&body)
            .context("writing to standard output")?,
    }
    Ok(())
}

/// Says what was wrong with the command line, naming the argument, and exits with code 2.
fn refuse(field: &str, message: &str) -> ! {
    eprintln!("error: {field}: {message}");
    std::process::exit(2);
}
