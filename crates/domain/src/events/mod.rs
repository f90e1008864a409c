//! Learning events run by a network or an organisation for volunteer managers: what they are,
//! who sees them, when and where they happen, what they cost, and the rules for registering,
//! waiting lists, attendance, feedback and certificates.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::expenses::Pence;
use crate::ids::{EventId, EventSeriesId, NetworkId, OrganisationId};
use crate::network::Audience;
use crate::{Labelled, labelled_enum};

pub mod cpd;
pub mod feedback;
mod input;
pub mod learning_record;
pub mod registration;

#[cfg(test)]
mod tests;

pub use cpd::{CpdEntry, CpdInput};
pub use feedback::{EventFeedback, FeedbackInput};
pub use input::{EventInput, MAX_CAPACITY, ParsedEvent};
pub use learning_record::{LearningLine, LearningRecord, LearningSource, LearningYear};
pub use registration::{
    OfferNotice, Registration, RegistrationNotice, RegistrationStatus, offer_expiry,
};

/// Who runs an event: a network (for its members) or one organisation (for its staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum EventOwner {
    /// A network; its members pay the member price.
    Network(NetworkId),
    /// An organisation; its staff pay the member price.
    Organisation(OrganisationId),
}

labelled_enum!(
    /// How people take part.
    FormatKind {
        /// At a venue.
        InPerson = "in_person": "In person",
        /// On a video call.
        Online = "online": "Online",
        /// At a venue, or on a video call.
        Hybrid = "hybrid": "In person and online",
    }
);

/// Where an event happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventFormat {
    /// At a venue.
    InPerson {
        /// The venue's name and address.
        venue: String,
    },
    /// Online, with a joining link (https).
    Online {
        /// The joining link.
        joining_link: String,
    },
    /// Both.
    Hybrid {
        /// The venue's name and address.
        venue: String,
        /// The joining link.
        joining_link: String,
    },
}

impl EventFormat {
    /// Which of the three it is.
    pub fn kind(&self) -> FormatKind {
        match self {
            Self::InPerson { .. } => FormatKind::InPerson,
            Self::Online { .. } => FormatKind::Online,
            Self::Hybrid { .. } => FormatKind::Hybrid,
        }
    }

    /// The venue, if people can come in person.
    pub fn venue(&self) -> Option<&str> {
        match self {
            Self::InPerson { venue } | Self::Hybrid { venue, .. } => Some(venue),
            Self::Online { .. } => None,
        }
    }

    /// The joining link, if people can join online.
    pub fn joining_link(&self) -> Option<&str> {
        match self {
            Self::Online { joining_link } | Self::Hybrid { joining_link, .. } => Some(joining_link),
            Self::InPerson { .. } => None,
        }
    }

    /// Made from stored parts; `None` if the parts do not fit the kind.
    pub fn from_parts(kind: &str, venue: Option<String>, link: Option<String>) -> Option<Self> {
        match (FormatKind::from_code(kind)?, venue, link) {
            (FormatKind::InPerson, Some(venue), _) => Some(Self::InPerson { venue }),
            (FormatKind::Online, _, Some(joining_link)) => Some(Self::Online { joining_link }),
            (FormatKind::Hybrid, Some(venue), Some(joining_link)) => Some(Self::Hybrid {
                venue,
                joining_link,
            }),
            _ => None,
        }
    }
}

/// A year's line-up of events, e.g. "Learning programme 2027".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventSeries {
    /// Identifier.
    pub id: EventSeriesId,
    /// Who runs it.
    pub owner: EventOwner,
    /// Its name.
    pub name: String,
    /// The year it covers.
    pub year: i32,
}

/// A learning event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearningEvent {
    /// Identifier.
    pub id: EventId,
    /// Who runs it.
    pub owner: EventOwner,
    /// The series it belongs to, if any.
    pub series_id: Option<EventSeriesId>,
    /// Title.
    pub title: String,
    /// What it covers.
    pub description: String,
    /// Who it is for, in words ("Volunteer managers in the public sector").
    pub audience_note: String,
    /// Who may see it and register: members only, or everyone.
    pub visibility: Audience,
    /// Where it happens.
    pub format: EventFormat,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// How many places.
    pub capacity: u32,
    /// What members pay.
    pub member_price: Pence,
    /// What everyone else pays.
    pub non_member_price: Pence,
    /// Whether it has been called off.
    pub cancelled: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

impl LearningEvent {
    /// Its length in minutes: the CPD time a certificate states.
    pub fn cpd_minutes(&self) -> i64 {
        (self.ends_at - self.starts_at).num_minutes().max(0)
    }

    /// Whether it has started at `now`.
    pub fn has_started(&self, now: DateTime<Utc>) -> bool {
        now >= self.starts_at
    }

    /// What a member (or not) pays.
    pub fn price_for(&self, member: bool) -> Pence {
        if member {
            self.member_price
        } else {
            self.non_member_price
        }
    }
}

/// Hours and minutes in words: "2 hours 30 minutes", "1 hour", "45 minutes".
pub fn hours_in_words(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = match h {
        0 => String::new(),
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    };
    let mins = match m {
        0 => String::new(),
        1 => "1 minute".to_owned(),
        n => format!("{n} minutes"),
    };
    match (hours.is_empty(), mins.is_empty()) {
        (true, true) => "0 minutes".to_owned(),
        (false, true) => hours,
        (true, false) => mins,
        (false, false) => format!("{hours} {mins}"),
    }
}
