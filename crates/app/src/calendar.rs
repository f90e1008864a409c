//! Volunteers' iCalendar feeds at secret, revocable URLs, and their notification preferences.
