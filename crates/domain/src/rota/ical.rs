//! A volunteer's shifts as an iCalendar feed (RFC 5545): CRLF line endings, lines folded at 75
//! octets without splitting a character, TEXT values escaped, and times in UK local time with a
//! `VTIMEZONE` for Europe/London, so calendar programs show them right across the clock changes.

use chrono::{DateTime, Utc};

use super::local_time::{Edge, from_utc, to_instant};

/// The time zone id used in the feed.
pub const TZID: &str = "Europe/London";

/// Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March, GMT from 01:00 UTC
/// on the last Sunday of October. `DTSTART` is the local time before each change.
const VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// One booked shift as a calendar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable and globally unique, e.g. `booking-id@host`.
    pub uid: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// Title, e.g. "Ward helper at Ward 7".
    pub summary: String,
    /// Where.
    pub location: String,
    /// Notes; may be empty.
    pub description: String,
    /// Cancelled (the booking or the shift): shown as `STATUS:CANCELLED`.
    pub cancelled: bool,
    /// Goes up each time the entry changes, so calendar programs take the new version.
    pub sequence: u32,
    /// When it last changed.
    pub last_modified: DateTime<Utc>,
}

/// The whole feed: a name and its events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Shown by calendar programs as the calendar's name.
    pub name: String,
    /// The entries, in any order.
    pub events: Vec<CalendarEvent>,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks; other control characters
/// (which TEXT may not hold) are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line is longer than 75 octets (continuations start
/// with a space), never splitting a UTF-8 character, each line ending CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// A UTC instant in iCalendar's UTC form, e.g. `20270328T010000Z`.
fn utc_form(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Whether the instant reads back from its UK local time: false only for the second pass
/// through the hour repeated in October, which a local time with `TZID` cannot name (RFC 5545
/// takes the first occurrence).
fn local_form_is_exact(t: DateTime<Utc>) -> bool {
    to_instant(from_utc(t), Edge::Start) == Some(t)
}

/// The `DTSTART` and `DTEND` lines: UK local time with the zone, or UTC for both when either
/// instant falls in the second pass through the repeated hour.
fn times(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> [String; 2] {
    if local_form_is_exact(starts_at) && local_form_is_exact(ends_at) {
        let local = |t| from_utc(t).format("%Y%m%dT%H%M%S").to_string();
        [
            format!("DTSTART;TZID={TZID}:{}", local(starts_at)),
            format!("DTEND;TZID={TZID}:{}", local(ends_at)),
        ]
    } else {
        [
            format!("DTSTART:{}", utc_form(starts_at)),
            format!("DTEND:{}", utc_form(ends_at)),
        ]
    }
}

/// The feed as served: `stamp` is when it was generated (each event's `DTSTAMP`).
pub fn render(calendar: &Calendar, stamp: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Alongside//Volunteer shifts//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape_text(&calendar.name)),
        format!("NAME:{}", escape_text(&calendar.name)),
        format!("X-WR-TIMEZONE:{TZID}"),
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H".into(),
        "X-PUBLISHED-TTL:PT1H".into(),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    for e in &calendar.events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape_text(&e.uid)));
        lines.push(format!("DTSTAMP:{}", utc_form(stamp)));
        lines.extend(times(e.starts_at, e.ends_at));
        lines.push(format!("SUMMARY:{}", escape_text(&e.summary)));
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape_text(&e.location)));
        }
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
        }
        lines.push(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        lines.push("TRANSP:OPAQUE".into());
        lines.push(format!("SEQUENCE:{}", e.sequence));
        lines.push(format!("LAST-MODIFIED:{}", utc_form(e.last_modified)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone};

    use super::*;
    use crate::rota::LocalSlot;

    fn event(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> CalendarEvent {
        CalendarEvent {
            uid: "b1@alongside.example".into(),
            starts_at,
            ends_at,
            summary: "Night porter at Ward 7".into(),
            location: "Ward 7, LS1 3EX".into(),
            description: String::new(),
            cancelled: false,
            sequence: 0,
            last_modified: Utc.with_ymd_and_hms(2027, 1, 1, 9, 0, 0).unwrap(),
        }
    }

    fn night_shift(date: NaiveDate) -> CalendarEvent {
        let (starts_at, ends_at) = LocalSlot {
            date,
            start: NaiveTime::from_hms_opt(1, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(3, 0, 0).unwrap(),
        }
        .to_utc()
        .unwrap();
        event(starts_at, ends_at)
    }

    fn feed(events: Vec<CalendarEvent>) -> String {
        render(
            &Calendar {
                name: "My shifts".into(),
                events,
            },
            Utc.with_ymd_and_hms(2027, 2, 1, 12, 0, 0).unwrap(),
        )
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape_text("Tea, coffee; back\\slash\nnext\r\nline"),
            "Tea\\, coffee\\; back\\\\slash\\nnext\\nline"
        );
        assert_eq!(escape_text("bell\u{7}gone"), "bellgone");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "é€😀a".repeat(40));
        let folded = fold_line(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 3);
        for (i, l) in physical.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} has {} octets", l.len());
            if i > 0 {
                assert!(l.starts_with(' '));
            }
        }
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold_line("SHORT:x"), "SHORT:x\r\n");
        assert_eq!(fold_line(&"a".repeat(75)).len(), 77);
    }

    #[test]
    fn every_line_ends_crlf_and_the_zone_is_described() {
        let text = feed(vec![event(
            Utc.with_ymd_and_hms(2027, 6, 1, 9, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2027, 6, 1, 12, 0, 0).unwrap(),
        )]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for want in [
            "PRODID:-//Alongside//Volunteer shifts//EN",
            "CALSCALE:GREGORIAN",
            "TZID:Europe/London",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZNAME:BST",
            "TZNAME:GMT",
            // 09:00 UTC in June is 10:00 BST.
            "DTSTART;TZID=Europe/London:20270601T100000",
            "DTEND;TZID=Europe/London:20270601T130000",
            "DTSTAMP:20270201T120000Z",
            "UID:b1@alongside.example",
            "STATUS:CONFIRMED",
            "SEQUENCE:0",
            "LAST-MODIFIED:20270101T090000Z",
        ] {
            assert!(text.contains(&format!("{want}\r\n")), "missing {want}");
        }
    }

    #[test]
    fn night_shift_when_the_clocks_go_forward() {
        // 01:00 does not happen on 28 March 2027: the shift starts at the first real instant,
        // 02:00 BST (01:00 UTC), and ends at 03:00 BST: one real hour.
        let e = night_shift(NaiveDate::from_ymd_opt(2027, 3, 28).unwrap());
        assert_eq!(
            e.starts_at,
            Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap()
        );
        let text = feed(vec![e]);
        assert!(text.contains("DTSTART;TZID=Europe/London:20270328T020000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/London:20270328T030000\r\n"));
    }

    #[test]
    fn night_shift_when_the_clocks_go_back() {
        // 01:00 happens twice on 31 October 2027: the start is the first (00:00 UTC), which is
        // how RFC 5545 reads a repeated local time; 03:00 GMT is 03:00 UTC: three real hours.
        let e = night_shift(NaiveDate::from_ymd_opt(2027, 10, 31).unwrap());
        assert_eq!(
            e.starts_at,
            Utc.with_ymd_and_hms(2027, 10, 31, 0, 0, 0).unwrap()
        );
        assert_eq!(
            e.ends_at,
            Utc.with_ymd_and_hms(2027, 10, 31, 3, 0, 0).unwrap()
        );
        let text = feed(vec![e]);
        assert!(text.contains("DTSTART;TZID=Europe/London:20271031T010000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/London:20271031T030000\r\n"));
    }

    #[test]
    fn second_pass_through_the_repeated_hour_is_given_in_utc() {
        // 01:30 GMT, the second 01:30 that morning, cannot be named as a local time.
        let text = feed(vec![event(
            Utc.with_ymd_and_hms(2027, 10, 31, 1, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2027, 10, 31, 4, 0, 0).unwrap(),
        )]);
        assert!(text.contains("DTSTART:20271031T013000Z\r\n"));
        assert!(text.contains("DTEND:20271031T040000Z\r\n"));
    }

    #[test]
    fn cancelled_events_say_so_and_text_is_escaped() {
        let mut e = event(
            Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2027, 1, 5, 12, 0, 0).unwrap(),
        );
        e.cancelled = true;
        e.sequence = 2;
        e.description = "Bring ID; sign in, then\nsee the ward sister".into();
        let text = feed(vec![e]);
        assert!(text.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        assert!(text.contains("DTSTART;TZID=Europe/London:20270105T090000\r\n"));
        assert!(text.contains("DESCRIPTION:Bring ID\\; sign in\\, then\\nsee the ward sister\r\n"));
    }
}
