//! Charity registration numbers for the three UK charity registers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter a charity number, like 1123456 or SC012345";

/// Which UK register a charity is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharityRegister {
    /// The Charity Commission for England and Wales.
    EnglandAndWales,
    /// The Scottish Charity Regulator (OSCR).
    Scotland,
    /// The Charity Commission for Northern Ireland.
    NorthernIreland,
}

/// A charity registration number: `1123456` or `1123456-1` (England and Wales),
/// `SC012345` (Scotland) or `NIC100001` (Northern Ireland).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CharityNumber(String);

impl CharityNumber {
    /// Parses a charity number, ignoring case and spaces.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let number: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if number.is_empty() {
            return Err(InvalidValue::new("Enter a charity number"));
        }
        if register_of(&number).is_none() {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(number))
    }

    /// The number as text, like `1123456` or `SC012345`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The register the charity is on.
    pub fn register(&self) -> CharityRegister {
        // Parsing guarantees a register; England and Wales is the fallback shape.
        register_of(&self.0).unwrap_or(CharityRegister::EnglandAndWales)
    }
}

/// The register a normalised number belongs to, or `None` if it is not a valid number.
fn register_of(number: &str) -> Option<CharityRegister> {
    if let Some(digits) = number.strip_prefix("SC") {
        return is_digits(digits, 6..=6).then_some(CharityRegister::Scotland);
    }
    if let Some(digits) = number.strip_prefix("NIC") {
        return is_digits(digits, 6..=6).then_some(CharityRegister::NorthernIreland);
    }
    let (main, subsidiary) = match number.split_once('-') {
        Some((main, subsidiary)) => (main, Some(subsidiary)),
        None => (number, None),
    };
    let valid = is_digits(main, 6..=7) && subsidiary.is_none_or(|s| is_digits(s, 1..=3));
    valid.then_some(CharityRegister::EnglandAndWales)
}

/// Whether `s` is all ASCII digits with a length in `len`.
fn is_digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

impl fmt::Display for CharityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for CharityNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CharityNumber {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CharityNumber> for String {
    fn from(value: CharityNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> CharityNumber {
        match CharityNumber::parse(input) {
            Ok(number) => number,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match CharityNumber::parse(input) {
            Ok(number) => panic!("{input:?} should fail, got {number}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn england_and_wales() {
        for (input, expected) in [
            ("207076", "207076"),
            ("1123456", "1123456"),
            ("1123456-1", "1123456-1"),
            ("1123456-123", "1123456-123"),
            (" 1123 456 ", "1123456"),
            ("1123456 - 1", "1123456-1"),
        ] {
            let number = ok(input);
            assert_eq!(number.as_str(), expected);
            assert_eq!(number.register(), CharityRegister::EnglandAndWales);
        }
    }

    #[test]
    fn scotland() {
        for input in ["SC012345", "sc012345", " SC 012 345 ", "Sc012345"] {
            let number = ok(input);
            assert_eq!(number.as_str(), "SC012345");
            assert_eq!(number.register(), CharityRegister::Scotland);
        }
    }

    #[test]
    fn northern_ireland() {
        for input in ["NIC100001", "nic100001", "NIC 100001"] {
            let number = ok(input);
            assert_eq!(number.as_str(), "NIC100001");
            assert_eq!(number.register(), CharityRegister::NorthernIreland);
        }
    }

    #[test]
    fn empty_asks_for_a_number() {
        assert_eq!(err(""), "Enter a charity number");
        assert_eq!(err(" \t "), "Enter a charity number");
    }

    #[test]
    fn rejects_wrong_shapes() {
        for input in [
            "12345",        // 5 digits
            "12345678",     // 8 digits
            "1123456-",     // empty subsidiary
            "1123456-1234", // subsidiary too long
            "1123456-1-2",  // two subsidiaries
            "-1",
            "SC12345", // Scotland needs 6 digits
            "SC0123456",
            "SC01234A",
            "SC012345-1", // subsidiaries are England and Wales only
            "NIC10000",   // Northern Ireland needs 6 digits
            "NIC1000001",
            "NI100001",
            "XY123456",
            "1123456A",
            "１２３４５６", // full-width digits
        ] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string() {
        let number = ok("sc012345");
        assert_eq!(number.to_string(), "SC012345");
        assert_eq!(number.as_ref(), "SC012345");
        assert_eq!(String::from(number.clone()), "SC012345");
        assert_eq!(CharityNumber::try_from("SC012345".to_owned()), Ok(number));
        assert!(CharityNumber::try_from("SC1".to_owned()).is_err());
    }
}
