//! NHS Organisation Data Service (ODS) codes.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter an ODS code of 3 to 6 letters and numbers, like RJ1";

/// An NHS Organisation Data Service code, like `RJ1`, `R1H`, `15N` or `G85001`,
/// stored in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OdsCode(String);

impl OdsCode {
    /// Parses an ODS code: 3 to 6 letters and digits, in any case.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(InvalidValue::new("Enter an ODS code"));
        }
        let valid = (3..=6).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !valid {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(code))
    }

    /// The code as text, like `RJ1`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OdsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for OdsCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OdsCode {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OdsCode> for String {
    fn from(value: OdsCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> OdsCode {
        match OdsCode::parse(input) {
            Ok(code) => code,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match OdsCode::parse(input) {
            Ok(code) => panic!("{input:?} should fail, got {code}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_real_codes() {
        for input in ["RJ1", "RRV", "R1H", "15N", "Y02435", "G85001", "RYJ01"] {
            assert_eq!(ok(input).as_str(), input);
        }
    }

    #[test]
    fn normalises_case_and_surrounding_space() {
        assert_eq!(ok("rj1").as_str(), "RJ1");
        assert_eq!(ok("  r1h\t").as_str(), "R1H");
        assert_eq!(ok("g85001").as_str(), "G85001");
    }

    #[test]
    fn length_boundaries() {
        assert_eq!(err("RJ"), MESSAGE);
        assert_eq!(ok("RJ1").as_str(), "RJ1");
        assert_eq!(ok("ABC123").as_str(), "ABC123");
        assert_eq!(err("ABC1234"), MESSAGE);
    }

    #[test]
    fn empty_asks_for_a_code() {
        assert_eq!(err(""), "Enter an ODS code");
        assert_eq!(err("   "), "Enter an ODS code");
    }

    #[test]
    fn rejects_other_characters() {
        for input in ["RJ 1", "RJ-1", "RJ1!", "RÉ1", "R_1"] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string() {
        let code = ok("rj1");
        assert_eq!(code.to_string(), "RJ1");
        assert_eq!(code.as_ref(), "RJ1");
        assert_eq!(String::from(code.clone()), "RJ1");
        assert_eq!(OdsCode::try_from("rj1".to_owned()), Ok(code));
        assert!(OdsCode::try_from("x".to_owned()).is_err());
    }
}
