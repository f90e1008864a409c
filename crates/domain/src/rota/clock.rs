//! Clock times, days of the week and dates as people type them: "10:00", "10am", "2.30pm",
//! "Tues", "5 3 2027".

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::FieldErrors;
use crate::person::parse_date;

/// Full day names in week order (Monday first, as in the UK).
const DAY_NAMES: [(Weekday, &str); 7] = [
    (Weekday::Mon, "monday"),
    (Weekday::Tue, "tuesday"),
    (Weekday::Wed, "wednesday"),
    (Weekday::Thu, "thursday"),
    (Weekday::Fri, "friday"),
    (Weekday::Sat, "saturday"),
    (Weekday::Sun, "sunday"),
];

/// A clock time: 24-hour "10:00", "14.30", "0930" or "10:00:00" (as a browser's time input
/// sends it), 12-hour "10am", "2:30pm", "2.30 p.m.", or "noon", "midday", "midnight". A bare
/// hour without am or pm ("7") is refused, since it could be morning or evening.
pub fn parse_time_of_day(value: &str) -> Option<NaiveTime> {
    let text: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    match text.as_str() {
        "noon" | "midday" | "12noon" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" | "12midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (digits, pm) = if let Some(rest) = strip_meridiem(&text, "am") {
        (rest, Some(false))
    } else if let Some(rest) = strip_meridiem(&text, "pm") {
        (rest, Some(true))
    } else {
        (text.as_str(), None)
    };
    let (hour, minute) = hour_and_minute(digits, pm.is_some())?;
    let hour = match pm {
        None if hour < 24 => hour,
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        _ => return None,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `text` without a trailing "am"/"a.m." (or "pm"/"p.m.").
fn strip_meridiem<'a>(text: &'a str, which: &str) -> Option<&'a str> {
    let dotted: String = which.chars().flat_map(|c| [c, '.']).collect();
    text.strip_suffix(which)
        .or_else(|| text.strip_suffix(dotted.as_str()))
        .or_else(|| text.strip_suffix(dotted.trim_end_matches('.')))
}

/// Hour and minute from "10", "10:30", "10.30", "1030" or "10:30:00"; a bare hour only when
/// am or pm follows.
fn hour_and_minute(digits: &str, has_meridiem: bool) -> Option<(u32, u32)> {
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let parts: Vec<&str> = digits.split([':', '.']).collect();
    let (hour, minute) = match parts.as_slice() {
        [h] if has_meridiem && h.len() <= 2 => (number(h)?, 0),
        [hm] if (3..=4).contains(&hm.len()) => {
            let (h, m) = hm.split_at(hm.len() - 2);
            (number(h)?, number(m)?)
        }
        [h, m] if m.len() == 2 => (number(h)?, number(m)?),
        [h, m, "00"] if m.len() == 2 && !has_meridiem => (number(h)?, number(m)?),
        _ => return None,
    };
    (minute < 60).then_some((hour, minute))
}

/// A day of the week from its code ("tue"), its name ("Tuesday") or a common short form
/// ("Tues", "Weds", "Thurs").
pub fn parse_weekday(value: &str) -> Option<Weekday> {
    let value = value.trim().to_lowercase();
    if value == "weds" {
        return Some(Weekday::Wed);
    }
    if value.len() < 3 {
        return None;
    }
    DAY_NAMES
        .iter()
        .find(|(_, name)| name.starts_with(value.as_str()))
        .map(|(day, _)| *day)
}

/// The stable code for a day of the week: "mon" … "sun".
pub fn weekday_code(day: Weekday) -> &'static str {
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

/// A required clock time, with a message naming `which` ("start" or "end").
pub(crate) fn time(
    e: &mut FieldErrors,
    field: &str,
    which: &str,
    value: &str,
) -> Option<NaiveTime> {
    if value.trim().is_empty() {
        e.add(field, format!("Enter the {which} time"));
        return None;
    }
    let parsed = parse_time_of_day(value);
    if parsed.is_none() {
        e.add(
            field,
            format!("Enter the {which} time as a real time, like 10:00 or 10am"),
        );
    }
    parsed
}

/// A required date, with a message naming it by `label`.
pub(crate) fn required_date(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        e.add(field, format!("Enter {label}"));
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        e.add(
            field,
            format!("Enter {label} as a real date, like 5 3 2027"),
        );
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn times_in_the_forms_people_type() {
        for (typed, want) in [
            ("10:00", t(10, 0)),
            ("9:05", t(9, 5)),
            ("14.30", t(14, 30)),
            ("0930", t(9, 30)),
            ("930", t(9, 30)),
            ("10:00:00", t(10, 0)),
            ("10am", t(10, 0)),
            ("10 AM", t(10, 0)),
            ("2:30pm", t(14, 30)),
            ("2.30 p.m.", t(14, 30)),
            ("12am", t(0, 0)),
            ("12pm", t(12, 0)),
            ("12:15am", t(0, 15)),
            ("Noon", t(12, 0)),
            ("midnight", t(0, 0)),
            ("00:00", t(0, 0)),
            ("23:59", t(23, 59)),
        ] {
            assert_eq!(parse_time_of_day(typed), want, "{typed}");
        }
    }

    #[test]
    fn nonsense_times_are_refused() {
        for typed in [
            "",
            "7",
            "24:00",
            "10:60",
            "13pm",
            "0am",
            "10:5",
            "ten",
            "10:00:30",
            "1:2:3",
            "-1:00",
            "10:00pm:00",
            "12345",
        ] {
            assert_eq!(parse_time_of_day(typed), None, "{typed}");
        }
    }

    #[test]
    fn weekdays_by_code_name_or_short_form() {
        assert_eq!(parse_weekday("tue"), Some(Weekday::Tue));
        assert_eq!(parse_weekday(" Tuesday "), Some(Weekday::Tue));
        assert_eq!(parse_weekday("Tues"), Some(Weekday::Tue));
        assert_eq!(parse_weekday("weds"), Some(Weekday::Wed));
        assert_eq!(parse_weekday("thurs"), Some(Weekday::Thu));
        assert_eq!(parse_weekday("t"), None);
        assert_eq!(parse_weekday("funday"), None);
        for (day, _) in DAY_NAMES {
            assert_eq!(parse_weekday(weekday_code(day)), Some(day));
        }
    }
}
