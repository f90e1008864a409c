//! The rota: shifts in UK local time stored as UTC instants, recurring series, volunteers'
//! standing commitments with absences, overlaps and late cancellations.
//!
//! Pure: callers pass dates and instants; nothing here reads the clock.

pub mod attendance;
pub mod booking;
mod clock;
pub mod commitment;
pub mod hours;
pub mod ical;
pub mod ids;
pub mod kiosk;
pub mod local_time;
pub mod recurrence;
pub mod shift;
pub mod shift_change;
pub mod shift_filter;
pub mod waitlist;
pub mod week_template;

pub use booking::{Booking, BookingStatus};
pub use clock::{parse_time_of_day, parse_weekday, weekday_code};
pub use commitment::{
    Absence, AbsenceInput, AbsencePeriod, Commitment, CommitmentFor, CommitmentInput,
};
pub use ids::{AbsenceId, CommitmentId, SeriesId, ShiftId};
pub use local_time::{
    Edge, LocalSlot, SlotError, ZONE, from_utc, is_repeated, is_skipped, to_instant,
};
pub use recurrence::{Recurrence, RecurrenceEnd, RecurrenceInput};
pub use shift::{CancellationNotice, Shift, ShiftInput, ShiftLinks, ShiftTemplate, overlaps};
pub use shift_filter::{PartOfDay, ShiftFilter};
pub use waitlist::{OfferNotice, WaitlistEntry, WaitlistStatus, offer_expiry, places_to_offer};
