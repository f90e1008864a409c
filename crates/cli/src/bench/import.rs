//! `alongside bench import`: writes a people spreadsheet of `--rows` rows, measures the raw
//! insert ceiling (the same rows, a bare loop of one `INSERT` a row in one transaction on the same
//! writer, so with the same durability), then imports the file through the real use case (read,
//! check every row with the profile form's rules, match against people already held, bulk write
//! in one transaction) and prints both.

use std::io::Write as _;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, anyhow};
use app::import::{ImportOptions, ImportReport};
use app::ports::PeopleBatch;
use app::{App, SystemClock};
use chrono::{NaiveDate, Utc};
use clap::Args;
use domain::engagement::{Engagement, EngagementEvent, EngagementStatus};
use domain::ids::{EngagementId, OrganisationId, PersonId};
use domain::import::ImportKind;
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;
use domain::role::RoleInput;

use crate::import::Bar;

/// The benchmark's size and where to run it.
#[derive(Args, Clone)]
pub struct ImportBenchArgs {
    #[command(flatten)]
    database: crate::DatabaseArgs,
    /// People rows in the file.
    #[arg(long, default_value_t = 1_000_000)]
    rows: usize,
    /// Where to write the generated file.
    #[arg(long, default_value = "/tmp/alongside-bench-people.csv")]
    file: std::path::PathBuf,
    /// Print the result as one line of JSON as well.
    #[arg(long)]
    json: bool,
}

const FIRST: [&str; 8] = [
    "Asha", "Ben", "Chloé", "Dev", "Eilidh", "Femi", "Gareth", "Hannah",
];
const LAST: [&str; 8] = [
    "Patel", "Okafor", "Smith", "Jones", "O'Brien", "Nowak", "Williams", "Evans",
];

/// Row `i`'s cells: first name, surname, email, mobile, date of birth (UK order), postcode.
fn row(i: usize, tag: &str) -> [String; 6] {
    let dob = NaiveDate::from_ymd_opt(
        1940 + (i % 60) as i32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    )
    .unwrap_or_default();
    [
        FIRST[i % FIRST.len()].to_owned(),
        LAST[(i / FIRST.len()) % LAST.len()].to_owned(),
        format!("volunteer{i}.{tag}@example.org"),
        format!("07700 9{:05}", i % 100_000),
        dob.format("%d/%m/%Y").to_string(),
        format!("LS{} {}AB", 1 + i % 28, i % 10),
    ]
}

/// Writes the spreadsheet: the headers an export from another system might have.
fn write_file(args: &ImportBenchArgs, tag: &str) -> anyhow::Result<()> {
    let file = std::fs::File::create(&args.file)
        .with_context(|| format!("writing {}", args.file.display()))?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all(b"First name,Surname,E-mail,Mobile,DOB,Post Code,Status,Volunteer role\r\n")?;
    for i in 0..args.rows {
        let [a, b, c, d, e, f] = row(i, tag);
        writeln!(out, "{a},{b},{c},{d},{e},{f},Active,Ward visitor\r")?;
    }
    out.flush()?;
    Ok(())
}

/// The rows the import writes, made directly (other emails), for the raw ceiling.
fn raw_batch(
    app: &App,
    org: OrganisationId,
    role: domain::ids::RoleId,
    rows: usize,
    tag: &str,
) -> anyhow::Result<PeopleBatch> {
    let today = app.clock.today();
    let now = Utc::now();
    let mut batch = PeopleBatch::default();
    for i in 0..rows {
        let [given_name, family_name, email, phone, dob, postcode] = row(i, tag);
        let person = PersonInput {
            given_name,
            family_name,
            email,
            phone,
            date_of_birth: dob.split('/').collect::<Vec<_>>().join(" "),
            postcode,
            ..Default::default()
        }
        .parse(PersonId::new(), today)
        .map_err(|e| anyhow!("generated row {i} is invalid: {e:?}"))?;
        let e = Engagement {
            id: EngagementId::new(),
            organisation_id: org,
            person_id: person.id,
            status: EngagementStatus::Active,
            started_at: now,
            leaving_reason: None,
            leaving_note: String::new(),
        };
        batch.events.push((
            e.id,
            EngagementEvent {
                from: None,
                to: e.status,
                at: now,
                by: "Alongside".into(),
                note: "Imported".into(),
            },
        ));
        batch.placements.push(domain::compliance::Placement {
            id: domain::ids::PlacementId::new(),
            organisation_id: org,
            person_id: person.id,
            role_id: role,
            application_id: None,
            status: domain::compliance::PlacementStatus::Active,
            applied_at: now,
            accepted_at: now,
            activated_at: Some(now),
            ended_at: None,
        });
        batch.engagements.push(e);
        batch.people.push(person);
    }
    Ok(batch)
}

/// Makes an organisation with the role the file names; returns its slug, id and the role.
async fn organisation(
    app: &App,
    tag: &str,
    admin: PersonId,
) -> anyhow::Result<(String, OrganisationId, domain::ids::RoleId)> {
    let slug = format!("import-{tag}");
    app.create_organisation(
        &OrganisationInput {
            name: format!("Import Benchmark {tag}"),
            slug: slug.clone(),
            sector: "voluntary".into(),
            kind: "hospice".into(),
            postcode: "LS1 3EX".into(),
            ..Default::default()
        },
        admin,
    )
    .await
    .map_err(|e| anyhow!("creating the organisation: {e:?}"))?;
    let scope = app
        .operator_scope(&slug)
        .await
        .map_err(|e| anyhow!("{e:?}"))?;
    let role = app
        .create_role(
            &scope,
            &RoleInput {
                title: "Ward visitor".into(),
                summary: "Keep patients company".into(),
                setting: "in_hospital".into(),
                minimum_age: "16".into(),
                dbs_level: "none".into(),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| anyhow!("creating the role: {e:?}"))?;
    Ok((slug, scope.organisation_id(), role.id))
}

/// Runs the benchmark.
pub async fn run(args: ImportBenchArgs) -> anyhow::Result<()> {
    let url = args.database.database_url.clone();
    let store = store::open(&url).await.context("opening the database")?;
    let app = App::new(store, Arc::new(SystemClock), "");
    let tag = uuid::Uuid::now_v7().simple().to_string();
    let tag = tag[tag.len() - 10..].to_owned();
    let admin = app
        .register(
            &PersonInput {
                given_name: "Import".into(),
                family_name: "Admin".into(),
                email: format!("import-admin-{tag}@example.org"),
                ..Default::default()
            },
            "a long enough benchmark password",
        )
        .await
        .map_err(|e| anyhow!("registering the admin: {e:?}"))?;
    eprintln!("Writing {} rows to {} …", args.rows, args.file.display());
    write_file(&args, &tag)?;
    let file_bytes = std::fs::metadata(&args.file)?.len();

    // The ceiling first, into an organisation of its own, so the import then runs against the
    // larger database (the harder case for it).
    let (_, raw_org, raw_role) = organisation(&app, &format!("{tag}-raw"), admin.id).await?;
    let batch = raw_batch(&app, raw_org, raw_role, args.rows, &format!("raw.{tag}"))?;
    eprintln!("Raw insert loop …");
    let raw = store::time_raw_people_inserts(&url, &batch).await?;
    let raw_rows = batch.len();
    drop(batch);

    let (slug, _, _) = organisation(&app, &tag, admin.id).await?;
    let scope = app
        .operator_scope(&slug)
        .await
        .map_err(|e| anyhow!("{e:?}"))?;
    eprintln!("Importing …");
    let started = Instant::now();
    let bytes = std::fs::read(&args.file)?;
    let bar = Bar::new();
    let options = ImportOptions {
        file_name: "bench.csv".into(),
        ..Default::default()
    };
    let report: ImportReport = app
        .import(&scope, ImportKind::People, &bytes, &options, &bar)
        .await
        .map_err(|e| anyhow!("the import failed: {e:?}"))?;
    let import = started.elapsed();
    bar.0.finish_and_clear();
    if !report.saved || report.created as usize != args.rows {
        anyhow::bail!("the import did not save every row: {}", report.summary());
    }
    let rows_per_s = |rows: usize, d: std::time::Duration| rows as f64 / d.as_secs_f64();
    println!(
        "Database: {}",
        if store::is_postgres(&url) {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    println!(
        "File: {} people rows, {:.1} MB",
        args.rows,
        file_bytes as f64 / 1e6
    );
    println!(
        "Import (read, check, match, write; {} rows written): {:.1} s, {:.0} people a second",
        raw_rows,
        import.as_secs_f64(),
        rows_per_s(args.rows, import)
    );
    println!(
        "Raw insert ceiling (same {} rows, one INSERT a row, one transaction): {:.1} s, {:.0} people a second",
        raw_rows,
        raw.as_secs_f64(),
        rows_per_s(args.rows, raw)
    );
    println!(
        "Import time as a share of the raw loop's: {:.0}%",
        100.0 * import.as_secs_f64() / raw.as_secs_f64()
    );
    if args.json {
        println!(
            "{{\"rows\":{},\"import_s\":{:.3},\"raw_s\":{:.3},\"rows_written\":{}}}",
            args.rows,
            import.as_secs_f64(),
            raw.as_secs_f64(),
            raw_rows
        );
    }
    Ok(())
}
