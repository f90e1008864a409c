//! UK local time: shifts are typed and shown in `Europe/London` clock time and stored as UTC
//! instants.
//!
//! Twice a year a clock reading is not one instant, and the rules are:
//!
//! * **Clocks go forward** (last Sunday of March, 1am GMT becomes 2am BST): readings from
//!   1:00am to 1:59am never happen. Such a reading is **moved forward to the first valid
//!   instant**, 2am BST (1am UTC), whether it is a start or an end: the volunteer starts, or
//!   stops, when the clock first shows that time or later. So a 1am–3am shift that night lasts
//!   one hour, and is stored and shown as 2am–3am. This is not an error because the issue
//!   requires a 1am–3am shift on that night to be storable; only a shift that would last no time
//!   at all (say 1:15am–1:45am) is refused, with a [`SlotError`] naming the end time.
//! * **Clocks go back** (last Sunday of October, 2am BST becomes 1am GMT): readings from 1:00am
//!   to 1:59am happen twice. A start takes the **first** (BST) occurrence and an end the
//!   **second** (GMT) one, as UK night work does: someone on until 1:30am works until the clock
//!   shows 1:30am after it has gone back. So a 1am–3am shift that night lasts three hours. The
//!   one exception keeps a shift positive and its wall-clock length: when start and end both
//!   fall in the repeated hour (1:15am–1:45am), both take the first occurrence.
//!
//! The rule for a single reading is [`to_instant`] with an [`Edge`].

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// The zone every shift is defined in.
pub const ZONE: Tz = chrono_tz::Europe::London;

/// The longest stretch of clock readings that never happen, in minutes (an hour in the UK;
/// two hours covers the double summer time of the 1940s).
const MAX_GAP_MINUTES: i64 = 120;

/// Which end of a slot a local clock reading is; it decides which instant a repeated reading
/// means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// A start: a repeated reading means its first occurrence.
    Start,
    /// An end: a repeated reading means its second occurrence.
    End,
}

/// The UTC instant a UK clock reading means, by the rules in the module documentation: a
/// reading that never happens moves forward to the first instant after the gap; a repeated one
/// is the first occurrence for a start and the second for an end. `None` only at the far ends
/// of the calendar.
pub fn to_instant(local: NaiveDateTime, edge: Edge) -> Option<DateTime<Utc>> {
    let found = ZONE.from_local_datetime(&local);
    let instant = match edge {
        Edge::Start => found.earliest(),
        Edge::End => found.latest(),
    };
    instant
        .or_else(|| first_after_gap(local))
        .map(|t| t.with_timezone(&Utc))
}

/// The first whole minute after `local` that the clock shows: the end of the gap `local` is in.
fn first_after_gap(local: NaiveDateTime) -> Option<DateTime<Tz>> {
    let minute = local.with_second(0)?.with_nanosecond(0)?;
    (1..=MAX_GAP_MINUTES).find_map(|m| {
        let candidate = minute.checked_add_signed(Duration::minutes(m))?;
        ZONE.from_local_datetime(&candidate).earliest()
    })
}

/// The UK clock reading (date and time) at an instant.
pub fn from_utc(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&ZONE).naive_local()
}

/// Whether a UK clock reading happens twice (the hour repeated when the clocks go back).
pub fn is_repeated(local: NaiveDateTime) -> bool {
    matches!(
        ZONE.from_local_datetime(&local),
        chrono::LocalResult::Ambiguous(..)
    )
}

/// Whether a UK clock reading never happens (the hour skipped when the clocks go forward).
pub fn is_skipped(local: NaiveDateTime) -> bool {
    matches!(ZONE.from_local_datetime(&local), chrono::LocalResult::None)
}

/// A slot as a person types it: a UK date and clock times. An end at or before the start means
/// the slot ends the next day (10pm–6am is an overnight slot; 9am–9am lasts a whole day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct LocalSlot {
    /// The UK date the slot starts on.
    pub date: NaiveDate,
    /// The clock time it starts.
    pub start: NaiveTime,
    /// The clock time it ends; at or before `start` means the next day.
    pub end: NaiveTime,
}

/// Why a slot has no UTC range, with the form field to show it against.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlotError {
    /// The date is at the far end of the calendar.
    #[error("Enter a real date")]
    OutOfRange,
    /// The clocks going forward swallow the whole slot.
    #[error(
        "This shift would last no time at all, because the clocks go forward an hour at 1am on \
         {}. Choose an end time of 2am or later",
        .0.format("%-d %B %Y")
    )]
    NoLength(NaiveDate),
}

impl SlotError {
    /// The form field the problem belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Self::OutOfRange => "date",
            Self::NoLength(_) => "end_time",
        }
    }
}

impl From<SlotError> for crate::FieldErrors {
    fn from(error: SlotError) -> Self {
        Self::one(error.field(), error.to_string())
    }
}

impl LocalSlot {
    /// A slot on `date` from `start` to `end`.
    pub fn new(date: NaiveDate, start: NaiveTime, end: NaiveTime) -> Self {
        Self { date, start, end }
    }

    /// The UK clock reading the slot starts at.
    pub fn local_start(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }

    /// The UK clock reading the slot ends at (the next day for an overnight slot).
    pub fn local_end(&self) -> Result<NaiveDateTime, SlotError> {
        let date = if self.end <= self.start {
            self.date.succ_opt().ok_or(SlotError::OutOfRange)?
        } else {
            self.date
        };
        Ok(date.and_time(self.end))
    }

    /// The slot's start and end instants, by the rules in the module documentation. Refused
    /// only when the clocks going forward leave it no length, or at the ends of the calendar.
    pub fn to_utc(&self) -> Result<(DateTime<Utc>, DateTime<Utc>), SlotError> {
        let start = self.local_start();
        let end = self.local_end()?;
        let starts_at = to_instant(start, Edge::Start).ok_or(SlotError::OutOfRange)?;
        // Both in the one repeated hour: keep the wall-clock length (see module docs).
        let end_edge = if end.date() == start.date() && is_repeated(start) && is_repeated(end) {
            Edge::Start
        } else {
            Edge::End
        };
        let ends_at = to_instant(end, end_edge).ok_or(SlotError::OutOfRange)?;
        if ends_at <= starts_at {
            return Err(SlotError::NoLength(self.date));
        }
        Ok((starts_at, ends_at))
    }

    /// How long the slot really lasts, in minutes: a 1am–3am slot lasts 60 on the night the
    /// clocks go forward and 180 on the night they go back.
    pub fn duration_minutes(&self) -> Result<i64, SlotError> {
        let (starts_at, ends_at) = self.to_utc()?;
        Ok((ends_at - starts_at).num_minutes())
    }

    /// How long the slot looks on the clock, in minutes, ignoring clock changes.
    pub fn wall_clock_minutes(&self) -> Result<i64, SlotError> {
        Ok((self.local_end()? - self.local_start()).num_minutes())
    }

    /// The slot as UK clock times, from a range made by [`LocalSlot::to_utc`]. A start moved
    /// forward out of the spring gap shows as 2am, the time the volunteer actually starts.
    pub fn from_utc(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Self {
        let start = from_utc(starts_at);
        Self {
            date: start.date(),
            start: start.time(),
            end: from_utc(ends_at).time(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn gap_and_fold_are_recognised() {
        assert!(is_skipped(at("2027-03-28 01:30")));
        assert!(!is_skipped(at("2027-03-28 02:00")));
        assert!(is_repeated(at("2027-10-31 01:00")));
        assert!(!is_repeated(at("2027-10-31 02:00")));
    }

    #[test]
    fn a_skipped_reading_moves_to_the_end_of_the_gap() {
        let end_of_gap = Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap();
        for edge in [Edge::Start, Edge::End] {
            assert_eq!(to_instant(at("2027-03-28 01:00"), edge), Some(end_of_gap));
            assert_eq!(to_instant(at("2027-03-28 01:59"), edge), Some(end_of_gap));
        }
    }

    #[test]
    fn error_names_the_end_time() {
        let slot = LocalSlot::new(
            "2027-03-28".parse().unwrap(),
            NaiveTime::from_hms_opt(1, 15, 0).unwrap(),
            NaiveTime::from_hms_opt(1, 45, 0).unwrap(),
        );
        let e = slot.to_utc().unwrap_err();
        assert_eq!(e.field(), "end_time");
        assert!(e.to_string().contains("28 March 2027"), "{e}");
    }
}
