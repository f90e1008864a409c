//! Waiting lists for full shifts. When a place frees, the first volunteer waiting is offered it
//! and holds it for a while: until they accept, pass it on, or the offer runs out — then the next
//! in line is offered it. Every step is kept, so managers can see what happened.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::ids::{OrganisationId, PersonId, ShiftId, WaitlistEntryId};
use crate::labelled_enum;

/// How long a volunteer has to accept an offered place, at most.
pub const OFFER_HOURS: i64 = 12;

/// An offer always runs out this long before the shift starts, so someone else can still come.
pub const OFFER_CLOSES_BEFORE_START_MINUTES: i64 = 60;

/// However close the shift, an offer lasts at least this long, or none is made.
pub const SHORTEST_OFFER_MINUTES: i64 = 15;

labelled_enum!(
    /// Where a volunteer is on a shift's waiting list.
    WaitlistStatus {
        /// Waiting for a place.
        Waiting = "waiting": "Waiting",
        /// Offered a place, which is held for them until the offer runs out.
        Offered = "offered": "Offered a place",
        /// Took the place.
        Accepted = "accepted": "Took the place",
        /// Passed the offer on.
        Passed = "passed": "Passed it on",
        /// Did not answer the offer in time.
        Expired = "expired": "Offer ran out",
        /// Left the waiting list.
        Left = "left": "Left the list",
    }
);

impl WaitlistStatus {
    /// Whether the entry still counts: waiting, or holding an offer.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Waiting | Self::Offered)
    }
}

/// A volunteer's place on one shift's waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitlistEntry {
    /// Identifier.
    pub id: WaitlistEntryId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The full shift.
    pub shift_id: ShiftId,
    /// The volunteer waiting.
    pub person_id: PersonId,
    /// Where they are.
    pub status: WaitlistStatus,
    /// When they joined: the order of the list.
    pub joined_at: DateTime<Utc>,
    /// When a place was offered.
    pub offered_at: Option<DateTime<Utc>>,
    /// When the offer runs out.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When they took it, passed, left, or the offer ran out.
    pub closed_at: Option<DateTime<Utc>>,
}

impl WaitlistEntry {
    /// A volunteer joining the list at `now`.
    pub fn join(
        organisation_id: OrganisationId,
        shift_id: ShiftId,
        person_id: PersonId,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: WaitlistEntryId::new(),
            organisation_id,
            shift_id,
            person_id,
            status: WaitlistStatus::Waiting,
            joined_at: now,
            offered_at: None,
            offer_expires_at: None,
            closed_at: None,
        }
    }

    /// Whether it holds a place at `now`: offered, and the offer has not run out.
    pub fn holds_place(&self, now: DateTime<Utc>) -> bool {
        self.status == WaitlistStatus::Offered && self.offer_expires_at.is_some_and(|t| t > now)
    }
}

/// When an offer made at `now` of a place on a shift starting at `starts_at` runs out: after
/// [`OFFER_HOURS`], but no later than [`OFFER_CLOSES_BEFORE_START_MINUTES`] before the start.
/// `None` when that leaves less than [`SHORTEST_OFFER_MINUTES`]: too late to offer anyone.
pub fn offer_expiry(now: DateTime<Utc>, starts_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let latest = starts_at - TimeDelta::minutes(OFFER_CLOSES_BEFORE_START_MINUTES);
    let expires = (now + TimeDelta::hours(OFFER_HOURS)).min(latest);
    (expires - now >= TimeDelta::minutes(SHORTEST_OFFER_MINUTES)).then_some(expires)
}

/// How many places on a shift can be offered now: the maximum less those booked and those held
/// by live offers.
pub fn places_to_offer(max: u16, booked: u16, held: u16) -> u16 {
    max.saturating_sub(booked).saturating_sub(held)
}

/// The email offering a freed place: what, where, when, and until when it is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferNotice<'a> {
    /// The role's title.
    pub role: &'a str,
    /// The site's name.
    pub site: &'a str,
    /// The shift's start.
    pub starts_at: DateTime<Utc>,
    /// The shift's end.
    pub ends_at: DateTime<Utc>,
    /// When the offer runs out.
    pub expires_at: DateTime<Utc>,
    /// Where to accept or pass it on.
    pub link: &'a str,
}

impl OfferNotice<'_> {
    /// The subject line.
    pub fn subject(&self) -> String {
        format!("A place has come up: {} at {}", self.role, self.site)
    }

    /// The body, in UK local time.
    pub fn body(&self) -> String {
        let start = super::from_utc(self.starts_at);
        let end = super::from_utc(self.ends_at);
        let expires = super::from_utc(self.expires_at);
        format!(
            "A place has come up on a shift you are waiting for:\n\n{} at {}\n{}, {} to {}\n\n\
             We are holding it for you until {} on {}. After that it goes to the next person \
             waiting.\n\nTake the place or pass it on here: {}\n",
            self.role,
            self.site,
            start.format("%A %-d %B %Y"),
            start.format("%H:%M"),
            end.format("%H:%M"),
            expires.format("%H:%M"),
            expires.format("%A %-d %B"),
            self.link,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn an_offer_lasts_twelve_hours_when_the_shift_is_far_off() {
        let now = at("2027-03-01T09:00:00Z");
        let start = at("2027-03-05T09:00:00Z");
        assert_eq!(offer_expiry(now, start), Some(at("2027-03-01T21:00:00Z")));
    }

    #[test]
    fn an_offer_closes_an_hour_before_a_near_shift() {
        let now = at("2027-03-01T09:00:00Z");
        let start = at("2027-03-01T15:00:00Z");
        assert_eq!(offer_expiry(now, start), Some(at("2027-03-01T14:00:00Z")));
    }

    #[test]
    fn no_offer_when_less_than_fifteen_minutes_would_be_left() {
        let start = at("2027-03-01T15:00:00Z");
        assert_eq!(
            offer_expiry(at("2027-03-01T13:45:00Z"), start),
            Some(at("2027-03-01T14:00:00Z"))
        );
        assert_eq!(offer_expiry(at("2027-03-01T13:45:01Z"), start), None);
        assert_eq!(offer_expiry(at("2027-03-01T16:00:00Z"), start), None);
    }

    #[test]
    fn the_offer_email_gives_uk_times_and_the_deadline() {
        let notice = OfferNotice {
            role: "Ward visitor",
            site: "Ward 7",
            starts_at: at("2027-06-01T09:00:00Z"),
            ends_at: at("2027-06-01T12:00:00Z"),
            expires_at: at("2027-05-30T20:30:00Z"),
            link: "https://example.org/my/shifts",
        };
        assert_eq!(
            notice.subject(),
            "A place has come up: Ward visitor at Ward 7"
        );
        let body = notice.body();
        assert!(
            body.contains("Tuesday 1 June 2027, 10:00 to 13:00"),
            "{body}"
        );
        assert!(body.contains("until 21:30 on Sunday 30 May"), "{body}");
        assert!(body.contains("https://example.org/my/shifts"));
    }

    #[test]
    fn places_to_offer_never_goes_below_zero() {
        assert_eq!(places_to_offer(5, 3, 1), 1);
        assert_eq!(places_to_offer(5, 5, 0), 0);
        assert_eq!(places_to_offer(5, 4, 2), 0);
    }

    #[test]
    fn only_an_unexpired_offer_holds_a_place() {
        let now = at("2027-03-01T09:00:00Z");
        let mut e =
            WaitlistEntry::join(OrganisationId::new(), ShiftId::new(), PersonId::new(), now);
        assert!(!e.holds_place(now));
        e.status = WaitlistStatus::Offered;
        e.offer_expires_at = Some(now + TimeDelta::hours(1));
        assert!(e.holds_place(now));
        assert!(!e.holds_place(now + TimeDelta::hours(1)));
        assert!(WaitlistStatus::Offered.is_open() && !WaitlistStatus::Expired.is_open());
    }
}
