//! The survey after an event: how useful it was (1 to 5), anything else, and what the person
//! will do differently. Given once, by someone who attended.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::FieldErrors;
use crate::ids::{EventId, EventRegistrationId};

/// One attendee's feedback on one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventFeedback {
    /// The registration it is about (one feedback each).
    pub registration_id: EventRegistrationId,
    /// The event.
    pub event_id: EventId,
    /// How useful, 1 (not at all) to 5 (very).
    pub useful: u8,
    /// Anything else they want to say.
    pub comments: String,
    /// What they will do differently.
    pub will_do_differently: String,
    /// When given.
    pub given_at: DateTime<Utc>,
}

/// The answers as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FeedbackInput {
    /// "1" to "5".
    pub useful: String,
    /// Free text.
    pub comments: String,
    /// Free text.
    pub will_do_differently: String,
}

/// Labels for the usefulness scale, 1 to 5.
pub const USEFUL_LABELS: [&str; 5] = [
    "Not at all useful",
    "Slightly useful",
    "Moderately useful",
    "Very useful",
    "Extremely useful",
];

impl FeedbackInput {
    /// Validates the answers.
    pub fn parse(
        &self,
        registration_id: EventRegistrationId,
        event_id: EventId,
        given_at: DateTime<Utc>,
    ) -> Result<EventFeedback, FieldErrors> {
        let mut e = FieldErrors::new();
        let useful = match self.useful.trim().parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                e.add("useful", "Select how useful the event was");
                None
            }
        };
        let comments = e.optional_text("comments", "your comments", &self.comments, 2000);
        let will_do_differently = e.optional_text(
            "will_do_differently",
            "what you will do differently",
            &self.will_do_differently,
            2000,
        );
        e.finish(|| {
            Some(EventFeedback {
                registration_id,
                event_id,
                useful: useful?,
                comments,
                will_do_differently,
                given_at,
            })
        })
    }
}
