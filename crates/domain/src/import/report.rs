//! The import report: every problem by row and column in plain English, and what was merged.

use serde::{Deserialize, Serialize};

/// One problem with the file or a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The spreadsheet's row number (the header is row 1), or none for the file as a whole.
    pub row: Option<u64>,
    /// The column's header (or the field's name when no column holds it).
    pub column: String,
    /// What is wrong, in plain English.
    pub message: String,
}

impl Problem {
    /// A problem with one row.
    pub fn at(row: u64, column: &str, message: impl Into<String>) -> Self {
        Self {
            row: Some(row),
            column: column.to_owned(),
            message: message.into(),
        }
    }

    /// A problem with the whole file.
    pub fn file(column: &str, message: impl Into<String>) -> Self {
        Self {
            row: None,
            column: column.to_owned(),
            message: message.into(),
        }
    }

    /// The problem as one line: "Row 4, column "Email": …".
    pub fn sentence(&self) -> String {
        match (self.row, self.column.is_empty()) {
            (Some(r), false) => format!("Row {r}, column \"{}\": {}", self.column, self.message),
            (Some(r), true) => format!("Row {r}: {}", self.message),
            (None, false) => format!("Column \"{}\": {}", self.column, self.message),
            (None, true) => self.message.clone(),
        }
    }
}

/// How a row was matched to someone already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergedOn {
    /// The same email address.
    Email,
    /// The same first name, last name and date of birth (with a different email).
    NameAndDateOfBirth,
    /// The same name (a site or role already here with that name or title).
    Name,
}

/// A row that matched someone already recorded: their record is kept, not duplicated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    /// The row.
    pub row: u64,
    /// Who it matched, by name.
    pub name: String,
    /// How.
    pub on: MergedOn,
    /// Whether they were already with this organisation (otherwise they were added to it).
    pub already_here: bool,
    /// What the file changed on the record kept ("status from active to paused"); empty when
    /// it was kept as it was.
    #[serde(default)]
    pub changed: Vec<String>,
}

impl Merge {
    /// The merge as one line.
    pub fn sentence(&self) -> String {
        let how = match self.on {
            MergedOn::Email => "the same email address",
            MergedOn::NameAndDateOfBirth => "the same name and date of birth",
            MergedOn::Name => "the same name",
        };
        let then = if !self.changed.is_empty() {
            format!(
                "kept their existing record and changed {}",
                self.changed.join(" and ")
            )
        } else if self.already_here {
            "kept their existing record".to_owned()
        } else {
            "added their existing record to this organisation".to_owned()
        };
        format!("Row {}: matched {} by {how}; {then}", self.row, self.name)
    }
}

/// The report as CSV rows (header first): row, column, problem.
pub fn report_csv_rows(problems: &[Problem], merges: &[Merge]) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "Row".to_owned(),
        "Column".to_owned(),
        "Problem".to_owned(),
    ]];
    for p in problems {
        rows.push(vec![
            p.row.map(|r| r.to_string()).unwrap_or_default(),
            p.column.clone(),
            p.message.clone(),
        ]);
    }
    for m in merges {
        rows.push(vec![m.row.to_string(), String::new(), m.sentence()]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_as_sentences() {
        assert_eq!(
            Problem::at(4, "E-mail", "Enter an email address").sentence(),
            "Row 4, column \"E-mail\": Enter an email address"
        );
        assert_eq!(
            Problem::file("", "The file is empty").sentence(),
            "The file is empty"
        );
        let m = Merge {
            row: 3,
            name: "Asha Patel".into(),
            on: MergedOn::Email,
            already_here: true,
            changed: Vec::new(),
        };
        assert_eq!(
            m.sentence(),
            "Row 3: matched Asha Patel by the same email address; kept their existing record"
        );
        let changed = Merge {
            changed: vec!["their status from active to paused".into()],
            ..m.clone()
        };
        assert_eq!(
            changed.sentence(),
            "Row 3: matched Asha Patel by the same email address; kept their existing record and changed their status from active to paused"
        );
        let rows = report_csv_rows(&[Problem::at(4, "E-mail", "x")], &[m]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], vec!["4", "E-mail", "x"]);
    }
}
