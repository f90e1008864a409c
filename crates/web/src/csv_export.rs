//! CSV downloads: the finished file as a response, and cells guarded against spreadsheet
//! formulas. Every export in the pages and the API goes through these.

use app::AppError;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::WebError;

/// A finished CSV as a download called `filename`.
pub(crate) fn csv_download(
    writer: csv::Writer<Vec<u8>>,
    filename: &str,
) -> Result<Response, WebError> {
    let body = writer
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(csv_response(body, filename))
}

/// CSV bytes as a download called `filename`.
pub(crate) fn csv_response(body: Vec<u8>, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe stops that.
/// A plain number (such as -0.5) is left as it is: it cannot be a formula.
pub(crate) fn csv_safe(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}
