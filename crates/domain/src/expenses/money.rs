//! Money as a whole number of pence, parsed from what people type ("£12.50", "12.5", "8").

use serde::{Deserialize, Serialize};

/// An amount of money in whole pence. Never a float, so sums are exact.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Pence(pub i64);

/// Why a typed amount is not money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Nothing typed.
    Empty,
    /// Not a number of pounds and pence.
    NotMoney,
    /// More than two figures after the point.
    TooPrecise,
    /// Below zero.
    Negative,
}

impl Pence {
    /// Parses pounds and pence as typed: an optional "£", digits with optional thousands commas,
    /// and up to two figures of pence after a point. "12.5" is £12.50; "-3" is negative.
    pub fn parse(value: &str) -> Result<Self, MoneyError> {
        let text: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let text = text.strip_prefix('£').unwrap_or(text);
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (negative, text),
        };
        let (pounds, pence) = match text.split_once('.') {
            Some((p, f)) => (p, f),
            None => (text, ""),
        };
        if pounds.is_empty() && pence.is_empty() {
            return Err(MoneyError::NotMoney);
        }
        let pounds = without_thousands_commas(pounds).ok_or(MoneyError::NotMoney)?;
        if !pence.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotMoney);
        }
        if pence.len() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        // Pounds beyond 15 digits are absurd for an expense; refuse rather than overflow.
        if pounds.len() > 15 {
            return Err(MoneyError::NotMoney);
        }
        let whole: i64 = if pounds.is_empty() {
            0
        } else {
            pounds.parse().map_err(|_| MoneyError::NotMoney)?
        };
        let fraction: i64 = match pence.len() {
            0 => 0,
            1 => pence.parse::<i64>().map_err(|_| MoneyError::NotMoney)? * 10,
            _ => pence.parse().map_err(|_| MoneyError::NotMoney)?,
        };
        let total = whole * 100 + fraction;
        if negative && total > 0 {
            return Err(MoneyError::Negative);
        }
        Ok(Self(total))
    }

    /// Pounds and pence for people: "£12.50", "£1,234.00".
    pub fn display(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}£{}.{:02}", thousands(abs / 100), abs % 100)
    }

    /// Pounds and pence without the sign or commas, for spreadsheets: "12.50".
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::fmt::Display for Pence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

/// Digits with commas only between groups of three ("1,234"), as plain digits.
fn without_thousands_commas(pounds: &str) -> Option<String> {
    if !pounds.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if pounds.contains(',') {
        let mut groups = pounds.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
    }
    Some(pounds.replace(',', ""))
}

/// A whole number with commas between thousands: 1234567 → "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_and_pence_parse_as_people_type_them() {
        assert_eq!(Pence::parse("£12.50"), Ok(Pence(1250)));
        assert_eq!(Pence::parse("12.5"), Ok(Pence(1250)));
        assert_eq!(Pence::parse(" 8 "), Ok(Pence(800)));
        assert_eq!(Pence::parse("£ 1,234.56"), Ok(Pence(123_456)));
        assert_eq!(Pence::parse(".75"), Ok(Pence(75)));
        assert_eq!(Pence::parse("0"), Ok(Pence(0)));
    }

    #[test]
    fn what_is_not_money_is_refused() {
        assert_eq!(Pence::parse(""), Err(MoneyError::Empty));
        assert_eq!(Pence::parse("twelve"), Err(MoneyError::NotMoney));
        assert_eq!(Pence::parse("12.505"), Err(MoneyError::TooPrecise));
        assert_eq!(Pence::parse("1,23"), Err(MoneyError::NotMoney));
        assert_eq!(Pence::parse("12.5.0"), Err(MoneyError::NotMoney));
        assert_eq!(Pence::parse("£"), Err(MoneyError::NotMoney));
        assert_eq!(Pence::parse("1e3"), Err(MoneyError::NotMoney));
        assert_eq!(
            Pence::parse("99999999999999999999"),
            Err(MoneyError::NotMoney)
        );
        assert_eq!(Pence::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Pence::parse("£-5.00"), Err(MoneyError::Negative));
        assert_eq!(Pence::parse("-0"), Ok(Pence(0)));
    }

    #[test]
    fn amounts_read_as_pounds_and_pence() {
        assert_eq!(Pence(1250).display(), "£12.50");
        assert_eq!(Pence(5).display(), "£0.05");
        assert_eq!(Pence(123_456_700).display(), "£1,234,567.00");
        assert_eq!(Pence(123_456).plain(), "1234.56");
        assert_eq!(Pence(-250).plain(), "-2.50");
    }
}
