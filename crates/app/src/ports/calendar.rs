//! The store's reads of volunteers' iCalendar feeds and notification preferences.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::*;
use domain::notification::{Channel, NotificationKind};
use domain::rota::{Booking, Shift};

use super::StoreError;

/// A volunteer's calendar feed: only the SHA-256 of its secret token is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFeed {
    /// Whose bookings it shows.
    pub person_id: PersonId,
    /// SHA-256 of the token in the feed's address.
    pub token_hash: String,
    /// When it was made (or last replaced).
    pub created_at: DateTime<Utc>,
}

/// One of a volunteer's bookings with what a calendar entry or a reminder says about it.
#[derive(Debug, Clone)]
pub struct BookedShift {
    /// The booking.
    pub booking: Booking,
    /// Its shift as it is now.
    pub shift: Shift,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// The site's postcode, if it has one.
    pub site_postcode: Option<String>,
    /// The organisation's name.
    pub organisation_name: String,
    /// How many times the shift has been changed since it was made (its audit entries other than
    /// its creation), for calendar sequence numbers.
    pub shift_changes: u32,
    /// When the shift was last changed, if ever.
    pub shift_changed_at: Option<DateTime<Utc>>,
}

/// Reads of volunteers' iCalendar feeds and notification preferences. These are a person's own
/// across organisations; the one organisation-owned read takes the organisation.
#[async_trait]
pub trait CalendarStore: Send + Sync {
    /// The channels a person has chosen, kind by kind (kinds never chosen are absent).
    async fn notification_preferences(
        &self,
        person: PersonId,
    ) -> Result<Vec<(NotificationKind, Channel)>, StoreError>;
    /// A person's calendar feed, if they have one.
    async fn calendar_feed_of(&self, person: PersonId) -> Result<Option<CalendarFeed>, StoreError>;
    /// The calendar feed with this token hash, if it has not been revoked.
    async fn calendar_feed(&self, token_hash: &str) -> Result<Option<CalendarFeed>, StoreError>;
    /// A person's bookings (standing or cancelled) on shifts starting at or after `since`, in
    /// every organisation, by start time.
    async fn booked_shifts_of(
        &self,
        person: PersonId,
        since: DateTime<Utc>,
    ) -> Result<Vec<BookedShift>, StoreError>;
    /// Standing bookings on shifts that are not cancelled and start in `[from, to)`, in every
    /// organisation, by start time (for reminders).
    async fn bookings_starting_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Booking>, StoreError>;
    /// One booking with its shift, role, site and organisation.
    async fn booked_shift(
        &self,
        org: OrganisationId,
        booking: BookingId,
    ) -> Result<Option<BookedShift>, StoreError>;
}
