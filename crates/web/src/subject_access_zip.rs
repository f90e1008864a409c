//! A subject access export as a ZIP (docs/adr/0006): a readable `summary.html`, each kind of
//! record as JSON (`data/`) and CSV (`csv/`), consents, receipt files, and a `manifest.json`.

use std::io::Write as _;

use app::AppError;
use app::subject_access::SubjectAccessExport;
use askama::Template;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use zip::write::SimpleFileOptions;

use crate::WebError;
use crate::csv_export::csv_safe;
use crate::layout::nhs_datetime;

/// One kind of record in the summary.
struct Section {
    title: &'static str,
    about: &'static str,
    count: usize,
    files: String,
    withheld: &'static str,
}

#[derive(Template)]
#[template(path = "privacy/summary.html")]
struct Summary<'a> {
    name: String,
    scope: String,
    generated: String,
    sections: Vec<Section>,
    consents: &'a [app::ports::ConsentRecord],
    receipts: Vec<String>,
    total: usize,
}

fn internal(e: impl std::fmt::Display) -> WebError {
    AppError::Internal(format!("writing the export: {e}")).into()
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => csv_safe(s),
        other => other.to_string(),
    }
}

fn csv_of(rows: &[serde_json::Map<String, Value>]) -> Result<Vec<u8>, WebError> {
    let mut columns: Vec<&str> = Vec::new();
    for row in rows {
        for key in row.keys() {
            if !columns.contains(&key.as_str()) {
                columns.push(key);
            }
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&columns).map_err(internal)?;
    for row in rows {
        w.write_record(
            columns
                .iter()
                .map(|c| row.get(*c).map(cell).unwrap_or_default()),
        )
        .map_err(internal)?;
    }
    w.into_inner().map_err(internal)
}

/// A file name safe inside the archive: letters, digits, dots, dashes and underscores only.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    cleaned.trim_start_matches('.').chars().take(80).collect()
}

type Archive = zip::ZipWriter<std::io::Cursor<Vec<u8>>>;

fn put(zip: &mut Archive, name: &str, bytes: &[u8]) -> Result<(), WebError> {
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, options).map_err(internal)?;
    zip.write_all(bytes).map_err(internal)
}

/// The export as ZIP bytes.
pub(crate) fn zip_bytes(export: &SubjectAccessExport) -> Result<Vec<u8>, WebError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut sections = Vec::new();
    for r in &export.records {
        let json = serde_json::to_vec_pretty(&r.rows).map_err(internal)?;
        put(&mut zip, &format!("data/{}.json", r.section), &json)?;
        let mut files = format!("data/{}.json", r.section);
        if !r.rows.is_empty() {
            put(
                &mut zip,
                &format!("csv/{}.csv", r.section),
                &csv_of(&r.rows)?,
            )?;
            files.push_str(&format!(", csv/{}.csv", r.section));
        }
        let (count, withheld) = match r.withheld {
            Some((why, n)) => (n, why),
            None => (r.rows.len(), ""),
        };
        sections.push(Section {
            title: r.title,
            about: r.about,
            count,
            files,
            withheld,
        });
    }

    let consents = serde_json::to_vec_pretty(&export.consents).map_err(internal)?;
    put(&mut zip, "consents.json", &consents)?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["organisation", "purpose", "given", "how", "withdrawn"])
        .map_err(internal)?;
    for c in &export.consents {
        w.write_record([
            csv_safe(&c.organisation),
            csv_safe(&c.purpose),
            csv_safe(&c.given),
            csv_safe(&c.how),
            csv_safe(c.withdrawn.as_deref().unwrap_or("")),
        ])
        .map_err(internal)?;
    }
    put(&mut zip, "consents.csv", &w.into_inner().map_err(internal)?)?;

    let mut receipts = Vec::new();
    for r in &export.receipts {
        let name = format!("receipts/{}-{}", r.claim_id, safe_name(&r.file_name));
        put(&mut zip, &name, &r.content)?;
        receipts.push(name);
    }

    let scope = match &export.organisation {
        Some(o) => format!("What {} holds about you, and your profile", o.name),
        None => "Everything Alongside holds about you, in every organisation".to_owned(),
    };
    let manifest = serde_json::json!({
        "person_id": export.person.id,
        "organisation": export.organisation.as_ref().map(|o| o.name.clone()),
        "generated_at": export.generated_at,
        "sections": export.records.iter().map(|r| serde_json::json!({
            "section": r.section,
            "title": r.title,
            "records": r.rows.len(),
            "withheld": r.withheld.map(|(_, n)| n),
        })).collect::<Vec<_>>(),
        "receipts": receipts,
    });
    put(
        &mut zip,
        "manifest.json",
        &serde_json::to_vec_pretty(&manifest).map_err(internal)?,
    )?;

    let summary = Summary {
        name: export.person.full_name(),
        scope,
        generated: nhs_datetime(&export.generated_at),
        total: export.record_count(),
        sections,
        consents: &export.consents,
        receipts,
    };
    put(&mut zip, "summary.html", summary.render()?.as_bytes())?;
    let cursor = zip.finish().map_err(internal)?;
    Ok(cursor.into_inner())
}

/// The export as a download.
pub(crate) fn zip_download(export: &SubjectAccessExport) -> Result<Response, WebError> {
    let body = zip_bytes(export)?;
    let day = export.generated_at.format("%Y-%m-%d");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"personal-data-{day}.zip\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
