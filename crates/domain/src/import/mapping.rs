//! A column mapping (which header holds which field), checked against a file's headers, and
//! applied to one row.

use serde::{Deserialize, Serialize};

use super::report::Problem;
use super::{FieldSpec, ImportKind, fields, parse_spreadsheet_date};
use crate::Labelled;

/// Which column holds each field, by its header's text, so a saved mapping fits any file with
/// those headers in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping(Vec<(String, String)>);

impl Mapping {
    /// The header mapped to `key`.
    pub fn column_for(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, h)| h.as_str())
    }

    /// Maps `key` to `header` (an empty header unmaps it).
    pub fn set(&mut self, key: &str, header: &str) {
        self.0.retain(|(k, _)| k != key);
        if !header.trim().is_empty() {
            self.0.push((key.to_owned(), header.to_owned()));
        }
    }

    /// Every header used.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, h)| h.as_str())
    }

    /// Every (field, header) pair.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The mapping as text, one `field = Header` a line (how it is saved, and the format of
    /// the CLI's `--mapping` file).
    pub fn to_lines(&self) -> String {
        self.0.iter().map(|(k, h)| format!("{k} = {h}\n")).collect()
    }

    /// Reads `field = Header` lines (blank lines and lines starting `#` are skipped). Fields
    /// the kind does not have are refused, naming the line.
    pub fn from_lines(kind: ImportKind, text: &str) -> Result<Self, String> {
        let mut mapping = Self::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, header)) = line.split_once('=') else {
                return Err(format!("line {}: write it as field = Column header", n + 1));
            };
            let key = key.trim();
            if !fields(kind).iter().any(|f| f.key == key) {
                let known: Vec<&str> = fields(kind).iter().map(|f| f.key).collect();
                return Err(format!(
                    "line {}: {} imports have no field \"{key}\" (they have {})",
                    n + 1,
                    kind.code(),
                    known.join(", ")
                ));
            }
            mapping.set(key, header.trim());
        }
        Ok(mapping)
    }

    /// Checks the mapping against a file's headers: every mapped header must be in the file
    /// and every required field mapped (for people, a full-name column may stand in for first
    /// and last names).
    pub fn resolve(
        &self,
        kind: ImportKind,
        headers: &[String],
    ) -> Result<ResolvedMapping, Vec<Problem>> {
        let specs = fields(kind);
        let mut problems = Vec::new();
        let mut columns = vec![None; specs.len()];
        for (f, spec) in specs.iter().enumerate() {
            let Some(header) = self.column_for(spec.key) else {
                continue;
            };
            match headers.iter().position(|h| h.trim() == header.trim()) {
                Some(i) => columns[f] = Some(i),
                None => problems.push(Problem::file(
                    header,
                    format!(
                        "The file has no column called \"{header}\" (for {})",
                        spec.label
                    ),
                )),
            }
        }
        let has = |key: &str| {
            specs
                .iter()
                .zip(&columns)
                .any(|(s, c)| s.key == key && c.is_some())
        };
        for (spec, column) in specs.iter().zip(&columns) {
            let stands_in = matches!(spec.key, "given_name" | "family_name")
                && kind == ImportKind::People
                && has("full_name");
            if spec.required && column.is_none() && !stands_in {
                problems.push(Problem::file(
                    spec.label,
                    format!("Choose the column that holds {}", spec.label.to_lowercase()),
                ));
            }
        }
        if problems.is_empty() {
            Ok(ResolvedMapping {
                specs,
                columns,
                headers: headers.to_vec(),
            })
        } else {
            Err(problems)
        }
    }
}

/// A mapping checked against one file: each field's column number.
#[derive(Debug, Clone)]
pub struct ResolvedMapping {
    specs: &'static [FieldSpec],
    columns: Vec<Option<usize>>,
    headers: Vec<String>,
}

impl ResolvedMapping {
    /// The column a field's problems are reported under: its header, or its label when unmapped.
    pub fn column_name(&self, key: &str) -> String {
        self.specs
            .iter()
            .zip(&self.columns)
            .find(|(s, _)| s.key == key)
            .map(|(s, c)| {
                c.and_then(|i| self.headers.get(i).cloned())
                    .unwrap_or_else(|| s.label.to_owned())
            })
            .unwrap_or_else(|| key.to_owned())
    }

    /// Reads one row: each field's cell, trimmed; dates turned into `YYYY-MM-DD`. `row` is the
    /// spreadsheet's row number, for the report. A date that cannot be read is a problem (and
    /// is left empty in the row, so the row's other problems can still be found).
    pub fn read_row(&self, row: u64, cells: &[&str]) -> (MappedRow, Vec<Problem>) {
        let mut values = Vec::with_capacity(self.specs.len());
        let mut problems = Vec::new();
        for (spec, column) in self.specs.iter().zip(&self.columns) {
            let raw = column.and_then(|i| cells.get(i)).map_or("", |c| c.trim());
            if spec.date && !raw.is_empty() {
                match parse_spreadsheet_date(raw) {
                    Ok(d) => values.push(d.to_string()),
                    Err(e) => {
                        let column = self.column_name(spec.key);
                        problems.push(Problem::at(row, &column, e.message(spec.label, raw)));
                        values.push(String::new());
                    }
                }
            } else {
                values.push(raw.to_owned());
            }
        }
        (
            MappedRow {
                row,
                specs: self.specs,
                values,
            },
            problems,
        )
    }

    /// [`ResolvedMapping::read_row`], as the row or its date problems.
    pub fn map_row(&self, row: u64, cells: &[&str]) -> Result<MappedRow, Vec<Problem>> {
        match self.read_row(row, cells) {
            (row, problems) if problems.is_empty() => Ok(row),
            (_, problems) => Err(problems),
        }
    }
}

/// One row read through a mapping.
#[derive(Debug, Clone)]
pub struct MappedRow {
    /// The spreadsheet's row number (the header is row 1).
    pub row: u64,
    specs: &'static [FieldSpec],
    values: Vec<String>,
}

impl MappedRow {
    /// A field's value ("" when the column is empty or unmapped).
    pub fn get(&self, key: &str) -> &str {
        self.specs
            .iter()
            .position(|s| s.key == key)
            .and_then(|i| self.values.get(i))
            .map_or("", String::as_str)
    }

    /// A field's value, taken out of the row.
    pub fn take(&mut self, key: &str) -> String {
        self.specs
            .iter()
            .position(|s| s.key == key)
            .and_then(|i| self.values.get_mut(i))
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Whether every cell is empty (a blank line in the sheet, skipped).
    pub fn is_blank(&self) -> bool {
        self.values.iter().all(String::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lines_round_trip_and_unknown_fields_are_refused() {
        let m = Mapping::from_lines(
            ImportKind::People,
            "# people\nemail = E-mail\n\ngiven_name=Forename\n",
        )
        .unwrap();
        assert_eq!(m.column_for("email"), Some("E-mail"));
        assert_eq!(
            Mapping::from_lines(ImportKind::People, &m.to_lines()).unwrap(),
            m
        );
        let err = Mapping::from_lines(ImportKind::Sites, "colour = Colour").unwrap_err();
        assert!(
            err.starts_with("line 1: sites imports have no field \"colour\""),
            "{err}"
        );
    }

    #[test]
    fn resolving_names_missing_columns_and_required_fields() {
        let mut m = Mapping::default();
        m.set("email", "Email");
        m.set("phone", "Telephone");
        let problems = m
            .resolve(ImportKind::People, &headers(&["Email", "Name"]))
            .unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.contains(&"The file has no column called \"Telephone\" (for Phone)"));
        assert!(messages.contains(&"Choose the column that holds first name"));
        m.set("phone", "");
        m.set("full_name", "Name");
        assert!(
            m.resolve(ImportKind::People, &headers(&["Email", "Name"]))
                .is_ok()
        );
    }

    #[test]
    fn rows_are_trimmed_and_dates_normalised() {
        let mut m = Mapping::default();
        m.set("given_name", "First");
        m.set("family_name", "Last");
        m.set("email", "Email");
        m.set("date_of_birth", "DOB");
        let r = m
            .resolve(
                ImportKind::People,
                &headers(&["First", "Last", "Email", "DOB"]),
            )
            .unwrap();
        let row = r
            .map_row(2, &[" Asha ", "Patel", "a@b.org", "05/03/1990"])
            .unwrap();
        assert_eq!(row.get("given_name"), "Asha");
        assert_eq!(row.get("date_of_birth"), "1990-03-05");
        assert_eq!(row.get("phone"), "");
        let problems = r
            .map_row(3, &["A", "B", "c@d.org", "31/02/1990"])
            .unwrap_err();
        assert_eq!(problems[0].row, Some(3));
        assert_eq!(problems[0].column, "DOB");
        assert_eq!(
            problems[0].message,
            "Date of birth \"31/02/1990\" is not a real date"
        );
    }
}
