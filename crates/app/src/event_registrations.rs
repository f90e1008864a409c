//! Registering for learning events: places and the waiting list (decided by the store under
//! the event's lock), giving a place up (offered at once to the first waiting), taking an offer,
//! lapsed offers passed on, attendance marked by the organiser, and attendees' feedback.

use domain::events::registration::{check_attendance, check_attended, check_cancel, check_open};
use domain::events::{
    EventFeedback, FeedbackInput, LearningEvent, Registration, RegistrationStatus,
};
use domain::ids::{EventId, EventRegistrationId, PersonId};
use serde::Serialize;

use crate::events::{EventHost, EventSummary, summary};
use crate::ports::{EventWrite, Registrant, Write};
use crate::{App, AppError};

/// An event as one viewer sees it: how full, and their own registration and feedback.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// The event with places left.
    pub summary: EventSummary,
    /// The series' name, if any.
    pub series: Option<String>,
    /// The viewer's live registration (or the last one, if none is live).
    pub mine: Option<Registration>,
    /// Their feedback, if given.
    pub my_feedback: Option<EventFeedback>,
    /// What the viewer would pay.
    pub price: domain::expenses::Pence,
    /// Whether registration is open.
    pub open: bool,
}

/// The UK day and times of an event, e.g. "Friday 5 March 2027, 10:00 to 12:30".
pub fn event_when(event: &LearningEvent) -> String {
    let start = domain::rota::from_utc(event.starts_at);
    let end = domain::rota::from_utc(event.ends_at);
    format!(
        "{}, {} to {}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M")
    )
}

/// Refusals from the domain as conflicts with their words.
fn refused(e: impl std::fmt::Display) -> AppError {
    AppError::Conflict(e.to_string())
}

impl App {
    /// One event as the viewer sees it.
    pub async fn event_view(
        &self,
        host: &EventHost,
        event: LearningEvent,
    ) -> Result<EventView, AppError> {
        let now = self.clock.now();
        let registrations: Vec<Registration> = self
            .store
            .event_registrants(event.id)
            .await?
            .into_iter()
            .map(|r| r.registration)
            .collect();
        let mine = host.viewer().and_then(|p| {
            let own: Vec<&Registration> =
                registrations.iter().filter(|r| r.person_id == p).collect();
            own.iter()
                .find(|r| r.status.is_live())
                .or(own.last())
                .map(|r| (*r).clone())
        });
        let my_feedback = match &mine {
            Some(r) => self.store.feedback_on(r.id).await?,
            None => None,
        };
        let series = match event.series_id {
            Some(id) => self
                .store
                .event_series(host.owner())
                .await?
                .into_iter()
                .find(|s| s.id == id)
                .map(|s| s.name),
            None => None,
        };
        Ok(EventView {
            price: event.price_for(host.is_member()),
            open: check_open(&event, now).is_ok(),
            summary: summary(event, &registrations, now),
            series,
            mine,
            my_feedback,
        })
    }

    /// The signed-in viewer registers: a place if one is free, otherwise the waiting list. The
    /// price is the member price for members (decided here, from who they are).
    pub async fn register_for_event(
        &self,
        host: &EventHost,
        id: EventId,
    ) -> Result<Registration, AppError> {
        let person = host.require_viewer()?;
        let event = self.hosted_event(host, id).await?;
        let now = self.clock.now();
        check_open(&event, now).map_err(refused)?;
        let registration = Registration::new(&event, person, host.is_member(), now);
        self.store
            .apply(vec![
                Write::Events(EventWrite::Register(
                    registration.clone(),
                    format!("{}/events/{id}", self.base_url),
                )),
                self.event_place_freed(id, now),
                self.event_audit(host, "event.registered", id, now),
            ])
            .await?;
        self.store
            .event_registration(registration.id)
            .await?
            .ok_or_else(|| AppError::Internal("a registration was not saved".into()))
    }

    /// The viewer's live registration for an event.
    async fn my_registration(
        &self,
        person: PersonId,
        id: EventId,
    ) -> Result<Registration, AppError> {
        self.store
            .event_registrations_of(person)
            .await?
            .into_iter()
            .find(|r| r.event_id == id && r.status.is_live())
            .ok_or(AppError::NotFound)
    }

    /// The viewer gives up their place, waiting-list place or offer (declining it); a freed
    /// place is offered to the first waiting in the same transaction.
    pub async fn cancel_event_registration(
        &self,
        host: &EventHost,
        id: EventId,
    ) -> Result<(), AppError> {
        let person = host.require_viewer()?;
        let event = self.hosted_event(host, id).await?;
        let mine = self.my_registration(person, id).await?;
        let now = self.clock.now();
        check_cancel(&event, &mine, now).map_err(refused)?;
        self.store
            .apply(vec![
                Write::Events(EventWrite::CancelRegistration(mine.id, now)),
                self.event_place_freed(id, now),
                self.event_audit(host, "event.registration_cancelled", id, now),
            ])
            .await?;
        Ok(())
    }

    /// The viewer takes the place offered to them.
    pub async fn accept_event_offer(&self, host: &EventHost, id: EventId) -> Result<(), AppError> {
        let person = host.require_viewer()?;
        self.hosted_event(host, id).await?;
        let mine = self.my_registration(person, id).await?;
        let now = self.clock.now();
        if !mine.has_live_offer(now) {
            return Err(AppError::Conflict(
                "This offer has run out and the place has gone to the next person waiting".into(),
            ));
        }
        self.store
            .apply(vec![
                Write::Events(EventWrite::AcceptOffer(mine.id, now)),
                self.event_audit(host, "event.offer_accepted", id, now),
            ])
            .await?;
        Ok(())
    }

    /// Passes on every lapsed offer to the next person waiting (run every minute by `serve`).
    pub async fn pass_on_lapsed_event_offers(&self) -> Result<usize, AppError> {
        let now = self.clock.now();
        let events = self.store.events_with_lapsed_offers(now).await?;
        for &id in &events {
            self.store
                .apply(vec![self.event_place_freed(id, now)])
                .await?;
        }
        Ok(events.len())
    }

    /// Everyone who registered, in order, with the waiting list's history (organisers).
    pub async fn event_registrants(
        &self,
        host: &EventHost,
        id: EventId,
    ) -> Result<Vec<Registrant>, AppError> {
        host.require_organiser()?;
        self.hosted_event(host, id).await?;
        Ok(self.store.event_registrants(id).await?)
    }

    /// An event's feedback (organisers).
    pub async fn event_feedback(
        &self,
        host: &EventHost,
        id: EventId,
    ) -> Result<Vec<EventFeedback>, AppError> {
        host.require_organiser()?;
        self.hosted_event(host, id).await?;
        Ok(self.store.event_feedback(id).await?)
    }

    /// An organiser marks whether someone with a place came, once the event has started.
    pub async fn mark_event_attendance(
        &self,
        host: &EventHost,
        id: EventId,
        registration: EventRegistrationId,
        attended: bool,
    ) -> Result<Registration, AppError> {
        host.require_organiser()?;
        let event = self.hosted_event(host, id).await?;
        let r = self
            .store
            .event_registration(registration)
            .await?
            .filter(|r| r.event_id == id)
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        check_attendance(&event, &r, now).map_err(refused)?;
        let to = if attended {
            RegistrationStatus::Attended
        } else {
            RegistrationStatus::DidNotAttend
        };
        let mut writes = vec![
            Write::Events(EventWrite::MarkAttendance(r.id, to, now)),
            self.event_audit(host, "event.attendance_marked", id, now),
        ];
        if attended && r.status != RegistrationStatus::Attended {
            writes.push(self.feedback_invitation(&event, &r).await?);
        }
        self.store.apply(writes).await?;
        Ok(Registration { status: to, ..r })
    }

    /// The email asking an attendee for feedback, with the link to the form.
    async fn feedback_invitation(
        &self,
        event: &LearningEvent,
        r: &Registration,
    ) -> Result<Write, AppError> {
        let person = self
            .store
            .person(r.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Write::InsertMessage(self.message(
            person.email.as_str(),
            &format!("How was {}?", event.title),
            format!(
                "Thank you for coming to {}.\n\nPlease tell us how useful it was (it takes a \
                 minute): {}/my/learning/{}/feedback\n\nYour certificate of attendance is in your \
                 learning record: {}/my/learning\n",
                event.title, self.base_url, r.id, self.base_url
            ),
        )))
    }

    /// One of a person's own registrations with its event; not found for anyone else's.
    pub async fn own_registration(
        &self,
        person: PersonId,
        id: EventRegistrationId,
    ) -> Result<(Registration, LearningEvent), AppError> {
        let r = self
            .store
            .event_registration(id)
            .await?
            .filter(|r| r.person_id == person)
            .ok_or(AppError::NotFound)?;
        let event = self
            .store
            .learning_event(r.event_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((r, event))
    }

    /// An attendee's feedback on the event, once.
    pub async fn give_event_feedback(
        &self,
        person: PersonId,
        id: EventRegistrationId,
        input: &FeedbackInput,
    ) -> Result<EventFeedback, AppError> {
        let (r, event) = self.own_registration(person, id).await?;
        check_attended(&r).map_err(|_| AppError::NotFound)?;
        let feedback = input.parse(r.id, event.id, self.clock.now())?;
        self.store
            .apply(vec![Write::Events(EventWrite::InsertFeedback(
                feedback.clone(),
            ))])
            .await?;
        Ok(feedback)
    }
}
