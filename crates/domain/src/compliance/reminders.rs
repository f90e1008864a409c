//! When an expiring check or training item earns a reminder: 60, 30 and 7 days before, and once
//! when it expires.

use chrono::NaiveDate;
use serde::Serialize;

/// Days before expiry at which the volunteer and their manager are reminded, latest first.
pub const REMINDER_DAYS: [u32; 3] = [7, 30, 60];

/// How long after expiry we still tell people it has expired (older lapses are on the manager's
/// list, not news to email about).
pub const EXPIRED_NOTICE_DAYS: i64 = 30;

/// A reminder that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Reminder {
    /// It expires within this many days.
    Before(u32),
    /// It has expired.
    Expired,
}

impl Reminder {
    /// A stable key, for sending each reminder exactly once.
    pub fn key(self) -> String {
        match self {
            Self::Before(d) => format!("{d}-days"),
            Self::Expired => "expired".into(),
        }
    }
}

/// The reminder due on `today` for an item valid through `expires_on`: the nearest threshold
/// passed, so an item recorded with 20 days left gets the 30-day reminder, then the 7-day one.
pub fn due_reminder(expires_on: NaiveDate, today: NaiveDate) -> Option<Reminder> {
    let days_left = (expires_on - today).num_days();
    if days_left < 0 {
        return (-days_left <= EXPIRED_NOTICE_DAYS).then_some(Reminder::Expired);
    }
    REMINDER_DAYS
        .iter()
        .find(|&&d| days_left <= i64::from(d))
        .map(|&d| Reminder::Before(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn reminders_fall_at_sixty_thirty_and_seven_days() {
        let expires = day("2027-03-31");
        assert_eq!(
            due_reminder(expires, day("2027-01-29")),
            None,
            "61 days before"
        );
        assert_eq!(
            due_reminder(expires, day("2027-01-30")),
            Some(Reminder::Before(60))
        );
        assert_eq!(
            due_reminder(expires, day("2027-02-28")),
            Some(Reminder::Before(60))
        );
        assert_eq!(
            due_reminder(expires, day("2027-03-01")),
            Some(Reminder::Before(30))
        );
        assert_eq!(
            due_reminder(expires, day("2027-03-24")),
            Some(Reminder::Before(7))
        );
        assert_eq!(
            due_reminder(expires, day("2027-03-31")),
            Some(Reminder::Before(7)),
            "last valid day"
        );
        assert_eq!(
            due_reminder(expires, day("2027-04-01")),
            Some(Reminder::Expired)
        );
        assert_eq!(
            due_reminder(expires, day("2027-04-30")),
            Some(Reminder::Expired),
            "30 days after"
        );
        assert_eq!(due_reminder(expires, day("2027-05-01")), None);
    }
}
