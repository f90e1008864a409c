//! Reading a survey form's fields into answers, one set per instrument. Every question may be
//! skipped (each instrument's scoring decides what a skip means), but not all of them.

use crate::FieldErrors;
use crate::instruments::{Answers, Instrument, ItemKind};

/// The form field for `item` of `instrument`: `code-item`, unique across a page of instruments.
pub fn field_name(instrument: &Instrument, item: &str) -> String {
    format!("{}-{}", instrument.code, item)
}

/// The answers in a submitted form, read with `field` (a field's trimmed value, empty when
/// absent), for each of `instruments` in turn. Errors name the form's fields.
pub fn answers_from_form(
    instruments: &[&'static Instrument],
    field: impl Fn(&str) -> String,
) -> Result<Vec<(&'static Instrument, Answers)>, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut all = Vec::new();
    let mut any = false;
    for &instrument in instruments {
        let mut answers = Answers::new();
        for item in instrument.items {
            let name = field_name(instrument, item.code);
            let value = field(&name);
            if !value.is_empty() {
                any = true;
            }
            match item.kind {
                ItemKind::FreeText => answers.set_text(item.code, &value),
                ItemKind::Scale | ItemKind::Choice(_) if value.is_empty() => {
                    answers.set(item.code, None)
                }
                ItemKind::Scale | ItemKind::Choice(_) => match value.parse::<u8>() {
                    Ok(v) => answers.set(item.code, Some(v)),
                    Err(_) => errors.add(
                        &name,
                        format!(
                            "Choose one of the answers for \u{201c}{}\u{201d}",
                            item.text
                        ),
                    ),
                },
            }
        }
        if let Err(found) = instrument.validate(&answers) {
            for e in found.0 {
                errors.add(&field_name(instrument, &e.field), e.message);
            }
        }
        all.push((instrument, answers));
    }
    if !any && errors.is_empty() {
        let first = instruments
            .first()
            .and_then(|i| i.items.first().map(|item| field_name(i, item.code)))
            .unwrap_or_default();
        errors.add(
            &first,
            "Answer at least one question (you can leave out any you would rather not answer)",
        );
    }
    errors.finish(|| Some(all))
}
