//! Shifts on the rota: their UTC instants, their UK date and clock times, and how full they are.

use app::ports::ShiftRow;
use domain::rota::from_utc;

use super::*;

/// A shift, with how full it is. Instants are UTC; the date and times are UK clock time
/// (Europe/London), as volunteers see them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShiftView {
    /// Identifier.
    pub id: Uuid,
    /// The role volunteers do on it.
    pub role_id: Uuid,
    /// Where it happens.
    pub site_id: Uuid,
    /// When it starts (UTC).
    pub starts_at: DateTime<Utc>,
    /// When it ends (UTC); always after `starts_at`.
    pub ends_at: DateTime<Utc>,
    /// How long it really lasts, in minutes (the clocks changing overnight included).
    pub duration_minutes: i64,
    /// The UK date it starts on.
    pub date: NaiveDate,
    /// The UK clock time it starts, like "09:30".
    pub start_time: String,
    /// The UK date it ends on: the next day for an overnight shift.
    pub end_date: NaiveDate,
    /// The UK clock time it ends, like "13:00".
    pub end_time: String,
    /// Below this many volunteers it is under-filled.
    pub min_volunteers: u16,
    /// It never takes more than this many volunteers.
    pub max_volunteers: u16,
    /// Volunteers booked on it.
    pub booked: u16,
    /// How many more volunteers it can take.
    pub places_left: u16,
    /// Whether fewer volunteers are booked than it needs.
    pub under_filled: bool,
    /// Notes for volunteers; may be empty.
    pub notes: String,
    /// Whether it has been cancelled.
    pub cancelled: bool,
}

impl From<ShiftRow> for ShiftView {
    fn from(row: ShiftRow) -> Self {
        let ShiftRow { shift, booked } = row;
        let (start, end) = (from_utc(shift.starts_at), from_utc(shift.ends_at));
        Self {
            id: shift.id.0,
            role_id: shift.role_id.0,
            site_id: shift.site_id.0,
            starts_at: shift.starts_at,
            ends_at: shift.ends_at,
            duration_minutes: shift.duration_minutes(),
            date: start.date(),
            start_time: start.format("%H:%M").to_string(),
            end_date: end.date(),
            end_time: end.format("%H:%M").to_string(),
            min_volunteers: shift.min_volunteers,
            max_volunteers: shift.max_volunteers,
            booked,
            places_left: shift.places_left(booked),
            under_filled: shift.is_under_filled(booked),
            notes: shift.notes,
            cancelled: shift.cancelled,
        }
    }
}

page_view!(
    /// A page of the shifts list, by start time.
    ShiftPage, ShiftView,
    items: "The shifts on this page, by start time.", total: "Shifts in the whole range."
);
