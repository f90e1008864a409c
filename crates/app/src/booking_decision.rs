//! Whether a person may have a place on a shift, decided from one [`BookingContext`] read: the
//! shift is neither cancelled nor started, they are active in its role, and they are eligible
//! on its UK day (the one eligibility rule). Capacity and overlaps are the store's to refuse,
//! under its locks, when the booking is written.

use chrono::{DateTime, Utc};
use domain::compliance::{Eligibility, eligibility};
use domain::ids::{OrganisationId, PersonId, ShiftId};
use domain::notification::Channel;
use domain::person::Person;
use domain::rota::Shift;

use crate::ports::{BookingContext, ShiftRow};
use crate::{App, AppError};

/// Why a person may not have a place on a shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unbookable {
    /// The shift has been cancelled.
    Cancelled,
    /// The shift has started.
    Started,
    /// The person is not active in the shift's role; `name` is set when they have any
    /// placement with the organisation (so the name is the organisation's to see).
    NotActive {
        /// Their full name, if known to the organisation.
        name: Option<String>,
    },
    /// The person is active but not eligible on the shift's UK day.
    Ineligible {
        /// Their full name.
        name: String,
        /// What stands in the way, one sentence each.
        blocks: Vec<String>,
    },
}

/// What a booking was decided on, kept so the confirmation reads nothing again.
pub(crate) struct BookingFacts {
    /// The volunteer.
    pub person: Person,
    /// The shift's role's title.
    pub role_title: String,
    /// The shift's site's name.
    pub site_name: String,
    /// How they want booking confirmations (email where they chose nothing).
    pub confirmation_channel: Channel,
}

/// The decision on one context at `now`.
fn decide(context: BookingContext, now: DateTime<Utc>) -> Result<BookingFacts, Unbookable> {
    let shift = &context.shift.shift;
    if shift.cancelled {
        return Err(Unbookable::Cancelled);
    }
    if shift.starts_at <= now {
        return Err(Unbookable::Started);
    }
    let name = context.person.full_name();
    if !context.active_in_role {
        let name = context.known_to_organisation.then_some(name);
        return Err(Unbookable::NotActive { name });
    }
    let day = domain::rota::from_utc(shift.starts_at).date();
    let answer = eligibility(
        &context.requirements,
        context.person.date_of_birth,
        &context.checks,
        day,
    );
    match answer {
        Eligibility::Eligible => Ok(BookingFacts {
            person: context.person,
            role_title: context.role_title,
            site_name: context.site_name,
            confirmation_channel: context.confirmation_channel.unwrap_or(Channel::Email),
        }),
        Eligibility::Blocked(blocks) => Err(Unbookable::Ineligible {
            name,
            blocks: blocks.iter().map(|b| b.message()).collect(),
        }),
    }
}

impl App {
    /// The organisation's shift `id` and whether `person` may have a place on it at `now`:
    /// if so, the facts it was decided on; if not, why not. `None` when there is no such shift.
    pub(crate) async fn booking_decision(
        &self,
        org: OrganisationId,
        id: ShiftId,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<Option<(ShiftRow, Result<BookingFacts, Unbookable>)>, AppError> {
        if let Some(context) = self.store.booking_context(org, id, person).await? {
            let row = context.shift.clone();
            return Ok(Some((row, decide(context, now))));
        }
        // No context: either no such shift, or no such person (a stale or mistyped id).
        let Some(row) = self.store.shift(org, id).await? else {
            return Ok(None);
        };
        let why = if row.shift.cancelled {
            Unbookable::Cancelled
        } else if row.shift.starts_at <= now {
            Unbookable::Started
        } else {
            Unbookable::NotActive { name: None }
        };
        Ok(Some((row, Err(why))))
    }

    /// Whether `person` may have a place on `shift` at `now` (read again, so a change since
    /// it was read is seen). `None` means they may.
    pub(crate) async fn unbookable(
        &self,
        person: PersonId,
        shift: &Shift,
        now: DateTime<Utc>,
    ) -> Result<Option<Unbookable>, AppError> {
        match self
            .booking_decision(shift.organisation_id, shift.id, person, now)
            .await?
        {
            Some((_, decision)) => Ok(decision.err()),
            None => Err(AppError::NotFound),
        }
    }

    /// The shift `id` and the facts for a booking of `person` on it at `now`, or an error
    /// saying why they may not book it (not found when they are not active in its role).
    pub(crate) async fn bookable(
        &self,
        org: OrganisationId,
        id: ShiftId,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<(ShiftRow, BookingFacts), AppError> {
        let (row, decision) = self
            .booking_decision(org, id, person, now)
            .await?
            .ok_or(AppError::NotFound)?;
        match decision {
            Ok(facts) => Ok((row, facts)),
            Err(Unbookable::Cancelled) => {
                Err(AppError::Conflict("This shift has been cancelled".into()))
            }
            Err(Unbookable::Started) => {
                Err(AppError::Conflict("This shift has already started".into()))
            }
            Err(Unbookable::NotActive { .. }) => Err(AppError::NotFound),
            Err(Unbookable::Ineligible { blocks, .. }) => {
                let mut errors = domain::FieldErrors::new();
                for b in blocks {
                    errors.add("eligibility", b);
                }
                Err(errors.into())
            }
        }
    }

    /// Whether `person` may take a place on `shift` at `now`, as an error saying why not.
    pub(crate) async fn require_bookable(
        &self,
        person: PersonId,
        shift: &Shift,
        now: DateTime<Utc>,
    ) -> Result<BookingFacts, AppError> {
        let (_, facts) = self
            .bookable(shift.organisation_id, shift.id, person, now)
            .await?;
        Ok(facts)
    }
}
