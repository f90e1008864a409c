//! Managers adding volunteers to a shift, removing them and moving them to another shift.

use chrono::Duration;
use domain::FieldErrors;
use domain::compliance::PlacementStatus;
use domain::ids::{BookingId, OrganisationId, PersonId, ShiftId};
use domain::notification::NotificationKind;
use domain::rota::shift_change::{cancelled_by_team, reason, when};
use domain::rota::{Booking, Shift};
use domain::staff::Capability;

use crate::booking_decision::Unbookable;
use crate::ports::{ShiftBookingRow, ShiftRow, Write};
use crate::{App, AppError, OrgScope, StoreError};

/// How far ahead the shifts to move someone to are listed.
const MOVE_WEEKS: i64 = 8;

/// A volunteer a manager can add to a shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Who.
    pub person_id: PersonId,
    /// Their full name.
    pub name: String,
}

/// A shift a booked volunteer could be moved to.
#[derive(Debug, Clone)]
pub struct MoveTarget {
    /// The shift and its fill.
    pub row: ShiftRow,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
}

/// Why `name` cannot have a place on the shift, as a field error on `field` ("that shift" or
/// "this shift" in `which`).
fn refusal(field: &str, which: &str, why: Unbookable) -> AppError {
    let message = match why {
        Unbookable::Cancelled => format!("{which} has been cancelled"),
        Unbookable::Started => format!("{which} has already started"),
        Unbookable::NotActive { name: Some(name) } => {
            format!(
                "{name} is not active in the role of {}",
                which.to_lowercase()
            )
        }
        Unbookable::NotActive { name: None } => {
            "Select a volunteer who is active in this organisation".into()
        }
        Unbookable::Ineligible { name, blocks } => {
            let mut errors = FieldErrors::new();
            for b in blocks {
                errors.add(
                    field,
                    format!("{name} cannot do {}: {b}", which.to_lowercase()),
                );
            }
            return errors.into();
        }
    };
    FieldErrors::one(field, message).into()
}

impl App {
    /// The volunteers a manager can add to a shift: active in its role, eligible on its day,
    /// not already on it. By family name.
    pub async fn shift_candidates(
        &self,
        scope: &OrgScope,
        id: ShiftId,
    ) -> Result<Vec<Candidate>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let row = self.store.shift(org, id).await?.ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let on: Vec<PersonId> = self
            .store
            .bookings_on(org, id)
            .await?
            .iter()
            .map(|b| b.person_id)
            .collect();
        let mut out = Vec::new();
        for p in self.store.active_in_role(org, row.shift.role_id).await? {
            let person = p.placement.person_id;
            if on.contains(&person) || out.iter().any(|c: &Candidate| c.person_id == person) {
                continue;
            }
            if self.unbookable(person, &row.shift, now).await?.is_none() {
                out.push(Candidate {
                    person_id: person,
                    name: p.person_name,
                });
            }
        }
        Ok(out)
    }

    /// A manager gives a volunteer a place on a shift: they must be active in its role and
    /// eligible on its day; the store refuses a full shift or an overlap. They are emailed.
    pub async fn add_to_shift(
        &self,
        scope: &OrgScope,
        id: ShiftId,
        person_id: &str,
    ) -> Result<ShiftBookingRow, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let Ok(person) = person_id.trim().parse::<PersonId>() else {
            // Still a 404 for another organisation's shift, before any word on the volunteer.
            self.store.shift(org, id).await?.ok_or(AppError::NotFound)?;
            return Err(FieldErrors::one("person_id", "Select a volunteer from the list").into());
        };
        let now = self.clock.now();
        let (row, decision) = self
            .booking_decision(org, id, person, now)
            .await?
            .ok_or(AppError::NotFound)?;
        let facts = match decision {
            Ok(facts) => facts,
            // The shift, not the choice of volunteer, is the problem.
            Err(Unbookable::Cancelled) => {
                return Err(AppError::Conflict("This shift has been cancelled".into()));
            }
            Err(Unbookable::Started) => {
                return Err(AppError::Conflict("This shift has already started".into()));
            }
            Err(why) => return Err(refusal("person_id", "This shift", why)),
        };
        let volunteer = &facts.person;
        let name = volunteer.full_name();
        let booking = Booking::new(&row.shift, person, now);
        let body = format!(
            "Hello {},\n\n{} has booked you a place on the {} shift at {} on {}.\n\n\
             If you cannot come, please cancel it from My shifts, saying why.\n",
            volunteer.known_as(),
            scope.organisation().name,
            facts.role_title,
            facts.site_name,
            when(&row.shift)
        );
        let detail = format!("{name} added");
        let kind = NotificationKind::BookingConfirmation;
        let mut writes = vec![Write::BookShift(booking.clone())];
        writes.extend(
            self.message_by_choice(
                org,
                volunteer,
                facts.confirmation_channel,
                kind,
                "You have a place on a shift",
                body,
            )
            .await?,
        );
        writes.push(self.shift_audit(scope, "booking.added", &row.shift, detail));
        match self.store.apply(writes).await {
            Ok(()) => Ok(ShiftBookingRow {
                booking,
                email: volunteer.email.to_string(),
                person_name: name,
            }),
            // The store refused under its locks: say why in the manager's terms.
            Err(StoreError::Conflict(refused)) => Err(self
                .why_not_added(org, &row.shift, person, &name, refused)
                .await),
            Err(e) => Err(e.into()),
        }
    }

    /// Why the store refused to add `person` to `shift`, naming them: already on it, on another
    /// shift at that time, or the shift is full (or whatever the store said).
    async fn why_not_added(
        &self,
        org: OrganisationId,
        shift: &Shift,
        person: PersonId,
        name: &str,
        refused: String,
    ) -> AppError {
        let on_it = self.store.bookings_on(org, shift.id).await;
        if on_it.is_ok_and(|b| b.iter().any(|b| b.person_id == person)) {
            return FieldErrors::one(
                "person_id",
                format!("{name} already has a place on this shift"),
            )
            .into();
        }
        if self.has_clash(person, shift, None).await.unwrap_or(false) {
            return FieldErrors::one(
                "person_id",
                format!("{name} already has a place on another shift at that time"),
            )
            .into();
        }
        AppError::Conflict(refused)
    }

    /// A manager removes a volunteer from a shift, saying why. Their place is cancelled (never
    /// flagged late: they did not cancel), they are emailed, and the place is offered on.
    pub async fn remove_from_shift(
        &self,
        scope: &OrgScope,
        shift: ShiftId,
        id: BookingId,
        why: &str,
    ) -> Result<Booking, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let row = self
            .store
            .shift(org, shift)
            .await?
            .ok_or(AppError::NotFound)?;
        let standing = self.standing_booking(org, shift, id).await?;
        let now = self.clock.now();
        if row.shift.starts_at <= now {
            return Err(AppError::Conflict(
                "This shift has already started; record attendance instead".into(),
            ));
        }
        let why = reason(why, "why you are removing them")?;
        let cancelled = cancelled_by_team(&standing.booking, &why, now);
        let (role, site) = self.shift_labels(org, &row.shift).await?;
        let body = format!(
            "Hello {},\n\n{} has cancelled your place on the {role} shift at {site} on {}.\n\n\
             The reason given: {why}\n\nThis does not count as a cancellation by you.\n",
            standing.person_name,
            scope.organisation().name,
            when(&row.shift)
        );
        let mut writes = vec![
            Write::LockShift(org, shift),
            Write::CancelBooking(cancelled.clone()),
        ];
        writes.extend(self.place_freed(org, shift, now));
        let subject = "Your place on a shift has been cancelled";
        let kind = NotificationKind::Cancellation;
        writes.extend(
            self.tell(
                scope.organisation_id(),
                standing.booking.person_id,
                kind,
                subject,
                body,
            )
            .await?,
        );
        let detail = format!("{} removed: {why}", standing.person_name);
        writes.push(self.shift_audit(scope, "booking.removed", &row.shift, detail));
        self.store.apply(writes).await?;
        Ok(cancelled)
    }

    /// The shifts a booked volunteer could be moved to: the organisation's shifts in the next
    /// eight weeks in roles they are active in, not cancelled, with room, other than this one.
    pub async fn move_targets(
        &self,
        scope: &OrgScope,
        shift: ShiftId,
        id: BookingId,
    ) -> Result<Vec<MoveTarget>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let standing = self.standing_booking(org, shift, id).await?;
        let roles: Vec<_> = self
            .store
            .placements_of(org, standing.booking.person_id)
            .await?
            .into_iter()
            .filter(|p| p.placement.status == PlacementStatus::Active)
            .map(|p| p.placement.role_id)
            .collect();
        let now = self.clock.now();
        let mut out = Vec::new();
        for row in self
            .store
            .shifts_between(org, now, now + Duration::weeks(MOVE_WEEKS))
            .await?
        {
            let s = &row.shift;
            if s.id == shift
                || s.cancelled
                || !roles.contains(&s.role_id)
                || s.places_left(row.booked) == 0
            {
                continue;
            }
            let (role_title, site_name) = self.shift_labels(org, s).await?;
            out.push(MoveTarget {
                row,
                role_title,
                site_name,
            });
        }
        Ok(out)
    }

    /// A manager moves a volunteer from one shift to another of the organisation's: their place
    /// here is cancelled and one there booked in the same transaction, so a refused move (the
    /// other shift full, say) changes nothing. They are emailed, and the place freed is offered
    /// on. `note` is optional.
    pub async fn move_booking(
        &self,
        scope: &OrgScope,
        shift: ShiftId,
        id: BookingId,
        to: &str,
        note: &str,
    ) -> Result<Booking, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let from = self
            .store
            .shift(org, shift)
            .await?
            .ok_or(AppError::NotFound)?;
        let standing = self.standing_booking(org, shift, id).await?;
        let now = self.clock.now();
        if from.shift.starts_at <= now {
            return Err(AppError::Conflict(
                "This shift has already started, so no one can be moved from it".into(),
            ));
        }
        let mut errors = FieldErrors::new();
        let note = errors.optional_text(
            "reason",
            "the note",
            note,
            domain::rota::shift_change::MAX_REASON,
        );
        let target = match to.trim().parse::<ShiftId>() {
            Ok(t) if t == shift => {
                errors.add(
                    "to_shift_id",
                    "Choose a different shift from the one they are on",
                );
                None
            }
            Ok(t) => self.store.shift(org, t).await?,
            Err(_) => None,
        };
        let Some(target) = target.map(|r| r.shift) else {
            if errors.is_empty() {
                errors.add(
                    "to_shift_id",
                    "Select a shift from this organisation's rota",
                );
            }
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let person = standing.booking.person_id;
        if let Some(why) = self.unbookable(person, &target, now).await? {
            return Err(refusal("to_shift_id", "That shift", why));
        }
        if self.has_clash(person, &target, Some(id)).await? {
            return Err(FieldErrors::one(
                "to_shift_id",
                format!(
                    "{} already has a place on another shift at that time",
                    standing.person_name
                ),
            )
            .into());
        }
        let moved = format!("Moved by the team to the shift on {}", when(&target));
        let why = if note.is_empty() {
            moved
        } else {
            format!("{moved}. {note}")
        };
        let cancelled = cancelled_by_team(&standing.booking, &why, now);
        let booking = Booking::new(&target, person, now);
        let (from_role, from_site) = self.shift_labels(org, &from.shift).await?;
        let (role, site) = self.shift_labels(org, &target).await?;
        let body = format!(
            "Hello {},\n\n{} has moved you from the {from_role} shift at {from_site} on {} to the {role} shift at {site} on {}.\n\n{}\
             If you cannot come, please cancel it from My shifts, saying why.\n",
            standing.person_name,
            scope.organisation().name,
            when(&from.shift),
            when(&target),
            if note.is_empty() {
                String::new()
            } else {
                format!("Their note: {note}\n\n")
            },
        );
        let (first, second) = if shift.0 < target.id.0 {
            (shift, target.id)
        } else {
            (target.id, shift)
        };
        let mut writes = vec![
            Write::LockShift(org, first),
            Write::LockShift(org, second),
            Write::CancelBooking(cancelled),
            Write::BookShift(booking.clone()),
        ];
        writes.extend(self.place_freed(org, shift, now));
        let kind = NotificationKind::BookingConfirmation;
        writes.extend(
            self.tell(
                scope.organisation_id(),
                person,
                kind,
                "Your shift has changed",
                body,
            )
            .await?,
        );
        let detail = format!("{} moved to shift {}", standing.person_name, target.id);
        writes.push(self.shift_audit(scope, "booking.moved", &from.shift, detail));
        self.store.apply(writes).await?;
        Ok(booking)
    }
}
