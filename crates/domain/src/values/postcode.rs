//! UK postcodes.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter a real postcode, like SW1A 1AA";

/// A UK postcode, stored in upper case with one space before the inward code, like `SW1A 1AA`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

impl Postcode {
    /// Parses a postcode, ignoring case and spaces, so `sw1a1aa` becomes `SW1A 1AA`.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(InvalidValue::new("Enter a postcode"));
        }
        if !compact.is_ascii() || !(5..=7).contains(&compact.len()) {
            return Err(InvalidValue::new(MESSAGE));
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let valid = if outward == "GIR" {
            inward == "0AA"
        } else {
            is_outward(outward) && is_inward(inward)
        };
        if !valid {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(format!("{outward} {inward}")))
    }

    /// The postcode as text, like `SW1A 1AA`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The outward code, the part before the space, like `SW1A`.
    pub fn outward(&self) -> &str {
        self.0.split(' ').next().unwrap_or(&self.0)
    }

    /// The postcode area, the leading letters of the outward code, like `SW`.
    pub fn area(&self) -> &str {
        let outward = self.outward();
        let end = outward
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(outward.len());
        &outward[..end]
    }
}

/// Whether `s` is an outward code: A9, A99, AA9, AA99, A9A or AA9A.
fn is_outward(s: &str) -> bool {
    // Each pattern is a string of `A` (letter) and `9` (digit).
    const PATTERNS: [&str; 6] = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"];
    PATTERNS.iter().any(|pattern| matches_pattern(s, pattern))
}

/// Whether `s` is an inward code: 9AA.
fn is_inward(s: &str) -> bool {
    matches_pattern(s, "9AA")
}

/// Whether `s` matches `pattern`, where `A` stands for a letter and `9` for a digit.
fn matches_pattern(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'A' => c.is_ascii_uppercase(),
            _ => c.is_ascii_digit(),
        })
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Postcode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Postcode {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Postcode> for String {
    fn from(value: Postcode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Postcode {
        match Postcode::parse(input) {
            Ok(postcode) => postcode,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match Postcode::parse(input) {
            Ok(postcode) => panic!("{input:?} should fail, got {postcode}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_every_outward_shape() {
        for (input, expected) in [
            ("M1 1AE", "M1 1AE"),     // A9
            ("B33 8TH", "B33 8TH"),   // A99
            ("CR2 6XH", "CR2 6XH"),   // AA9
            ("DN55 1PT", "DN55 1PT"), // AA99
            ("W1A 0AX", "W1A 0AX"),   // A9A
            ("EC1A 1BB", "EC1A 1BB"), // AA9A
            ("SW1A 1AA", "SW1A 1AA"), // AA9A
            ("GIR 0AA", "GIR 0AA"),   // special
        ] {
            assert_eq!(ok(input).as_str(), expected);
        }
    }

    #[test]
    fn normalises_case_and_spaces() {
        assert_eq!(ok("sw1a1aa").as_str(), "SW1A 1AA");
        assert_eq!(ok(" SW1A 1AA ").as_str(), "SW1A 1AA");
        assert_eq!(ok("sw1a   1aa").as_str(), "SW1A 1AA");
        assert_eq!(ok("S W 1 A 1 A A").as_str(), "SW1A 1AA");
        assert_eq!(ok("m11ae").as_str(), "M1 1AE");
        assert_eq!(ok("gir0aa").as_str(), "GIR 0AA");
    }

    #[test]
    fn gives_outward_and_area() {
        let postcode = ok("sw1a 1aa");
        assert_eq!(postcode.outward(), "SW1A");
        assert_eq!(postcode.area(), "SW");
        let postcode = ok("M1 1AE");
        assert_eq!(postcode.outward(), "M1");
        assert_eq!(postcode.area(), "M");
        let postcode = ok("W1A 0AX");
        assert_eq!(postcode.outward(), "W1A");
        assert_eq!(postcode.area(), "W");
        assert_eq!(ok("GIR 0AA").area(), "GIR");
    }

    #[test]
    fn empty_asks_for_a_postcode() {
        assert_eq!(err(""), "Enter a postcode");
        assert_eq!(err("   "), "Enter a postcode");
    }

    #[test]
    fn rejects_wrong_shapes() {
        for input in [
            "M1",        // too short
            "M11A",      // 4 characters
            "SW1A1AAA",  // 8 characters
            "ABC 1AA",   // AAA outward
            "1W1 1AA",   // starts with digit
            "SW1A AAA",  // inward starts with a letter
            "SW1A 11A",  // inward has two digits
            "SW12A 1AA", // AA99A
            "A1AA 1AA",  // A9AA
            "GIR 1AA",   // only GIR 0AA is special
            "SW1A-1AA",  // hyphen
            "SW1À 1AA",  // non-ASCII
            "not a postcode",
        ] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string() {
        let postcode = ok("sw1a1aa");
        assert_eq!(postcode.to_string(), "SW1A 1AA");
        assert_eq!(postcode.as_ref(), "SW1A 1AA");
        assert_eq!(String::from(postcode.clone()), "SW1A 1AA");
        assert_eq!(Postcode::try_from("sw1a1aa".to_owned()), Ok(postcode));
        assert!(Postcode::try_from("nope".to_owned()).is_err());
    }
}
