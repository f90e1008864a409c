//! Field-level validation errors, collected so a form can show them all at once.

use serde::Serialize;

use crate::values::InvalidValue;

/// One problem with one field, in plain English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the form or API knows it.
    pub field: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

/// All the problems found with one submission; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Parses a field, recording the error under `field` and returning `None` on failure.
    pub fn check<T>(&mut self, field: &str, result: Result<T, InvalidValue>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.add(field, e.0);
                None
            }
        }
    }

    /// A required free-text field: trimmed, non-empty, at most `max` characters.
    pub fn text(&mut self, field: &str, label: &str, value: &str, max: usize) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("Enter {label}"));
            None
        } else if has_control_characters(value) {
            self.add(
                field,
                format!("{} must not contain control characters", capitalise(label)),
            );
            None
        } else if value.chars().count() > max {
            self.add(
                field,
                format!("{} must be {max} characters or fewer", capitalise(label)),
            );
            None
        } else {
            Some(value.to_owned())
        }
    }

    /// An optional free-text field: trimmed; empty becomes `None`.
    pub fn optional_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if has_control_characters(value) {
            self.add(
                field,
                format!("{} must not contain control characters", capitalise(label)),
            );
        } else if value.chars().count() > max {
            self.add(
                field,
                format!("{} must be {max} characters or fewer", capitalise(label)),
            );
        }
        value.to_owned()
    }

    /// A date typed in one box (`2027-03-05`, `5 3 2027` or `5/3/2027`) with a real year; blank is
    /// `None` without an error.
    pub fn optional_date(&mut self, field: &str, value: &str) -> Option<chrono::NaiveDate> {
        use chrono::Datelike;
        if value.trim().is_empty() {
            return None;
        }
        let date = crate::person::parse_date(value).filter(|d| (1900..=2200).contains(&d.year()));
        if date.is_none() {
            self.add(field, "Enter a real date, for example 27 3 2027");
        }
        date
    }

    /// A date that must be given.
    pub fn date(&mut self, field: &str, label: &str, value: &str) -> Option<chrono::NaiveDate> {
        if value.trim().is_empty() {
            self.add(field, format!("Enter {label}"));
            return None;
        }
        self.optional_date(field, value)
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for one field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// `Ok(value)` when there are no errors, otherwise the errors.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        if self.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }

    /// A single error.
    pub fn one(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }
}

/// Control characters other than line breaks and tabs: never meant, and PostgreSQL refuses NUL.
pub fn has_control_characters(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// `value` with control characters removed, for search words and lookups that are not saved.
pub fn without_control_characters(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

fn capitalise(label: &str) -> String {
    let label = label
        .strip_prefix("a ")
        .or_else(|| label.strip_prefix("an "))
        .unwrap_or(label);
    let label = label
        .strip_prefix("the ")
        .or_else(|| label.strip_prefix("your "))
        .unwrap_or(label);
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_required_and_bounded() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            errors.text("name", "a name", "  Ward 7 ", 10),
            Some("Ward 7".into())
        );
        assert_eq!(errors.text("name", "a name", "   ", 10), None);
        assert_eq!(errors.text("title", "a title", "abcdefghijk", 10), None);
        assert_eq!(errors.get("name"), Some("Enter a name"));
        assert_eq!(
            errors.get("title"),
            Some("Title must be 10 characters or fewer")
        );
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_not() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.text("name", "a name", "Ada\0", 10), None);
        assert_eq!(
            errors.get("name"),
            Some("Name must not contain control characters")
        );
        assert_eq!(
            errors.optional_text("note", "the note", "line one\nline two", 100),
            "line one\nline two"
        );
        assert_eq!(errors.get("note"), None);
        assert_eq!(without_control_characters("a\0b\u{7}c"), "abc");
    }

    #[test]
    fn finish_returns_errors_when_any() {
        let errors = FieldErrors::one("email", "Enter an email");
        assert!(errors.finish(|| Some(1)).is_err());
        assert_eq!(FieldErrors::new().finish(|| Some(1)), Ok(1));
    }
}
