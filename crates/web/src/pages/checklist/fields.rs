//! The boxes each kind of item asks for, and the referee form's.

use chrono::Datelike;
use domain::compliance::check::CheckInput;
use domain::compliance::reference::RefereeInput;
use domain::compliance::{CheckKind, RequirementType};

use super::view::ItemView;

/// A date typed in three boxes, shown again as typed or as stored.
pub(super) struct DateField {
    /// The day box's id, also where the error summary links.
    pub(super) id: String,
    /// The field's name (the boxes add `-day`, `-month`, `-year`).
    pub(super) name: &'static str,
    /// The question, as the group's legend.
    pub(super) legend: String,
    /// An example or explanation.
    pub(super) hint: String,
    /// Day, month and year as typed or stored.
    pub(super) parts: (String, String, String),
}

/// A one-line text box.
pub(super) struct TextField {
    /// The box's id (prefixed with the check's id, so it is unique on the page).
    pub(super) id: String,
    /// The field's name in the form.
    pub(super) name: &'static str,
    /// The label.
    pub(super) label: String,
    /// An example or explanation, or "".
    pub(super) hint: String,
    /// What was typed, or is stored.
    pub(super) value: String,
}

/// The boxes an item of this kind asks for.
pub(super) fn check_fields(view: &mut ItemView, t: &RequirementType, input: &CheckInput) {
    let id = view.id.clone();
    let date = |name: &'static str, legend: &str, hint: &str, value: &str| DateField {
        id: format!("{id}-{name}"),
        name,
        legend: legend.to_owned(),
        hint: hint.to_owned(),
        parts: date_parts(value),
    };
    let text = |name: &'static str, label: &str, hint: &str, value: &str| TextField {
        id: format!("{id}-{name}"),
        name,
        label: label.to_owned(),
        hint: hint.to_owned(),
        value: value.to_owned(),
    };
    let example = "For example, 27 3 2026";
    let needs_issue_date =
        t.validity_months.is_some() || matches!(t.kind, CheckKind::Training | CheckKind::Other);
    match t.kind {
        CheckKind::Training => {
            view.dates_in.push(date(
                "issued_on",
                "Date you completed it",
                example,
                &input.issued_on,
            ));
            view.texts.push(text(
                "reference",
                "Certificate reference (optional)",
                "If your certificate has a number or reference, enter it here",
                &input.reference,
            ));
        }
        CheckKind::DrivingLicence | CheckKind::BusinessInsurance => {
            let licence = t.kind == CheckKind::DrivingLicence;
            if needs_issue_date {
                let legend = if licence {
                    "Date your licence was issued"
                } else {
                    "Date your cover started"
                };
                view.dates_in
                    .push(date("issued_on", legend, example, &input.issued_on));
            }
            let (legend, hint) = match (licence, t.validity_months) {
                (true, None) => ("Date your licence expires", example.to_owned()),
                (false, None) => ("Date your cover ends", example.to_owned()),
                (_, Some(m)) => (
                    if licence {
                        "Date your licence expires (optional)"
                    } else {
                        "Date your cover ends (optional)"
                    },
                    format!(
                        "If you leave this blank, we take it as {m} months after the start date. {example}"
                    ),
                ),
            };
            view.dates_in
                .push(date("expires_on", legend, &hint, &input.expires_on));
            let label = if licence {
                "Driving licence number (optional)"
            } else {
                "Policy number (optional)"
            };
            view.texts
                .push(text("reference", label, "", &input.reference));
        }
        CheckKind::GuardianConsent => {
            view.texts.push(text(
                "note",
                "Name of the parent or guardian who gave consent",
                "",
                &input.note,
            ));
        }
        _ => {
            if needs_issue_date {
                view.dates_in.push(date(
                    "issued_on",
                    "Date you did it",
                    example,
                    &input.issued_on,
                ));
            }
            view.texts.push(text(
                "note",
                "Anything we should know (optional)",
                "",
                &input.note,
            ));
        }
    }
}

/// The boxes for naming a referee on the references item `id`.
pub(super) fn referee_fields(id: &str, input: RefereeInput) -> Vec<TextField> {
    let field = |name: &'static str, label: &str, hint: &str, value: String| TextField {
        id: format!("{id}-{name}"),
        name,
        label: label.to_owned(),
        hint: hint.to_owned(),
        value,
    };
    vec![
        field(
            "referee_name",
            "Referee's full name",
            "",
            input.referee_name,
        ),
        field(
            "referee_email",
            "Referee's email address",
            "We will email them a link to a short form",
            input.referee_email,
        ),
        field(
            "relationship",
            "How you know them",
            "For example, my manager at work for 3 years. Not a relative.",
            input.relationship,
        ),
    ]
}

/// The day, month and year boxes for a date as typed ("D M YYYY") or as stored (ISO).
fn date_parts(value: &str) -> (String, String, String) {
    match domain::person::parse_date(value) {
        Some(d) => (
            d.day().to_string(),
            d.month().to_string(),
            d.year().to_string(),
        ),
        None => {
            let mut parts = value.split_whitespace().map(str::to_owned);
            (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            )
        }
    }
}
