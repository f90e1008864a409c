//! Waiting lists for full shifts: a freed place is offered to the first in line for a time.
//!
//! A volunteer who could book a shift but finds it full joins its waiting list. Whenever a place
//! frees (a cancellation, a volunteer removed or moved, a lapsed or passed offer), the store —
//! under the shift's lock — offers it to the next person waiting and holds it for them until
//! the offer runs out; the job runner sweeps lapsed offers every minute and passes them on.

use chrono::{DateTime, Utc};
use domain::audit::{Actor, AuditEntry};
use domain::ids::{OrganisationId, PersonId, ShiftId, WaitlistEntryId};
use domain::rota::{Booking, Shift, WaitlistEntry, WaitlistStatus};
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// What a volunteer does with an offered place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferAnswer {
    /// Take it: they are booked on the shift.
    Accept,
    /// Pass it on to the next person waiting.
    Pass,
}

impl App {
    /// The writes to add to any change that frees a place on `shift` (a cancellation, a
    /// volunteer removed or moved): they offer the place to the first on its waiting list.
    pub fn place_freed(
        &self,
        org: OrganisationId,
        shift: ShiftId,
        now: DateTime<Utc>,
    ) -> Vec<Write> {
        vec![Write::OfferFreedPlaces {
            organisation_id: org,
            shift_id: shift,
            now,
            link: format!("{}/my/shifts", self.base_url),
        }]
    }

    /// A volunteer joins the waiting list of a full shift they could otherwise book.
    pub async fn join_waitlist(
        &self,
        person: PersonId,
        org_slug: &str,
        shift_id: ShiftId,
    ) -> Result<WaitlistEntry, AppError> {
        let (org, shift) = self.shift_by_slug(org_slug, shift_id).await?;
        let now = self.clock.now();
        self.require_bookable(person, &shift, now).await?;
        let row = self
            .store
            .shift(org, shift_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let waiting = self.store.waitlist_of_shift(org, shift_id).await?;
        let held = waiting.iter().filter(|e| e.holds_place(now)).count();
        if usize::from(row.booked) + held < usize::from(shift.max_volunteers) {
            return Err(AppError::Conflict(
                "There are places left on this shift: book one instead of waiting".into(),
            ));
        }
        let booked = self.store.bookings_on(org, shift_id).await?;
        if booked.iter().any(|b| b.person_id == person) {
            return Err(AppError::Conflict(
                "You already have a place on this shift".into(),
            ));
        }
        let entry = WaitlistEntry::join(org, shift_id, person, now);
        self.store
            .apply(vec![
                Write::JoinWaitlist(entry.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    Actor::Person(person),
                    "waitlist.joined",
                    "shift",
                    shift_id.0,
                    now,
                )),
            ])
            .await?;
        Ok(entry)
    }

    /// A volunteer takes or passes on the place offered to them. Taking it books them (the
    /// place is held for them, so only a lapsed offer or a clash with another shift refuses);
    /// passing it on offers it to the next person waiting.
    pub async fn answer_offer(
        &self,
        person: PersonId,
        org_slug: &str,
        id: WaitlistEntryId,
        answer: OfferAnswer,
    ) -> Result<Option<Booking>, AppError> {
        let org = self.organisation(org_slug).await?;
        let entry = self
            .store
            .waitlist_entry(org.id, id)
            .await?
            .filter(|e| e.person_id == person)
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        if !entry.holds_place(now) {
            return Err(AppError::Conflict(
                "This offer has run out and the place has gone to the next person waiting".into(),
            ));
        }
        let shift = self
            .store
            .shift(org.id, entry.shift_id)
            .await?
            .ok_or(AppError::NotFound)?
            .shift;
        let (to, action) = match answer {
            OfferAnswer::Accept => (WaitlistStatus::Accepted, "waitlist.accepted"),
            OfferAnswer::Pass => (WaitlistStatus::Passed, "waitlist.passed"),
        };
        let mut writes = vec![Write::CloseWaitlistEntry {
            organisation_id: org.id,
            id,
            from: WaitlistStatus::Offered,
            to,
            at: now,
        }];
        let booking = match answer {
            OfferAnswer::Accept => {
                self.require_bookable(person, &shift, now).await?;
                let booking = Booking::new(&shift, person, now);
                writes.push(Write::BookShift(booking.clone()));
                Some(booking)
            }
            OfferAnswer::Pass => {
                writes.extend(self.place_freed(org.id, shift.id, now));
                None
            }
        };
        writes.push(Write::Audit(AuditEntry::new(
            Some(org.id),
            Actor::Person(person),
            action,
            "shift",
            shift.id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(booking)
    }

    /// A volunteer leaves a waiting list; if they were holding an offer, it goes to the next.
    pub async fn leave_waitlist(
        &self,
        person: PersonId,
        org_slug: &str,
        id: WaitlistEntryId,
    ) -> Result<(), AppError> {
        let org = self.organisation(org_slug).await?;
        let entry = self
            .store
            .waitlist_entry(org.id, id)
            .await?
            .filter(|e| e.person_id == person && e.status.is_open())
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let mut writes = vec![Write::CloseWaitlistEntry {
            organisation_id: org.id,
            id,
            from: entry.status,
            to: WaitlistStatus::Left,
            at: now,
        }];
        if entry.status == WaitlistStatus::Offered {
            writes.extend(self.place_freed(org.id, entry.shift_id, now));
        }
        writes.push(Write::Audit(AuditEntry::new(
            Some(org.id),
            Actor::Person(person),
            "waitlist.left",
            "shift",
            entry.shift_id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(())
    }

    /// A person's waiting-list entries everywhere, newest first.
    pub async fn my_waitlist(&self, person: PersonId) -> Result<Vec<WaitlistEntry>, AppError> {
        Ok(self.store.waitlist_of_person(person).await?)
    }

    /// A shift's waiting list with its whole history and who each entry is, for managers.
    pub async fn shift_waitlist(
        &self,
        scope: &OrgScope,
        shift: ShiftId,
    ) -> Result<Vec<WaitlistLine>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let org = scope.organisation_id();
        self.visible_shift(scope, shift).await?;
        let mut lines = Vec::new();
        for entry in self.store.waitlist_of_shift(org, shift).await? {
            let name = self
                .store
                .person(entry.person_id)
                .await?
                .map(|p| p.full_name())
                .unwrap_or_default();
            lines.push(WaitlistLine { entry, name });
        }
        Ok(lines)
    }

    /// Passes on every offer that has run out: each shift's lapsed offers are marked and its
    /// free places offered to the next people waiting. Run by the job runner every minute; a
    /// shift that fails is tried again next time. Returns how many shifts were swept.
    pub async fn pass_on_lapsed_offers(&self) -> Result<usize, AppError> {
        let now = self.clock.now();
        let mut swept = 0;
        for (org, shift) in self.store.shifts_with_lapsed_offers(now).await? {
            match self.store.apply(self.place_freed(org, shift, now)).await {
                Ok(()) => swept += 1,
                Err(e) => tracing::warn!(%shift, error = %e, "could not pass on lapsed offers"),
            }
        }
        Ok(swept)
    }

    /// The organisation and shift behind a volunteer's link.
    async fn shift_by_slug(
        &self,
        org_slug: &str,
        shift_id: ShiftId,
    ) -> Result<(OrganisationId, Shift), AppError> {
        let org = self.organisation(org_slug).await?;
        let row = self
            .store
            .shift(org.id, shift_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((org.id, row.shift))
    }
}

/// A waiting-list entry with the volunteer's name, as a manager sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WaitlistLine {
    /// The entry.
    pub entry: WaitlistEntry,
    /// The volunteer's name.
    pub name: String,
}

/// One of a volunteer's waiting-list entries, with the shift it is for.
#[derive(Debug, Clone)]
pub struct MyWaiting {
    /// The entry.
    pub entry: WaitlistEntry,
    /// The organisation's slug (for the answer links).
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// The shift.
    pub shift: Shift,
    /// Their place in the queue (1 is next), while waiting.
    pub position: Option<usize>,
}

impl App {
    /// A volunteer's waiting-list entries for shifts that have not started, offers first, then
    /// by when they joined; with where they stand in each queue.
    pub async fn my_waiting(&self, person: PersonId) -> Result<Vec<MyWaiting>, AppError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        for entry in self.store.waitlist_of_person(person).await? {
            let org = entry.organisation_id;
            let Some(row) = self.store.shift(org, entry.shift_id).await? else {
                continue;
            };
            if row.shift.starts_at <= now || !entry.status.is_open() {
                continue;
            }
            let Some(organisation) = self.store.organisation(org).await? else {
                continue;
            };
            let role_title = self
                .store
                .role(org, row.shift.role_id)
                .await?
                .map(|r| r.title)
                .unwrap_or_default();
            let site_name = self
                .store
                .site(org, row.shift.site_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default();
            let position = if entry.status == WaitlistStatus::Waiting {
                let queue = self.store.waitlist_of_shift(org, entry.shift_id).await?;
                queue
                    .iter()
                    .filter(|e| e.status == WaitlistStatus::Waiting)
                    .position(|e| e.id == entry.id)
                    .map(|i| i + 1)
            } else {
                None
            };
            out.push(MyWaiting {
                organisation_slug: organisation.slug.to_string(),
                organisation_name: organisation.name,
                role_title,
                site_name,
                shift: row.shift,
                position,
                entry,
            });
        }
        out.sort_by_key(|w| (w.entry.status != WaitlistStatus::Offered, w.entry.joined_at));
        Ok(out)
    }
}
