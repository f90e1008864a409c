//! Email addresses.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter an email address in the correct format, like name@example.com";

/// The longest local part (before the `@`) allowed by RFC 5321.
const MAX_LOCAL: usize = 64;
/// The longest whole address usable in SMTP (RFC 5321 path limit less the angle brackets).
const MAX_TOTAL: usize = 254;

/// An email address, trimmed and stored wholly in lower case.
///
/// The whole address is lower-cased, not just the domain. Strictly the local part
/// may be case-sensitive, but in practice every real provider treats it
/// case-insensitively, and a volunteer is one person across every organisation
/// they help: `Sam@Example.com` and `sam@example.com` must match the same account
/// rather than create two.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an email address: one `@`, a local part of up to 64 characters and a
    /// domain with at least one dot, with no spaces.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let address = input.trim().to_lowercase();
        if address.is_empty() {
            return Err(InvalidValue::new("Enter an email address"));
        }
        if address.len() > MAX_TOTAL || address.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(InvalidValue::new(MESSAGE));
        }
        let Some((local, domain)) = address.split_once('@') else {
            return Err(InvalidValue::new(MESSAGE));
        };
        let valid = !local.is_empty()
            && local.len() <= MAX_LOCAL
            && !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| !label.is_empty());
        if !valid {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(address))
    }

    /// The address as text, like `name@example.com`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Email {
        match Email::parse(input) {
            Ok(email) => email,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match Email::parse(input) {
            Ok(email) => panic!("{input:?} should fail, got {email}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn accepts_ordinary_addresses() {
        for input in [
            "name@example.com",
            "first.last@nhs.net",
            "volunteer+rota@charity.org.uk",
            "a@b.co",
            "o'brien@example.com",
        ] {
            assert_eq!(ok(input).as_str(), input);
        }
    }

    #[test]
    fn trims_and_lower_cases_the_whole_address() {
        assert_eq!(
            ok("  Sam.Jones@Example.COM ").as_str(),
            "sam.jones@example.com"
        );
        assert_eq!(ok("SAM@NHS.NET"), ok("sam@nhs.net"));
    }

    #[test]
    fn empty_asks_for_an_address() {
        assert_eq!(err(""), "Enter an email address");
        assert_eq!(err("   "), "Enter an email address");
    }

    #[test]
    fn rejects_malformed_addresses() {
        for input in [
            "name",
            "name@",
            "@example.com",
            "name@example",
            "name@@example.com",
            "name@exa@mple.com",
            "na me@example.com",
            "name@example .com",
            "name@.example.com",
            "name@example.com.",
            "name@example..com",
            "name@exam\nple.com",
            "name\t@example.com",
        ] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn local_part_length_boundary() {
        let local = "a".repeat(MAX_LOCAL);
        assert!(Email::parse(&format!("{local}@example.com")).is_ok());
        assert_eq!(err(&format!("{local}a@example.com")), MESSAGE);
    }

    #[test]
    fn total_length_boundary() {
        // "a@" + domain; the domain is built from labels so every label is non-empty.
        let domain_len = MAX_TOTAL - 2;
        let mut domain = "b".repeat(domain_len - 4);
        domain.push_str(".com");
        let longest = format!("a@{domain}");
        assert_eq!(longest.len(), MAX_TOTAL);
        assert!(Email::parse(&longest).is_ok());
        assert_eq!(err(&format!("a{longest}")), MESSAGE);
    }

    #[test]
    fn converts_to_and_from_string() {
        let email = ok("Name@Example.com");
        assert_eq!(email.to_string(), "name@example.com");
        assert_eq!(email.as_ref(), "name@example.com");
        assert_eq!(String::from(email.clone()), "name@example.com");
        assert_eq!(Email::try_from("NAME@example.com".to_owned()), Ok(email));
        assert!(Email::try_from("nope".to_owned()).is_err());
    }
}
