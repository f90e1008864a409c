//! Reading a spreadsheet file into rows of text: `.xlsx` (and the older Excel and OpenDocument
//! formats calamine reads), or CSV in UTF-8 with or without a byte-order mark, UTF-16 with one,
//! or Windows-1252; CRLF or LF line ends; `,`, `;` or tab between fields (sniffed from the
//! header line); quoted fields holding newlines. Pure: bytes in, rows out.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};
use csv::StringRecord;
use domain::import::Problem;

/// A file's rows: its header and the rows under it.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The header row's cells, trimmed.
    pub headers: Vec<String>,
    /// Every row under the header, with its spreadsheet row number (the header is row 1).
    pub rows: Vec<(u64, StringRecord)>,
}

/// What kind of file the bytes are.
fn is_workbook(bytes: &[u8]) -> bool {
    // A zip (xlsx, ods) or an OLE compound file (the old .xls).
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a file of either kind. The problem says why a file cannot be read at all.
pub fn read_table(bytes: &[u8]) -> Result<Table, Problem> {
    let table = if is_workbook(bytes) {
        read_workbook(bytes)?
    } else {
        read_csv(&decode(bytes))?
    };
    if table.headers.iter().all(String::is_empty) {
        return Err(Problem::file(
            "",
            "The file is empty: the first row should hold the column headers",
        ));
    }
    Ok(table)
}

/// The text of a CSV file, whatever its encoding.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        && let Ok(text) = std::str::from_utf8(rest)
    {
        return Cow::Borrowed(text);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return encoding_rs::UTF_16LE.decode_with_bom_removal(bytes).0;
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return encoding_rs::UTF_16BE.decode_with_bom_removal(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        // Not UTF-8: what Excel on Windows saves as "CSV" (Windows-1252, e.g. £ as one byte).
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The delimiter the header line uses most, outside quotes: `,`, `;` or tab.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn read_csv(text: &str) -> Result<Table, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut record = StringRecord::new();
    let mut row: u64 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Problem::file(
                    "",
                    format!("The file could not be read as CSV after row {row}: {e}"),
                ));
            }
        }
        row += 1;
        if table.headers.is_empty() {
            table.headers = record.iter().map(|h| h.trim().to_owned()).collect();
            row = 1;
        } else {
            table.rows.push((row, record.clone()));
        }
    }
    Ok(table)
}

/// A cell as text: numbers without a trailing `.0`, date cells as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d)) {
                Some(day) => day.to_string(),
                // Excel's 29 February 1900: the serial lets the date reader say what it is.
                None => format!("{:.0}", dt.as_f64().floor()),
            }
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Table, Problem> {
    let unreadable = |e: calamine::Error| {
        Problem::file(
            "",
            format!(
                "The spreadsheet could not be opened ({e}); save it as .xlsx or CSV and try again"
            ),
        )
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Problem::file("", "The spreadsheet has no sheets"))?
        .map_err(unreadable)?;
    let mut table = Table::default();
    // Row numbers as the spreadsheet shows them, even when the data starts lower down.
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    for (i, cells) in range.rows().enumerate() {
        let texts: Vec<String> = cells.iter().map(cell_text).collect();
        if table.headers.is_empty() {
            table.headers = texts.iter().map(|h| h.trim().to_owned()).collect();
        } else {
            table
                .rows
                .push((first_row + i as u64, StringRecord::from(texts)));
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table, i: usize) -> Vec<&str> {
        table.rows[i].1.iter().collect()
    }

    #[test]
    fn utf8_with_a_bom_and_crlf() {
        let t = read_table(b"\xEF\xBB\xBFFirst name,Surname\r\nZo\xC3\xAB,Smith\r\n").unwrap();
        assert_eq!(t.headers, vec!["First name", "Surname"]);
        assert_eq!(cells(&t, 0), vec!["Zoë", "Smith"]);
        assert_eq!(t.rows[0].0, 2);
    }

    #[test]
    fn windows_1252_is_decoded() {
        // "Renée" and "£5" as Excel on Windows saves them.
        let t = read_table(b"Name;Note\r\nRen\xE9e;\xA35\r\n").unwrap();
        assert_eq!(cells(&t, 0), vec!["Renée", "£5"]);
    }

    #[test]
    fn semicolons_are_sniffed_and_quoted_newlines_kept() {
        let t =
            read_table(b"Name;Address;Phone\n\"Smith, Jo\";\"1 High St\nLeeds\";0113\nNext;x;y\n")
                .unwrap();
        assert_eq!(t.headers.len(), 3);
        assert_eq!(cells(&t, 0), vec!["Smith, Jo", "1 High St\nLeeds", "0113"]);
        // The second record is the spreadsheet's row 3, although it starts on line 4.
        assert_eq!(t.rows[1].0, 3);
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        assert_eq!(sniff_delimiter("\"a;b;c\",d,e\n"), b',');
        assert_eq!(sniff_delimiter("a;b,c;d\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn utf16_with_a_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "A,B\r\n1,2\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let t = read_table(&bytes).unwrap();
        assert_eq!(t.headers, vec!["A", "B"]);
        assert_eq!(cells(&t, 0), vec!["1", "2"]);
    }

    #[test]
    fn empty_and_broken_files_are_named() {
        assert!(
            read_table(b"")
                .unwrap_err()
                .message
                .starts_with("The file is empty")
        );
        let err = read_table(b"PK\x03\x04not really a zip").unwrap_err();
        assert!(
            err.message
                .starts_with("The spreadsheet could not be opened"),
            "{}",
            err.message
        );
    }
}
