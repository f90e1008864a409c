//! What volunteers are told about, and how: each kind of notification goes by a channel the
//! volunteer chooses (email by default, a text message, or none). A text goes only where the
//! organisation sends texts and the volunteer has a phone number; otherwise it becomes an email
//! (see [`crate::notify::medium_for`]).

use crate::labelled_enum;
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// Something a volunteer can be told about.
    NotificationKind {
        /// A place on a shift was booked.
        BookingConfirmation = "booking_confirmation": "Booking confirmations",
        /// The day before a booked shift.
        Reminder = "reminder": "Reminders the day before a shift",
        /// A place freed up for someone on a waiting list.
        WaitlistOffer = "waitlist_offer": "Waiting list offers",
        /// A shift or a booking was cancelled.
        Cancellation = "cancellation": "Cancelled shifts and bookings",
        /// Logged hours were approved or queried.
        HoursDecision = "hours_decision": "Hours approved or queried",
        /// An invitation to a survey about their volunteering, and its reminder.
        Survey = "survey": "Surveys about your volunteering",
        /// An invitation to support someone, and changes to the people they support.
        Matching = "matching": "Invitations to support someone",
    }
);

labelled_enum!(
    /// How a volunteer is told.
    Channel {
        /// An email to their address.
        Email = "email": "Email",
        /// A text message to their phone (through GOV.UK Notify).
        Sms = "sms": "Text message",
        /// Not at all.
        None = "none": "Don't tell me",
    }
);

impl NotificationKind {
    /// A sentence saying what this kind covers, for the preferences page.
    pub fn hint(self) -> &'static str {
        match self {
            Self::BookingConfirmation => "When you book a place on a shift.",
            Self::Reminder => "The day before each shift you have booked.",
            Self::WaitlistOffer => "When a place comes free on a shift you are waiting for.",
            Self::Cancellation => "When a shift you booked, or your place on it, is cancelled.",
            Self::HoursDecision => "When a manager approves or asks about hours you logged.",
            Self::Survey => "Now and then, a short survey about how volunteering is going for you.",
            Self::Matching => {
                "When you are invited to support someone, and when that support changes."
            }
        }
    }
}

/// The channel a volunteer wants for `kind`, given what they have chosen so far (anything not
/// chosen goes by email).
pub fn channel_for(chosen: &[(NotificationKind, Channel)], kind: NotificationKind) -> Channel {
    chosen
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(Channel::Email, |(_, c)| *c)
}

/// Preferences as typed on the form: one channel code per kind code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreferencesInput(pub Vec<(String, String)>);

impl PreferencesInput {
    /// Every kind with a channel: kinds not mentioned keep the default (email); an unknown kind
    /// or channel is a field error named after the kind.
    pub fn parse(&self) -> Result<Vec<(NotificationKind, Channel)>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut chosen = Vec::new();
        for (kind, channel) in &self.0 {
            let Some(k) = NotificationKind::from_code(kind.trim()) else {
                errors.add(kind, "This is not a kind of notification we send");
                continue;
            };
            match Channel::from_code(channel.trim()) {
                Some(c) => {
                    chosen.retain(|(old, _)| *old != k);
                    chosen.push((k, c));
                }
                None => errors.add(
                    k.code(),
                    format!("Choose how to tell you about {}", k.label().to_lowercase()),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NotificationKind::ALL
            .iter()
            .map(|k| (*k, channel_for(&chosen, *k)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> PreferencesInput {
        PreferencesInput(
            pairs
                .iter()
                .map(|(k, c)| (k.to_string(), c.to_string()))
                .collect(),
        )
    }

    #[test]
    fn unchosen_kinds_go_by_email() {
        assert_eq!(channel_for(&[], NotificationKind::Reminder), Channel::Email);
        let chosen = [(NotificationKind::Reminder, Channel::None)];
        assert_eq!(
            channel_for(&chosen, NotificationKind::Reminder),
            Channel::None
        );
        assert_eq!(
            channel_for(&chosen, NotificationKind::BookingConfirmation),
            Channel::Email
        );
    }

    #[test]
    fn parsing_fills_every_kind() {
        let parsed = input(&[("reminder", "none")]).parse().unwrap();
        assert_eq!(parsed.len(), NotificationKind::ALL.len());
        assert!(parsed.contains(&(NotificationKind::Reminder, Channel::None)));
        assert!(parsed.contains(&(NotificationKind::Cancellation, Channel::Email)));
    }

    #[test]
    fn unknown_codes_are_field_errors() {
        let errors = input(&[("reminder", "pigeon"), ("gossip", "email")])
            .parse()
            .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["reminder", "gossip"]);
    }
}
