//! Volunteers' notification preferences: for each kind of message, email (the default) or none.
//! Every message to a volunteer about their volunteering goes through
//! [`App::volunteer_message`], so an opted-out kind is never queued. Also the booking
//! confirmation and the day-before reminder job.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use domain::audit::{Actor, AuditEntry};
use domain::ids::{BookingId, JobId, OrganisationId, PersonId};
use domain::notification::{Channel, NotificationKind, PreferencesInput, channel_for};
use domain::notify::{Medium, medium_for, sms_text};
use domain::organisation::Organisation;
use domain::person::Person;
use domain::rota::{BookingStatus, Edge, Shift, from_utc, to_instant};

use crate::booking_decision::BookingFacts;
use crate::ports::{Job, OutboxMessage, Write};
use crate::{App, AppError};

/// The job kind of the day-before reminder of a booked shift.
pub(crate) const SHIFT_REMINDER: &str = "shift-reminder";

/// The UK hour on the day before a shift from which its reminder is sent.
pub const REMINDER_HOUR: u32 = 9;

/// A shift's UK day and clock times, e.g. "Friday 5 March 2027, 10:00 to 13:00".
fn when(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let start = from_utc(starts_at);
    let end = from_utc(ends_at);
    let mut text = format!(
        "{}, {} to {}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M")
    );
    if end.date() != start.date() {
        text.push_str(&format!(" on {}", end.format("%A %-d %B")));
    }
    text
}

impl App {
    /// The outbox write for a message of `kind` from `org` to a volunteer, or `None` if they
    /// chose not to hear about that kind (or no longer exist). Add the write to the use case's
    /// batch, so the message is queued in the same transaction as the change it is about.
    pub(crate) async fn volunteer_message(
        &self,
        org: OrganisationId,
        person: PersonId,
        kind: NotificationKind,
        subject: &str,
        body: String,
    ) -> Result<Option<Write>, AppError> {
        let chosen = self.store.notification_preferences(person).await?;
        if channel_for(&chosen, kind) == Channel::None {
            return Ok(None);
        }
        let Some(who) = self.store.person(person).await? else {
            return Ok(None);
        };
        self.message_by_choice(org, &who, channel_for(&chosen, kind), kind, subject, body)
            .await
    }

    /// The message by the channel chosen: a text where the organisation sends texts and the
    /// person has a phone number, otherwise an email (see [`medium_for`]).
    pub(crate) async fn message_by_choice(
        &self,
        org: OrganisationId,
        person: &Person,
        chosen: Channel,
        kind: NotificationKind,
        subject: &str,
        body: String,
    ) -> Result<Option<Write>, AppError> {
        // Only a text needs the organisation's settings: most messages read nothing more.
        let can_text = chosen == Channel::Sms
            && person.phone.is_some()
            && self.settings_of(org).await?.sends_sms();
        let email = self.message(person.email.as_str(), subject, body);
        Ok(match (medium_for(chosen, can_text), &person.phone) {
            (None, _) => None,
            (Some(Medium::Sms), Some(phone)) => Some(OutboxMessage {
                medium: Medium::Sms,
                to: phone.as_str().to_owned(),
                body: sms_text(subject, &email.body),
                ..email
            }),
            (Some(_), _) => Some(email),
        }
        .map(|m| Write::InsertMessage(m.from_organisation(org, Some(kind)))))
    }

    /// A volunteer's channel for every kind, in display order (email where they chose nothing).
    pub async fn my_notification_preferences(
        &self,
        person: PersonId,
    ) -> Result<Vec<(NotificationKind, Channel)>, AppError> {
        let chosen = self.store.notification_preferences(person).await?;
        Ok(<NotificationKind as domain::Labelled>::ALL
            .iter()
            .map(|k| (*k, channel_for(&chosen, *k)))
            .collect())
    }

    /// A volunteer sets how they are told about each kind; kinds not mentioned go by email.
    /// Nothing is saved unless every choice is valid.
    pub async fn set_my_notification_preferences(
        &self,
        person: PersonId,
        input: &PreferencesInput,
    ) -> Result<Vec<(NotificationKind, Channel)>, AppError> {
        let chosen = input.parse()?;
        let texts: Vec<_> = chosen
            .iter()
            .filter(|(_, c)| *c == Channel::Sms)
            .map(|(k, _)| *k)
            .collect();
        if !texts.is_empty() && !self.can_text(person).await? {
            let mut errors = domain::FieldErrors::new();
            for k in texts {
                errors.add(
                    domain::Labelled::code(k),
                    "Text messages need a phone number on your profile, and an organisation \
                     you volunteer with that sends them: choose email or nothing",
                );
            }
            return Err(errors.into());
        }
        let now = self.clock.now();
        let detail = chosen
            .iter()
            .map(|(k, c)| {
                format!(
                    "{}={}",
                    domain::Labelled::code(*k),
                    domain::Labelled::code(*c)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        self.store
            .apply(vec![
                Write::PutNotificationPreferences(person, chosen.clone()),
                Write::Audit(
                    AuditEntry::new(
                        None,
                        Actor::Person(person),
                        "notification_preferences.changed",
                        "person",
                        person.0,
                        now,
                    )
                    .with_detail(detail),
                ),
            ])
            .await?;
        Ok(chosen)
    }

    /// The confirmation email for a new booking of `person` on `shift`, unless they opted out.
    pub(crate) async fn booking_confirmation(
        &self,
        org: &Organisation,
        shift: &Shift,
        facts: &BookingFacts,
    ) -> Result<Option<Write>, AppError> {
        let who = &facts.person;
        let (role, site) = (&facts.role_title, &facts.site_name);
        let when = when(shift.starts_at, shift.ends_at);
        let notes = if shift.notes.is_empty() {
            String::new()
        } else {
            format!("\n\nNotes for this shift: {}", shift.notes)
        };
        let body = format!(
            "Hello {},\n\nYou are booked as {role} at {site} with {} on {when}.{notes}\n\n\
             If you can no longer come, please cancel at {}/my/shifts so someone else can take \
             the place.\n\nChoose which emails we send you at {}/my/notifications\n",
            who.known_as(),
            org.name,
            self.base_url,
            self.base_url,
        );
        self.message_by_choice(
            org.id,
            who,
            facts.confirmation_channel,
            NotificationKind::BookingConfirmation,
            &format!("Booked: {role} at {site}, {when}"),
            body,
        )
        .await
    }

    /// The outbox write telling a volunteer their own cancellation went through, so a mistaken
    /// tap is noticed while the place may still be free; `None` if they chose no cancellation
    /// emails or the shift's names are gone.
    pub(crate) async fn own_cancellation_notice(
        &self,
        booking: &domain::rota::Booking,
    ) -> Result<Option<Write>, AppError> {
        let org = booking.organisation_id;
        let Some(row) = self.store.shift(org, booking.shift_id).await? else {
            return Ok(None);
        };
        let shift = row.shift;
        let role = self.store.role(org, shift.role_id).await?;
        let site = self.store.site(org, shift.site_id).await?;
        let (Some(role), Some(site)) = (role, site) else {
            return Ok(None);
        };
        let when = when(shift.starts_at, shift.ends_at);
        let late = if booking.late {
            "\n\nAs it was close to the start, your manager has been shown it as a late \
             cancellation, so they can find cover. That is all it means."
        } else {
            ""
        };
        let body = format!(
            "You have cancelled your place as {} at {} on {when}.\n\nThe reason you gave: {}{late}\n\n\
             If this was a mistake, you can book again at {}/my/shifts while there is room.\n\n\
             Choose which emails we send you at {}/my/notifications\n",
            role.title, site.name, booking.cancellation_reason, self.base_url, self.base_url,
        );
        self.volunteer_message(
            org,
            booking.person_id,
            NotificationKind::Cancellation,
            &format!("Cancelled: {} at {}, {when}", role.title, site.name),
            body,
        )
        .await
    }

    /// Reminder jobs for every standing booking on a shift that starts tomorrow (UK date), due
    /// from [`REMINDER_HOUR`] today, one per booking and start time: scheduling again adds
    /// nothing.
    pub(crate) async fn schedule_shift_reminders(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let today = from_utc(now).date();
        let tomorrow = today + Duration::days(1);
        let midnight = |d: chrono::NaiveDate| to_instant(d.and_time(NaiveTime::MIN), Edge::Start);
        let (Some(from), Some(to)) = (midnight(tomorrow), midnight(tomorrow + Duration::days(1)))
        else {
            return Ok(vec![]);
        };
        // Sent from the morning before, not in the night: a booking made later goes at once.
        let send_at = NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0)
            .and_then(|t| to_instant(today.and_time(t), Edge::Start))
            .map_or(now, |t| t.max(now));
        Ok(self
            .store
            .bookings_starting_between(from, to)
            .await?
            .into_iter()
            .map(|b| {
                Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: SHIFT_REMINDER.into(),
                    dedupe_key: format!("{SHIFT_REMINDER}:{}:{}", b.id, b.starts_at.timestamp()),
                    organisation_id: Some(b.organisation_id),
                    payload: b.id.to_string(),
                    run_at: send_at,
                    attempts: 0,
                })
            })
            .collect())
    }

    /// Emails the volunteer the day before their shift, unless the booking or the shift has
    /// been cancelled since, the shift no longer starts tomorrow (moved, or the job ran late), or
    /// they opted out of reminders.
    pub(crate) async fn shift_reminder(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let bad = || AppError::Internal(format!("bad job payload {}", job.payload));
        let org = job.organisation_id.ok_or_else(bad)?;
        let id: BookingId = job.payload.parse().map_err(|_| bad())?;
        let Some(b) = self.store.booked_shift(org, id).await? else {
            return Ok(vec![]);
        };
        let now = self.clock.now();
        let tomorrow = from_utc(now).date() + Duration::days(1);
        if b.booking.status != BookingStatus::Booked
            || b.shift.cancelled
            || from_utc(b.shift.starts_at).date() != tomorrow
        {
            return Ok(vec![]);
        }
        let Some(who) = self.store.person(b.booking.person_id).await? else {
            return Ok(vec![]);
        };
        let when = when(b.shift.starts_at, b.shift.ends_at);
        let notes = if b.shift.notes.is_empty() {
            String::new()
        } else {
            format!("\n\nNotes for this shift: {}", b.shift.notes)
        };
        let body = format!(
            "Hello {},\n\nA reminder that you are volunteering tomorrow as {} at {} with {}: \
             {when}.{notes}\n\nIf you can no longer come, please cancel at {}/my/shifts as \
             soon as you can.\n\nChoose which emails we send you at {}/my/notifications\n",
            who.known_as(),
            b.role_title,
            b.site_name,
            b.organisation_name,
            self.base_url,
            self.base_url,
        );
        let subject = format!("Tomorrow: {} at {}, {when}", b.role_title, b.site_name);
        let mut writes: Vec<Write> = self
            .volunteer_message(org, who.id, NotificationKind::Reminder, &subject, body)
            .await?
            .into_iter()
            .collect();
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            Actor::System,
            if writes.is_empty() {
                "booking.reminder_not_wanted"
            } else {
                "booking.reminder_sent"
            },
            "booking",
            id.0,
            now,
        )));
        Ok(writes)
    }
}
