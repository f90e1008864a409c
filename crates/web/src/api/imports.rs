//! Imports over the API: `POST /api/v1/imports/{kind}` with the spreadsheet (CSV or .xlsx) as the
//! body, or as the `file` part of a multipart form (with optional `mapping`, `dry_run` and
//! `skip_invalid` parts). The answer is the import's report; a file that cannot be read or
//! mapped is a problem+json 422 naming `file`.

use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::routing::post;
use axum::{Json, Router};
use domain::import::{ImportKind, Mapping, MergedOn};
use domain::{FieldErrors, Labelled};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::query_value;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
use crate::posted_form::PostedForm;

/// The largest file an import takes (a million people rows is about 90 MB).
pub(crate) const MAX_IMPORT_BYTES: usize = 200 * 1024 * 1024;

/// The import route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/imports/{kind}", post(import))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES))
}

/// One problem in the report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportProblemView {
    /// The spreadsheet's row (the header is row 1); absent for the file as a whole.
    pub row: Option<u64>,
    /// The column's header.
    pub column: String,
    /// What is wrong, in plain English.
    pub message: String,
}

/// A row that matched a record already held (kept, not duplicated).
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportMergeView {
    /// The row.
    pub row: u64,
    /// Who or what it matched.
    pub name: String,
    /// `email`, `name_and_date_of_birth` or `name`.
    pub matched_on: String,
    /// Whether they were already with the organisation (otherwise they were added to it).
    pub already_here: bool,
    /// What the file changed on the record kept, in words (empty when nothing changed).
    pub changed: Vec<String>,
    /// The match in words.
    pub sentence: String,
}

/// What an import found and did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportReportView {
    /// The kind of import.
    pub kind: String,
    /// Rows read (blank rows not counted).
    pub rows: u64,
    /// Rows without problems.
    pub valid_rows: u64,
    /// New records written (or that would be, on a dry run).
    pub created: u64,
    /// Whether anything was written. False on a dry run, and when any row has a problem unless
    /// `skip_invalid` was set.
    pub saved: bool,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// The outcome in one sentence.
    pub summary: String,
    /// Every problem, by row and column.
    pub problems: Vec<ImportProblemView>,
    /// Rows matched to records already held.
    pub merged: Vec<ImportMergeView>,
    /// The columns used for each field (field, then column header).
    pub mapping: Vec<(String, String)>,
}

impl From<app::import::ImportReport> for ImportReportView {
    fn from(r: app::import::ImportReport) -> Self {
        Self {
            kind: r.kind.code().to_owned(),
            rows: r.rows,
            valid_rows: r.valid_rows,
            created: r.created,
            saved: r.saved,
            dry_run: r.dry_run,
            summary: r.summary(),
            problems: r
                .problems
                .iter()
                .map(|p| ImportProblemView {
                    row: p.row,
                    column: p.column.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            merged: r
                .merged
                .iter()
                .map(|m| ImportMergeView {
                    row: m.row,
                    name: m.name.clone(),
                    matched_on: match m.on {
                        MergedOn::Email => "email",
                        MergedOn::NameAndDateOfBirth => "name_and_date_of_birth",
                        MergedOn::Name => "name",
                    }
                    .to_owned(),
                    already_here: m.already_here,
                    changed: m.changed.clone(),
                    sentence: m.sentence(),
                })
                .collect(),
            mapping: r.mapping.pairs().to_vec(),
        }
    }
}

fn yes(value: Option<String>) -> bool {
    value.is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes" | "on"))
}

/// Import a spreadsheet
///
/// Send the file as the body (`text/csv`, an `.xlsx` workbook, or `application/octet-stream`),
/// or as the `file` part of `multipart/form-data`. CSV may be UTF-8 (with or without a
/// byte-order mark) or Windows-1252, with `,` or `;` between fields; dates may be `05/03/2024`
/// (day first), `5 March 2024`, `2024-03-05` or Excel serial numbers. Columns are guessed from
/// the headers unless `mapping` gives `field = Column header` lines. Every row is checked with
/// the same rules as the forms; unless `skip_invalid` is set, one bad row means nothing is
/// saved (the report says which). People already held (same email, or same name and date of
/// birth) are matched, not duplicated. Volunteer managers and admins only.
#[utoipa::path(
    post,
    path = "/api/v1/imports/{kind}",
    tag = "imports",
    params(
        ("kind" = String, Path, description = "people, roles, sites, checks, training, hours, service-users or carers"),
        ("dry_run" = Option<bool>, Query, description = "Check and report, saving nothing"),
        ("skip_invalid" = Option<bool>, Query, description = "Save the rows without problems and report the rest"),
        ("mapping" = Option<String>, Query, description = "`field = Column header` lines (newline-separated)"),
    ),
    request_body(description = "The spreadsheet", content(("text/csv"), ("application/octet-stream"), ("multipart/form-data"))),
    responses(
        (status = 200, description = "The report (see `saved` for whether anything was written)", body = ImportReportView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 403, description = "The token's staff member may not import", body = Problem, content_type = PROBLEM_JSON),
        (status = 404, description = "No such kind of import", body = Problem, content_type = PROBLEM_JSON),
        (status = 409, description = "Someone else saved a clashing record at the same moment; nothing was saved", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "The file cannot be read or its columns do not fit the mapping (`file`); nothing was saved", body = Problem, content_type = PROBLEM_JSON),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    Path(kind): Path<String>,
    RawQuery(query): RawQuery,
    request: Request,
) -> Result<Json<ImportReportView>, ApiError> {
    let kind = ImportKind::from_code(&kind).ok_or(app::AppError::NotFound)?;
    let query = query.unwrap_or_default();
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let too_large = || FieldErrors::one("file", "The file must be 200 MB or smaller");
    let (name, bytes, fields) = if multipart {
        let posted = PostedForm::read(request, "file").await;
        if posted.unreadable {
            return Err(too_large().into());
        }
        let (name, bytes) = posted.file.unwrap_or_default();
        (name, bytes, posted.fields)
    } else {
        let name = super::expenses::file_name(request.headers());
        let bytes = axum::body::to_bytes(request.into_body(), MAX_IMPORT_BYTES)
            .await
            .map_err(|_| too_large())?;
        (name, bytes.to_vec(), Vec::new())
    };
    if bytes.is_empty() {
        return Err(FieldErrors::one("file", "Send the file to import").into());
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .or_else(|| query_value(&query, name))
    };
    let mapping = match field("mapping").filter(|m| !m.is_empty()) {
        None => None,
        Some(text) => {
            Some(Mapping::from_lines(kind, &text).map_err(|e| FieldErrors::one("mapping", e))?)
        }
    };
    let options = app::import::ImportOptions {
        dry_run: yes(field("dry_run")),
        skip_invalid: yes(field("skip_invalid")),
        mapping,
        file_name: name,
    };
    let report = state
        .app
        .import(&scope, kind, &bytes, &options, &app::import::NoProgress)
        .await?;
    Ok(Json(report.into()))
}
