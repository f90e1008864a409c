//! Attendance: check-in and check-out (kiosk, phone, staff), no-shows, and hours with totals.
//!
//! This module has the volunteer's own phone (check in near the start, check out after) and the
//! shift's register, where a manager or the site's supervisor marks attendance afterwards.
//! Kiosks are in [`kiosk`], no-shows in [`no_shows`], hours in [`hours`].

pub mod codes;
pub mod hours;
pub mod kiosk;
pub mod no_shows;
pub mod review;
pub mod totals;

use chrono::Duration;
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{BookingId, PersonId};
use domain::rota::attendance::{
    Attendance, AttendanceMethod, AttendanceStatus, CHECK_OUT_HOURS_AFTER, MarkInput,
    PHONE_EARLY_MINUTES, check_in_window,
};
use domain::rota::{Booking, BookingStatus, ShiftId};
use domain::staff::{Capability, Permission};

use crate::ports::{ShiftRow, StoreError, Write};
use crate::{App, AppError, OrgScope};

/// The field a volunteer's check-in or check-out errors are named by.
pub const CHECK_IN_FIELD: &str = "attendance";

/// One volunteer on a shift's register.
#[derive(Debug, Clone)]
pub struct RegisterLine {
    /// Their booking.
    pub booking: Booking,
    /// Their full name.
    pub person_name: String,
    /// Their attendance, once recorded.
    pub attendance: Option<Attendance>,
}

/// A shift's register: who is booked and whether they came.
#[derive(Debug, Clone)]
pub struct Register {
    /// The shift, with its fill.
    pub shift: ShiftRow,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// Everyone with a standing place, in booking order.
    pub lines: Vec<RegisterLine>,
    /// Whether this member of staff may mark attendance on it.
    pub can_mark: bool,
}

/// A volunteer's own booking with its attendance, for checking in on their phone.
#[derive(Debug, Clone)]
pub struct MyAttendance {
    /// The booking.
    pub booking: Booking,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The site's name.
    pub site_name: String,
    /// Their attendance, once recorded.
    pub attendance: Option<Attendance>,
    /// Whether the team cancelled the shift.
    pub shift_cancelled: bool,
    /// Whether the shift has ended.
    pub ended: bool,
    /// When checking in on the phone opens.
    pub opens_at: chrono::DateTime<chrono::Utc>,
    /// Whether they can check in now.
    pub can_check_in: bool,
    /// Whether they can check out now.
    pub can_check_out: bool,
}

/// A store conflict from a second check-in, as the volunteer's field error.
pub(crate) fn already_recorded(e: AppError, field: &str) -> AppError {
    match e {
        AppError::Conflict(_) => FieldErrors::one(
            field,
            "Your attendance at this shift was recorded a moment ago. You are checked in",
        )
        .into(),
        other => other,
    }
}

impl App {
    /// Whether `scope` may mark attendance on `shift`: managers anywhere, supervisors at their
    /// sites or on shifts they supervise.
    fn may_mark(scope: &OrgScope, shift: &domain::rota::Shift) -> bool {
        scope.can(Capability::ManageVolunteering)
            || (scope.permission() == Permission::Supervisor
                && (scope
                    .site_limit()
                    .is_some_and(|sites| sites.contains(&shift.site_id))
                    || shift.supervisor.is_some() && shift.supervisor == scope.actor().person_id()))
    }

    /// A shift of the scope's organisation that this member of staff may see the register of
    /// (supervisors: only at their sites or shifts they supervise).
    async fn register_shift(&self, scope: &OrgScope, id: ShiftId) -> Result<ShiftRow, AppError> {
        scope.require(Capability::View)?;
        let row = self
            .store
            .shift(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if scope.permission() == Permission::Supervisor && !Self::may_mark(scope, &row.shift) {
            return Err(AppError::NotFound);
        }
        Ok(row)
    }

    /// A shift's register: everyone with a standing place and their attendance.
    pub async fn shift_register(
        &self,
        scope: &OrgScope,
        id: ShiftId,
    ) -> Result<Register, AppError> {
        let row = self.register_shift(scope, id).await?;
        let org = scope.organisation_id();
        let attendance = self.store.attendance_on(org, id).await?;
        let mut lines = Vec::new();
        for booking in self.store.bookings_on(org, id).await? {
            let person_name = self
                .store
                .person(booking.person_id)
                .await?
                .map(|p| p.full_name())
                .unwrap_or_default();
            lines.push(RegisterLine {
                attendance: attendance
                    .iter()
                    .find(|a| a.booking_id == booking.id)
                    .cloned(),
                booking,
                person_name,
            });
        }
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
        Ok(Register {
            can_mark: Self::may_mark(scope, &row.shift),
            shift: row,
            role_title,
            site_name,
            lines,
        })
    }

    /// A manager or the site's supervisor marks (or changes) one volunteer's attendance after
    /// the shift has started: attended (with the times they came and went, if known), did not
    /// attend, or cancelled late. Every change is audited with what it was before.
    pub async fn mark_attendance(
        &self,
        scope: &OrgScope,
        shift_id: ShiftId,
        booking_id: BookingId,
        input: &MarkInput,
    ) -> Result<Attendance, AppError> {
        let row = self.register_shift(scope, shift_id).await?;
        if !Self::may_mark(scope, &row.shift) {
            return Err(AppError::Forbidden);
        }
        let org = scope.organisation_id();
        let booking = self
            .store
            .bookings_on(org, shift_id)
            .await?
            .into_iter()
            .find(|b| b.id == booking_id)
            .ok_or(AppError::NotFound)?;
        let now = self.clock.now();
        let marked = input.parse(row.shift.starts_at, row.shift.ends_at, now)?;
        let existing = self.store.attendance_for_booking(org, booking_id).await?;
        let base = existing.clone().unwrap_or_else(|| {
            Attendance::for_booking(&booking, marked.status, AttendanceMethod::Staff, now)
        });
        let attendance = Attendance {
            status: marked.status,
            arrived_at: marked.arrived_at,
            left_at: marked.left_at,
            method: AttendanceMethod::Staff,
            recorded_by: scope.actor().person_id(),
            recorded_at: now,
            ..base
        };
        let was = existing
            .as_ref()
            .map_or_else(|| "nothing recorded".to_owned(), describe);
        let write = match &existing {
            Some(e) => Write::UpdateAttendance(attendance.clone(), e.recorded_at),
            None => Write::InsertAttendance(attendance.clone()),
        };
        self.store
            .apply(vec![
                write,
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "attendance.marked",
                        "attendance",
                        attendance.id.0,
                        now,
                    )
                    .with_detail(format!("{} (was {was})", describe(&attendance))),
                ),
            ])
            .await?;
        Ok(attendance)
    }

    /// One of a volunteer's own bookings with its attendance and whether they can check in or
    /// out now.
    pub async fn my_attendance(
        &self,
        person: PersonId,
        booking_id: BookingId,
    ) -> Result<MyAttendance, AppError> {
        let booking = self
            .store
            .bookings_of_person(person)
            .await?
            .into_iter()
            .find(|b| b.id == booking_id)
            .ok_or(AppError::NotFound)?;
        let org = booking.organisation_id;
        let row = self
            .store
            .shift(org, booking.shift_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let attendance = self.store.attendance_for_booking(org, booking.id).await?;
        let now = self.clock.now();
        let (opens_at, closes_at) =
            check_in_window(booking.starts_at, booking.ends_at, PHONE_EARLY_MINUTES);
        let standing = booking.status == BookingStatus::Booked && !row.shift.cancelled;
        let can_check_in = standing && attendance.is_none() && now >= opens_at && now < closes_at;
        let can_check_out = standing
            && attendance.as_ref().is_some_and(Attendance::is_checked_in)
            && now < booking.ends_at + Duration::hours(CHECK_OUT_HOURS_AFTER);
        let ended = now >= booking.ends_at;
        Ok(MyAttendance {
            organisation_name: self
                .store
                .organisation(org)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            role_title: self
                .store
                .role(org, row.shift.role_id)
                .await?
                .map(|r| r.title)
                .unwrap_or_default(),
            site_name: self
                .store
                .site(org, row.shift.site_id)
                .await?
                .map(|s| s.name)
                .unwrap_or_default(),
            booking,
            attendance,
            shift_cancelled: row.shift.cancelled,
            ended,
            opens_at,
            can_check_in,
            can_check_out,
        })
    }

    /// A volunteer checks in on their own phone: from 30 minutes before their shift starts
    /// until it ends, once.
    pub async fn check_in_on_phone(
        &self,
        person: PersonId,
        booking_id: BookingId,
    ) -> Result<Attendance, AppError> {
        let mine = self.my_attendance(person, booking_id).await?;
        let now = self.clock.now();
        if mine.shift_cancelled {
            return Err(FieldErrors::one(CHECK_IN_FIELD, "This shift has been cancelled").into());
        }
        let attendance = Attendance::check_in(
            &mine.booking,
            mine.attendance.as_ref(),
            AttendanceMethod::Phone,
            PHONE_EARLY_MINUTES,
            now,
            CHECK_IN_FIELD,
        )?;
        self.store
            .apply(vec![
                Write::InsertAttendance(attendance.clone()),
                checked_audit(&attendance, "attendance.checked_in", Actor::Person(person)),
            ])
            .await
            .map_err(|e| already_recorded(e.into(), CHECK_IN_FIELD))?;
        Ok(attendance)
    }

    /// A volunteer checks out on their own phone, after checking in, until six hours after the
    /// shift ends.
    pub async fn check_out_on_phone(
        &self,
        person: PersonId,
        booking_id: BookingId,
    ) -> Result<Attendance, AppError> {
        let mine = self.my_attendance(person, booking_id).await?;
        let now = self.clock.now();
        let Some(existing) = mine.attendance else {
            return Err(FieldErrors::one(
                CHECK_IN_FIELD,
                "You have not checked in to this shift, so you cannot check out",
            )
            .into());
        };
        if existing.is_checked_in()
            && now >= mine.booking.ends_at + Duration::hours(CHECK_OUT_HOURS_AFTER)
        {
            return Err(FieldErrors::one(
                CHECK_IN_FIELD,
                "It is too long since the shift ended to check out. The team can record when you left",
            )
            .into());
        }
        let out = existing.check_out(AttendanceMethod::Phone, now, CHECK_IN_FIELD)?;
        self.store
            .apply(vec![
                Write::UpdateAttendance(out.clone(), existing.recorded_at),
                checked_audit(&out, "attendance.checked_out", Actor::Person(person)),
            ])
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => AppError::from(FieldErrors::one(
                    CHECK_IN_FIELD,
                    "Your attendance changed a moment ago. Reload the page to see it",
                )),
                other => other.into(),
            })?;
        Ok(out)
    }
}

/// The audit entry of a volunteer checking in or out, naming how.
pub(crate) fn checked_audit(a: &Attendance, action: &str, actor: Actor) -> Write {
    Write::Audit(
        AuditEntry::new(
            Some(a.organisation_id),
            actor,
            action,
            "attendance",
            a.id.0,
            a.recorded_at,
        )
        .with_detail(domain::Labelled::code(a.method)),
    )
}

/// Attendance in a few words for the audit log: "attended, 10:05 to 13:00".
fn describe(a: &Attendance) -> String {
    let time = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map_or_else(
            || "?".to_owned(),
            |t| domain::rota::from_utc(t).format("%H:%M").to_string(),
        )
    };
    match (a.status, a.arrived_at, a.left_at) {
        (AttendanceStatus::Attended, None, None) => "attended".to_owned(),
        (AttendanceStatus::Attended, arrived, left) => {
            format!("attended, {} to {}", time(arrived), time(left))
        }
        (status, _, _) => domain::Labelled::label(status).to_lowercase(),
    }
}
