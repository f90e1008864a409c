//! The manager's import pages: a file is uploaded and kept (the server keeps nothing in memory
//! between requests), its mapping chosen, previewed as a dry run, then imported in the
//! background while the page shows the progress recorded on the upload's row. Mappings can be
//! saved by name and reused.

use domain::import::{ImportKind, Mapping, Problem};
use domain::staff::Capability;
use domain::{FieldErrors, Labelled};
use uuid::Uuid;

use super::{ImportOptions, ImportProgress, ImportReport, NoProgress, Table};
use crate::ports::{ImportUpload, ImportWrite, SavedMapping, Write};
use crate::{App, AppError, OrgScope};

/// How many rows the mapping page shows.
pub const SAMPLE_ROWS: usize = 5;

/// An upload with what the mapping page shows: the headers, the first rows and the mapping.
#[derive(Debug, Clone)]
pub struct UploadView {
    /// The upload.
    pub upload: ImportUpload,
    /// Its kind.
    pub kind: ImportKind,
    /// The file's headers.
    pub headers: Vec<String>,
    /// Its first rows.
    pub sample: Vec<Vec<String>>,
    /// The mapping chosen so far (guessed at upload).
    pub mapping: Mapping,
    /// The report, once the import has finished.
    pub report: Option<ImportReport>,
}

fn kind_of(upload: &ImportUpload) -> Result<ImportKind, AppError> {
    ImportKind::from_code(&upload.kind).ok_or(AppError::NotFound)
}

impl App {
    /// Keeps an uploaded file for import and guesses its mapping. A file that cannot be read is
    /// refused naming why (field `file`).
    pub async fn upload_import(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        file_name: &str,
        content: Vec<u8>,
    ) -> Result<Uuid, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        if content.is_empty() {
            return Err(FieldErrors::one("file", "Choose a file to import").into());
        }
        let table = self.read_import_file(&content)?;
        let mapping = self.guess_import_mapping(kind, &table);
        let person = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let upload = ImportUpload {
            id: Uuid::now_v7(),
            organisation_id: scope.organisation_id(),
            kind: kind.code().to_owned(),
            file_name: domain::without_control_characters(file_name)
                .chars()
                .take(200)
                .collect(),
            content,
            mapping: mapping.to_lines(),
            skip_invalid: false,
            status: "uploaded".into(),
            stage: String::new(),
            done_rows: 0,
            total_rows: i64::try_from(table.rows.len()).unwrap_or(i64::MAX),
            report: None,
            created_by: person,
            created_at: self.clock.now(),
        };
        let id = upload.id;
        self.store
            .apply(vec![Write::Import(ImportWrite::InsertUpload(upload))])
            .await?;
        Ok(id)
    }

    async fn upload_in_scope(&self, scope: &OrgScope, id: Uuid) -> Result<ImportUpload, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.store
            .import_upload(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// An upload with its headers, first rows, mapping and (once finished) report.
    pub async fn import_upload(&self, scope: &OrgScope, id: Uuid) -> Result<UploadView, AppError> {
        let upload = self.upload_in_scope(scope, id).await?;
        let kind = kind_of(&upload)?;
        let table = if upload.content.is_empty() {
            Table::default()
        } else {
            self.read_import_file(&upload.content)?
        };
        let mapping = Mapping::from_lines(kind, &upload.mapping).unwrap_or_default();
        let report = upload
            .report
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok());
        Ok(UploadView {
            kind,
            headers: table.headers.clone(),
            sample: table
                .rows
                .iter()
                .take(SAMPLE_ROWS)
                .map(|(_, r)| r.iter().map(str::to_owned).collect())
                .collect(),
            mapping,
            report,
            upload,
        })
    }

    /// Sets an upload's mapping and whether to skip invalid rows (before it is imported).
    pub async fn set_upload_mapping(
        &self,
        scope: &OrgScope,
        id: Uuid,
        mapping: &Mapping,
        skip_invalid: bool,
    ) -> Result<(), AppError> {
        let upload = self.upload_in_scope(scope, id).await?;
        let kind = kind_of(&upload)?;
        let table = self.read_import_file(&upload.content)?;
        mapping
            .resolve(kind, &table.headers)
            .map_err(mapping_errors)?;
        self.store
            .apply(vec![Write::Import(ImportWrite::SetUploadMapping {
                organisation_id: scope.organisation_id(),
                id,
                mapping: mapping.to_lines(),
                skip_invalid,
            })])
            .await?;
        Ok(())
    }

    /// A dry run of an upload with its mapping: the report, nothing written.
    pub async fn preview_upload(
        &self,
        scope: &OrgScope,
        id: Uuid,
    ) -> Result<ImportReport, AppError> {
        let upload = self.upload_in_scope(scope, id).await?;
        let options = self.upload_options(&upload, true)?;
        let table = self.read_import_file(&upload.content)?;
        self.import_table(scope, kind_of(&upload)?, table, &options, &NoProgress)
            .await
    }

    fn upload_options(
        &self,
        upload: &ImportUpload,
        dry_run: bool,
    ) -> Result<ImportOptions, AppError> {
        let kind = kind_of(upload)?;
        Ok(ImportOptions {
            dry_run,
            skip_invalid: upload.skip_invalid,
            mapping: Some(Mapping::from_lines(kind, &upload.mapping).unwrap_or_default()),
            file_name: upload.file_name.clone(),
        })
    }

    /// Marks an upload as importing; fails (conflict) if it was already started, so a file is
    /// imported once however often the button is pressed. Run it with [`App::run_upload`].
    pub async fn start_upload(&self, scope: &OrgScope, id: Uuid) -> Result<(), AppError> {
        let upload = self.upload_in_scope(scope, id).await?;
        self.store
            .apply(vec![Write::Import(ImportWrite::StartUpload(
                scope.organisation_id(),
                id,
                upload.total_rows,
            ))])
            .await?;
        Ok(())
    }

    /// Imports a started upload, recording its report (or why it failed) on its row.
    pub async fn run_upload(
        &self,
        scope: &OrgScope,
        id: Uuid,
        progress: &dyn ImportProgress,
    ) -> Result<ImportReport, AppError> {
        let upload = self.upload_in_scope(scope, id).await?;
        let kind = kind_of(&upload)?;
        let options = self.upload_options(&upload, false)?;
        let result = self
            .import(scope, kind, &upload.content, &options, progress)
            .await;
        let (status, report) = match &result {
            Ok(report) => ("done", report.clone()),
            Err(e) => {
                let problems = match e {
                    AppError::Invalid(errors) => errors
                        .0
                        .iter()
                        .map(|e| Problem::file("", e.message.clone()))
                        .collect(),
                    AppError::Conflict(why) => {
                        vec![Problem::file("", format!("Nothing was imported: {why}"))]
                    }
                    _ => vec![Problem::file(
                        "",
                        "Nothing was imported: something went wrong; try again",
                    )],
                };
                (
                    "failed",
                    ImportReport {
                        kind,
                        rows: 0,
                        valid_rows: 0,
                        created: 0,
                        merged: Vec::new(),
                        problems,
                        dry_run: false,
                        saved: false,
                        mapping: options.mapping.clone().unwrap_or_default(),
                    },
                )
            }
        };
        let json = serde_json::to_string(&report).map_err(|e| AppError::Internal(e.to_string()))?;
        self.store
            .apply(vec![Write::Import(ImportWrite::FinishUpload {
                organisation_id: scope.organisation_id(),
                id,
                status: status.into(),
                report: json,
                at: self.clock.now(),
            })])
            .await?;
        result
    }

    /// Records how far a running upload has got (for the page that shows its progress).
    pub async fn record_upload_progress(
        &self,
        scope: &OrgScope,
        id: Uuid,
        stage: &str,
        done_rows: u64,
    ) -> Result<(), AppError> {
        self.store
            .apply(vec![Write::Import(ImportWrite::UploadProgress {
                organisation_id: scope.organisation_id(),
                id,
                stage: stage.to_owned(),
                done_rows: i64::try_from(done_rows).unwrap_or(i64::MAX),
            })])
            .await?;
        Ok(())
    }

    /// Saves a mapping by name for reuse (replacing one of the same name).
    pub async fn save_import_mapping(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        name: &str,
        mapping: &Mapping,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let mut errors = FieldErrors::new();
        let name = errors.text("mapping_name", "a name for the mapping", name, 100);
        let name = errors.finish(|| name)?;
        self.store
            .apply(vec![Write::Import(ImportWrite::PutMapping(SavedMapping {
                id: Uuid::now_v7(),
                organisation_id: scope.organisation_id(),
                kind: kind.code().to_owned(),
                name,
                mapping: mapping.to_lines(),
                created_at: self.clock.now(),
            }))])
            .await?;
        Ok(())
    }

    /// The organisation's saved mappings for a kind, by name.
    pub async fn import_mappings(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
    ) -> Result<Vec<(String, Mapping)>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        Ok(self
            .store
            .import_mappings(scope.organisation_id(), kind.code())
            .await?
            .into_iter()
            .map(|m| {
                (
                    m.name,
                    Mapping::from_lines(kind, &m.mapping).unwrap_or_default(),
                )
            })
            .collect())
    }
}

fn mapping_errors(problems: Vec<Problem>) -> AppError {
    let mut errors = FieldErrors::new();
    for p in problems {
        errors.add("mapping", p.message);
    }
    errors.into()
}
