//! Reading the ONS Postcode Directory (ONSPD) CSV, shared by the loaders of postcode reference
//! data: columns found by their header names (with or without a byte-order mark), each row
//! checked, and a file with any bad row loading nothing.

use std::path::Path;

use anyhow::{Context, bail};

/// The most row problems printed.
const SHOWN: usize = 20;

/// An open ONSPD file and where its columns are.
pub(crate) struct Onspd {
    reader: csv::Reader<std::fs::File>,
    headers: csv::StringRecord,
}

impl Onspd {
    /// Opens `file` and reads its header row.
    pub(crate) fn open(file: &Path) -> anyhow::Result<Self> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(file)
            .with_context(|| format!("opening {}", file.display()))?;
        let headers = reader.headers().context("reading the header row")?.clone();
        Ok(Self { reader, headers })
    }

    /// The position of the first column with one of `names`, if any.
    pub(crate) fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.trim().trim_start_matches('\u{feff}')))
    }

    /// The position of a column the loader cannot do without.
    pub(crate) fn required(&self, names: &[&str], what: &str) -> anyhow::Result<usize> {
        match self.column(names) {
            Some(at) => Ok(at),
            None => bail!("the header row has no {} column ({what})", names[0]),
        }
    }

    /// Each data row with its line number (the header is line 1), or the line's read error.
    pub(crate) fn rows(
        &mut self,
    ) -> impl Iterator<Item = (usize, Result<csv::StringRecord, String>)> + '_ {
        self.reader
            .records()
            .enumerate()
            .map(|(i, r)| (i + 2, r.map_err(|e| e.to_string())))
    }
}

/// Prints each problem (the first few) and exits with status 2, having loaded nothing.
pub(crate) fn refuse(problems: &[String]) -> ! {
    for p in problems.iter().take(SHOWN) {
        eprintln!("error: {p}");
    }
    if problems.len() > SHOWN {
        eprintln!("error: and {} more rows", problems.len() - SHOWN);
    }
    eprintln!("Nothing was loaded.");
    std::process::exit(2);
}
