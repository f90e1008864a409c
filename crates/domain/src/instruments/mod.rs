//! Instruments: versioned definitions of the wellbeing and experience questionnaires, with the
//! rules that score them exactly as published.
//!
//! Each instrument is a static [`Instrument`]: its items, response scale, licence and citation.
//! People's answers arrive as [`Answers`] (item code → chosen value, missing allowed); each
//! instrument's module scores them and returns a typed result. Scores are always computed here
//! from item-level answers; a score sent by a client is never accepted.
//!
//! Design rule (standards §2): store item-level answers with the instrument's code and version,
//! and compute scores from them with these rules.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::FieldErrors;

pub mod brs;
pub mod experience;
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
];

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
    /// The answers offered for every item.
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

    /// Checks every answer names one of this instrument's items and is on its scale. Missing
    /// answers are allowed here; each instrument's scoring decides what they mean.
    pub fn validate(&self, answers: &Answers) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        for (code, value) in answers.iter() {
            match self.item(code) {
                None => errors.add(code, format!("{} has no question {code}", self.title)),
                Some(item) => {
                    if let Some(value) = value
                        && !self.scale.contains(value)
                    {
                        errors.add(
                            code,
                            format!(
                                "Choose an answer from {} to {} for \u{201c}{}\u{201d}",
                                self.scale.min(),
                                self.scale.max(),
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

    /// Every item's scored value, in item order, or `None` when any item is unanswered.
    /// Call after [`Instrument::validate`].
    pub fn complete(&self, answers: &Answers) -> Option<Vec<u8>> {
        self.items
            .iter()
            .map(|item| answers.get(item.code).map(|v| self.scored(item, v)))
            .collect()
    }
}

/// One person's answers to one instrument: item code → chosen value, `None` when skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Option<u8>>);

impl Answers {
    /// No answers yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the answer (or a skip, with `None`) to the item `code`.
    pub fn set(&mut self, code: &str, value: Option<u8>) {
        self.0.insert(code.to_owned(), value);
    }

    /// These answers with `code` answered `value`.
    pub fn with(mut self, code: &str, value: u8) -> Self {
        self.set(code, Some(value));
        self
    }

    /// The answer to `code`, or `None` when it was skipped or not asked.
    pub fn get(&self, code: &str) -> Option<u8> {
        self.0.get(code).copied().flatten()
    }

    /// Every recorded item code with its answer, in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<u8>)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
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
