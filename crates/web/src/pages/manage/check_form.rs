//! The forms on a volunteer's checks page, built as plain parts (text boxes, selects, radios) so
//! one template renders any of them. Every id is prefixed with the check's id, except on the one
//! form that came back with errors, whose ids are the bare field names the error summary links to.

use domain::compliance::check::CheckInput;
use domain::compliance::reference::RefereeInput;
use domain::compliance::{Check, CheckKind, CheckStatus, RequirementType, Workforce};
use domain::role::DbsLevel;
use domain::{FieldErrors, Labelled};

/// A text box or text area.
pub(super) struct Field {
    /// Element id.
    pub id: String,
    /// Form field name.
    pub name: &'static str,
    /// Label.
    pub label: String,
    /// Hint, or "".
    pub hint: String,
    /// Typed value.
    pub value: String,
    /// Error message, or "".
    pub error: String,
    /// Input type ("text", "email").
    pub kind: &'static str,
}

impl Field {
    /// The ids the input is described by, or "".
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.id));
        }
        if !self.error.is_empty() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

/// One option of a select or radio group.
pub(super) struct Choice {
    /// Element id (radios).
    pub id: String,
    /// Submitted value.
    pub value: &'static str,
    /// Label.
    pub label: &'static str,
    /// Whether chosen.
    pub chosen: bool,
}

/// A select or a radio group.
pub(super) struct Options {
    /// The field: its label is the select's label or the group's legend.
    pub field: Field,
    /// The options.
    pub choices: Vec<Choice>,
}

/// One part of a form, in order.
pub(super) enum Part {
    /// A sub-heading.
    Heading(&'static str),
    /// A one-line text box.
    Text(Field),
    /// A text area.
    Area(Field),
    /// A drop-down list.
    Select(Options),
    /// Radio buttons in a fieldset.
    Radios(Options),
}

/// Builds the parts of one item's forms.
pub(super) struct Builder<'a> {
    prefix: String,
    errors: Option<&'a FieldErrors>,
    values: Vec<(&'static str, String)>,
}

/// A date hint.
const DATE_HINT: &str = "For example, 27 3 2026";

impl<'a> Builder<'a> {
    /// A builder for the check `check_id`; `errors` and `values` when this form came back.
    pub fn new(
        check_id: &str,
        errors: Option<&'a FieldErrors>,
        values: Vec<(&'static str, String)>,
    ) -> Self {
        let prefix = if errors.is_some() {
            String::new()
        } else {
            format!("c{check_id}-")
        };
        Self {
            prefix,
            errors,
            values,
        }
    }

    fn field(&self, name: &'static str, label: &str, hint: &str) -> Field {
        Field {
            id: format!("{}{name}", self.prefix),
            name,
            label: label.to_owned(),
            hint: hint.to_owned(),
            value: self
                .values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            error: self
                .errors
                .and_then(|e| e.get(name))
                .unwrap_or("")
                .to_owned(),
            kind: "text",
        }
    }

    fn text(&self, name: &'static str, label: &str, hint: &str) -> Part {
        Part::Text(self.field(name, label, hint))
    }

    fn area(&self, name: &'static str, label: &str, hint: &str) -> Part {
        Part::Area(self.field(name, label, hint))
    }

    fn options(
        &self,
        name: &'static str,
        label: &str,
        hint: &str,
        choices: &[(&'static str, &'static str)],
    ) -> Options {
        let field = self.field(name, label, hint);
        let choices = choices
            .iter()
            .map(|&(value, label)| Choice {
                id: format!("{}-{value}", field.id),
                value,
                label,
                chosen: field.value == value,
            })
            .collect();
        Options { field, choices }
    }

    /// The form for recording something about an item.
    pub fn check_parts(&self, t: &RequirementType, check: &Check) -> Vec<Part> {
        let mut parts = vec![Part::Radios(self.options(
            "action",
            "What do you want to record?",
            "",
            &actions(t.kind, check.status),
        ))];
        match t.kind {
            CheckKind::Dbs => {
                parts.push(Part::Heading("The DBS certificate"));
                let levels: Vec<_> = DbsLevel::ALL
                    .iter()
                    .filter(|l| **l != DbsLevel::None)
                    .map(|l| (l.code(), l.label()))
                    .collect();
                parts.push(Part::Select(self.options(
                    "dbs_level",
                    "Level",
                    "",
                    &levels,
                )));
                let workforces: Vec<_> = Workforce::ALL
                    .iter()
                    .map(|w| (w.code(), w.label()))
                    .collect();
                parts.push(Part::Select(self.options(
                    "dbs_workforce",
                    "Workforce",
                    "Needed for enhanced checks",
                    &workforces,
                )));
                parts.push(self.text(
                    "dbs_certificate_number",
                    "Certificate number",
                    "The 12 digits at the top of the certificate",
                ));
                parts.push(self.text("issued_on", "Date of issue", DATE_HINT));
                parts.push(Part::Radios(self.options(
                    "dbs_outcome",
                    "What did the certificate show?",
                    "",
                    &[
                        ("clear", "Nothing: it was clear"),
                        ("disclosed", "Information was disclosed"),
                    ],
                )));
                parts.push(Part::Radios(self.options(
                    "dbs_update_service",
                    "Is the certificate on the DBS Update Service?",
                    "",
                    &[("yes", "Yes"), ("no", "No")],
                )));
                parts.push(self.text(
                    "dbs_status_checked_on",
                    "Date of the last Update Service status check (optional)",
                    DATE_HINT,
                ));
                parts.push(self.text(
                    "expires_on",
                    "Check again by (optional)",
                    &format!("{DATE_HINT}. Leave it empty if your policy sets no date."),
                ));
                parts.push(self.area(
                    "note",
                    "Notes",
                    "If information was disclosed, the decision and why. If it was not passed, why.",
                ));
            }
            CheckKind::References => {
                parts.push(self.area(
                    "note",
                    "Notes",
                    "Needed if the references were not good enough",
                ));
            }
            kind => {
                let issued = if kind.is_training() {
                    "Date completed"
                } else {
                    "Date issued or done"
                };
                parts.push(self.text("issued_on", issued, DATE_HINT));
                let expiry_hint = match t.validity_months {
                    Some(m) => format!(
                        "{DATE_HINT}. Leave it empty to work it out: it lasts {m} months from the date above."
                    ),
                    None => format!("{DATE_HINT}. Leave it empty if it does not expire."),
                };
                parts.push(self.text("expires_on", "Expiry date", &expiry_hint));
                parts.push(self.text(
                    "reference",
                    "Reference (optional)",
                    "A certificate, licence or policy number",
                ));
                let note_hint = if kind == CheckKind::GuardianConsent {
                    "The name of the parent or guardian who gave consent"
                } else {
                    "Needed if it was not passed"
                };
                parts.push(self.area("note", "Notes", note_hint));
            }
        }
        if check.status != CheckStatus::Verified {
            parts.push(Part::Heading("If you are waiving it"));
            parts.push(self.area("waiver_reason", "Why it is not needed for this person", ""));
            parts.push(self.text(
                "waived_until",
                "Waive it until (optional)",
                &format!("{DATE_HINT}. Leave it empty for as long as the role lasts."),
            ));
        }
        parts
    }

    /// The form for naming a referee.
    pub fn referee_parts(&self) -> Vec<Part> {
        let mut email = self.field("referee_email", "Their email address", "");
        email.kind = "email";
        vec![
            self.text("referee_name", "Referee's name", ""),
            Part::Text(email),
            self.text(
                "relationship",
                "How the volunteer knows them",
                "For example, their manager at work",
            ),
        ]
    }
}

/// What a manager can do with an item of `kind` that is `status`.
fn actions(kind: CheckKind, status: CheckStatus) -> Vec<(&'static str, &'static str)> {
    use CheckStatus::*;
    let mut choices = vec![("verify", "Verify it: we have seen the evidence")];
    if matches!(status, Pending | Submitted | Verified) {
        choices.push(("fail", "It was not passed"));
    }
    if status != Verified {
        choices.push(("waive", "Waive it for this person"));
    }
    if kind != CheckKind::Dbs
        && kind != CheckKind::References
        && matches!(status, Pending | Submitted | Failed)
    {
        choices.push(("submit", "Record it as done, to verify later"));
    }
    choices
}

/// The check form's fields as typed, by name.
pub(super) fn check_values(input: &CheckInput) -> Vec<(&'static str, String)> {
    vec![
        ("action", input.action.clone()),
        ("issued_on", input.issued_on.clone()),
        ("expires_on", input.expires_on.clone()),
        ("reference", input.reference.clone()),
        ("note", input.note.clone()),
        ("waiver_reason", input.waiver_reason.clone()),
        ("waived_until", input.waived_until.clone()),
        ("dbs_level", input.dbs_level.clone()),
        ("dbs_workforce", input.dbs_workforce.clone()),
        (
            "dbs_certificate_number",
            input.dbs_certificate_number.clone(),
        ),
        ("dbs_outcome", input.dbs_outcome.clone()),
        ("dbs_update_service", input.dbs_update_service.clone()),
        ("dbs_status_checked_on", input.dbs_status_checked_on.clone()),
    ]
}

/// The referee form's fields as typed, by name.
pub(super) fn referee_values(input: &RefereeInput) -> Vec<(&'static str, String)> {
    vec![
        ("referee_name", input.referee_name.clone()),
        ("referee_email", input.referee_email.clone()),
        ("relationship", input.relationship.clone()),
    ]
}
