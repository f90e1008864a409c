//! Days of the week someone is available (a volunteer) or would like support (a service user).

use chrono::Weekday;
use serde::Serialize;

/// A set of weekdays, Monday first. Stored as a 7-bit number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Days(u8);

/// Monday to Sunday, in the order the bits and forms use.
const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

impl Days {
    /// No days (for a volunteer: not said yet; for a service user: any day will do).
    pub const NONE: Self = Self(0);
    /// Every day.
    pub const ALL: Self = Self(0b111_1111);

    /// From the stored number; bits above Sunday are dropped.
    pub fn from_bits(bits: i64) -> Self {
        Self(u8::try_from(bits & 0b111_1111).unwrap_or(0))
    }

    /// The stored number.
    pub fn bits(self) -> i64 {
        i64::from(self.0)
    }

    /// From the weekdays chosen.
    pub fn from_days(days: &[Weekday]) -> Self {
        Self(
            days.iter()
                .fold(0, |bits, d| bits | 1 << d.num_days_from_monday()),
        )
    }

    /// From form values such as `mon`, `tue` (unknown words are ignored).
    pub fn from_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        let days: Vec<Weekday> = codes
            .into_iter()
            .filter_map(|c| WEEK.iter().copied().find(|d| code(*d) == c.trim()))
            .collect();
        Self::from_days(&days)
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// Whether no day is chosen.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days both sets share.
    pub fn shared(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The days in the set, Monday first.
    pub fn days(self) -> Vec<Weekday> {
        WEEK.iter().copied().filter(|d| self.contains(*d)).collect()
    }

    /// Each day of the week with its form code, its name, and whether it is in the set.
    pub fn choices(self) -> Vec<(&'static str, &'static str, bool)> {
        WEEK.iter()
            .map(|d| (code(*d), name(*d), self.contains(*d)))
            .collect()
    }

    /// "Mondays and Thursdays", "any day" for none.
    pub fn describe(self) -> String {
        let names: Vec<String> = self
            .days()
            .into_iter()
            .map(|d| format!("{}s", name(d)))
            .collect();
        match names.as_slice() {
            [] => "any day".to_owned(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

fn code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
