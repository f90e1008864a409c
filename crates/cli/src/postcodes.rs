//! `alongside postcodes load`: loads each postcode's centre (latitude and longitude) from the
//! ONS Postcode Directory CSV (`pcds`, `lat`, `long`), so matching can say how far a volunteer
//! lives from a service user. Postcodes the directory has no location for (`lat` 99.999999)
//! are skipped; any other bad row loads nothing and is named.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use domain::support::Location;
use domain::values::Postcode;

use crate::DatabaseArgs;
use crate::onspd::{Onspd, refuse};

/// What to load.
#[derive(Args)]
pub struct LoadArgs {
    /// The ONSPD CSV file (or any CSV with `pcds`, `lat` and `long` columns).
    file: PathBuf,
    #[command(flatten)]
    database: DatabaseArgs,
}

/// The directory's marker for a postcode with no grid reference.
const NO_LOCATION: f64 = 99.999_999;

/// Each postcode with its location, or the problems found, one per bad row.
type Rows = Result<Vec<(Postcode, Location)>, Vec<String>>;

/// Reads `file` into (postcode, location) pairs, or the problems found.
fn read(file: &Path) -> anyhow::Result<Rows> {
    let mut onspd = Onspd::open(file)?;
    let postcode_at = onspd.required(&["pcds", "pcd"], "the postcode")?;
    let lat_at = onspd.required(&["lat"], "the latitude")?;
    let long_at = onspd.required(&["long"], "the longitude")?;
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
        let field = |at: usize| record.get(at).unwrap_or("").trim().to_owned();
        let (raw_lat, raw_long) = (field(lat_at), field(long_at));
        let (Ok(latitude), Ok(longitude)) = (raw_lat.parse::<f64>(), raw_long.parse::<f64>())
        else {
            problems.push(format!(
                "line {line}: lat {raw_lat:?} and long {raw_long:?} must be numbers"
            ));
            continue;
        };
        if (latitude - NO_LOCATION).abs() < 1e-6 {
            continue;
        }
        if !(49.0..=61.0).contains(&latitude) || !(-9.0..=2.5).contains(&longitude) {
            problems.push(format!(
                "line {line}: lat {latitude} long {longitude} is not in the UK"
            ));
            continue;
        }
        let raw_postcode = field(postcode_at);
        match Postcode::parse(&raw_postcode) {
            Ok(p) => rows.push((
                p,
                Location {
                    latitude,
                    longitude,
                },
            )),
            Err(e) => problems.push(format!("line {line}: pcds {raw_postcode:?}: {}", e.0)),
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
    let n = app.load_postcode_locations(rows).await?;
    println!("Loaded the location of {n} postcodes.");
    Ok(())
}
