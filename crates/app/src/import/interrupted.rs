//! Imports a stopped server left "running". An import writes its records in one transaction
//! (`Store::apply`, or `apply_people_import` for people), so one cut short by a restart saved
//! nothing; at start-up `alongside serve` marks each failed, saying so, instead of leaving the
//! manager's page waiting for ever.

use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::import::{ImportKind, Mapping, Problem};

use super::ImportReport;
use crate::ports::{ImportWrite, Write};
use crate::{App, AppError};

/// What an interrupted import's report says.
pub const INTERRUPTED: &str =
    "The server stopped while this import was running; nothing from it was saved.";

impl App {
    /// Marks every import still "running" as failed with [`INTERRUPTED`] and an audit entry
    /// (`import.interrupted`), returning how many. Call it before serving: a server running
    /// imports of its own against the same database would see them marked too.
    pub async fn fail_interrupted_imports(&self) -> Result<usize, AppError> {
        let running = self.store.running_uploads().await?;
        let now = self.clock.now();
        let mut writes = Vec::new();
        for upload in &running {
            // An upload's kind was checked when it was made; an unknown one still gets failed.
            let kind = ImportKind::from_code(&upload.kind).unwrap_or(ImportKind::People);
            let report = ImportReport {
                kind,
                rows: 0,
                valid_rows: 0,
                created: 0,
                merged: Vec::new(),
                problems: vec![Problem::file("", INTERRUPTED)],
                dry_run: false,
                saved: false,
                mapping: Mapping::from_lines(kind, &upload.mapping).unwrap_or_default(),
            };
            let report =
                serde_json::to_string(&report).map_err(|e| AppError::Internal(e.to_string()))?;
            writes.push(Write::Import(ImportWrite::FailInterrupted {
                organisation_id: upload.organisation_id,
                id: upload.id,
                report,
                at: now,
            }));
            writes.push(Write::Audit(
                AuditEntry::new(
                    Some(upload.organisation_id),
                    Actor::System,
                    "import.interrupted",
                    "organisation",
                    upload.organisation_id.0,
                    now,
                )
                .with_detail(format!(
                    "{} from {}: the server stopped during the import; nothing was saved",
                    upload.kind, upload.file_name
                )),
            ));
        }
        if !writes.is_empty() {
            self.store.apply(writes).await?;
        }
        Ok(running.len())
    }
}
