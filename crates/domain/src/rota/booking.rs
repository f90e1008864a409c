//! Bookings: a volunteer's place on a shift, and its cancellation.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::shift::{CancellationNotice, Shift};
use crate::FieldErrors;
use crate::ids::{BookingId, OrganisationId, PersonId, ShiftId};
use crate::labelled_enum;

labelled_enum!(
    /// Whether a booking stands.
    BookingStatus {
        /// The volunteer is coming.
        Booked = "booked": "Booked",
        /// Cancelled, with a reason.
        Cancelled = "cancelled": "Cancelled",
    }
);

/// A volunteer's place on a shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    /// Identifier.
    pub id: BookingId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The shift.
    pub shift_id: ShiftId,
    /// The volunteer.
    pub person_id: PersonId,
    /// Booked or cancelled.
    pub status: BookingStatus,
    /// The shift's start (copied, for overlap checks).
    pub starts_at: DateTime<Utc>,
    /// The shift's end.
    pub ends_at: DateTime<Utc>,
    /// When booked.
    pub booked_at: DateTime<Utc>,
    /// When cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Why, in the volunteer's or manager's words.
    pub cancellation_reason: String,
    /// Cancelled less than the notice period before the start.
    pub late: bool,
}

impl Booking {
    /// A new booking of `person` on `shift` at `now`.
    pub fn new(shift: &Shift, person_id: PersonId, now: DateTime<Utc>) -> Self {
        Self {
            id: BookingId::new(),
            organisation_id: shift.organisation_id,
            shift_id: shift.id,
            person_id,
            status: BookingStatus::Booked,
            starts_at: shift.starts_at,
            ends_at: shift.ends_at,
            booked_at: now,
            cancelled_at: None,
            cancellation_reason: String::new(),
            late: false,
        }
    }

    /// The booking cancelled at `now` for `reason` (required), flagged late when it is.
    pub fn cancel(&self, reason: &str, now: DateTime<Utc>) -> Result<Self, FieldErrors> {
        if self.status != BookingStatus::Booked {
            return Err(FieldErrors::one(
                "booking",
                "This booking is already cancelled",
            ));
        }
        let mut e = FieldErrors::new();
        let reason = e.text("reason", "why you cannot come", reason, 500);
        e.finish(|| {
            Some(Self {
                status: BookingStatus::Cancelled,
                cancelled_at: Some(now),
                cancellation_reason: reason?,
                late: CancellationNotice::given(self.starts_at, now) == CancellationNotice::Late,
                ..self.clone()
            })
        })
    }
}
