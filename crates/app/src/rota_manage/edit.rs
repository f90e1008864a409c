//! Changing one shift, or every later shift of its series, and cancelling a shift.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::ids::{PersonId, ShiftId};
use domain::notification::NotificationKind;
use domain::rota::shift_change::{
    SHIFT_CANCELLED_PREFIX, cancelled_by_team, changed, check_room, local_date, reason,
    times_changed, when,
};
use domain::rota::{Booking, BookingStatus, Shift, ShiftTemplate, overlaps};
use domain::staff::Capability;

use super::ShiftEdit;
use crate::ports::{ShiftRow, Write};
use crate::{App, AppError, OrgScope};

/// Adds every error of `more` to `errors`.
fn merge(errors: &mut FieldErrors, more: FieldErrors) {
    for e in more.0 {
        errors.add(&e.field, e.message);
    }
}

/// A shift before and after a change, with how many are booked on it.
struct Change {
    before: Shift,
    after: Shift,
}

impl App {
    /// A shift the scope may change: the organisation's, not cancelled, not started.
    async fn changeable(&self, scope: &OrgScope, id: ShiftId) -> Result<ShiftRow, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let row = self
            .store
            .shift(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.shift.cancelled {
            return Err(AppError::Conflict(
                "This shift has been cancelled, so it can no longer be changed".into(),
            ));
        }
        if row.shift.starts_at <= self.clock.now() {
            return Err(AppError::Conflict(
                "This shift has already started, so it can no longer be changed".into(),
            ));
        }
        Ok(row)
    }

    /// The template typed, and the supervisor, with every problem found.
    async fn parse_edit(
        &self,
        scope: &OrgScope,
        shift: &Shift,
        edit: &ShiftEdit,
        errors: &mut FieldErrors,
    ) -> Result<(Option<ShiftTemplate>, Option<PersonId>), AppError> {
        let supervisor = self
            .check_supervisor(scope, shift.site_id, &edit.supervisor_id, errors)
            .await?;
        let template = match edit.shift.parse_template() {
            Ok(t) => Some(t),
            Err(more) => {
                merge(errors, more);
                None
            }
        };
        Ok((template, supervisor))
    }

    /// A manager changes one shift: its date, clock times, capacity, notes and supervisor. The
    /// maximum cannot drop below the number booked; new times must suit everyone booked (none
    /// may end up in two overlapping shifts) and they are told of them. All or nothing.
    pub async fn edit_shift(
        &self,
        scope: &OrgScope,
        id: ShiftId,
        edit: &ShiftEdit,
    ) -> Result<Shift, AppError> {
        let row = self.changeable(scope, id).await?;
        let mut errors = FieldErrors::new();
        let (template, supervisor) = self
            .parse_edit(scope, &row.shift, edit, &mut errors)
            .await?;
        let Some(template) = template else {
            return Err(errors.into());
        };
        check_room(&mut errors, template.max_volunteers, row.booked, None);
        let after = match changed(&row.shift, &template, template.date, supervisor) {
            Ok(after) => after,
            Err(more) => {
                merge(&mut errors, more);
                return Err(errors.into());
            }
        };
        if times_changed(&row.shift, &after) && after.starts_at <= self.clock.now() {
            errors.add(
                "date",
                "The new date and start time have already passed. Choose a time in the future",
            );
        }
        let changes = vec![Change {
            before: row.shift.clone(),
            after: after.clone(),
        }];
        self.check_clashes(scope, &changes, &mut errors).await?;
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let detail = format!("{} (was {})", when(&after), when(&row.shift));
        let mut writes = self.change_writes(scope, &changes).await?;
        writes.push(self.shift_audit(scope, "shift.updated", &after, detail));
        self.store.apply(writes).await?;
        Ok(after)
    }

    /// A manager changes this shift and every later one in its series, each keeping its own
    /// date: the same clock times, capacity, notes and supervisor for all. Cancelled shifts are
    /// left alone. All are changed or none.
    pub async fn edit_series(
        &self,
        scope: &OrgScope,
        id: ShiftId,
        edit: &ShiftEdit,
    ) -> Result<Vec<Shift>, AppError> {
        let first = self.changeable(scope, id).await?;
        let Some(series) = first.shift.series_id else {
            return Err(AppError::Conflict(
                "This shift is not part of a series. Change it on its own".into(),
            ));
        };
        let mut edit = edit.clone();
        edit.shift.date = local_date(&first.shift).to_string();
        let mut errors = FieldErrors::new();
        let (template, supervisor) = self
            .parse_edit(scope, &first.shift, &edit, &mut errors)
            .await?;
        let Some(template) = template else {
            return Err(errors.into());
        };
        let rows = self
            .store
            .series_from(scope.organisation_id(), series, first.shift.starts_at)
            .await?;
        let mut changes = Vec::new();
        for row in rows.into_iter().filter(|r| !r.shift.cancelled) {
            let date = local_date(&row.shift);
            check_room(&mut errors, template.max_volunteers, row.booked, Some(date));
            match changed(&row.shift, &template, date, supervisor) {
                Ok(after) => changes.push(Change {
                    before: row.shift,
                    after,
                }),
                Err(more) => merge(&mut errors, more),
            }
        }
        self.check_clashes(scope, &changes, &mut errors).await?;
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let shifts: Vec<Shift> = changes.iter().map(|c| c.after.clone()).collect();
        let detail = format!(
            "{} shifts from {}",
            shifts.len(),
            local_date(&first.shift).format("%-d %B %Y")
        );
        let mut writes = self.change_writes(scope, &changes).await?;
        writes.push(self.shift_audit(scope, "shift_series.updated", &first.shift, detail));
        // Each shift's own history (and its calendar entries' sequence) records the change too.
        for c in &changes {
            let detail = format!(
                "{} (was {}), with the later shifts of its series",
                when(&c.after),
                when(&c.before)
            );
            writes.push(self.shift_audit(scope, "shift.updated", &c.after, detail));
        }
        self.store.apply(writes).await?;
        Ok(shifts)
    }

    /// A field error naming each booked volunteer whom the new times would put in two
    /// overlapping shifts (counting the other changed shifts at their new times).
    async fn check_clashes(
        &self,
        scope: &OrgScope,
        changes: &[Change],
        errors: &mut FieldErrors,
    ) -> Result<(), AppError> {
        let org = scope.organisation_id();
        let new_span: HashMap<ShiftId, (DateTime<Utc>, DateTime<Utc>)> = changes
            .iter()
            .map(|c| (c.after.id, c.after.span()))
            .collect();
        let mut theirs: HashMap<PersonId, Vec<Booking>> = HashMap::new();
        for c in changes
            .iter()
            .filter(|c| times_changed(&c.before, &c.after))
        {
            for b in self.store.bookings_on(org, c.after.id).await? {
                if let Entry::Vacant(slot) = theirs.entry(b.person_id) {
                    slot.insert(self.store.bookings_of_person(b.person_id).await?);
                }
                let others = theirs.get(&b.person_id).into_iter().flatten();
                let clash = others
                    .filter(|o| o.status == BookingStatus::Booked)
                    .any(|o| {
                        let span = match new_span.get(&o.shift_id) {
                            Some(span) if o.organisation_id == org => *span,
                            _ => (o.starts_at, o.ends_at),
                        };
                        o.shift_id != c.after.id && overlaps(span, c.after.span())
                    });
                if clash {
                    let name = self.store.person(b.person_id).await?.map(|p| p.full_name());
                    errors.add(
                        "start_time",
                        format!(
                            "{} already has a place on another shift at the new times on {}. Move or remove them first, or choose other times",
                            name.unwrap_or_else(|| "A volunteer".into()),
                            local_date(&c.after).format("%-d %B %Y")
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// The update, an email to everyone whose shift moved in time (one each, listing their
    /// shifts), and waiting-list offers for shifts with more room than before.
    async fn change_writes(
        &self,
        scope: &OrgScope,
        changes: &[Change],
    ) -> Result<Vec<Write>, AppError> {
        let org = scope.organisation_id();
        let now = self.clock.now();
        let mut writes = vec![Write::UpdateShifts(
            changes.iter().map(|c| c.after.clone()).collect(),
        )];
        let mut told: BTreeMap<PersonId, (String, Vec<String>)> = BTreeMap::new();
        for c in changes {
            if c.after.max_volunteers > c.before.max_volunteers {
                writes.extend(self.place_freed(org, c.after.id, now));
            }
            if !times_changed(&c.before, &c.after) {
                continue;
            }
            let (role, site) = self.shift_labels(org, &c.after).await?;
            for b in self.store.shift_bookings(org, c.after.id).await? {
                if b.booking.status != BookingStatus::Booked {
                    continue;
                }
                let line = format!(
                    "- {role} at {site}: now {} (was {})",
                    when(&c.after),
                    when(&c.before)
                );
                told.entry(b.booking.person_id)
                    .or_insert_with(|| (b.person_name.clone(), Vec::new()))
                    .1
                    .push(line);
            }
        }
        let team = &scope.organisation().name;
        for (person, (name, lines)) in told {
            let body = format!(
                "Hello {name},\n\nThe times of {} you have a place on at {team} have changed:\n\n{}\n\n\
                 Your place is still booked. If you can no longer come, please cancel it from My shifts, saying why.\n",
                if lines.len() == 1 {
                    "a shift"
                } else {
                    "shifts"
                },
                lines.join("\n")
            );
            // New times re-confirm the booking, so they go as a booking confirmation.
            let subject = "The times of your shift have changed";
            let kind = NotificationKind::BookingConfirmation;
            writes.extend(
                self.tell(scope.organisation_id(), person, kind, subject, body)
                    .await?,
            );
        }
        Ok(writes)
    }

    /// A manager cancels a shift, saying why. Every place on it is cancelled ("Shift cancelled:"
    /// and the reason; never a late cancellation by the volunteer), and everyone booked is
    /// emailed. The shift then takes no bookings.
    pub async fn cancel_shift(
        &self,
        scope: &OrgScope,
        id: ShiftId,
        why: &str,
    ) -> Result<Shift, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let row = self.store.shift(org, id).await?.ok_or(AppError::NotFound)?;
        if row.shift.cancelled {
            return Err(AppError::Conflict(
                "This shift has already been cancelled".into(),
            ));
        }
        if row.shift.starts_at <= self.clock.now() {
            return Err(AppError::Conflict(
                "This shift has already started, so it can no longer be cancelled".into(),
            ));
        }
        let why = reason(why, "why the shift is cancelled")?;
        let now = self.clock.now();
        let (role, site) = self.shift_labels(org, &row.shift).await?;
        let standing: Vec<_> = self
            .store
            .shift_bookings(org, id)
            .await?
            .into_iter()
            .filter(|b| b.booking.status == BookingStatus::Booked)
            .collect();
        let bookings: Vec<Booking> = standing
            .iter()
            .map(|b| cancelled_by_team(&b.booking, &format!("{SHIFT_CANCELLED_PREFIX}{why}"), now))
            .collect();
        let mut writes = vec![Write::CancelShift {
            organisation_id: org,
            id,
            reason: why.clone(),
            at: now,
            bookings,
        }];
        let team = &scope.organisation().name;
        for b in &standing {
            let body = format!(
                "Hello {},\n\n{team} has cancelled the {role} shift at {site} on {}, so your place on it is cancelled.\n\n\
                 The reason given: {why}\n\nYou do not need to do anything, and this does not count as a cancellation by you. \
                 Thank you for offering your time.\n",
                b.person_name,
                when(&row.shift)
            );
            let subject = "A shift you booked has been cancelled";
            let kind = NotificationKind::Cancellation;
            writes.extend(
                self.tell(
                    scope.organisation_id(),
                    b.booking.person_id,
                    kind,
                    subject,
                    body,
                )
                .await?,
            );
        }
        let detail = format!("{why} ({} told)", standing.len());
        writes.push(self.shift_audit(scope, "shift.cancelled", &row.shift, detail));
        self.store.apply(writes).await?;
        Ok(Shift {
            cancelled: true,
            ..row.shift
        })
    }
}
