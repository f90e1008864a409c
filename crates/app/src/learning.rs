//! A volunteer manager's learning: their personal learning record (every event attended, with
//! its CPD time, by year), their registrations to come, certificates of attendance, and the
//! reminder the day before an event.

use chrono::{Duration, NaiveTime};
use domain::events::registration::check_attended;
use domain::events::{
    CpdEntry, CpdInput, EventOwner, LearningEvent, LearningLine, LearningRecord, LearningSource,
    Registration, RegistrationStatus,
};
use domain::ids::{CpdEntryId, EventRegistrationId, JobId, PersonId};
use domain::rota::{Edge, from_utc, to_instant};
use serde::Serialize;

use crate::event_registrations::event_when;
use crate::ports::{EventWrite, Job, Write};
use crate::{App, AppError};

pub(crate) const EVENT_REMINDER: &str = "event-reminder";

/// A registration to come, with its event.
#[derive(Debug, Clone, Serialize)]
pub struct Upcoming {
    /// The registration.
    pub registration: Registration,
    /// The event.
    pub event: LearningEvent,
    /// Who runs it.
    pub provider: String,
}

/// What a certificate of attendance states.
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    /// The attendee's full name.
    pub name: String,
    /// The event.
    pub event: LearningEvent,
    /// Who ran it.
    pub provider: String,
    /// CPD minutes.
    pub minutes: i64,
}

impl App {
    /// The name of whoever runs an event.
    pub(crate) async fn provider_name(&self, owner: EventOwner) -> Result<String, AppError> {
        Ok(match owner {
            EventOwner::Network(n) => self.store.network(n).await?.map(|n| n.name),
            EventOwner::Organisation(o) => self.store.organisation(o).await?.map(|o| o.name),
        }
        .unwrap_or_default())
    }

    /// A person's learning record and their registrations still to come.
    pub async fn my_learning(
        &self,
        person: PersonId,
    ) -> Result<(LearningRecord, Vec<Upcoming>), AppError> {
        let now = self.clock.now();
        let mut lines = Vec::new();
        let mut upcoming = Vec::new();
        for r in self.store.event_registrations_of(person).await? {
            let Some(event) = self.store.learning_event(r.event_id).await? else {
                continue;
            };
            let provider = self.provider_name(event.owner).await?;
            if r.status == RegistrationStatus::Attended {
                lines.push(LearningLine {
                    source: LearningSource::Event(r.id),
                    title: event.title.clone(),
                    provider,
                    starts_at: event.starts_at,
                    minutes: event.cpd_minutes(),
                });
            } else if r.status.may_cancel() && event.ends_at > now {
                upcoming.push(Upcoming {
                    registration: r,
                    event,
                    provider,
                });
            }
        }
        for entry in self.store.cpd_entries_of(person).await? {
            // The day's noon in the UK, so the entry falls in the year of its day.
            let Some(starts_at) = NaiveTime::from_hms_opt(12, 0, 0)
                .and_then(|noon| to_instant(entry.done_on.and_time(noon), Edge::Start))
            else {
                continue;
            };
            lines.push(LearningLine {
                source: LearningSource::Own(entry.id),
                title: entry.title,
                provider: entry.provider,
                starts_at,
                minutes: entry.minutes,
            });
        }
        upcoming.sort_by_key(|u| u.event.starts_at);
        Ok((LearningRecord::from_lines(lines), upcoming))
    }

    /// The certificate of attendance for one of the person's own registrations; only for
    /// events they attended (anyone else's is not found).
    pub async fn certificate(
        &self,
        person: PersonId,
        id: EventRegistrationId,
    ) -> Result<Certificate, AppError> {
        let (r, event) = self.own_registration(person, id).await?;
        check_attended(&r).map_err(|_| AppError::NotFound)?;
        let who = self.store.person(person).await?.ok_or(AppError::NotFound)?;
        Ok(Certificate {
            name: who.full_name(),
            provider: self.provider_name(event.owner).await?,
            minutes: event.cpd_minutes(),
            event,
        })
    }

    /// A person records learning of their own in their learning record.
    pub async fn add_cpd_entry(
        &self,
        person: PersonId,
        input: &CpdInput,
    ) -> Result<CpdEntry, AppError> {
        let entry = input.parse(CpdEntryId::new(), person, self.uk_today(), self.clock.now())?;
        self.store
            .apply(vec![Write::Events(EventWrite::InsertCpdEntry(
                entry.clone(),
            ))])
            .await?;
        Ok(entry)
    }

    /// A person removes one of their own entries (anyone else's is not found).
    pub async fn remove_cpd_entry(&self, person: PersonId, id: CpdEntryId) -> Result<(), AppError> {
        if !self
            .store
            .cpd_entries_of(person)
            .await?
            .iter()
            .any(|e| e.id == id)
        {
            return Err(AppError::NotFound);
        }
        self.store
            .apply(vec![Write::Events(EventWrite::DeleteCpdEntry(person, id))])
            .await?;
        Ok(())
    }

    /// Reminder jobs for everyone with a place on an event starting tomorrow (UK date), keyed
    /// by registration and start so each is sent once, however often this runs.
    pub(crate) async fn schedule_event_reminders(&self) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let today = from_utc(now).date();
        let tomorrow = today + Duration::days(1);
        let midnight = |d: chrono::NaiveDate| to_instant(d.and_time(NaiveTime::MIN), Edge::Start);
        let (Some(from), Some(to)) = (midnight(tomorrow), midnight(tomorrow + Duration::days(1)))
        else {
            return Ok(vec![]);
        };
        let mut writes = Vec::new();
        for event in self.store.events_starting_between(from, to).await? {
            for r in self.store.event_registrants(event.id).await? {
                if r.registration.status != RegistrationStatus::Registered {
                    continue;
                }
                let id = r.registration.id;
                writes.push(Write::EnqueueJob(Job {
                    id: JobId::new(),
                    kind: EVENT_REMINDER.into(),
                    dedupe_key: format!("{EVENT_REMINDER}:{id}:{}", event.starts_at.timestamp()),
                    organisation_id: None,
                    payload: id.to_string(),
                    run_at: now,
                    attempts: 0,
                }));
            }
        }
        Ok(writes)
    }

    /// Emails the reminder, unless the place or the event has been cancelled since or the
    /// event no longer starts tomorrow.
    pub(crate) async fn event_reminder(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let id: EventRegistrationId = job
            .payload
            .parse()
            .map_err(|_| AppError::Internal(format!("bad job payload {}", job.payload)))?;
        let Some(r) = self.store.event_registration(id).await? else {
            return Ok(vec![]);
        };
        let Some(event) = self.store.learning_event(r.event_id).await? else {
            return Ok(vec![]);
        };
        let tomorrow = from_utc(self.clock.now()).date() + Duration::days(1);
        if r.status != RegistrationStatus::Registered
            || event.cancelled
            || from_utc(event.starts_at).date() != tomorrow
        {
            return Ok(vec![]);
        }
        let Some(person) = self.store.person(r.person_id).await? else {
            return Ok(vec![]);
        };
        let mut place = String::new();
        if let Some(venue) = event.format.venue() {
            place.push_str(&format!("Venue: {venue}\n"));
        }
        if let Some(link) = event.format.joining_link() {
            place.push_str(&format!("Joining link: {link}\n"));
        }
        Ok(vec![Write::InsertMessage(self.message(
            person.email.as_str(),
            &format!("Tomorrow: {}", event.title),
            format!(
                "A reminder that you have a place on:\n\n{}\n{}\n{}\nIf you can no longer come, \
                 please give your place up so someone waiting can have it: {}/events/{}\n",
                event.title,
                event_when(&event),
                place,
                self.base_url,
                event.id
            ),
        ))])
    }
}
