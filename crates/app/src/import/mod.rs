//! Importing spreadsheets of people, roles, sites, check and training records, hours, service
//! users and carers. Every row goes through the same domain rules as the forms; the whole file is
//! written in one transaction, or (with `skip_invalid`) the good rows are; nothing is written on
//! a dry run. The report names every problem by row and column.

pub mod file;
pub mod interrupted;
mod people;
mod person_rows;
mod records;
mod setup;
mod support;
pub mod uploads;

use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::import::{
    ImportKind, MappedRow, Mapping, Merge, Problem, ResolvedMapping, guess_mapping,
};
use domain::staff::Capability;
use serde::{Deserialize, Serialize};

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

pub use file::{Table, read_table};

/// How to run an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Check everything and report, writing nothing.
    pub dry_run: bool,
    /// Import the good rows when some are bad (otherwise one bad row stops the whole file).
    pub skip_invalid: bool,
    /// Which column holds which field; guessed from the headers when not given.
    pub mapping: Option<Mapping>,
    /// The file's name, for the audit log and history.
    pub file_name: String,
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// What was imported.
    pub kind: ImportKind,
    /// Rows read (not counting blank ones).
    pub rows: u64,
    /// Rows that passed every check.
    pub valid_rows: u64,
    /// New records written (or that would be, on a dry run).
    pub created: u64,
    /// Rows that matched someone already recorded.
    pub merged: Vec<Merge>,
    /// Every problem, by row and column.
    pub problems: Vec<Problem>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether anything was written.
    pub saved: bool,
    /// The mapping used.
    pub mapping: Mapping,
}

impl ImportReport {
    /// Rows with at least one problem.
    pub fn invalid_rows(&self) -> u64 {
        self.rows - self.valid_rows
    }

    /// The report as CSV rows, header first.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        domain::import::report_csv_rows(&self.problems, &self.merged)
    }

    /// A one-line summary in plain English.
    pub fn summary(&self) -> String {
        let what = self.kind_noun();
        let merged = if self.merged.is_empty() {
            String::new()
        } else {
            format!(", {} matched records already held", self.merged.len())
        };
        if self.dry_run {
            format!(
                "Checked {} rows: {} ready to import ({} new {what}{merged}), {} with problems. Nothing was saved (dry run).",
                self.rows,
                self.valid_rows,
                self.created,
                self.invalid_rows()
            )
        } else if self.saved {
            format!(
                "Imported {} of {} rows: {} new {what}{merged}{}.",
                self.valid_rows,
                self.rows,
                self.created,
                if self.invalid_rows() > 0 {
                    format!("; {} rows with problems were skipped", self.invalid_rows())
                } else {
                    String::new()
                }
            )
        } else if let Some(why) = self.whole_file_failure() {
            if why.to_lowercase().contains("nothing") {
                why.to_owned()
            } else {
                format!("Nothing was imported: {why}")
            }
        } else {
            format!(
                "Nothing was imported: {} of {} rows have problems. Fix them and import the file again{}.",
                self.invalid_rows(),
                self.rows,
                if self.valid_rows > 0 {
                    ", or choose to skip the rows with problems"
                } else {
                    ""
                }
            )
        }
    }

    /// Why nothing was read, when the file as a whole failed (it could not be used, or the
    /// server stopped during the import) rather than any row.
    fn whole_file_failure(&self) -> Option<&str> {
        if self.rows > 0 {
            return None;
        }
        self.problems
            .iter()
            .find(|p| p.row.is_none())
            .map(|p| p.message.as_str())
    }

    fn kind_noun(&self) -> &'static str {
        match self.kind {
            ImportKind::People => "people",
            ImportKind::Roles => "roles",
            ImportKind::Sites => "sites",
            ImportKind::Checks => "check records",
            ImportKind::Training => "training records",
            ImportKind::Hours => "hours records",
            ImportKind::ServiceUsers => "service users",
            ImportKind::Carers => "carers",
        }
    }
}

/// Where an import has got to, for a progress bar.
pub trait ImportProgress: Send + Sync {
    /// A new stage begins, with the amount of work in it.
    fn stage(&self, name: &str, total: u64);
    /// Work done so far in this stage.
    fn done(&self, done: u64);
}

/// Progress nobody watches.
pub struct NoProgress;

impl ImportProgress for NoProgress {
    fn stage(&self, _: &str, _: u64) {}
    fn done(&self, _: u64) {}
}

/// What checking a file's rows produced: the writes for the good rows, and the report's parts.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Writes for the good rows (other than a people import's bulk rows).
    pub writes: Vec<Write>,
    /// A people import's rows.
    pub people: crate::ports::PeopleBatch,
    /// Rows read.
    pub rows: u64,
    /// Rows without problems.
    pub valid_rows: u64,
    /// New records.
    pub created: u64,
    /// Matches with records already held.
    pub merged: Vec<Merge>,
    /// Problems.
    pub problems: Vec<Problem>,
}

impl Plan {
    /// Records a row's problems (if any); true when it had none.
    pub fn check_row(&mut self, problems: Vec<Problem>) -> bool {
        self.rows += 1;
        if problems.is_empty() {
            self.valid_rows += 1;
            true
        } else {
            self.problems.extend(problems);
            false
        }
    }
}

/// A row's field errors, each under the column that holds the field. `columns` renames the
/// domain input's field names where the import calls them something else.
pub(crate) fn row_problems(
    row: u64,
    errors: &FieldErrors,
    mapping: &ResolvedMapping,
    columns: &[(&str, &str)],
) -> Vec<Problem> {
    errors
        .0
        .iter()
        .map(|e| {
            let key = columns
                .iter()
                .find(|(field, _)| *field == e.field)
                .map_or(e.field.as_str(), |(_, key)| key);
            Problem::at(row, &mapping.column_name(key), e.message.clone())
        })
        .collect()
}

/// Turns a file-level problem into the field errors a bad file is refused with.
fn file_errors(problems: Vec<Problem>) -> AppError {
    let mut errors = FieldErrors::new();
    for p in problems {
        errors.add("file", p.sentence());
    }
    errors.into()
}

/// Reads each row through the mapping with its unreadable cells (dates); blank rows are skipped.
pub(crate) fn read_rows<'a>(
    table: &'a Table,
    mapping: &'a ResolvedMapping,
) -> impl Iterator<Item = (MappedRow, Vec<Problem>)> + 'a {
    table.rows.iter().filter_map(move |(row, record)| {
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        Some(mapping.read_row(*row, &cells))
    })
}

/// Reads each row through the mapping, reporting unreadable cells (dates); blank rows are skipped.
pub(crate) fn mapped_rows<'a>(
    table: &'a Table,
    mapping: &'a ResolvedMapping,
) -> impl Iterator<Item = Result<MappedRow, Vec<Problem>>> + 'a {
    table.rows.iter().filter_map(move |(row, record)| {
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        Some(mapping.map_row(*row, &cells))
    })
}

impl App {
    /// The mapping a file's headers suggest, with the headers (for the mapping page).
    pub fn guess_import_mapping(&self, kind: ImportKind, table: &Table) -> Mapping {
        guess_mapping(kind, &table.headers)
    }

    /// Reads a file for import; a file that cannot be read is refused naming why (field `file`).
    pub fn read_import_file(&self, bytes: &[u8]) -> Result<Table, AppError> {
        read_table(bytes).map_err(|p| file_errors(vec![p]))
    }

    /// Imports a file of `kind` into the scope's organisation. Only volunteer managers and
    /// admins may. A file that cannot be read, or whose mapping does not fit it, is refused
    /// (`Invalid`, field `file`); problems with rows are in the report, and unless
    /// `skip_invalid` is set any problem means nothing is written.
    pub async fn import(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        bytes: &[u8],
        options: &ImportOptions,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        progress.stage("Reading the file", bytes.len() as u64);
        let table = self.read_import_file(bytes)?;
        progress.done(bytes.len() as u64);
        self.import_table(scope, kind, table, options, progress)
            .await
    }

    /// Imports rows already read from a file (see [`App::import`]).
    pub async fn import_table(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        table: Table,
        options: &ImportOptions,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let mapping = options
            .mapping
            .clone()
            .unwrap_or_else(|| guess_mapping(kind, &table.headers));
        let resolved = mapping.resolve(kind, &table.headers).map_err(file_errors)?;
        progress.stage("Checking rows", table.rows.len() as u64);
        let plan = match kind {
            ImportKind::People => self.plan_people(scope, &table, &resolved, progress).await?,
            ImportKind::Sites => self.plan_sites(scope, &table, &resolved).await?,
            ImportKind::Roles => self.plan_roles(scope, &table, &resolved).await?,
            ImportKind::Checks | ImportKind::Training => {
                self.plan_records(scope, kind, &table, &resolved).await?
            }
            ImportKind::Hours => self.plan_hours(scope, &table, &resolved).await?,
            ImportKind::ServiceUsers | ImportKind::Carers => {
                self.plan_supported(scope, kind, &table, &resolved).await?
            }
        };
        drop(table);
        let Plan {
            mut writes,
            people,
            rows,
            valid_rows,
            created,
            merged,
            mut problems,
        } = plan;
        if rows == 0 {
            problems.push(Problem::file(
                "",
                "The file has a header row but no rows under it",
            ));
        }
        let ok_to_save =
            !options.dry_run && valid_rows > 0 && (problems.is_empty() || options.skip_invalid);
        let mut report = ImportReport {
            kind,
            rows,
            valid_rows,
            created,
            merged,
            problems,
            dry_run: options.dry_run,
            saved: false,
            mapping,
        };
        if !ok_to_save {
            return Ok(report);
        }
        let mut audit = AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            "import.completed",
            "organisation",
            // The import is a change to the organisation's records as a whole.
            scope.organisation_id().0,
            self.clock.now(),
        );
        audit.detail = format!(
            "{} from {}: {} rows, {} imported, {} new, {} matched, {} skipped",
            kind.code_str(),
            if options.file_name.is_empty() {
                "a file"
            } else {
                &options.file_name
            },
            report.rows,
            report.valid_rows,
            report.created,
            report.merged.len(),
            report.invalid_rows()
        );
        writes.push(Write::Audit(audit));
        if people.is_empty() {
            progress.stage("Saving", writes.len() as u64);
            self.store.apply(writes).await?;
        } else {
            progress.stage("Saving", people.len() as u64);
            self.store
                .apply_people_import(&people, writes, &|n| progress.done(n))
                .await?;
        }
        report.saved = true;
        Ok(report)
    }
}

/// The kind's code, without importing the trait at every use.
trait KindCode {
    fn code_str(self) -> &'static str;
}

impl KindCode for ImportKind {
    fn code_str(self) -> &'static str {
        domain::Labelled::code(self)
    }
}
