//! Dates as spreadsheets write them: `05/03/2024` (UK order, day first), `5 March 2024`,
//! `5-Mar-24` is refused (a two-digit year is a guess), `2024-03-05`, a date with a midnight
//! time after it (what many exports add), and Excel serial numbers in the 1900 date system.

use chrono::{Duration, NaiveDate};

/// The largest serial Excel accepts (31 December 9999).
const LAST_EXCEL_SERIAL: i64 = 2_958_465;

/// Why a date could not be read, in words for the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing we recognise as a date.
    Unrecognised,
    /// Looks like a date but is not one (31 February, month 13).
    NotReal,
    /// The year has two digits, so the century would be a guess.
    TwoDigitYear,
    /// Excel's serial 60, the 29 February 1900 that never was.
    ExcelLeapBug,
}

impl DateProblem {
    /// The plain-English message, naming what was found.
    pub fn message(&self, label: &str, raw: &str) -> String {
        match self {
            Self::Unrecognised => format!(
                "{label} \"{raw}\" is not a date we recognise; write it like 05/03/2024, 5 March 2024 or 2024-03-05"
            ),
            Self::NotReal => format!("{label} \"{raw}\" is not a real date"),
            Self::TwoDigitYear => {
                format!("{label} \"{raw}\" has a two-digit year; write the year in full, like 2024")
            }
            Self::ExcelLeapBug => format!(
                "{label} is Excel's 29 February 1900, a day that never existed; check the cell"
            ),
        }
    }
}

/// Turns an Excel serial day number (1900 date system) into a date. Excel counts 1 January 1900
/// as day 1 and wrongly treats 1900 as a leap year, so serials from 61 on are one day ahead of a
/// plain count, and serial 60 (29 February 1900) is not a real day.
pub fn excel_serial_date(serial: f64) -> Result<NaiveDate, DateProblem> {
    if !serial.is_finite() || serial < 1.0 {
        return Err(DateProblem::Unrecognised);
    }
    // A time of day is the fraction; the date is the whole part.
    let day = serial.floor() as i64;
    if day > LAST_EXCEL_SERIAL {
        return Err(DateProblem::Unrecognised);
    }
    if day == 60 {
        return Err(DateProblem::ExcelLeapBug);
    }
    // Day 0 is 31 December 1899 for serials 1..=59; from 61 on it is 30 December 1899.
    let (epoch_y, epoch_m, epoch_d) = if day < 60 {
        (1899, 12, 31)
    } else {
        (1899, 12, 30)
    };
    let epoch = NaiveDate::from_ymd_opt(epoch_y, epoch_m, epoch_d).ok_or(DateProblem::NotReal)?;
    epoch
        .checked_add_signed(Duration::days(day))
        .ok_or(DateProblem::Unrecognised)
}

/// The month named (in full or its first three letters), 1 to 12.
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(&word)))
        .map(|i| i as u32 + 1)
}

/// A day of the month, allowing "5th", "1st", "22nd", "3rd".
fn day_number(word: &str) -> Option<u32> {
    let digits = word
        .trim_end_matches(',')
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

fn year_number(word: &str) -> Result<i32, DateProblem> {
    let word = word.trim_end_matches(',');
    if !word.chars().all(|c| c.is_ascii_digit()) {
        return Err(DateProblem::Unrecognised);
    }
    match word.len() {
        4 => word.parse().map_err(|_| DateProblem::Unrecognised),
        1 | 2 => Err(DateProblem::TwoDigitYear),
        _ => Err(DateProblem::Unrecognised),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateProblem> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::NotReal)
}

/// Drops a time of day after a date ("05/03/2024 00:00", "2024-03-05T00:00:00").
fn without_time(value: &str) -> &str {
    let value = value.split('T').next().unwrap_or(value);
    match value.split_once(' ') {
        Some((date, rest)) if rest.contains(':') && !date.is_empty() => {
            // "5 March 2024 00:00": the time is the last word.
            if date.contains(['/', '-', '.']) {
                date
            } else {
                value.rsplit_once(' ').map_or(value, |(d, _)| d)
            }
        }
        _ => value,
    }
}

/// Reads a date as a spreadsheet might hold it; see the module docs. Numbers alone are Excel
/// serials (what a date cell becomes when a sheet is saved as CSV without formatting).
pub fn parse_spreadsheet_date(raw: &str) -> Result<NaiveDate, DateProblem> {
    let value = without_time(raw.trim()).trim();
    if value.is_empty() {
        return Err(DateProblem::Unrecognised);
    }
    if let Ok(serial) = value.parse::<f64>()
        && !value.contains(['-', '/'])
    {
        return excel_serial_date(serial);
    }
    let numeric: Vec<&str> = value.split(['/', '-', '.']).collect();
    if numeric.len() == 3
        && numeric
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (a, b, c) = (numeric[0], numeric[1], numeric[2]);
        let m: u32 = b.parse().map_err(|_| DateProblem::Unrecognised)?;
        if a.len() == 4 {
            // ISO order: year, month, day.
            let y = year_number(a)?;
            let d = c.parse().map_err(|_| DateProblem::Unrecognised)?;
            return ymd(y, m, d);
        }
        // UK order: day, month, year.
        let d = a.parse().map_err(|_| DateProblem::Unrecognised)?;
        let y = year_number(c)?;
        return ymd(y, m, d);
    }
    let words: Vec<&str> = value
        .split([' ', '-', ','])
        .filter(|w| !w.is_empty())
        .collect();
    if let [first, second, third] = words.as_slice() {
        // "5 March 2024", "5th Mar 2024", "05-Mar-2024".
        if let (Some(d), Some(m)) = (day_number(first), month_named(second)) {
            return ymd(year_number(third)?, m, d);
        }
        // "March 5, 2024".
        if let (Some(m), Some(d)) = (month_named(first), day_number(second)) {
            return ymd(year_number(third)?, m, d);
        }
    }
    Err(DateProblem::Unrecognised)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn uk_order_is_day_first() {
        assert_eq!(parse_spreadsheet_date("05/03/2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("5/3/2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("05-03-2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("05.03.2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("13/12/1990"), Ok(day(1990, 12, 13)));
        assert_eq!(
            parse_spreadsheet_date("12/13/1990"),
            Err(DateProblem::NotReal)
        );
    }

    #[test]
    fn iso_and_written_months() {
        assert_eq!(parse_spreadsheet_date("2024-03-05"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("5 March 2024"), Ok(day(2024, 3, 5)));
        assert_eq!(
            parse_spreadsheet_date("5th March 2024"),
            Ok(day(2024, 3, 5))
        );
        assert_eq!(parse_spreadsheet_date("5 Mar 2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("05-Mar-2024"), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("1 Sept 2024"), Ok(day(2024, 9, 1)));
        assert_eq!(parse_spreadsheet_date("March 5, 2024"), Ok(day(2024, 3, 5)));
        assert_eq!(
            parse_spreadsheet_date("31 February 2024"),
            Err(DateProblem::NotReal)
        );
        assert_eq!(
            parse_spreadsheet_date("5 Marchy 2024"),
            Err(DateProblem::Unrecognised)
        );
    }

    #[test]
    fn a_time_after_the_date_is_ignored() {
        assert_eq!(
            parse_spreadsheet_date("05/03/2024 00:00"),
            Ok(day(2024, 3, 5))
        );
        assert_eq!(
            parse_spreadsheet_date("2024-03-05T00:00:00"),
            Ok(day(2024, 3, 5))
        );
        assert_eq!(
            parse_spreadsheet_date("2024-03-05 00:00:00"),
            Ok(day(2024, 3, 5))
        );
        assert_eq!(
            parse_spreadsheet_date("5 March 2024 09:30"),
            Ok(day(2024, 3, 5))
        );
    }

    #[test]
    fn two_digit_years_are_refused_not_guessed() {
        assert_eq!(
            parse_spreadsheet_date("05/03/24"),
            Err(DateProblem::TwoDigitYear)
        );
        assert_eq!(
            parse_spreadsheet_date("5 March 24"),
            Err(DateProblem::TwoDigitYear)
        );
    }

    #[test]
    fn excel_serials_count_from_1900_with_its_leap_bug() {
        assert_eq!(excel_serial_date(1.0), Ok(day(1900, 1, 1)));
        assert_eq!(excel_serial_date(59.0), Ok(day(1900, 2, 28)));
        assert_eq!(excel_serial_date(60.0), Err(DateProblem::ExcelLeapBug));
        assert_eq!(excel_serial_date(61.0), Ok(day(1900, 3, 1)));
        // Known anchors: 1 January 2000 and 5 March 2024.
        assert_eq!(excel_serial_date(36526.0), Ok(day(2000, 1, 1)));
        assert_eq!(excel_serial_date(45356.0), Ok(day(2024, 3, 5)));
        assert_eq!(excel_serial_date(45356.75), Ok(day(2024, 3, 5)));
        assert_eq!(parse_spreadsheet_date("45356"), Ok(day(2024, 3, 5)));
        assert_eq!(excel_serial_date(0.0), Err(DateProblem::Unrecognised));
        assert_eq!(
            excel_serial_date(3_000_000.0),
            Err(DateProblem::Unrecognised)
        );
    }

    #[test]
    fn nonsense_is_unrecognised() {
        assert_eq!(parse_spreadsheet_date(""), Err(DateProblem::Unrecognised));
        assert_eq!(
            parse_spreadsheet_date("soon"),
            Err(DateProblem::Unrecognised)
        );
        assert_eq!(
            parse_spreadsheet_date("1/2"),
            Err(DateProblem::Unrecognised)
        );
    }
}
