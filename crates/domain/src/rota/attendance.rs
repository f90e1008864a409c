//! Attendance at a shift: checking in and out (at a kiosk or on the volunteer's own phone),
//! staff marking it afterwards, no-shows, and the hours a shift counts for.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::booking::{Booking, BookingStatus};
use super::clock::parse_time_of_day;
use super::local_time::{Edge, from_utc, to_instant};
use crate::FieldErrors;
use crate::ids::{AttendanceId, BookingId, OrganisationId, PersonId, ShiftId};
use crate::labelled_enum;

/// At a kiosk, a volunteer can check in from this many minutes before their shift starts.
pub const KIOSK_EARLY_MINUTES: i64 = 60;
/// On their own phone, a volunteer can check in from this many minutes before the start.
pub const PHONE_EARLY_MINUTES: i64 = 30;
/// A volunteer can check out up to this many hours after their shift ends.
pub const CHECK_OUT_HOURS_AFTER: i64 = 6;
/// From this many missed shifts in twelve months, managers see a gentle prompt to get in touch.
pub const FOLLOW_UP_FROM: usize = 2;

labelled_enum!(
    /// Whether a volunteer came to a shift they had a place on.
    AttendanceStatus {
        /// They came (checked in, or marked by staff).
        Attended = "attended": "Attended",
        /// They did not come and did not cancel.
        NoShow = "no_show": "Did not attend",
        /// They let the team know too late to fill the place.
        CancelledLate = "cancelled_late": "Cancelled late",
    }
);

labelled_enum!(
    /// How attendance was recorded.
    AttendanceMethod {
        /// At the site's kiosk, with their personal code.
        Kiosk = "kiosk": "At the kiosk",
        /// On their own phone.
        Phone = "phone": "On their phone",
        /// By a manager or supervisor.
        Staff = "staff": "By staff",
        /// By Alongside after the shift, when nobody checked in or marked it.
        Automatic = "automatic": "Automatically after the shift",
    }
);

/// One volunteer's attendance at one shift: at most one per booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    /// Identifier.
    pub id: AttendanceId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The booking it records.
    pub booking_id: BookingId,
    /// The shift.
    pub shift_id: ShiftId,
    /// The volunteer.
    pub person_id: PersonId,
    /// Came, did not come, or cancelled late.
    pub status: AttendanceStatus,
    /// When they arrived, if known.
    pub arrived_at: Option<DateTime<Utc>>,
    /// When they left, if known.
    pub left_at: Option<DateTime<Utc>>,
    /// How it was recorded (the latest change).
    pub method: AttendanceMethod,
    /// Who recorded it, when a member of staff did.
    pub recorded_by: Option<PersonId>,
    /// When it was last recorded or changed (also what a change expects, against lost updates).
    pub recorded_at: DateTime<Utc>,
}

/// A UK clock time, "10:02".
fn clock(t: DateTime<Utc>) -> String {
    from_utc(t).format("%H:%M").to_string()
}

/// The instants a volunteer may check in between: `early` minutes before the start until the end.
pub fn check_in_window(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    early_minutes: i64,
) -> (DateTime<Utc>, DateTime<Utc>) {
    (starts_at - Duration::minutes(early_minutes), ends_at)
}

impl Attendance {
    /// A record for `booking` with no times, as a member of staff or the no-show job makes.
    pub fn for_booking(
        booking: &Booking,
        status: AttendanceStatus,
        method: AttendanceMethod,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: AttendanceId::new(),
            organisation_id: booking.organisation_id,
            booking_id: booking.id,
            shift_id: booking.shift_id,
            person_id: booking.person_id,
            status,
            arrived_at: None,
            left_at: None,
            method,
            recorded_by: None,
            recorded_at: now,
        }
    }

    /// The volunteer checks in at `now`: refused (naming `field`) when the place is cancelled,
    /// when attendance is already recorded, or outside the window that opens `early` minutes
    /// before the start and closes at the end.
    pub fn check_in(
        booking: &Booking,
        existing: Option<&Attendance>,
        method: AttendanceMethod,
        early_minutes: i64,
        now: DateTime<Utc>,
        field: &str,
    ) -> Result<Self, FieldErrors> {
        if booking.status != BookingStatus::Booked {
            return Err(FieldErrors::one(field, "This place was cancelled"));
        }
        if let Some(a) = existing {
            return Err(FieldErrors::one(field, a.already_recorded()));
        }
        let (opens, closes) = check_in_window(booking.starts_at, booking.ends_at, early_minutes);
        if now < opens {
            return Err(FieldErrors::one(
                field,
                format!(
                    "It is too early to check in. You can check in from {}, {early_minutes} minutes before the shift starts",
                    clock(opens)
                ),
            ));
        }
        if now >= closes {
            return Err(FieldErrors::one(
                field,
                "This shift has ended, so you can no longer check in. The team can record that you came",
            ));
        }
        Ok(Self {
            arrived_at: Some(now),
            ..Self::for_booking(booking, AttendanceStatus::Attended, method, now)
        })
    }

    /// Why a second check-in is refused.
    fn already_recorded(&self) -> String {
        match (self.status, self.arrived_at, self.left_at) {
            (AttendanceStatus::Attended, Some(_), Some(left)) => format!(
                "You have already checked in and out of this shift (you left at {})",
                clock(left)
            ),
            (AttendanceStatus::Attended, Some(arrived), None) => format!(
                "You are already checked in to this shift (since {})",
                clock(arrived)
            ),
            _ => {
                "The team has already recorded your attendance at this shift. Please speak to them"
                    .to_owned()
            }
        }
    }

    /// The volunteer checks out at `now`: refused (naming `field`) unless they are checked in and
    /// not yet out, and after they arrived.
    pub fn check_out(
        &self,
        method: AttendanceMethod,
        now: DateTime<Utc>,
        field: &str,
    ) -> Result<Self, FieldErrors> {
        let arrived = match (self.status, self.arrived_at) {
            (AttendanceStatus::Attended, Some(arrived)) => arrived,
            _ => {
                return Err(FieldErrors::one(
                    field,
                    "You have not checked in to this shift, so you cannot check out",
                ));
            }
        };
        if let Some(left) = self.left_at {
            return Err(FieldErrors::one(
                field,
                format!("You have already checked out (at {})", clock(left)),
            ));
        }
        if now < arrived {
            return Err(FieldErrors::one(
                field,
                "You cannot check out before you checked in",
            ));
        }
        Ok(Self {
            left_at: Some(now),
            method,
            recorded_at: now,
            ..self.clone()
        })
    }

    /// Whether the volunteer is checked in and has not checked out.
    pub fn is_checked_in(&self) -> bool {
        self.status == AttendanceStatus::Attended
            && self.arrived_at.is_some()
            && self.left_at.is_none()
    }

    /// The minutes it counts for, for a shift from `starts_at` to `ends_at`: from arriving (or
    /// the start) to leaving (or the end); nothing unless they attended.
    pub fn minutes(&self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> i64 {
        if self.status != AttendanceStatus::Attended {
            return 0;
        }
        let from = self.arrived_at.unwrap_or(starts_at);
        let to = self.left_at.unwrap_or(ends_at);
        (to - from).num_minutes().max(0)
    }
}

/// Attendance as a manager or supervisor marks it afterwards.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct MarkInput {
    /// `attended`, `no_show` or `cancelled_late`.
    pub status: String,
    /// UK clock time they arrived ("10:05"); optional, for attended only.
    pub arrived: String,
    /// UK clock time they left; optional, for attended only.
    pub left: String,
}

/// What a valid [`MarkInput`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// The status.
    pub status: AttendanceStatus,
    /// When they arrived, if given.
    pub arrived_at: Option<DateTime<Utc>>,
    /// When they left, if given.
    pub left_at: Option<DateTime<Utc>>,
}

/// The instant at UK clock time `time` nearest to `near` (on its UK day, the day before or after).
fn nearest(time: NaiveTime, near: DateTime<Utc>, edge: Edge) -> Option<DateTime<Utc>> {
    let day: NaiveDate = from_utc(near).date();
    [day.pred_opt(), Some(day), day.succ_opt()]
        .into_iter()
        .flatten()
        .filter_map(|d| to_instant(d.and_time(time), edge))
        .min_by_key(|t| (*t - near).num_seconds().abs())
}

impl MarkInput {
    /// The marking for a shift from `starts_at` to `ends_at`, checked at `now`: a status is
    /// required, times only for attended, each on the shift's day, leaving after arriving, and
    /// nothing marked before the shift starts or timed in the future.
    pub fn parse(
        &self,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Marked, FieldErrors> {
        let mut e = FieldErrors::new();
        let status = match self.status.trim() {
            "" => {
                e.add("status", "Select whether they came");
                None
            }
            code => {
                let found = <AttendanceStatus as crate::Labelled>::from_code(code);
                if found.is_none() {
                    e.add(
                        "status",
                        "Select attended, did not attend or cancelled late",
                    );
                }
                found
            }
        };
        if now < starts_at {
            e.add(
                "status",
                "You can mark attendance once the shift has started",
            );
        }
        let attended = status == Some(AttendanceStatus::Attended);
        let mut time = |field: &str, which: &str, value: &str, near, edge| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            if !attended {
                e.add(
                    field,
                    format!("Leave the time they {which} empty unless they attended"),
                );
                return None;
            }
            let Some(t) = parse_time_of_day(value) else {
                e.add(
                    field,
                    format!("Enter the time they {which} as a real time, like 10:00 or 10am"),
                );
                return None;
            };
            let instant = nearest(t, near, edge);
            match instant {
                Some(at) if at > now => {
                    e.add(
                        field,
                        format!("The time they {which} cannot be in the future"),
                    );
                    None
                }
                Some(at) => Some(at),
                None => {
                    e.add(field, format!("Enter the time they {which} as a real time"));
                    None
                }
            }
        };
        let arrived_at = time("arrived", "arrived", &self.arrived, starts_at, Edge::Start);
        let left_at = time("left", "left", &self.left, ends_at, Edge::End);
        if let (Some(a), Some(l)) = (arrived_at, left_at) {
            if l <= a {
                e.add(
                    "left",
                    "The time they left must be after the time they arrived",
                );
            } else if l - a > Duration::hours(24) {
                e.add("left", "They cannot have stayed more than 24 hours");
            }
        }
        e.finish(|| {
            Some(Marked {
                status: status?,
                arrived_at,
                left_at,
            })
        })
    }
}

/// A kind word to a manager about a volunteer who has missed `missed` shifts since `since`
/// (`today` decides whether the year is named): not a sanction, an invitation to get in touch.
/// `None` below [`FOLLOW_UP_FROM`].
pub fn follow_up_prompt(
    name: &str,
    missed: usize,
    since: NaiveDate,
    today: NaiveDate,
) -> Option<String> {
    use chrono::Datelike;
    if missed < FOLLOW_UP_FROM {
        return None;
    }
    let month = if since.year() == today.year() {
        since.format("%B").to_string()
    } else {
        since.format("%B %Y").to_string()
    };
    Some(format!(
        "{name} has missed {missed} shifts since {month} — a friendly check-in call may help."
    ))
}

#[cfg(test)]
mod tests;
