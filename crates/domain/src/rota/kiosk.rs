//! Codes for checking in at a kiosk: the site's kiosk code, which a manager types to unlock a
//! shared device, and each volunteer's short personal code for an organisation.

use crate::FieldErrors;

/// The shortest kiosk code a manager may choose.
pub const KIOSK_CODE_MIN: usize = 6;
/// The longest kiosk code.
pub const KIOSK_CODE_MAX: usize = 20;
/// Digits in a volunteer's personal code.
pub const PERSONAL_CODE_DIGITS: usize = 6;
/// Wrong codes allowed in [`WRONG_CODE_WINDOW_MINUTES`] before a kiosk locks (personal codes) or
/// stops accepting unlock attempts (kiosk codes).
pub const WRONG_CODES_ALLOWED: u64 = 5;
/// The window wrong codes are counted over.
pub const WRONG_CODE_WINDOW_MINUTES: i64 = 15;
/// How long an unlocked kiosk stays unlocked: a long day.
pub const KIOSK_SESSION_HOURS: i64 = 14;

/// A code as typed, without spaces or dashes, in capitals: "482 193" is "482193".
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// A kiosk code a manager chose: 6 to 20 letters and digits (spaces and dashes ignored).
pub fn parse_kiosk_code(typed: &str, field: &str) -> Result<String, FieldErrors> {
    let code = normalise_code(typed);
    if code.is_empty() {
        return Err(FieldErrors::one(field, "Enter a kiosk code"));
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(FieldErrors::one(
            field,
            "The kiosk code must be letters and numbers only",
        ));
    }
    let n = code.chars().count();
    if !(KIOSK_CODE_MIN..=KIOSK_CODE_MAX).contains(&n) {
        return Err(FieldErrors::one(
            field,
            format!(
                "The kiosk code must be {KIOSK_CODE_MIN} to {KIOSK_CODE_MAX} letters and numbers"
            ),
        ));
    }
    Ok(code)
}

/// A personal code from a random number: six digits, leading zeros kept.
pub fn personal_code(random: u32) -> String {
    format!("{:06}", random % 1_000_000)
}

/// A code for reading aloud or typing: "482 193".
pub fn spaced(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(3)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_ignore_spaces_dashes_and_case() {
        assert_eq!(normalise_code(" 482 193 "), "482193");
        assert_eq!(normalise_code("ward-7a bc"), "WARD7ABC");
        assert_eq!(
            parse_kiosk_code("ward 7 kiosk", "k"),
            Ok("WARD7KIOSK".into())
        );
    }

    #[test]
    fn kiosk_codes_must_be_long_enough_and_plain() {
        let e = |typed: &str| {
            parse_kiosk_code(typed, "kiosk_code")
                .unwrap_err()
                .get("kiosk_code")
                .unwrap()
                .to_owned()
        };
        assert_eq!(e("  "), "Enter a kiosk code");
        assert!(e("12345").contains("6 to 20"));
        assert!(e("123456789012345678901").contains("6 to 20"));
        assert!(e("abc!def").contains("letters and numbers only"));
        assert!(parse_kiosk_code("123456", "k").is_ok());
    }

    #[test]
    fn personal_codes_are_six_digits() {
        assert_eq!(personal_code(42), "000042");
        assert_eq!(personal_code(4_294_967_295), "967295");
        assert_eq!(spaced("482193"), "482 193");
        assert_eq!(spaced("WARD7KIOSK"), "WAR D7K IOS K");
    }
}
