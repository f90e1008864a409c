//! Downloads of lists: one [`Table`] type that every list builds once and that renders as CSV or
//! as an Excel workbook (`.xlsx`), the finished file as a response, and cells guarded against
//! spreadsheet formulas. Every export in the pages, the API and the command line goes through
//! here, so each list gets both formats the same way.

use app::AppError;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use domain::FieldErrors;
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

use crate::WebError;

/// One cell of a table. Typed, so a spreadsheet gets real numbers and dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Words (never run as a formula).
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction (hours, scores).
    Number(f64),
    /// A calendar date: ISO `2027-03-05` in CSV, a real date shown as `5 March 2027` in Excel.
    Date(NaiveDate),
    /// Money in pence: `12.34` in CSV, a number shown as pounds in Excel.
    Pence(i64),
    /// Time in minutes, as hours: `1.50` in CSV, a number of hours in Excel.
    Hours(i64),
    /// Nothing.
    Blank,
}

impl Cell {
    /// Text, or a blank cell for empty text.
    pub fn text(value: impl Into<String>) -> Self {
        let value = value.into();
        if value.is_empty() {
            Self::Blank
        } else {
            Self::Text(value)
        }
    }

    /// A date, or a blank cell.
    pub fn date(value: Option<NaiveDate>) -> Self {
        value.map_or(Self::Blank, Self::Date)
    }

    /// The cell as CSV text (guarded against formulas).
    fn csv(&self) -> String {
        match self {
            Self::Text(t) => csv_safe(t),
            Self::Integer(n) => n.to_string(),
            Self::Number(n) => n.to_string(),
            Self::Date(d) => d.to_string(),
            Self::Pence(p) => pounds(*p),
            Self::Hours(m) => domain::rota::hours::decimal_hours(*m),
            Self::Blank => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Self::text(value)
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Self::text(value)
    }
}

impl From<u32> for Cell {
    fn from(value: u32) -> Self {
        Self::Integer(i64::from(value))
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Self::Integer(value)
    }
}

impl From<NaiveDate> for Cell {
    fn from(value: NaiveDate) -> Self {
        Self::Date(value)
    }
}

/// A list ready to download: a sheet name, column headings and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The worksheet's name in Excel (cut to Excel's 31 characters).
    pub sheet: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// The download's name after the organisation's (such as `rota-2027-03-01`); empty for the
    /// list's own name.
    pub file: String,
}

impl Table {
    /// An empty table with these headings.
    pub fn new(sheet: &str, columns: &[&str]) -> Self {
        Self {
            sheet: sheet.to_owned(),
            columns: columns.iter().map(|&c| c.to_owned()).collect(),
            rows: Vec::new(),
            file: String::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The table as CSV bytes (UTF-8, a header row, text cells guarded against formulas).
    pub fn to_csv(&self) -> Result<Vec<u8>, AppError> {
        let fail = |e: csv::Error| AppError::Internal(e.to_string());
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&self.columns).map_err(fail)?;
        for row in &self.rows {
            writer
                .write_record(row.iter().map(Cell::csv))
                .map_err(fail)?;
        }
        writer
            .into_inner()
            .map_err(|e| AppError::Internal(e.to_string()))
    }

    /// The table as an Excel workbook of one sheet: bold headings frozen at the top with a
    /// filter, real numbers, dates and amounts, and text always stored as text (so nothing in it
    /// can run as a formula).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, AppError> {
        // Excel's sheet limit less the heading row.
        const MAX_ROWS: usize = 1_048_575;
        // Excel keeps at most this many characters in a cell.
        const MAX_TEXT: usize = 32_767;
        if self.rows.len() > MAX_ROWS {
            return Err(FieldErrors::one(
                "format",
                "This list has more rows than Excel allows; download it as CSV instead",
            )
            .into());
        }
        let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(format!("xlsx: {e}"));
        let bold = CellFormat::new().set_bold();
        let date = CellFormat::new().set_num_format("d mmmm yyyy");
        let money = CellFormat::new().set_num_format("£#,##0.00");
        let decimal = CellFormat::new().set_num_format("0.00");
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&self.sheet)).map_err(fail)?;
        for (c, heading) in self.columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, column(c)?, heading, &bold)
                .map_err(fail)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| AppError::Internal(e.to_string()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = column(c)?;
                match cell {
                    Cell::Text(t) => {
                        let t: String = t.chars().take(MAX_TEXT).collect();
                        sheet.write_string(r, c, t).map_err(fail)?;
                    }
                    // Whole numbers in a list (counts, miles) are far below 2^53: exact in f64.
                    #[allow(clippy::cast_precision_loss)]
                    Cell::Integer(n) => {
                        sheet.write_number(r, c, *n as f64).map_err(fail)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).map_err(fail)?;
                    }
                    Cell::Date(d) => {
                        sheet
                            .write_date_with_format(r, c, excel_date(*d)?, &date)
                            .map_err(fail)?;
                    }
                    #[allow(clippy::cast_precision_loss)]
                    Cell::Pence(p) => {
                        sheet
                            .write_number_with_format(r, c, *p as f64 / 100.0, &money)
                            .map_err(fail)?;
                    }
                    Cell::Hours(m) => {
                        let hundredths = (m * 100 + 30) / 60;
                        #[allow(clippy::cast_precision_loss)]
                        let hours = hundredths as f64 / 100.0;
                        sheet
                            .write_number_with_format(r, c, hours, &decimal)
                            .map_err(fail)?;
                    }
                    Cell::Blank => {}
                }
            }
        }
        if !self.columns.is_empty() {
            let last_row = u32::try_from(self.rows.len()).unwrap_or(0);
            sheet
                .autofilter(0, 0, last_row, column(self.columns.len() - 1)?)
                .map_err(fail)?;
            sheet.set_freeze_panes(1, 0).map_err(fail)?;
        }
        sheet.autofit();
        workbook.save_to_buffer().map_err(fail)
    }

    /// The table in `format`.
    pub fn render(&self, format: Format) -> Result<Vec<u8>, AppError> {
        match format {
            Format::Csv => self.to_csv(),
            Format::Xlsx => self.to_xlsx(),
        }
    }
}

fn column(c: usize) -> Result<u16, AppError> {
    u16::try_from(c).map_err(|_| AppError::Internal("too many columns for a spreadsheet".into()))
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, AppError> {
    let year =
        u16::try_from(d.year()).map_err(|_| AppError::Internal("date out of range".into()))?;
    // Month and day always fit in a byte.
    let (month, day) = (
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    );
    ExcelDateTime::from_ymd(year, month, day).map_err(|e| AppError::Internal(format!("xlsx: {e}")))
}

/// Excel refuses sheet names over 31 characters or with any of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Export".to_owned()
    } else {
        cleaned
    }
}

/// Pence as pounds with two decimal places (`-1234` is `-12.34`).
fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let p = pence.unsigned_abs();
    format!("{sign}{}.{:02}", p / 100, p % 100)
}

/// The two download formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// Both formats.
    pub const ALL: [Self; 2] = [Self::Csv, Self::Xlsx];

    /// The file name's extension (`csv`, `xlsx`).
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The format named `code` (`csv`, `xlsx`).
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(code))
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A download route ending `.xlsx` asks for Excel; any other (`.csv`) for CSV. Each list
/// registers both addresses with one handler.
impl<S: Send + Sync> FromRequestParts<S> for Format {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(if parts.uri.path().ends_with(".xlsx") {
            Self::Xlsx
        } else {
            Self::Csv
        })
    }
}

/// `table` as a download called `{stem}.csv` or `{stem}.xlsx`.
pub(crate) fn download(table: &Table, format: Format, stem: &str) -> Result<Response, WebError> {
    let body = table.render(format)?;
    Ok(file_response(
        body,
        format,
        &format!("{stem}.{}", format.extension()),
    ))
}

/// A finished CSV as a download called `filename` (the quality report's tables).
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
    file_response(body, Format::Csv, filename)
}

fn file_response(body: Vec<u8>, format: Format, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            // Lists carry personal data: no shared cache may keep them.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe stops that.
/// A plain number (such as -0.5) is left as it is: it cannot be a formula.
pub fn csv_safe(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_keep_two_places_and_the_sign() {
        assert_eq!(pounds(1234), "12.34");
        assert_eq!(pounds(5), "0.05");
        assert_eq!(pounds(-1234), "-12.34");
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("Hours: by month?"), "Hours by month");
        assert_eq!(sheet_name("[]"), "Export");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn csv_cells_are_guarded_and_typed() {
        let mut t = Table::new("T", &["a", "b", "c", "d"]);
        t.push(vec![
            Cell::text("=1+1"),
            Cell::Pence(250),
            Cell::Date(NaiveDate::from_ymd_opt(2027, 3, 5).unwrap_or_default()),
            Cell::Blank,
        ]);
        let csv = String::from_utf8(t.to_csv().unwrap_or_default()).unwrap_or_default();
        assert_eq!(csv, "a,b,c,d\n'=1+1,2.50,2027-03-05,\n");
    }
}
