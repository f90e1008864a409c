//! Instruments: versioned definitions of the wellbeing and experience questionnaires, with the
//! rules that score them exactly as published.
//!
//! Each instrument is a static [`Instrument`]: its items, response scale, licence and citation.
//! An item is answered on the instrument's scale, on its own list of choices, or in the person's
//! own words ([`ItemKind`]). People's answers arrive as [`Answers`] (item code → chosen value or
//! text, missing allowed); each instrument's module scores them and returns a typed result.
//! Scores are always computed here from item-level answers; a score sent by a client is never
//! accepted.
//!
//! Design rule (standards §2): store item-level answers with the instrument's code and version,
//! and compute scores from them with these rules.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{FieldErrors, has_control_characters};

pub mod brs;
pub mod experience;
pub mod feedback;
pub mod loneliness;
pub mod ons4;
pub mod swemwbs;

#[cfg(test)]
mod tests;

/// Every built-in instrument, in the order they are offered.
pub const ALL: &[&Instrument] = &[
    &ons4::ONS4,
    &swemwbs::SWEMWBS,
    &brs::BRS,
    &loneliness::UCLA3,
    &loneliness::ONS_DIRECT,
    &experience::EXPERIENCE,
    &feedback::SUPPORT_FEEDBACK,
    &feedback::STAFF_FEEDBACK,
];

/// The most characters a free-text answer may have, after trimming.
pub const MAX_TEXT: usize = 2_000;

/// The built-in instrument with this code and version, if any.
pub fn find(code: &str, version: u16) -> Option<&'static Instrument> {
    ALL.iter()
        .copied()
        .find(|i| i.code == code && i.version == version)
}

/// The terms on which an instrument may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Licence {
    /// Crown copyright, free to use under the Open Government Licence.
    OpenGovernmentLicence,
    /// Free to use; the source must be cited wherever it is shown or reported.
    FreeWithCitation,
    /// Free only after the deploying organisation registers with the copyright holders; the
    /// copyright line must appear on every copy and in every report.
    RegistrationRequired {
        /// The exact copyright line to show.
        copyright_line: &'static str,
    },
    /// Written for Alongside; shared under the project's own licence.
    Original,
}

/// One answer people can choose: the stored value and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResponseOption {
    /// The value stored and scored.
    pub value: u8,
    /// The words shown to people.
    pub label: &'static str,
}

/// The answers offered for every item of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResponseScale {
    /// The options, in display order, with values ascending and contiguous.
    pub options: &'static [ResponseOption],
}

impl ResponseScale {
    /// The lowest value on the scale.
    pub fn min(&self) -> u8 {
        self.options.iter().map(|o| o.value).min().unwrap_or(0)
    }

    /// The highest value on the scale.
    pub fn max(&self) -> u8 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }

    /// True when `value` is one of the options.
    pub fn contains(&self, value: u8) -> bool {
        self.options.iter().any(|o| o.value == value)
    }

    /// The words for `value`, if it is one of the options.
    pub fn label(&self, value: u8) -> Option<&'static str> {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label)
    }
}

/// The words at each end of a numeric scale, when an item has its own (e.g. ONS4's 0 and 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Anchors {
    /// The words for the lowest value.
    pub low: &'static str,
    /// The words for the highest value.
    pub high: &'static str,
}

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// One of the instrument's [`Instrument::scale`] answers; the only kind that is scored.
    Scale,
    /// One of the item's own answers, e.g. who is answering; a category, never scored.
    Choice(&'static ResponseScale),
    /// The person's own words: trimmed, at most [`MAX_TEXT`] characters.
    FreeText,
}

/// One question or statement of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The stable code answers are stored under, unique within the instrument.
    pub code: &'static str,
    /// The exact wording.
    pub text: &'static str,
    /// Scored in reverse (lowest + highest − answer).
    pub reversed: bool,
    /// This item's own end-point words, if any.
    pub anchors: Option<Anchors>,
    /// How the item is answered.
    pub kind: ItemKind,
}

impl Item {
    /// An item answered on the instrument's scale, not reversed, without its own anchors.
    pub const fn scale(code: &'static str, text: &'static str) -> Self {
        Self {
            code,
            text,
            reversed: false,
            anchors: None,
            kind: ItemKind::Scale,
        }
    }

    /// An item answered with one of `choices`.
    pub const fn choice(
        code: &'static str,
        text: &'static str,
        choices: &'static ResponseScale,
    ) -> Self {
        Self {
            code,
            text,
            reversed: false,
            anchors: None,
            kind: ItemKind::Choice(choices),
        }
    }

    /// An item answered in the person's own words.
    pub const fn free_text(code: &'static str, text: &'static str) -> Self {
        Self {
            code,
            text,
            reversed: false,
            anchors: None,
            kind: ItemKind::FreeText,
        }
    }
}

/// A versioned questionnaire definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Instrument {
    /// The stable code, e.g. `ons4`.
    pub code: &'static str,
    /// The version of this definition; stored with every response.
    pub version: u16,
    /// The name shown to people.
    pub title: &'static str,
    /// The instruction shown before the items.
    pub instruction: &'static str,
    /// The items, in order.
    pub items: &'static [Item],
    /// The answers offered for every [`ItemKind::Scale`] item.
    pub scale: &'static ResponseScale,
    /// The terms of use.
    pub licence: Licence,
    /// The source, with its address, to cite wherever the instrument is shown or reported.
    pub citation: &'static str,
}

impl Instrument {
    /// The item with this code, if any.
    pub fn item(&self, code: &str) -> Option<&'static Item> {
        self.items.iter().find(|i| i.code == code)
    }

    /// Checks every answer names one of this instrument's items and is of the item's kind: a
    /// value on the instrument's scale, one of the item's choices, or text of at most
    /// [`MAX_TEXT`] characters without control characters. Missing answers are allowed here;
    /// each instrument's scoring decides what they mean.
    pub fn validate(&self, answers: &Answers) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        for (code, answer) in &answers.0 {
            let Some(item) = self.item(code) else {
                errors.add(code, format!("{} has no question {code}", self.title));
                continue;
            };
            let choose = |scale: &ResponseScale| {
                format!(
                    "Choose an answer from {} to {} for \u{201c}{}\u{201d}",
                    scale.min(),
                    scale.max(),
                    item.text
                )
            };
            match (answer, item.kind) {
                (Answer::Skipped, _) => {}
                (Answer::Value(value), ItemKind::Scale) => {
                    if !self.scale.contains(*value) {
                        errors.add(code, choose(self.scale));
                    }
                }
                (Answer::Value(value), ItemKind::Choice(choices)) => {
                    if !choices.contains(*value) {
                        errors.add(code, choose(choices));
                    }
                }
                (Answer::Text(_), ItemKind::Scale) => errors.add(code, choose(self.scale)),
                (Answer::Text(_), ItemKind::Choice(choices)) => errors.add(code, choose(choices)),
                (Answer::Value(_), ItemKind::FreeText) => errors.add(
                    code,
                    format!("Answer \u{201c}{}\u{201d} in words", item.text),
                ),
                (Answer::Text(text), ItemKind::FreeText) => {
                    if has_control_characters(text) {
                        errors.add(
                            code,
                            format!(
                                "Your answer to \u{201c}{}\u{201d} must not contain control \
                                 characters",
                                item.text
                            ),
                        );
                    } else if text.chars().count() > MAX_TEXT {
                        errors.add(
                            code,
                            format!(
                                "Your answer to \u{201c}{}\u{201d} must be 2,000 characters or \
                                 fewer",
                                item.text
                            ),
                        );
                    }
                }
            }
        }
        errors.finish(|| Some(()))
    }

    /// The scored value of `value` for `item`: reversed items count lowest + highest − value.
    pub fn scored(&self, item: &Item, value: u8) -> u8 {
        if item.reversed {
            (self.scale.min() + self.scale.max()).saturating_sub(value)
        } else {
            value
        }
    }

    /// Every [`ItemKind::Scale`] item's scored value, in item order, or `None` when any of them
    /// is unanswered. Call after [`Instrument::validate`].
    pub fn complete(&self, answers: &Answers) -> Option<Vec<u8>> {
        self.items
            .iter()
            .filter(|item| item.kind == ItemKind::Scale)
            .map(|item| answers.get(item.code).map(|v| self.scored(item, v)))
            .collect()
    }
}

/// One answer to one item, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum Answer {
    /// Asked but not answered.
    Skipped,
    /// A chosen value, for scale and choice items.
    Value(u8),
    /// The person's own words, trimmed, for free-text items.
    Text(String),
}

/// One person's answers to one instrument: item code → chosen value or text, skipped when
/// asked but not answered. Serialises as one object: a number, a string or `null` per item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

impl Answers {
    /// No answers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the answer (or a skip, with `None`) to the item `code`, replacing any earlier one.
    pub fn set(&mut self, code: &str, value: Option<u8>) {
        let answer = value.map_or(Answer::Skipped, Answer::Value);
        self.0.insert(code.to_owned(), answer);
    }

    /// Records the words given for the item `code`, trimmed, replacing any earlier answer; words
    /// that are empty once trimmed are a skip. Length is checked by [`Instrument::validate`].
    pub fn set_text(&mut self, code: &str, text: &str) {
        let text = text.trim();
        let answer = if text.is_empty() {
            Answer::Skipped
        } else {
            Answer::Text(text.to_owned())
        };
        self.0.insert(code.to_owned(), answer);
    }

    /// These answers with `code` answered `value`.
    pub fn with(mut self, code: &str, value: u8) -> Self {
        self.set(code, Some(value));
        self
    }

    /// These answers with `code` answered in the words `text` (trimmed).
    pub fn with_text(mut self, code: &str, text: &str) -> Self {
        self.set_text(code, text);
        self
    }

    /// The value chosen for `code`, or `None` when it was skipped, not asked or answered in words.
    pub fn get(&self, code: &str) -> Option<u8> {
        match self.0.get(code) {
            Some(Answer::Value(value)) => Some(*value),
            _ => None,
        }
    }

    /// The words given for `code`, or `None` when it was skipped, not asked or given a value.
    pub fn text(&self, code: &str) -> Option<&str> {
        match self.0.get(code) {
            Some(Answer::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// Every recorded item code answered with a value or skipped, with its value, in code order.
    /// Text answers are left out; see [`Answers::texts`].
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<u8>)> {
        self.0.iter().filter_map(|(k, v)| match v {
            Answer::Skipped => Some((k.as_str(), None)),
            Answer::Value(value) => Some((k.as_str(), Some(*value))),
            Answer::Text(_) => None,
        })
    }

    /// Every item code answered in words, with the words, in code order.
    pub fn texts(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|(k, v)| match v {
            Answer::Text(text) => Some((k.as_str(), text.as_str())),
            _ => None,
        })
    }
}

impl<'a> FromIterator<(&'a str, u8)> for Answers {
    fn from_iter<T: IntoIterator<Item = (&'a str, u8)>>(iter: T) -> Self {
        let mut answers = Self::new();
        for (code, value) in iter {
            answers.set(code, Some(value));
        }
        answers
    }
}

/// A non-negative number held exactly in hundredths (e.g. 2321 is 23.21), so published tables
/// and two-decimal means compare without floating-point surprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Hundredths(pub u16);

impl Hundredths {
    /// The value as a floating-point number, for statistics.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}
