//! Short URL-safe names for organisations.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::InvalidValue;

const MESSAGE: &str = "Enter a short name of 2 to 60 lower-case letters, numbers and hyphens";

/// The shortest slug allowed.
const MIN_LEN: usize = 2;
/// The longest slug allowed.
const MAX_LEN: usize = 60;

/// A short URL-safe name, like `leeds-teaching-hospitals`: 2 to 60 lower-case letters,
/// digits and single hyphens, neither starting nor ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Parses a slug, trimming it and lower-casing any capital letters.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let slug = input.trim().to_ascii_lowercase();
        if slug.is_empty() {
            return Err(InvalidValue::new("Enter a short name"));
        }
        let valid = (MIN_LEN..=MAX_LEN).contains(&slug.len())
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--");
        if !valid {
            return Err(InvalidValue::new(MESSAGE));
        }
        Ok(Self(slug))
    }

    /// Derives a slug from an organisation's name, like `St John's Hospice` to
    /// `st-johns-hospice`, or `None` if the name has fewer than two usable characters.
    ///
    /// Letters and digits are kept in lower case, apostrophes are dropped, and every
    /// other run of characters becomes one hyphen. Names too long are cut to 60
    /// characters, at a hyphen where that still leaves a usable slug.
    pub fn from_name(name: &str) -> Option<Slug> {
        let mut slug = String::with_capacity(name.len());
        let mut pending_hyphen = false;
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push(c.to_ascii_lowercase());
            } else if c == '\'' || c == '\u{2019}' {
                // Apostrophes join words: "St John's" is "st-johns", not "st-john-s".
            } else {
                pending_hyphen = true;
            }
        }

        if slug.len() > MAX_LEN {
            // A hyphen at MAX_LEN means the cut falls exactly between words.
            let cut = if slug.as_bytes().get(MAX_LEN) == Some(&b'-') {
                MAX_LEN
            } else {
                match slug[..MAX_LEN].rfind('-') {
                    Some(at) if at >= MIN_LEN => at,
                    _ => MAX_LEN,
                }
            };
            slug.truncate(cut);
            // A hard cut may leave a trailing hyphen.
            while slug.ends_with('-') {
                slug.pop();
            }
        }

        Self::parse(&slug).ok()
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidValue;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Slug {
        match Slug::parse(input) {
            Ok(slug) => slug,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn err(input: &str) -> String {
        match Slug::parse(input) {
            Ok(slug) => panic!("{input:?} should fail, got {slug}"),
            Err(e) => e.to_string(),
        }
    }

    fn from_name(name: &str) -> Option<String> {
        Slug::from_name(name).map(String::from)
    }

    #[test]
    fn accepts_valid_slugs() {
        for input in ["ab", "leeds-teaching-hospitals", "nhs-111", "a1", "2b"] {
            assert_eq!(ok(input).as_str(), input);
        }
    }

    #[test]
    fn trims_and_lower_cases() {
        assert_eq!(ok("  Leeds-Hospice ").as_str(), "leeds-hospice");
    }

    #[test]
    fn length_boundaries() {
        assert_eq!(err("a"), MESSAGE);
        assert_eq!(ok("ab").as_str(), "ab");
        let longest = "a".repeat(MAX_LEN);
        assert_eq!(ok(&longest).as_str(), longest);
        assert_eq!(err(&"a".repeat(MAX_LEN + 1)), MESSAGE);
    }

    #[test]
    fn empty_asks_for_a_short_name() {
        assert_eq!(err(""), "Enter a short name");
        assert_eq!(err("  "), "Enter a short name");
    }

    #[test]
    fn rejects_bad_hyphens_and_characters() {
        for input in [
            "-leeds",
            "leeds-",
            "leeds--hospice",
            "--",
            "leeds hospice",
            "leeds_hospice",
            "café",
            "leeds.hospice",
            "leeds/hospice",
        ] {
            assert_eq!(err(input), MESSAGE, "{input:?}");
        }
    }

    #[test]
    fn derives_from_names() {
        assert_eq!(
            from_name("Leeds Teaching Hospitals NHS Trust").as_deref(),
            Some("leeds-teaching-hospitals-nhs-trust")
        );
        assert_eq!(
            from_name("St John's Hospice").as_deref(),
            Some("st-johns-hospice")
        );
        assert_eq!(
            from_name("St John\u{2019}s Hospice").as_deref(),
            Some("st-johns-hospice")
        );
        assert_eq!(
            from_name("  Age UK -- Leeds!  ").as_deref(),
            Some("age-uk-leeds")
        );
        assert_eq!(
            from_name("Mind (Leeds) & District").as_deref(),
            Some("mind-leeds-district")
        );
        assert_eq!(from_name("NHS 111").as_deref(), Some("nhs-111"));
        assert_eq!(from_name("Café Rouge").as_deref(), Some("caf-rouge"));
    }

    #[test]
    fn from_name_gives_none_without_enough_characters() {
        assert_eq!(from_name(""), None);
        assert_eq!(from_name("   "), None);
        assert_eq!(from_name("!!!"), None);
        assert_eq!(from_name("A"), None);
        assert_eq!(from_name("— & —"), None);
        assert_eq!(from_name("AB").as_deref(), Some("ab"));
    }

    #[test]
    fn from_name_truncates_at_a_hyphen() {
        // 11 words of 5 letters: 65 characters with hyphens.
        let name = ["abcde"; 11].join(" ");
        let slug = from_name(&name).unwrap_or_default();
        assert_eq!(slug, ["abcde"; 10].join("-"));
        assert_eq!(slug.len(), 59);
    }

    #[test]
    fn from_name_truncates_exactly_between_words() {
        // 10 words of 5 letters make 59 characters; one more letter makes exactly 60.
        let first = ["abcde"; 10].join("-");
        let name = format!("{first}a more");
        let slug = from_name(&name).unwrap_or_default();
        assert_eq!(slug.len(), MAX_LEN);
        assert_eq!(slug, format!("{first}a"));
    }

    #[test]
    fn from_name_hard_cuts_one_long_word() {
        let name = "x".repeat(100);
        assert_eq!(from_name(&name), Some("x".repeat(MAX_LEN)));
        // A long word after a short one: cutting at the hyphen would leave too little.
        let name = format!("a {}", "y".repeat(100));
        let slug = from_name(&name).unwrap_or_default();
        assert_eq!(slug.len(), MAX_LEN);
        assert!(slug.starts_with("a-yyy"));
    }

    #[test]
    fn converts_to_and_from_string() {
        let slug = ok("leeds-hospice");
        assert_eq!(slug.to_string(), "leeds-hospice");
        assert_eq!(slug.as_ref(), "leeds-hospice");
        assert_eq!(String::from(slug.clone()), "leeds-hospice");
        assert_eq!(Slug::try_from("leeds-hospice".to_owned()), Ok(slug));
        assert!(Slug::try_from("-".to_owned()).is_err());
    }
}
