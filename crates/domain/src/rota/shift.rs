//! Shifts: a role at a site between two UTC instants, typed and shown in UK local time; how
//! many volunteers it needs and takes; overlaps; late cancellations.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::Serialize;

use super::clock::{required_date, time};
use super::ids::{SeriesId, ShiftId};
use super::local_time::{LocalSlot, SlotError};
use crate::FieldErrors;
use crate::ids::{OrganisationId, PersonId, RoleId, SiteId};
use crate::labelled_enum;

/// The most volunteers one shift can take.
pub const MAX_VOLUNTEERS: u16 = 500;

/// The longest shift notes, in characters.
pub const MAX_NOTES: usize = 2000;

/// Cancelling a place less than this many hours before the shift starts is a late cancellation.
pub const LATE_CANCELLATION_HOURS: i64 = 48;

/// A shift as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    /// Identifier.
    pub id: ShiftId,
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// The role volunteers do on it.
    pub role_id: RoleId,
    /// Where.
    pub site_id: SiteId,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends; always after `starts_at`.
    pub ends_at: DateTime<Utc>,
    /// Below this many volunteers it is under-filled.
    pub min_volunteers: u16,
    /// Never more than this many volunteers.
    pub max_volunteers: u16,
    /// Notes for volunteers; may be empty.
    pub notes: String,
    /// The supervisor, if any.
    pub supervisor: Option<PersonId>,
    /// The series it was made from, if any.
    pub series_id: Option<SeriesId>,
    /// Whether it has been cancelled.
    pub cancelled: bool,
}

impl Shift {
    /// Its start and end instants.
    pub fn span(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.starts_at, self.ends_at)
    }

    /// Its date and clock times in UK local time.
    pub fn local_slot(&self) -> LocalSlot {
        LocalSlot::from_utc(self.starts_at, self.ends_at)
    }

    /// How long it really lasts, in minutes.
    pub fn duration_minutes(&self) -> i64 {
        (self.ends_at - self.starts_at).num_minutes()
    }

    /// Whether it overlaps `other` in time (one ending as the other starts does not).
    pub fn overlaps(&self, other: &Shift) -> bool {
        overlaps(self.span(), other.span())
    }

    /// Whether `booked` volunteers is fewer than it needs.
    pub fn is_under_filled(&self, booked: u16) -> bool {
        booked < self.min_volunteers
    }

    /// How many more volunteers it can take with `booked` already on it.
    pub fn places_left(&self, booked: u16) -> u16 {
        self.max_volunteers.saturating_sub(booked)
    }
}

/// Whether two time ranges (start, end) overlap. Ranges that only touch (one ends at the
/// instant the other starts) do not overlap, so back-to-back shifts can both be booked.
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

labelled_enum!(
    /// How much notice a volunteer gave when cancelling their place.
    CancellationNotice {
        /// At least [`LATE_CANCELLATION_HOURS`] before the start.
        InGoodTime = "in_good_time": "In good time",
        /// Less than [`LATE_CANCELLATION_HOURS`] before the start, or after it.
        Late = "late": "Late notice",
    }
);

impl CancellationNotice {
    /// The notice given by cancelling at `cancelled_at` a place on a shift starting at
    /// `starts_at`. Exactly 48 hours before is still in good time.
    pub fn given(starts_at: DateTime<Utc>, cancelled_at: DateTime<Utc>) -> Self {
        if starts_at - cancelled_at < TimeDelta::hours(LATE_CANCELLATION_HOURS) {
            Self::Late
        } else {
            Self::InGoodTime
        }
    }
}

/// What a shift belongs to and who supervises it: chosen from lists and checked by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShiftLinks {
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// The role.
    pub role_id: RoleId,
    /// The site.
    pub site_id: SiteId,
    /// The supervisor, if any.
    pub supervisor: Option<PersonId>,
    /// The series, when made from a recurrence rule.
    pub series_id: Option<SeriesId>,
}

/// A shift as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ShiftInput {
    /// The UK date (the first date, for a series).
    pub date: String,
    /// Start time ("10:00", "10am").
    pub start_time: String,
    /// End time; at or before the start means the next day.
    pub end_time: String,
    /// Fewest volunteers needed (0 or more).
    pub min_volunteers: String,
    /// Most volunteers taken (1 to 500).
    pub max_volunteers: String,
    /// Notes for volunteers.
    pub notes: String,
}

/// A valid shift without its date or links: what a series repeats on each of its dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftTemplate {
    /// The typed date: the shift's, or a series' first.
    pub date: NaiveDate,
    /// UK clock time it starts.
    pub start: NaiveTime,
    /// UK clock time it ends (at or before `start` means the next day).
    pub end: NaiveTime,
    /// Fewest volunteers needed.
    pub min_volunteers: u16,
    /// Most volunteers taken.
    pub max_volunteers: u16,
    /// Notes.
    pub notes: String,
}

impl ShiftTemplate {
    /// The slot on `date` at the template's clock times.
    pub fn slot_on(&self, date: NaiveDate) -> LocalSlot {
        LocalSlot::new(date, self.start, self.end)
    }

    /// The shift on `date`: same clock times whatever the clock changes do to its UTC instants.
    /// Refused only when the clocks going forward leave it no length that night.
    pub fn shift_on(
        &self,
        date: NaiveDate,
        id: ShiftId,
        links: ShiftLinks,
    ) -> Result<Shift, SlotError> {
        let (starts_at, ends_at) = self.slot_on(date).to_utc()?;
        Ok(Shift {
            id,
            organisation_id: links.organisation_id,
            role_id: links.role_id,
            site_id: links.site_id,
            starts_at,
            ends_at,
            min_volunteers: self.min_volunteers,
            max_volunteers: self.max_volunteers,
            notes: self.notes.clone(),
            supervisor: links.supervisor,
            series_id: links.series_id,
            cancelled: false,
        })
    }
}

impl ShiftInput {
    /// The template, or what is wrong with the input. The typed date is checked against the
    /// clock changes too, so a shift swallowed by the spring gap is refused here.
    pub fn parse_template(&self) -> Result<ShiftTemplate, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = required_date(&mut e, "date", "the date", &self.date);
        let start = time(&mut e, "start_time", "start", &self.start_time);
        let end = time(&mut e, "end_time", "end", &self.end_time);
        if start.is_some() && start == end {
            e.add(
                "end_time",
                "The end time must be different from the start time",
            );
        }
        let max = count(
            &mut e,
            "max_volunteers",
            "maximum number of volunteers",
            &self.max_volunteers,
            1,
        );
        let min = count(
            &mut e,
            "min_volunteers",
            "minimum number of volunteers",
            &self.min_volunteers,
            0,
        );
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            e.add(
                "min_volunteers",
                format!(
                    "The minimum number of volunteers must be no more than the maximum ({max})"
                ),
            );
        }
        let notes = e.optional_text("notes", "the notes", &self.notes, MAX_NOTES);
        if let (Some(date), Some(start), Some(end)) = (date, start, end)
            && start != end
            && let Err(slot) = LocalSlot::new(date, start, end).to_utc()
        {
            e.add(slot.field(), slot.to_string());
        }
        e.finish(|| {
            Some(ShiftTemplate {
                date: date?,
                start: start?,
                end: end?,
                min_volunteers: min?,
                max_volunteers: max?,
                notes,
            })
        })
    }

    /// The shift, or what is wrong with the input.
    pub fn parse(&self, id: ShiftId, links: ShiftLinks) -> Result<Shift, FieldErrors> {
        let template = self.parse_template()?;
        template
            .shift_on(template.date, id, links)
            .map_err(FieldErrors::from)
    }
}

/// A whole number of volunteers from `lowest` to [`MAX_VOLUNTEERS`].
fn count(e: &mut FieldErrors, field: &str, label: &str, value: &str, lowest: u16) -> Option<u16> {
    let value = value.trim();
    if value.is_empty() {
        e.add(field, format!("Enter the {label}"));
        return None;
    }
    let Ok(n) = value.parse::<i64>() else {
        e.add(
            field,
            format!("Enter the {label} as a whole number, like 4"),
        );
        return None;
    };
    match u16::try_from(n) {
        Ok(n) if (lowest..=MAX_VOLUNTEERS).contains(&n) => Some(n),
        _ => {
            e.add(
                field,
                format!("The {label} must be between {lowest} and {MAX_VOLUNTEERS}"),
            );
            None
        }
    }
}
