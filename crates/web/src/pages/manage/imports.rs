//! Importing spreadsheets at `/manage/{org}/import`: upload a file, check the columns (guessed,
//! changeable, savable by name), preview every problem, then import. The import runs in the
//! background and records its progress on the upload's row, which the page shows and refreshes
//! until it is done; the report downloads as CSV.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use app::import::uploads::UploadView;
use app::import::{ImportProgress, ImportReport};
use app::{AppError, OrgScope};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::import::{FieldSpec, ImportKind, Mapping, fields};
use domain::{FieldErrors, Labelled};
use uuid::Uuid;

use super::{id, managing_scope, to};
use crate::api::MAX_IMPORT_BYTES;
use crate::csv_export::{csv_download, csv_safe};
use crate::form::FormData;
use crate::layout::Layout;
use crate::pages::options;
use crate::posted_form::PostedForm;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/import", get(start).post(upload))
        .route("/manage/{org}/import/{id}", get(show))
        .route("/manage/{org}/import/{id}/mapping", post(set_mapping))
        .route("/manage/{org}/import/{id}/preview", get(preview))
        .route("/manage/{org}/import/{id}/start", post(run))
        .route("/manage/{org}/import/{id}/report.csv", get(report_csv))
        .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES))
}

#[derive(Template)]
#[template(path = "manage/import_start.html")]
struct StartPage {
    layout: Layout,
    slug: String,
    kinds: Vec<(&'static str, &'static str)>,
    kind: String,
}

async fn start_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    kind: String,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let scope = managing_scope(state, user, org).await?;
    let layout = Layout::for_org("Import a spreadsheet", user, &scope).with_errors(errors);
    let status = layout.status();
    Ok((
        status,
        Html(
            StartPage {
                layout,
                slug: org.to_owned(),
                kinds: options::<ImportKind>(),
                kind,
            }
            .render()?,
        ),
    )
        .into_response())
}

async fn start(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Response, WebError> {
    start_page(&state, &user, &org, String::new(), FieldErrors::new()).await
}

async fn upload(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    request: Request,
) -> Result<Response, WebError> {
    let posted = PostedForm::read(request, "file").await;
    let form = form_of(&posted);
    user.check_csrf(&form)?;
    let scope = managing_scope(&state, &user, &org).await?;
    let kind_code = form.get("kind");
    let mut errors = FieldErrors::new();
    let kind = ImportKind::from_code(&kind_code);
    if kind.is_none() {
        errors.add("kind", "Select what the file holds");
    }
    if posted.unreadable {
        errors.add("file", "The file must be 200 MB or smaller");
    } else if posted
        .file
        .as_ref()
        .is_none_or(|(_, bytes)| bytes.is_empty())
    {
        errors.add("file", "Choose a file to import");
    }
    if let (Some(kind), Some((name, bytes)), true) = (kind, posted.file, errors.is_empty()) {
        match state.app.upload_import(&scope, kind, &name, bytes).await {
            Ok(id) => return Ok(to(format!("/manage/{org}/import/{id}"))),
            Err(AppError::Invalid(e)) => errors = e,
            Err(e) => return Err(e.into()),
        }
    }
    start_page(&state, &user, &org, kind_code, errors).await
}

/// A posted form's fields as form data (for the anti-forgery check and reading fields).
fn form_of(posted: &PostedForm) -> FormData {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &posted.fields {
        s.append_pair(k, v);
    }
    FormData::parse(&axum::body::Bytes::from(s.finish()))
}

/// One field on the mapping page.
struct FieldRow {
    spec: &'static FieldSpec,
    chosen: String,
}

#[derive(Template)]
#[template(path = "manage/import_mapping.html")]
struct MappingPage {
    layout: Layout,
    slug: String,
    view: UploadView,
    rows: Vec<FieldRow>,
    saved: Vec<String>,
}

async fn mapping_page(
    state: &AppState,
    user: &SignedIn,
    scope: &OrgScope,
    org: &str,
    view: UploadView,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let saved = state
        .app
        .import_mappings(scope, view.kind)
        .await?
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let rows = fields(view.kind)
        .iter()
        .map(|spec| FieldRow {
            spec,
            chosen: view
                .mapping
                .column_for(spec.key)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();
    let layout = Layout::for_org("Match the columns", user, scope).with_errors(errors);
    let status = layout.status();
    Ok((
        status,
        Html(
            MappingPage {
                layout,
                slug: org.to_owned(),
                view,
                rows,
                saved,
            }
            .render()?,
        ),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "manage/import_progress.html")]
struct ProgressPage {
    layout: Layout,
    slug: String,
    view: UploadView,
}

#[derive(Template)]
#[template(path = "manage/import_report.html")]
struct ReportPage {
    layout: Layout,
    slug: String,
    id: Uuid,
    file_name: String,
    report: ImportReport,
    preview: bool,
    skip_invalid: bool,
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, upload)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let upload: Uuid = id(&upload)?;
    let view = state.app.import_upload(&scope, upload).await?;
    match (view.upload.status.as_str(), view.report.clone()) {
        ("uploaded", _) => {
            mapping_page(&state, &user, &scope, &org, view, FieldErrors::new()).await
        }
        (_, Some(report)) => Ok(Html(
            ReportPage {
                layout: Layout::for_org("Import report", &user, &scope),
                slug: org,
                id: upload,
                file_name: view.upload.file_name.clone(),
                report,
                preview: false,
                skip_invalid: view.upload.skip_invalid,
            }
            .render()?,
        )
        .into_response()),
        _ => Ok(Html(
            ProgressPage {
                layout: Layout::for_org("Importing", &user, &scope),
                slug: org,
                view,
            }
            .render()?,
        )
        .into_response()),
    }
}

async fn set_mapping(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, upload)): Path<(String, String)>,
    request: Request,
) -> Result<Response, WebError> {
    let posted = PostedForm::read(request, "file").await;
    let form = form_of(&posted);
    user.check_csrf(&form)?;
    let scope = managing_scope(&state, &user, &org).await?;
    let upload: Uuid = id(&upload)?;
    let mut view = state.app.import_upload(&scope, upload).await?;
    let use_saved = form.get("use_saved");
    let mapping = if !use_saved.is_empty() {
        state
            .app
            .import_mappings(&scope, view.kind)
            .await?
            .into_iter()
            .find(|(name, _)| *name == use_saved)
            .map(|(_, m)| m)
            .ok_or(AppError::NotFound)?
    } else {
        let mut m = Mapping::default();
        for spec in fields(view.kind) {
            m.set(spec.key, &form.get(&format!("field-{}", spec.key)));
        }
        m
    };
    let skip_invalid = form.get("skip_invalid") == "yes";
    if let Err(e) = state
        .app
        .set_upload_mapping(&scope, upload, &mapping, skip_invalid)
        .await
    {
        return match e {
            AppError::Invalid(errors) => {
                view.mapping = mapping;
                mapping_page(&state, &user, &scope, &org, view, errors).await
            }
            e => Err(e.into()),
        };
    }
    let save_as = form.get("save_as");
    if !use_saved.is_empty() {
        // Applied a saved mapping: show the columns it chose before previewing.
        return Ok(to(format!("/manage/{org}/import/{upload}")));
    }
    if !save_as.trim().is_empty()
        && let Err(e) = state
            .app
            .save_import_mapping(&scope, view.kind, &save_as, &mapping)
            .await
    {
        return match e {
            AppError::Invalid(errors) => {
                view.mapping = mapping;
                mapping_page(&state, &user, &scope, &org, view, errors).await
            }
            e => Err(e.into()),
        };
    }
    Ok(to(format!("/manage/{org}/import/{upload}/preview")))
}

async fn preview(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, upload)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let upload: Uuid = id(&upload)?;
    let view = state.app.import_upload(&scope, upload).await?;
    if view.upload.status != "uploaded" {
        return Ok(to(format!("/manage/{org}/import/{upload}")));
    }
    let report = match state.app.preview_upload(&scope, upload).await {
        Ok(r) => r,
        Err(AppError::Invalid(mut errors)) => {
            // The file was read at upload; what is wrong now is the choice of columns.
            for e in &mut errors.0 {
                e.field = "mapping".into();
            }
            return mapping_page(&state, &user, &scope, &org, view, errors).await;
        }
        Err(e) => return Err(e.into()),
    };
    Ok(Html(
        ReportPage {
            layout: Layout::for_org("Check before importing", &user, &scope),
            slug: org,
            id: upload,
            file_name: view.upload.file_name.clone(),
            report,
            preview: true,
            skip_invalid: view.upload.skip_invalid,
        }
        .render()?,
    )
    .into_response())
}

/// Progress shared between the import and the task that records it.
#[derive(Default)]
struct Shared {
    stage: std::sync::Mutex<String>,
    done: AtomicU64,
    finished: AtomicBool,
}

impl ImportProgress for Shared {
    fn stage(&self, name: &str, _total: u64) {
        if let Ok(mut s) = self.stage.lock() {
            *s = name.to_owned();
        }
        self.done.store(0, Ordering::Relaxed);
    }

    fn done(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }
}

async fn run(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, upload)): Path<(String, String)>,
    request: Request,
) -> Result<Response, WebError> {
    let form = form_of(&PostedForm::read(request, "file").await);
    user.check_csrf(&form)?;
    let scope = managing_scope(&state, &user, &org).await?;
    let upload: Uuid = id(&upload)?;
    state.app.start_upload(&scope, upload).await?;
    let shared = Arc::new(Shared::default());
    let app = state.app.clone();
    let (watch_app, watch_scope, watched) = (app.clone(), scope.clone(), shared.clone());
    // Records progress every second while the import runs (a write of its own each time).
    tokio::spawn(async move {
        while !watched.finished.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if watched.finished.load(Ordering::Relaxed) {
                break;
            }
            let stage = watched.stage.lock().map(|s| s.clone()).unwrap_or_default();
            let done = watched.done.load(Ordering::Relaxed);
            if let Err(e) = watch_app
                .record_upload_progress(&watch_scope, upload, &stage, done)
                .await
            {
                tracing::warn!(error = %e, "recording import progress");
            }
        }
    });
    tokio::spawn(async move {
        if let Err(e) = app.run_upload(&scope, upload, shared.as_ref()).await {
            tracing::info!(error = %e, "import finished without saving");
        }
        shared.finished.store(true, Ordering::Relaxed);
    });
    Ok(to(format!("/manage/{org}/import/{upload}")))
}

async fn report_csv(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, upload)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let scope = managing_scope(&state, &user, &org).await?;
    let upload: Uuid = id(&upload)?;
    let view = state.app.import_upload(&scope, upload).await?;
    let report = match view.report {
        Some(r) => r,
        None if view.upload.status == "uploaded" => {
            state.app.preview_upload(&scope, upload).await?
        }
        None => return Err(AppError::NotFound.into()),
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in report.csv_rows() {
        out.write_record(row.iter().map(|c| csv_safe(c)))
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    csv_download(out, "import-report.csv")
}

impl ProgressPage {
    /// How far through, out of 100.
    fn percent(&self) -> i64 {
        let total = self.view.upload.total_rows.max(1);
        (self.view.upload.done_rows * 100 / total).clamp(0, 100)
    }
}
