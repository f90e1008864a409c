//! Shared helpers: dates, times, instants and shifts made the way the app will make them.

use alongside_domain::ids::{OrganisationId, RoleId, SiteId};
use alongside_domain::rota::{LocalSlot, Shift, ShiftId, ShiftLinks, ShiftTemplate};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// A date from "2027-03-28".
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A clock time from "01:30".
pub fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

/// A local date and time from "2027-03-28 01:30".
pub fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A UTC instant from "2027-03-28 01:30".
pub fn utc(s: &str) -> DateTime<Utc> {
    local(s).and_utc()
}

/// A slot on `date` from `start` to `end`.
pub fn slot(date: &str, start: &str, end: &str) -> LocalSlot {
    LocalSlot::new(day(date), time(start), time(end))
}

/// Links to one organisation, role and site, with no supervisor or series.
pub fn links() -> ShiftLinks {
    ShiftLinks {
        organisation_id: OrganisationId::new(),
        role_id: RoleId::new(),
        site_id: SiteId::new(),
        supervisor: None,
        series_id: None,
    }
}

/// A template for `start`–`end` needing 1 to 4 volunteers.
pub fn template(start: &str, end: &str) -> ShiftTemplate {
    ShiftTemplate {
        date: day("2027-01-01"),
        start: time(start),
        end: time(end),
        min_volunteers: 1,
        max_volunteers: 4,
        notes: String::new(),
    }
}

/// A shift on `date` from `start` to `end` with `links`.
pub fn shift(links: ShiftLinks, date: &str, start: &str, end: &str) -> Shift {
    template(start, end)
        .shift_on(day(date), ShiftId::new(), links)
        .unwrap()
}
