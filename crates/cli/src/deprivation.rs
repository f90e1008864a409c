//! `alongside deprivation load`: loads each English postcode's IMD decile from the ONS Postcode
//! Directory (ONSPD) CSV, so reach can be counted by deprivation. Only the columns it needs are
//! read (`pcds`, `imd`, and `ctry` where present, to keep England's postcodes: the IMD rank of
//! other nations is a different index). Every row is checked first; a file with any bad row
//! loads nothing and says which rows, and a good one replaces the earlier data in one go.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use domain::equality::imd_decile;
use domain::values::Postcode;

use crate::DatabaseArgs;
use crate::onspd::{Onspd, refuse};

/// England's country code in the ONSPD.
const ENGLAND: &str = "E92000001";

/// What to load.
#[derive(Args)]
pub struct LoadArgs {
    /// The ONSPD CSV file (or any CSV with `pcds` and `imd` columns).
    file: PathBuf,
    /// The release's copyright year, for the attribution its licence requires.
    #[arg(long)]
    copyright_year: i32,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// Each postcode with its decile, or the problems found, one per bad row.
type Rows = Result<Vec<(Postcode, u8)>, Vec<String>>;

/// Reads `file` into (postcode, decile) pairs, or the problems found.
fn read(file: &Path) -> anyhow::Result<Rows> {
    let mut onspd = Onspd::open(file)?;
    let postcode_at = onspd.required(&["pcds", "pcd"], "the postcode")?;
    let imd_at = onspd.required(&["imd"], "the IMD rank")?;
    let country_at = onspd.column(&["ctry"]);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (line, record) in onspd.rows() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {line}: {e}"));
                continue;
            }
        };
        if country_at.is_some_and(|at| record.get(at).is_some_and(|c| c.trim() != ENGLAND)) {
            continue;
        }
        let raw_rank = record.get(imd_at).unwrap_or("").trim();
        if raw_rank.is_empty() {
            continue;
        }
        let raw_postcode = record.get(postcode_at).unwrap_or("");
        let postcode = match Postcode::parse(raw_postcode) {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("line {line}: pcds {raw_postcode:?}: {}", e.0));
                continue;
            }
        };
        match raw_rank.parse::<u32>().ok().and_then(imd_decile) {
            Some(decile) => rows.push((postcode, decile)),
            None => problems.push(format!(
                "line {line}: imd {raw_rank:?} is not a rank from 1 to {}",
                domain::equality::IOD2019_LSOAS
            )),
        }
    }
    Ok(if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    })
}

/// Loads the file, or prints each bad row and exits with status 2 having loaded nothing.
pub async fn load(args: LoadArgs) -> anyhow::Result<()> {
    let rows = match read(&args.file)? {
        Ok(rows) => rows,
        Err(problems) => refuse(&problems),
    };
    let store = store::open(&args.database.database_url)
        .await
        .context("opening the database")?;
    let app = app::App::new(store, Arc::new(app::SystemClock), "");
    let n = app
        .load_postcode_deprivation(rows, args.copyright_year)
        .await?;
    println!("Loaded the IMD decile of {n} English postcodes.");
    Ok(())
}
