//! Learning events: who hosts them (a network, for its members, or an organisation, for its
//! staff), who may see and run them, and setting them up, changing and cancelling them.
//!
//! Every use case starts from an [`EventHost`], which only this module makes, from who is
//! asking: members-only events are shown only to members, and only organisers (a network's
//! coordinators, an organisation's volunteer managers and admins) change anything.

use chrono::{DateTime, Datelike, Utc};
use domain::audit::{Actor, AuditEntry};
use domain::events::{EventInput, EventOwner, EventSeries, LearningEvent, Registration};
use domain::ids::{EventId, EventSeriesId, PersonId};
use domain::network::Audience;
use domain::organisation::Organisation;
use domain::staff::Capability;
use serde::Serialize;

use crate::networks::NetworkAccess;
use crate::ports::{EventWrite, Write};
use crate::{App, AppError, OrgScope};

/// Who hosts a list of events, and what the viewer may do there. Made only by `App`.
#[derive(Debug, Clone, Serialize)]
pub struct EventHost {
    owner: EventOwner,
    name: String,
    slug: String,
    viewer: Option<PersonId>,
    member: bool,
    organiser: bool,
}

impl EventHost {
    /// The network or organisation.
    pub fn owner(&self) -> EventOwner {
        self.owner
    }

    /// Its name ("Northshire Volunteering Partnership").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its short name in URLs.
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// Who is looking, if signed in.
    pub fn viewer(&self) -> Option<PersonId> {
        self.viewer
    }

    /// Whether the viewer is a member (sees members-only events, pays the member price).
    pub fn is_member(&self) -> bool {
        self.member
    }

    /// Whether the viewer runs the host's events.
    pub fn is_organiser(&self) -> bool {
        self.organiser
    }

    /// Whether the viewer may see `event`.
    pub fn may_see(&self, event: &LearningEvent) -> bool {
        event.owner == self.owner && (event.visibility == Audience::Public || self.member)
    }

    /// The public address of the host's events.
    pub fn events_path(&self) -> String {
        match self.owner {
            EventOwner::Network(_) => format!("/networks/{}/events", self.slug),
            EventOwner::Organisation(_) => format!("/organisations/{}/events", self.slug),
        }
    }

    /// Where organisers manage the host's events.
    pub fn manage_path(&self) -> String {
        match self.owner {
            EventOwner::Network(_) => format!("/networks/{}/events", self.slug),
            EventOwner::Organisation(_) => format!("/manage/{}/events", self.slug),
        }
    }

    /// Refuses anyone who does not organise; outsiders get "not found".
    pub fn require_organiser(&self) -> Result<(), AppError> {
        if self.organiser {
            Ok(())
        } else if self.member {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The signed-in viewer, or "sign in".
    pub fn require_viewer(&self) -> Result<PersonId, AppError> {
        self.viewer.ok_or(AppError::Unauthenticated)
    }

    pub(crate) fn actor(&self) -> Actor {
        self.viewer.map(Actor::Person).unwrap_or(Actor::System)
    }

    pub(crate) fn org_id(&self) -> Option<domain::ids::OrganisationId> {
        match self.owner {
            EventOwner::Organisation(o) => Some(o),
            EventOwner::Network(_) => None,
        }
    }
}

/// An event with how full it is, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    /// The event.
    pub event: LearningEvent,
    /// Places not taken or held by an offer.
    pub places_left: u32,
    /// People waiting.
    pub waiting: u32,
}

impl App {
    /// The host of a network's events for `viewer`.
    pub fn network_event_host(&self, access: &NetworkAccess) -> EventHost {
        EventHost {
            owner: EventOwner::Network(access.network().id),
            name: access.network().name.clone(),
            slug: access.network().slug.to_string(),
            viewer: access.viewer(),
            member: access.is_member(),
            organiser: access.is_coordinator(),
        }
    }

    /// The host of an organisation's events for its staff (pages and the API).
    pub fn organisation_event_host(&self, scope: &OrgScope) -> EventHost {
        EventHost {
            owner: EventOwner::Organisation(scope.organisation_id()),
            name: scope.organisation().name.clone(),
            slug: scope.organisation().slug.to_string(),
            viewer: scope.actor().person_id(),
            member: true,
            organiser: scope.can(Capability::ManageVolunteering),
        }
    }

    /// The host of an organisation's events for anyone (its public event pages).
    pub async fn public_organisation_event_host(
        &self,
        slug: &str,
        viewer: Option<PersonId>,
    ) -> Result<EventHost, AppError> {
        let org = self.organisation(slug).await?;
        self.org_host(org, viewer).await
    }

    async fn org_host(
        &self,
        org: Organisation,
        viewer: Option<PersonId>,
    ) -> Result<EventHost, AppError> {
        let staff = match viewer {
            Some(p) => self
                .store
                .staff_roles_of(p)
                .await?
                .into_iter()
                .find(|s| s.organisation_id == org.id),
            None => None,
        };
        Ok(EventHost {
            owner: EventOwner::Organisation(org.id),
            name: org.name.clone(),
            slug: org.slug.to_string(),
            viewer,
            member: staff.is_some(),
            organiser: staff.is_some_and(|s| s.permission.allows(Capability::ManageVolunteering)),
        })
    }

    /// The host of an event by the event's id, for `viewer`, with the event; not found if the
    /// event is not theirs to see.
    pub async fn event_and_host(
        &self,
        id: EventId,
        viewer: Option<PersonId>,
    ) -> Result<(EventHost, LearningEvent), AppError> {
        let event = self
            .store
            .learning_event(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let host = match event.owner {
            EventOwner::Network(n) => {
                let network = self.store.network(n).await?.ok_or(AppError::NotFound)?;
                let access = self.access_to(network, viewer).await?;
                self.network_event_host(&access)
            }
            EventOwner::Organisation(o) => {
                let org = self
                    .store
                    .organisation(o)
                    .await?
                    .ok_or(AppError::NotFound)?;
                self.org_host(org, viewer).await?
            }
        };
        if !host.may_see(&event) {
            return Err(AppError::NotFound);
        }
        Ok((host, event))
    }

    /// One of the host's events the viewer may see.
    pub async fn hosted_event(
        &self,
        host: &EventHost,
        id: EventId,
    ) -> Result<LearningEvent, AppError> {
        self.store
            .learning_event(id)
            .await?
            .filter(|e| host.may_see(e))
            .ok_or(AppError::NotFound)
    }

    /// The host's events the viewer may see, earliest first, with places left.
    pub async fn hosted_events(&self, host: &EventHost) -> Result<Vec<EventSummary>, AppError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        for event in self.store.learning_events(host.owner).await? {
            if !host.may_see(&event) {
                continue;
            }
            let registrations: Vec<Registration> = self
                .store
                .event_registrants(event.id)
                .await?
                .into_iter()
                .map(|r| r.registration)
                .collect();
            out.push(summary(event, &registrations, now));
        }
        Ok(out)
    }

    /// The host's series, newest year first (visible to anyone who sees the events).
    pub async fn hosted_series(&self, host: &EventHost) -> Result<Vec<EventSeries>, AppError> {
        Ok(self.store.event_series(host.owner).await?)
    }

    /// An organiser sets up an event; a series named in the form is found or started.
    pub async fn create_event(
        &self,
        host: &EventHost,
        input: &EventInput,
    ) -> Result<LearningEvent, AppError> {
        host.require_organiser()?;
        let now = self.clock.now();
        let parsed = input.parse(EventId::new(), host.owner, now)?;
        let mut event = parsed.event;
        let mut writes = Vec::new();
        event.series_id = self
            .series_for(host, parsed.series, event.starts_at, &mut writes)
            .await?;
        writes.push(Write::Events(EventWrite::InsertEvent(event.clone())));
        writes.push(self.event_audit(host, "event.created", event.id, now));
        self.store.apply(writes).await?;
        Ok(event)
    }

    /// An organiser changes an event; more places are offered to people waiting at once.
    pub async fn update_event(
        &self,
        host: &EventHost,
        id: EventId,
        input: &EventInput,
    ) -> Result<LearningEvent, AppError> {
        host.require_organiser()?;
        let old = self.hosted_event(host, id).await?;
        if old.cancelled {
            return Err(AppError::Conflict("This event has been cancelled".into()));
        }
        let now = self.clock.now();
        let parsed = input.parse(id, host.owner, old.created_at)?;
        let mut event = parsed.event;
        let mut writes = Vec::new();
        event.series_id = self
            .series_for(host, parsed.series, event.starts_at, &mut writes)
            .await?;
        writes.push(Write::Events(EventWrite::UpdateEvent(event.clone(), now)));
        writes.push(self.event_place_freed(id, now));
        writes.push(self.event_audit(host, "event.updated", id, now));
        self.store.apply(writes).await.map_err(|e| match e {
            crate::StoreError::Conflict(what) if what.contains("places") => {
                AppError::Invalid(domain::FieldErrors::one("capacity", what))
            }
            other => other.into(),
        })?;
        Ok(event)
    }

    /// An organiser calls an event off; everyone registered, offered or waiting is told.
    pub async fn cancel_event(&self, host: &EventHost, id: EventId) -> Result<(), AppError> {
        host.require_organiser()?;
        let event = self.hosted_event(host, id).await?;
        let now = self.clock.now();
        let mut writes = vec![
            Write::Events(EventWrite::CancelEvent(id)),
            self.event_audit(host, "event.cancelled", id, now),
        ];
        let when = crate::event_registrations::event_when(&event);
        for r in self.store.event_registrants(id).await? {
            if r.registration.status.is_live() {
                writes.push(Write::InsertMessage(self.message(
                    &r.email,
                    &format!("Cancelled: {}", event.title),
                    format!(
                        "We are sorry: {} has cancelled this event.\n\n{}\n{}\n\nYou do not \
                         need to do anything.\n",
                        host.name, event.title, when
                    ),
                )));
            }
        }
        self.store.apply(writes).await?;
        Ok(())
    }

    /// The series called `name` (any case) for the host, made if it is new.
    async fn series_for(
        &self,
        host: &EventHost,
        name: Option<String>,
        starts_at: DateTime<Utc>,
        writes: &mut Vec<Write>,
    ) -> Result<Option<EventSeriesId>, AppError> {
        let Some(name) = name else {
            return Ok(None);
        };
        let existing = self.store.event_series(host.owner).await?;
        if let Some(s) = existing
            .iter()
            .find(|s| s.name.to_lowercase() == name.to_lowercase())
        {
            return Ok(Some(s.id));
        }
        let series = EventSeries {
            id: EventSeriesId::new(),
            owner: host.owner,
            name,
            year: domain::rota::from_utc(starts_at).year(),
        };
        writes.push(Write::Events(EventWrite::InsertSeries(series.clone())));
        Ok(Some(series.id))
    }

    /// The write that offers an event's free places to the people waiting.
    pub(crate) fn event_place_freed(&self, id: EventId, now: DateTime<Utc>) -> Write {
        Write::Events(EventWrite::OfferFreedPlaces {
            event_id: id,
            now,
            link: format!("{}/events/{id}", self.base_url),
        })
    }

    pub(crate) fn event_audit(
        &self,
        host: &EventHost,
        action: &str,
        id: EventId,
        at: DateTime<Utc>,
    ) -> Write {
        Write::Audit(AuditEntry::new(
            host.org_id(),
            host.actor(),
            action,
            "learning_event",
            id.0,
            at,
        ))
    }
}

/// How full an event is at `now`.
pub fn summary(
    event: LearningEvent,
    registrations: &[Registration],
    now: DateTime<Utc>,
) -> EventSummary {
    let held = registrations.iter().filter(|r| r.holds_place(now)).count();
    let waiting = registrations
        .iter()
        .filter(|r| r.status == domain::events::RegistrationStatus::Waitlisted)
        .count();
    let held = u32::try_from(held).unwrap_or(u32::MAX);
    EventSummary {
        places_left: event.capacity.saturating_sub(held),
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
        event,
    }
}
