//! `alongside export <kind>`: any manager list as CSV or Excel, built by the same code as the
//! list's download link (so the same permissions apply) and audited as `<kind>.exported`.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use web::exports::{
    ExportKind, Format, NetworkList, Table, export_table, file_stem, network_export_table,
};

use crate::DatabaseArgs;

/// `alongside export`.
#[derive(Args)]
pub struct ExportArgs {
    /// The list: volunteers, applications, roles, sites, staff, onboarding, time-to-onboard,
    /// expiring, rota, commitments, waiting-list, register, checks, hours-logs, hours,
    /// no-shows, expenses, service-users, referrals, matches, concerns, catalogue, agreements,
    /// networks, network-referrals, feedback-links, surveys, outcome-measures, activity,
    /// quality, events, messages, consents, erasures or retention; or a network's
    /// network-members, network-benchmarks, network-directory, network-roles,
    /// network-resources, network-events or network-opportunities (with `--network`).
    kind: String,
    /// The organisation's short name (for an organisation's lists).
    #[arg(long, conflicts_with = "network")]
    organisation: Option<String>,
    /// The network's short name (for a network's lists).
    #[arg(long)]
    network: Option<String>,
    /// csv or xlsx.
    #[arg(long, default_value = "csv")]
    format: String,
    /// The file to write (default: standard output for CSV; `{organisation}-{list}.xlsx`, or
    /// `{network}-{list}.xlsx`, for Excel).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Export as this staff member, with their permission (a supervisor gets only their
    /// sites). Without it the export is the operator's, with an organisation admin's
    /// permission, audited as Alongside itself.
    #[arg(long = "as", value_name = "EMAIL")]
    as_email: Option<String>,
    /// The list page's filters, as in its address: `status=applicant&role=…`,
    /// `from=2027-03-01&to=2027-03-08`, `year=2027`, `days=30`, `table=experience` (quality),
    /// `volunteer=…` (commitments, checks), `shift=…` (waiting-list, register), `q=…&tag=…`
    /// (network-resources), `organisation=…` (an organisation's id, network-benchmarks).
    #[arg(long, default_value = "")]
    filter: String,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Runs `alongside export`; bad input is one line naming the field and exit code 2.
pub async fn run(args: ExportArgs) -> anyhow::Result<()> {
    let Some(format) = Format::from_code(&args.format) else {
        refuse("format", "choose csv or xlsx");
    };
    if let Some(list) = NetworkList::from_code(&args.kind) {
        return run_network(&args, list, format).await;
    }
    let Some(kind) = ExportKind::from_code(&args.kind) else {
        let kinds: Vec<&str> = ExportKind::ALL
            .iter()
            .map(|k| k.code())
            .chain(NetworkList::ALL.iter().map(|l| l.code()))
            .collect();
        refuse("kind", &format!("choose one of {}", kinds.join(", ")));
    };
    let Some(organisation) = &args.organisation else {
        refuse(
            "organisation",
            &format!(
                "give the short name of the organisation whose {} list to export",
                kind.code()
            ),
        );
    };
    let app = open(&args).await?;
    let scope = match &args.as_email {
        Some(email) => app.authorise_email(email, organisation).await,
        None => app.operator_scope(organisation).await,
    };
    let scope = match scope {
        Ok(scope) => scope,
        Err(app::AppError::NotFound) => match &args.as_email {
            Some(email) => refuse(
                "as",
                &format!("{email} is not staff of an organisation called {organisation:?}"),
            ),
            None => refuse(
                "organisation",
                &format!("there is no organisation called {organisation:?}"),
            ),
        },
        Err(e) => return Err(e.into()),
    };
    let table = match export_table(&app, &scope, kind, &args.filter).await {
        Ok(table) => table,
        Err(e) => return Err(refused_list(e, &args, kind.code())),
    };
    let default_file = file_stem(&table, kind, organisation);
    write(&args, &table, format, kind.code(), &default_file)
}

/// `alongside export network-<list> --network SLUG`: a network's own lists.
async fn run_network(args: &ExportArgs, list: NetworkList, format: Format) -> anyhow::Result<()> {
    let Some(slug) = &args.network else {
        refuse(
            "network",
            &format!(
                "give the short name of the network whose {} list to export",
                list.code()
            ),
        );
    };
    let app = open(args).await?;
    let access = match &args.as_email {
        Some(email) => app.network_access_by_email(email, slug).await,
        None => app.operator_network_access(slug).await,
    };
    let access = match access {
        Ok(access) => access,
        Err(app::AppError::NotFound) => match &args.as_email {
            Some(email) if app.network_access(slug, None).await.is_ok() => {
                refuse("as", &format!("nobody has the email {email}"))
            }
            _ => refuse("network", &format!("there is no network called {slug:?}")),
        },
        Err(e) => return Err(e.into()),
    };
    let table = match network_export_table(&app, &access, list, &args.filter).await {
        Ok(table) => table,
        Err(e) => return Err(refused_list(e, args, list.code())),
    };
    write(args, &table, format, list.code(), &list.file_stem(slug))
}

async fn open(args: &ExportArgs) -> anyhow::Result<app::App> {
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    Ok(app::App::new(store, Arc::new(app::SystemClock), ""))
}

/// Says why the list was refused (bad filters, or not the person's to see) and exits with
/// code 2; any other error is returned.
fn refused_list(e: app::AppError, args: &ExportArgs, code: &str) -> anyhow::Error {
    match e {
        app::AppError::Invalid(errors) => {
            for e in &errors.0 {
                eprintln!("error: {}: {}", e.field, e.message);
            }
            std::process::exit(2);
        }
        // An id in the filters that names nothing this person may see.
        app::AppError::NotFound if args.filter.contains('=') && !args.filter.ends_with('=') => {
            refuse(
                "filter",
                &format!(
                    "{} names nothing in the {code} list that {} may see",
                    args.filter,
                    args.as_email.as_deref().unwrap_or("the operator")
                ),
            )
        }
        app::AppError::Forbidden | app::AppError::NotFound => match &args.as_email {
            Some(_) => refuse("as", &format!("this person may not see the {code} list")),
            // Only a named person can be a safeguarding lead or a member's manager, so the
            // operator cannot have it.
            None => refuse(
                "as",
                &format!(
                    "the {code} list is only for named staff: give --as with a staff member's email"
                ),
            ),
        },
        e => e.into(),
    }
}

/// Writes the list to `--output`, to standard output (CSV), or to `{default_file}.xlsx`.
fn write(
    args: &ExportArgs,
    table: &Table,
    format: Format,
    code: &str,
    default_file: &str,
) -> anyhow::Result<()> {
    let body = table.render(format)?;
    let output = args.output.clone().or_else(|| {
        (format == Format::Xlsx).then(|| PathBuf::from(format!("{default_file}.xlsx")))
    });
    match output {
        Some(path) => {
            std::fs::write(&path, &body).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "Wrote {} rows of {code} to {}.",
                table.rows.len(),
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
