//! The store's reads and writes for learning events: series, events, registrations with their
//! waiting list, and feedback.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::events::{
    CpdEntry, EventFeedback, EventOwner, EventSeries, LearningEvent, Registration,
};
use domain::ids::*;
use serde::Serialize;

use super::StoreError;

/// A registration with who made it, for the organiser's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registrant {
    /// The registration.
    pub registration: Registration,
    /// Their full name.
    pub name: String,
    /// Their email.
    pub email: String,
}

/// Reads for learning events.
#[async_trait]
pub trait EventStore: Send + Sync {
    /// An owner's events, earliest first.
    async fn learning_events(&self, owner: EventOwner) -> Result<Vec<LearningEvent>, StoreError>;
    /// One event.
    async fn learning_event(&self, id: EventId) -> Result<Option<LearningEvent>, StoreError>;
    /// Events (of any owner) starting in `[from, to)`, not cancelled.
    async fn events_starting_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LearningEvent>, StoreError>;
    /// An owner's series, newest year first.
    async fn event_series(&self, owner: EventOwner) -> Result<Vec<EventSeries>, StoreError>;
    /// An event's registrations in the order they were made, with names.
    async fn event_registrants(&self, event: EventId) -> Result<Vec<Registrant>, StoreError>;
    /// One registration.
    async fn event_registration(
        &self,
        id: EventRegistrationId,
    ) -> Result<Option<Registration>, StoreError>;
    /// A person's registrations for any event, newest first.
    async fn event_registrations_of(
        &self,
        person: PersonId,
    ) -> Result<Vec<Registration>, StoreError>;
    /// An event's feedback, oldest first.
    async fn event_feedback(&self, event: EventId) -> Result<Vec<EventFeedback>, StoreError>;
    /// The feedback given on one registration, if any.
    async fn feedback_on(
        &self,
        registration: EventRegistrationId,
    ) -> Result<Option<EventFeedback>, StoreError>;
    /// Learning a person recorded themselves, latest first.
    async fn cpd_entries_of(&self, person: PersonId) -> Result<Vec<CpdEntry>, StoreError>;
    /// Events with an offer that ran out by `now` and has not been passed on.
    async fn events_with_lapsed_offers(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<EventId>, StoreError>;
}

/// Changes to learning events, applied with everything else in one transaction.
#[derive(Debug, Clone)]
pub enum EventWrite {
    /// A new series.
    InsertSeries(EventSeries),
    /// A new event.
    InsertEvent(LearningEvent),
    /// New details for an event; under its lock, refused if fewer places than are taken.
    UpdateEvent(LearningEvent, DateTime<Utc>),
    /// The event is called off (its registrations stay, for the record).
    CancelEvent(EventId),
    /// Under the event's lock: a place if one is free and nobody is waiting, otherwise a place
    /// on the waiting list; refused if the person already has a live registration or the event
    /// is cancelled. The registration's own status is ignored. The person is emailed which it
    /// was, with the link to the event's page.
    Register(Registration, String),
    /// The person gives up their place, waiting-list place or offer; refused unless it is still
    /// one of those.
    CancelRegistration(EventRegistrationId, DateTime<Utc>),
    /// The person takes the place offered; refused unless the offer is still live.
    AcceptOffer(EventRegistrationId, DateTime<Utc>),
    /// Under the event's lock: marks offers that ran out, then offers each free place to the
    /// next person waiting, emailing them (the link goes to the event's page).
    OfferFreedPlaces {
        /// The event.
        event_id: EventId,
        /// When.
        now: DateTime<Utc>,
        /// Where people take or decline the place.
        link: String,
    },
    /// Attendance marked (attended or did not attend); refused unless the registration has a
    /// place (or attendance marked already).
    MarkAttendance(
        EventRegistrationId,
        domain::events::RegistrationStatus,
        DateTime<Utc>,
    ),
    /// An attendee's feedback; refused if they gave it already.
    InsertFeedback(EventFeedback),
    /// Learning a person recorded themselves.
    InsertCpdEntry(CpdEntry),
    /// A person removes one of their own entries; refused if it is not theirs.
    DeleteCpdEntry(PersonId, CpdEntryId),
}
