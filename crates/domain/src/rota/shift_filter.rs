//! Narrowing a list of shifts the way volunteers ask: where, which day of the week, and
//! morning, afternoon or evening (by the UK clock time it starts).

use chrono::{Datelike, Timelike, Weekday};

use super::clock::parse_weekday;
use super::shift::Shift;
use crate::ids::SiteId;
use crate::labelled_enum;

labelled_enum!(
    /// Part of the day a shift starts in, UK time.
    PartOfDay {
        /// Before midday.
        Morning = "morning": "Morning (before 12:00)",
        /// Midday to five o'clock.
        Afternoon = "afternoon": "Afternoon (12:00 to 17:00)",
        /// Five o'clock on.
        Evening = "evening": "Evening and night (from 17:00)",
    }
);

impl PartOfDay {
    /// The part of the day an hour (0–23) falls in.
    pub fn of_hour(hour: u32) -> Self {
        match hour {
            0..12 => Self::Morning,
            12..17 => Self::Afternoon,
            _ => Self::Evening,
        }
    }
}

/// Which shifts to show; `None` means any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShiftFilter {
    /// At this site.
    pub site: Option<SiteId>,
    /// Starting on this day of the week (UK date).
    pub weekday: Option<Weekday>,
    /// Starting in this part of the day (UK time).
    pub part_of_day: Option<PartOfDay>,
}

impl ShiftFilter {
    /// The filter from a query's values; blank or unknown values mean any.
    pub fn from_query(site: &str, day: &str, time: &str) -> Self {
        Self {
            site: site.trim().parse().ok(),
            weekday: parse_weekday(day),
            part_of_day: crate::Labelled::from_code(time.trim()),
        }
    }

    /// Whether `shift` is one to show.
    pub fn matches(&self, shift: &Shift) -> bool {
        let start = super::from_utc(shift.starts_at);
        self.site.is_none_or(|s| s == shift.site_id)
            && self.weekday.is_none_or(|d| d == start.weekday())
            && self
                .part_of_day
                .is_none_or(|p| p == PartOfDay::of_hour(start.hour()))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, Utc};

    use super::*;
    use crate::ids::{OrganisationId, RoleId, ShiftId};

    fn shift_at(start: &str, site: SiteId) -> Shift {
        let starts_at: DateTime<Utc> = start.parse().unwrap();
        Shift {
            id: ShiftId::new(),
            organisation_id: OrganisationId::new(),
            role_id: RoleId::new(),
            site_id: site,
            starts_at,
            ends_at: starts_at + Duration::hours(3),
            min_volunteers: 1,
            max_volunteers: 2,
            notes: String::new(),
            supervisor: None,
            series_id: None,
            cancelled: false,
        }
    }

    #[test]
    fn parts_of_the_day_split_at_noon_and_five() {
        assert_eq!(PartOfDay::of_hour(0), PartOfDay::Morning);
        assert_eq!(PartOfDay::of_hour(11), PartOfDay::Morning);
        assert_eq!(PartOfDay::of_hour(12), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::of_hour(16), PartOfDay::Afternoon);
        assert_eq!(PartOfDay::of_hour(17), PartOfDay::Evening);
        assert_eq!(PartOfDay::of_hour(23), PartOfDay::Evening);
    }

    #[test]
    fn filters_use_uk_time_and_blank_means_any() {
        let ward = SiteId::new();
        // 11:30 UTC on Tuesday 1 June 2027 is 12:30 BST: an afternoon shift.
        let s = shift_at("2027-06-01T11:30:00Z", ward);
        assert!(ShiftFilter::default().matches(&s));
        assert!(ShiftFilter::from_query("", "tue", "afternoon").matches(&s));
        assert!(!ShiftFilter::from_query("", "tue", "morning").matches(&s));
        assert!(!ShiftFilter::from_query("", "wed", "").matches(&s));
        assert!(ShiftFilter::from_query(&ward.to_string(), "", "").matches(&s));
        assert!(!ShiftFilter::from_query(&SiteId::new().to_string(), "", "").matches(&s));
        // 23:30 UTC on Monday 31 May is 00:30 BST on Tuesday: a Tuesday morning.
        let night = shift_at("2027-05-31T23:30:00Z", ward);
        assert!(ShiftFilter::from_query("", "Tuesday", "morning").matches(&night));
        // Unknown values are ignored rather than hiding everything.
        assert!(ShiftFilter::from_query("nowhere", "someday", "teatime").matches(&s));
    }
}
