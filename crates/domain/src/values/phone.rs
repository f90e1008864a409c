//! UK phone numbers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter a UK phone number, like 07700 900123 or 020 7946 0000";

/// A UK phone number, stored in E.164 form like `+447700900123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses a UK number written nationally (`07700 900123`) or internationally
    /// (`+44 7700 900123`, `0044 7700 900123`, `+44 (0)7700 900123`), ignoring
    /// spaces, hyphens and brackets.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let input = input.trim();
        if input.is_empty() {
            return Err(InvalidValue::new("Enter a phone number"));
        }
        let (plus, rest) = match input.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '-' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                _ => return Err(InvalidValue::new(MESSAGE)),
            }
        }

        // The significant number: the national number without its leading 0.
        let significant = if plus {
            international(&digits)
        } else if let Some(after) = digits.strip_prefix("0044") {
            Some(after.strip_prefix('0').unwrap_or(after))
        } else {
            digits.strip_prefix('0')
        };
        let significant = significant.ok_or_else(|| InvalidValue::new(MESSAGE))?;

        let first_ok = matches!(
            significant.as_bytes().first(),
            Some(b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
        );
        if !first_ok || !(9..=10).contains(&significant.len()) {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(format!("+44{significant}")))
    }

    /// The number in E.164 form, like `+447700900123`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number written the UK way, like `07700 900123`, `020 7946 0018` or `01632 960001`.
    pub fn national(&self) -> String {
        let significant = self.0.strip_prefix("+44").unwrap_or(&self.0);
        let national = format!("0{significant}");
        let group = |cuts: &[usize]| {
            let mut out = String::with_capacity(national.len() + cuts.len());
            let mut start = 0;
            for &cut in cuts {
                out.push_str(&national[start..cut]);
                out.push(' ');
                start = cut;
            }
            out.push_str(&national[start..]);
            out
        };
        match (national.len(), national.as_bytes().get(1)) {
            // London, Cardiff, Belfast and other 02 areas: 020 7946 0018.
            (11, Some(b'2')) => group(&[3, 7]),
            // Non-geographic 03, 08 and 09 numbers: 0300 123 4567.
            (11, Some(b'3' | b'8' | b'9')) => group(&[4, 7]),
            // Mobiles, other geographic numbers and shorter numbers:
            // 07700 900123, 01632 960001, 01632 96000.
            _ => group(&[5]),
        }
    }
}

/// The significant number after an international `+` prefix, if it is a UK (+44) number.
/// Allows a stray national 0 after the country code, as in `+44 (0)20 7946 0018`.
fn international(digits: &str) -> Option<&str> {
    let after = digits.strip_prefix("44")?;
    Some(after.strip_prefix('0').unwrap_or(after))
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Phone {
        match Phone::parse(input) {
            Ok(phone) => phone,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match Phone::parse(input) {
            Ok(phone) => panic!("{input:?} should fail, got {phone}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_national_and_international_forms() {
        for input in [
            "07700900123",
            "07700 900123",
            " 07700-900-123 ",
            "(07700) 900123",
            "+447700900123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "+44(0)7700-900123",
            "0044 7700 900123",
            "0044 (0)7700 900123",
        ] {
            assert_eq!(ok(input).as_str(), "+447700900123", "{input:?}");
        }
    }

    #[test]
    fn stores_e164() {
        assert_eq!(ok("020 7946 0018").as_str(), "+442079460018");
        assert_eq!(ok("(020) 7946 0018").as_str(), "+442079460018");
        assert_eq!(ok("+44 (0)20 7946 0018").as_str(), "+442079460018");
        assert_eq!(ok("01632 960001").as_str(), "+441632960001");
        assert_eq!(ok("0300 123 4567").as_str(), "+443001234567");
        assert_eq!(ok("0800 123 4567").as_str(), "+448001234567");
    }

    #[test]
    fn accepts_both_lengths() {
        // 0 + 9 digits, the shortest.
        assert_eq!(ok("01632 96000").as_str(), "+44163296000");
        // 0 + 10 digits, the longest.
        assert_eq!(ok("01632 960001").as_str(), "+441632960001");
    }

    #[test]
    fn formats_nationally() {
        assert_eq!(ok("+447700900123").national(), "07700 900123");
        assert_eq!(ok("+442079460018").national(), "020 7946 0018");
        assert_eq!(ok("+441632960001").national(), "01632 960001");
        assert_eq!(ok("+443001234567").national(), "0300 123 4567");
        assert_eq!(ok("+448081570000").national(), "0808 157 0000");
        assert_eq!(ok("+44163296000").national(), "01632 96000");
    }

    #[test]
    fn empty_asks_for_a_number() {
        assert_eq!(err(""), "Enter a phone number");
        assert_eq!(err("  "), "Enter a phone number");
    }

    #[test]
    fn rejects_non_uk_or_malformed_numbers() {
        for input in [
            "077009001",         // 0 + 8 digits: too short
            "077009001234",      // 0 + 11 digits: too long
            "7700900123",        // no leading 0 or country code
            "447700900123",      // country code without + or 00
            "+33 1 23 45 67 89", // not the UK
            "+1 202 555 0100",
            "001 202 555 0100",
            "00447700",     // too short after 0044
            "04700 900123", // 04 is not in use
            "06700 900123", // 06 is not in use
            "00700 900123", // 00 is not a national number
            "07700 900123 ext 4",
            "07700.900.123", // dots are not accepted
            "+",
            "++447700900123",
            "07700 +900123",
        ] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string() {
        let phone = ok("07700 900123");
        assert_eq!(phone.to_string(), "+447700900123");
        assert_eq!(phone.as_ref(), "+447700900123");
        assert_eq!(String::from(phone.clone()), "+447700900123");
        assert_eq!(Phone::try_from("+447700900123".to_owned()), Ok(phone));
        assert!(Phone::try_from("999".to_owned()).is_err());
    }
}
