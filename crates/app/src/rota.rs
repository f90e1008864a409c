//! The rota: managers add shifts; volunteers active and eligible in a shift's role book places,
//! and cancel them with a reason. Capacity and overlaps are enforced by the store under locks.

use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{BookingId, PersonId, RoleId, SeriesId, ShiftId, SiteId};
use domain::rota::{Booking, BookingStatus, RecurrenceInput, Shift, ShiftInput, ShiftLinks};
use domain::staff::Capability;

use crate::ports::{ShiftRow, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// A manager adds one shift for a role at a site.
    pub async fn add_shift(
        &self,
        scope: &OrgScope,
        role_id: RoleId,
        site_id: SiteId,
        input: &ShiftInput,
    ) -> Result<Shift, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let mut errors = self.check_links(org, role_id, site_id).await?;
        let links = ShiftLinks {
            organisation_id: org,
            role_id,
            site_id,
            supervisor: None,
            series_id: None,
        };
        let shift = match input.parse(ShiftId::new(), links) {
            Ok(shift) if errors.is_empty() => shift,
            Ok(_) => return Err(errors.into()),
            Err(more) => {
                for e in more.0 {
                    errors.add(&e.field, e.message);
                }
                return Err(errors.into());
            }
        };
        self.store
            .apply(vec![
                Write::InsertShift(shift.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "shift.created",
                    "shift",
                    shift.id.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        self.book_commitments_into(std::slice::from_ref(&shift))
            .await;
        Ok(shift)
    }

    /// A manager adds a recurring series: the shift as typed on its first date, repeated by the
    /// rule (weekly on chosen days, every N weeks, until a date or for a count). Every date keeps
    /// the same UK clock times across the clock changes. All the shifts are added, or none.
    pub async fn add_series(
        &self,
        scope: &OrgScope,
        role_id: RoleId,
        site_id: SiteId,
        input: &ShiftInput,
        repeat: &RecurrenceInput,
    ) -> Result<Vec<Shift>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let mut errors = self.check_links(org, role_id, site_id).await?;
        let template = input.parse_template();
        let rule = template.as_ref().ok().map(|t| repeat.parse(t.date));
        for e in template
            .as_ref()
            .err()
            .into_iter()
            .chain(rule.as_ref().and_then(|r| r.as_ref().err()))
        {
            for f in &e.0 {
                errors.add(&f.field, f.message.clone());
            }
        }
        let (Ok(template), Some(Ok(rule))) = (template, rule) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let links = ShiftLinks {
            organisation_id: org,
            role_id,
            site_id,
            supervisor: None,
            series_id: Some(SeriesId::new()),
        };
        let mut shifts = Vec::new();
        for date in rule.occurrences() {
            match template.shift_on(date, ShiftId::new(), links) {
                Ok(shift) => shifts.push(shift),
                Err(e) => errors.add(e.field(), e.to_string()),
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let mut writes: Vec<Write> = shifts.iter().cloned().map(Write::InsertShift).collect();
        writes.push(Write::Audit(
            AuditEntry::new(
                Some(org),
                scope.actor().clone(),
                "shift_series.created",
                "shift_series",
                links.series_id.map_or(uuid::Uuid::nil(), |s| s.0),
                self.clock.now(),
            )
            .with_detail(format!("{} shifts", shifts.len())),
        ));
        self.store.apply(writes).await?;
        self.book_commitments_into(&shifts).await;
        Ok(shifts)
    }

    /// Whether the role and site are this organisation's, as field errors.
    async fn check_links(
        &self,
        org: domain::ids::OrganisationId,
        role_id: RoleId,
        site_id: SiteId,
    ) -> Result<FieldErrors, AppError> {
        let mut errors = FieldErrors::new();
        if self.store.role(org, role_id).await?.is_none() {
            errors.add("role_id", "Select a role from this organisation's list");
        }
        if self.store.site(org, site_id).await?.is_none() {
            errors.add("site_id", "Select a site from this organisation's list");
        }
        Ok(errors)
    }

    /// One of the organisation's shifts, with how full it is.
    pub async fn shift(&self, scope: &OrgScope, id: ShiftId) -> Result<ShiftRow, AppError> {
        scope.require(Capability::View)?;
        self.store
            .shift(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The organisation's shifts starting in `[from, to)`, with how full each is.
    pub async fn shifts_between(
        &self,
        scope: &OrgScope,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ShiftRow>, AppError> {
        scope.require(Capability::View)?;
        Ok(self
            .store
            .shifts_between(scope.organisation_id(), from, to)
            .await?)
    }

    /// A volunteer books a place on a shift: they must be active in its role and eligible on
    /// its day. The store refuses a full shift or one overlapping another of theirs.
    pub async fn book_shift(
        &self,
        person: PersonId,
        org_slug: &str,
        shift_id: ShiftId,
    ) -> Result<Booking, AppError> {
        let org = self.organisation(org_slug).await?;
        let now = self.clock.now();
        let (row, facts) = self.bookable(org.id, shift_id, person, now).await?;
        let shift = row.shift;
        let booking = Booking::new(&shift, person, now);
        let confirmation = self.booking_confirmation(&org, &shift, &facts).await?;
        self.store
            .apply(
                [
                    Write::BookShift(booking.clone()),
                    Write::Audit(AuditEntry::new(
                        Some(org.id),
                        Actor::Person(person),
                        "booking.created",
                        "shift",
                        shift.id.0,
                        now,
                    )),
                ]
                .into_iter()
                .chain(confirmation)
                .collect(),
            )
            .await?;
        Ok(booking)
    }

    /// A volunteer cancels their place, saying why; cancelling late is flagged.
    pub async fn cancel_booking(
        &self,
        person: PersonId,
        id: BookingId,
        reason: &str,
    ) -> Result<Booking, AppError> {
        let booking = self
            .store
            .bookings_of_person(person)
            .await?
            .into_iter()
            .find(|b| b.id == id && b.status == BookingStatus::Booked)
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let cancelled = booking.cancel(reason, now)?;
        let freed = self.place_freed(cancelled.organisation_id, cancelled.shift_id, now);
        let notice = self.own_cancellation_notice(&cancelled).await?;
        self.store
            .apply(
                [
                    Write::CancelBooking(cancelled.clone()),
                    Write::Audit(AuditEntry::new(
                        Some(cancelled.organisation_id),
                        Actor::Person(person),
                        if cancelled.late {
                            "booking.cancelled_late"
                        } else {
                            "booking.cancelled"
                        },
                        "shift",
                        cancelled.shift_id.0,
                        now,
                    )),
                ]
                .into_iter()
                .chain(freed)
                .chain(notice)
                .collect(),
            )
            .await?;
        Ok(cancelled)
    }

    /// A person's own bookings, by start time.
    pub async fn my_bookings(&self, person: PersonId) -> Result<Vec<Booking>, AppError> {
        Ok(self.store.bookings_of_person(person).await?)
    }
}
