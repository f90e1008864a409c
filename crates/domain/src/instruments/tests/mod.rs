//! Tests for the instruments: shared rules here, one file per instrument.

mod brs;
mod experience;
mod feedback;
mod loneliness;
mod ons4;
mod swemwbs;

use super::*;

/// Answers with every item of `instrument` set to `value`.
fn all(instrument: &Instrument, value: u8) -> Answers {
    instrument.items.iter().map(|i| (i.code, value)).collect()
}

#[test]
fn every_instrument_is_found_by_code_and_version() {
    for instrument in ALL {
        assert_eq!(find(instrument.code, instrument.version), Some(*instrument));
        assert!(!instrument.citation.is_empty());
        assert!(!instrument.instruction.is_empty());
    }
    assert_eq!(find("ons4", 2), None);
    assert_eq!(find("nope", 1), None);
}

#[test]
fn item_codes_are_unique_and_scales_contiguous() {
    for instrument in ALL {
        let mut codes: Vec<_> = instrument.items.iter().map(|i| i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), instrument.items.len(), "{}", instrument.code);
        let values: Vec<_> = instrument.scale.options.iter().map(|o| o.value).collect();
        let expected: Vec<_> = (instrument.scale.min()..=instrument.scale.max()).collect();
        assert_eq!(values, expected, "{}", instrument.code);
        for item in instrument.items {
            if let ItemKind::Choice(choices) = item.kind {
                let values: Vec<_> = choices.options.iter().map(|o| o.value).collect();
                let expected: Vec<_> = (choices.min()..=choices.max()).collect();
                assert_eq!(values, expected, "{} {}", instrument.code, item.code);
            }
        }
    }
}

#[test]
fn instrument_codes_are_unique() {
    let mut codes: Vec<_> = ALL.iter().map(|i| (i.code, i.version)).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), ALL.len());
}

#[test]
fn unknown_items_are_refused_by_code() {
    let answers = Answers::new().with("q1", 3).with("q9", 3);
    let errors = crate::instruments::brs::BRS.validate(&answers).unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        errors.get("q9"),
        Some("Brief Resilience Scale has no question q9")
    );
}

#[test]
fn skipped_answers_are_allowed_by_validation() {
    let mut answers = Answers::new().with("q1", 3);
    answers.set("q2", None);
    assert_eq!(crate::instruments::brs::BRS.validate(&answers), Ok(()));
    assert_eq!(answers.get("q2"), None);
    assert_eq!(answers.get("q1"), Some(3));
}

#[test]
fn text_answers_are_trimmed_and_kept_apart_from_values() {
    let mut answers = Answers::new()
        .with("overall", 2)
        .with_text("why", "  Kind and on time.\n ");
    answers.set_text("area", "   ");
    assert_eq!(answers.text("why"), Some("Kind and on time."));
    assert_eq!(answers.get("why"), None);
    assert_eq!(answers.text("overall"), None);
    assert_eq!(answers.text("area"), None);
    assert_eq!(
        answers.iter().collect::<Vec<_>>(),
        vec![("area", None), ("overall", Some(2))]
    );
    assert_eq!(
        answers.texts().collect::<Vec<_>>(),
        vec![("why", "Kind and on time.")]
    );
}

#[test]
fn a_later_answer_replaces_an_earlier_one_of_either_kind() {
    let answers = Answers::new().with_text("q1", "three").with("q1", 3);
    assert_eq!(answers.get("q1"), Some(3));
    assert_eq!(answers.text("q1"), None);
}

#[test]
fn hundredths_show_two_decimal_places() {
    assert_eq!(Hundredths(700).to_string(), "7.00");
    assert_eq!(Hundredths(951).to_string(), "9.51");
    assert_eq!(Hundredths(2321).to_string(), "23.21");
    assert_eq!(Hundredths(3500).to_string(), "35.00");
    assert!((Hundredths(2321).as_f64() - 23.21).abs() < 1e-12);
}
