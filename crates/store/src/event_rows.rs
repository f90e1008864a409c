//! Rows of learning events, series, registrations and feedback as the database returns them,
//! and their conversion into domain types.

use app::StoreError;
use app::ports::Registrant;
use chrono::{DateTime, NaiveDate, Utc};
use domain::events::{
    CpdEntry, EventFeedback, EventFormat, EventOwner, EventSeries, LearningEvent, Registration,
};
use domain::expenses::Pence;
use domain::ids::*;
use uuid::Uuid;

use crate::rows::code;

/// The columns of `learning_events`, in [`EventRow`]'s order.
pub(crate) const EVENT_COLUMNS: &str = "id, network_id, organisation_id, series_id, title, \
     description, audience_note, visibility, format, venue, joining_link, starts_at, ends_at, \
     capacity, member_price_pence, non_member_price_pence, cancelled, created_at";

/// The columns of `event_registrations`, in [`RegistrationRow`]'s order.
pub(crate) const REGISTRATION_COLUMNS: &str = "id, event_id, person_id, status, member, \
     price_pence, registered_at, offered_at, offer_expires_at, closed_at";

/// The columns of `event_feedback`, in [`FeedbackRow`]'s order.
pub(crate) const FEEDBACK_COLUMNS: &str =
    "registration_id, event_id, useful, comments, will_do_differently, given_at";

fn stored(what: &str) -> StoreError {
    StoreError::Other(format!("a stored {what} is not valid"))
}

/// The owner's two columns (one is null).
pub(crate) fn owner_columns(owner: EventOwner) -> (Option<Uuid>, Option<Uuid>) {
    match owner {
        EventOwner::Network(n) => (Some(n.0), None),
        EventOwner::Organisation(o) => (None, Some(o.0)),
    }
}

fn owner(network: Option<Uuid>, org: Option<Uuid>) -> Result<EventOwner, StoreError> {
    match (network, org) {
        (Some(n), None) => Ok(EventOwner::Network(NetworkId(n))),
        (None, Some(o)) => Ok(EventOwner::Organisation(OrganisationId(o))),
        _ => Err(stored("event owner")),
    }
}

/// A `learning_events` row.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: Uuid,
    network_id: Option<Uuid>,
    organisation_id: Option<Uuid>,
    series_id: Option<Uuid>,
    title: String,
    description: String,
    audience_note: String,
    visibility: String,
    format: String,
    venue: Option<String>,
    joining_link: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i32,
    member_price_pence: i64,
    non_member_price_pence: i64,
    cancelled: bool,
    created_at: DateTime<Utc>,
}

impl EventRow {
    pub(crate) fn into_domain(self) -> Result<LearningEvent, StoreError> {
        Ok(LearningEvent {
            id: EventId(self.id),
            owner: owner(self.network_id, self.organisation_id)?,
            series_id: self.series_id.map(EventSeriesId),
            title: self.title,
            description: self.description,
            audience_note: self.audience_note,
            visibility: code(&self.visibility)?,
            format: EventFormat::from_parts(&self.format, self.venue, self.joining_link)
                .ok_or_else(|| stored("event format"))?,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            capacity: u32::try_from(self.capacity).map_err(|_| stored("capacity"))?,
            member_price: Pence(self.member_price_pence),
            non_member_price: Pence(self.non_member_price_pence),
            cancelled: self.cancelled,
            created_at: self.created_at,
        })
    }
}

/// An `event_series` row.
#[derive(sqlx::FromRow)]
pub(crate) struct SeriesRow {
    id: Uuid,
    network_id: Option<Uuid>,
    organisation_id: Option<Uuid>,
    name: String,
    year: i32,
}

impl SeriesRow {
    pub(crate) fn into_domain(self) -> Result<EventSeries, StoreError> {
        Ok(EventSeries {
            id: EventSeriesId(self.id),
            owner: owner(self.network_id, self.organisation_id)?,
            name: self.name,
            year: self.year,
        })
    }
}

/// An `event_registrations` row.
#[derive(sqlx::FromRow)]
pub(crate) struct RegistrationRow {
    id: Uuid,
    event_id: Uuid,
    person_id: Uuid,
    status: String,
    member: bool,
    price_pence: i64,
    registered_at: DateTime<Utc>,
    offered_at: Option<DateTime<Utc>>,
    offer_expires_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
}

impl RegistrationRow {
    pub(crate) fn into_domain(self) -> Result<Registration, StoreError> {
        Ok(Registration {
            id: EventRegistrationId(self.id),
            event_id: EventId(self.event_id),
            person_id: PersonId(self.person_id),
            status: code(&self.status)?,
            member: self.member,
            price: Pence(self.price_pence),
            registered_at: self.registered_at,
            offered_at: self.offered_at,
            offer_expires_at: self.offer_expires_at,
            closed_at: self.closed_at,
        })
    }
}

/// A registration row with the person's name and email.
#[derive(sqlx::FromRow)]
pub(crate) struct RegistrantRow {
    #[sqlx(flatten)]
    registration: RegistrationRow,
    given_name: String,
    family_name: String,
    email: String,
}

impl RegistrantRow {
    pub(crate) fn into_domain(self) -> Result<Registrant, StoreError> {
        Ok(Registrant {
            registration: self.registration.into_domain()?,
            name: format!("{} {}", self.given_name, self.family_name),
            email: self.email,
        })
    }
}

/// An `event_feedback` row.
#[derive(sqlx::FromRow)]
pub(crate) struct FeedbackRow {
    registration_id: Uuid,
    event_id: Uuid,
    useful: i32,
    comments: String,
    will_do_differently: String,
    given_at: DateTime<Utc>,
}

impl FeedbackRow {
    pub(crate) fn into_domain(self) -> Result<EventFeedback, StoreError> {
        Ok(EventFeedback {
            registration_id: EventRegistrationId(self.registration_id),
            event_id: EventId(self.event_id),
            useful: u8::try_from(self.useful).map_err(|_| stored("feedback"))?,
            comments: self.comments,
            will_do_differently: self.will_do_differently,
            given_at: self.given_at,
        })
    }
}

/// A `cpd_entries` row.
#[derive(sqlx::FromRow)]
pub(crate) struct CpdRow {
    id: Uuid,
    person_id: Uuid,
    title: String,
    provider: String,
    done_on: NaiveDate,
    minutes: i64,
    created_at: DateTime<Utc>,
}

impl CpdRow {
    pub(crate) fn into_domain(self) -> CpdEntry {
        CpdEntry {
            id: CpdEntryId(self.id),
            person_id: PersonId(self.person_id),
            title: self.title,
            provider: self.provider,
            done_on: self.done_on,
            minutes: self.minutes,
            created_at: self.created_at,
        }
    }
}
