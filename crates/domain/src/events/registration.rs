//! Registrations for learning events: the statuses a place moves through, the price decided when
//! someone registers, the waiting list's offers and when they run out, and who may have
//! attendance marked, give feedback or download a certificate.

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::LearningEvent;
use crate::expenses::Pence;
use crate::ids::{EventId, EventRegistrationId, PersonId};
use crate::labelled_enum;

/// How long a freed place is held for the person offered it.
pub const OFFER_HOURS: i64 = 48;
/// Offers close this long before the event starts, so nobody is offered a place they cannot use.
pub const OFFER_CLOSES_BEFORE_START_HOURS: i64 = 2;
/// An offer shorter than this is not worth making.
const SHORTEST_OFFER_MINUTES: i64 = 30;

labelled_enum!(
    /// Where a registration stands.
    RegistrationStatus {
        /// Has a place.
        Registered = "registered": "Registered",
        /// Waiting for a place.
        Waitlisted = "waitlisted": "On the waiting list",
        /// Offered a freed place, held until the offer runs out.
        Offered = "offered": "Offered a place",
        /// Cancelled by the person (or the place was declined).
        Cancelled = "cancelled": "Cancelled",
        /// An offer ran out and the place went to the next person.
        Lapsed = "lapsed": "Offer ran out",
        /// Came to the event.
        Attended = "attended": "Attended",
        /// Had a place but did not come.
        DidNotAttend = "did_not_attend": "Did not attend",
    }
);

impl RegistrationStatus {
    /// Whether the registration still counts (a person has at most one that does per event).
    pub fn is_live(self) -> bool {
        !matches!(self, Self::Cancelled | Self::Lapsed)
    }

    /// Whether it may be cancelled by the person (before the event starts).
    pub fn may_cancel(self) -> bool {
        matches!(self, Self::Registered | Self::Waitlisted | Self::Offered)
    }

    /// Whether attendance may be marked on it.
    pub fn may_mark_attendance(self) -> bool {
        matches!(self, Self::Registered | Self::Attended | Self::DidNotAttend)
    }
}

/// One person's registration for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    /// Identifier.
    pub id: EventRegistrationId,
    /// The event.
    pub event_id: EventId,
    /// Who.
    pub person_id: PersonId,
    /// Where it stands.
    pub status: RegistrationStatus,
    /// Whether they registered as a member (and so pay the member price).
    pub member: bool,
    /// The price when they registered.
    pub price: Pence,
    /// When they registered (their place in the waiting list's order).
    pub registered_at: DateTime<Utc>,
    /// When a place was last offered to them.
    pub offered_at: Option<DateTime<Utc>>,
    /// When that offer runs (or ran) out.
    pub offer_expires_at: Option<DateTime<Utc>>,
    /// When it was cancelled, lapsed or had attendance marked.
    pub closed_at: Option<DateTime<Utc>>,
}

impl Registration {
    /// A new registration; the store decides whether it is a place or a place on the waiting
    /// list, under the event's lock.
    pub fn new(event: &LearningEvent, person: PersonId, member: bool, now: DateTime<Utc>) -> Self {
        Self {
            id: EventRegistrationId::new(),
            event_id: event.id,
            person_id: person,
            status: RegistrationStatus::Registered,
            member,
            price: event.price_for(member),
            registered_at: now,
            offered_at: None,
            offer_expires_at: None,
            closed_at: None,
        }
    }

    /// Whether it takes one of the event's places at `now`: a place, attendance marked, or a
    /// live offer.
    pub fn holds_place(&self, now: DateTime<Utc>) -> bool {
        match self.status {
            RegistrationStatus::Registered
            | RegistrationStatus::Attended
            | RegistrationStatus::DidNotAttend => true,
            RegistrationStatus::Offered => self.offer_expires_at.is_some_and(|t| t > now),
            _ => false,
        }
    }

    /// Whether its offer is live at `now`.
    pub fn has_live_offer(&self, now: DateTime<Utc>) -> bool {
        self.status == RegistrationStatus::Offered && self.holds_place(now)
    }
}

/// Why something cannot be done to a registration now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationRefusal {
    /// Attendance is marked only once the event has started.
    #[error("You can mark attendance once the event has started")]
    NotStarted,
    /// The event was called off.
    #[error("This event has been cancelled")]
    EventCancelled,
    /// Only people with a place can have attendance marked.
    #[error("Only people with a place can be marked as attending or not")]
    NoPlace,
    /// Places can be given up only before the event starts.
    #[error("This event has already started")]
    Started,
    /// Nothing to cancel.
    #[error("This registration has already ended")]
    Ended,
    /// Feedback and certificates are for people who attended.
    #[error("Only people who attended can do this")]
    NotAttended,
}

/// Whether the organiser may mark attendance on `r` at `now`.
pub fn check_attendance(
    event: &LearningEvent,
    r: &Registration,
    now: DateTime<Utc>,
) -> Result<(), RegistrationRefusal> {
    if event.cancelled {
        Err(RegistrationRefusal::EventCancelled)
    } else if !event.has_started(now) {
        Err(RegistrationRefusal::NotStarted)
    } else if !r.status.may_mark_attendance() {
        Err(RegistrationRefusal::NoPlace)
    } else {
        Ok(())
    }
}

/// Whether the person may give up `r` at `now`.
pub fn check_cancel(
    event: &LearningEvent,
    r: &Registration,
    now: DateTime<Utc>,
) -> Result<(), RegistrationRefusal> {
    if !r.status.may_cancel() {
        Err(RegistrationRefusal::Ended)
    } else if event.has_started(now) {
        Err(RegistrationRefusal::Started)
    } else {
        Ok(())
    }
}

/// Whether `r` earns feedback and a certificate: the person attended.
pub fn check_attended(r: &Registration) -> Result<(), RegistrationRefusal> {
    if r.status == RegistrationStatus::Attended {
        Ok(())
    } else {
        Err(RegistrationRefusal::NotAttended)
    }
}

/// Whether someone may register for `event` at `now`: it is not cancelled and has not started.
pub fn check_open(event: &LearningEvent, now: DateTime<Utc>) -> Result<(), &'static str> {
    if event.cancelled {
        Err("This event has been cancelled")
    } else if event.has_started(now) {
        Err("Registration has closed: this event has started")
    } else {
        Ok(())
    }
}

/// Until when a place offered at `now` is held: 48 hours, closing two hours before the start;
/// `None` when that leaves too little time to be worth offering.
pub fn offer_expiry(now: DateTime<Utc>, starts_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let latest = starts_at - TimeDelta::hours(OFFER_CLOSES_BEFORE_START_HOURS);
    let expires = (now + TimeDelta::hours(OFFER_HOURS)).min(latest);
    (expires - now >= TimeDelta::minutes(SHORTEST_OFFER_MINUTES)).then_some(expires)
}

/// The email offering a freed place on an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferNotice<'a> {
    /// The event's title.
    pub title: &'a str,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When the offer runs out.
    pub expires_at: DateTime<Utc>,
    /// The event's page, where the place is taken or declined.
    pub link: &'a str,
}

impl OfferNotice<'_> {
    /// The subject line.
    pub fn subject(&self) -> String {
        format!("A place has come up: {}", self.title)
    }

    /// The body, in UK local time.
    pub fn body(&self) -> String {
        let fmt = |t: DateTime<Utc>| {
            crate::rota::from_utc(t)
                .format("%A %-d %B %Y at %H:%M")
                .to_string()
        };
        format!(
            "A place has come up on an event you are waiting for:\n\n{}\n{}\n\n\
             We are holding it for you until {}. After that it goes to the next person \
             waiting.\n\nTake the place or decline it here: {}\n",
            self.title,
            fmt(self.starts_at),
            fmt(self.expires_at),
            self.link
        )
    }
}

/// The email confirming a registration: a place, or a place on the waiting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationNotice<'a> {
    /// The event's title.
    pub title: &'a str,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Whether they are waiting rather than registered.
    pub waiting: bool,
    /// The event's page, where the place is given up.
    pub link: &'a str,
}

impl RegistrationNotice<'_> {
    /// The subject line.
    pub fn subject(&self) -> String {
        if self.waiting {
            format!("On the waiting list: {}", self.title)
        } else {
            format!("You are registered: {}", self.title)
        }
    }

    /// The body, in UK local time.
    pub fn body(&self) -> String {
        let when = crate::rota::from_utc(self.starts_at).format("%A %-d %B %Y at %H:%M");
        let what = if self.waiting {
            format!(
                "The event is full, so you are on its waiting list. If a place comes up we will \
                 email you and hold it for you for {OFFER_HOURS} hours."
            )
        } else {
            "You have a place.".to_owned()
        };
        let change = if self.waiting {
            "To leave the waiting list"
        } else {
            "If you cannot come, please give your place up so someone else can have it"
        };
        format!(
            "{}\n{when}\n\n{what}\n\n{change}: {}\n",
            self.title, self.link
        )
    }
}
