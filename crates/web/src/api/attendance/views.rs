//! Attendance, hours and their reports as the API answers with them. Closed lists are sent as
//! their stable codes; times are UTC instants with the UK clock time beside them.

use app::attendance::RegisterLine;
use app::attendance::hours::HoursLine;
use app::attendance::no_shows::NoShowLine;
use app::ports::Page;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Labelled;
use domain::rota::attendance::{Attendance, AttendanceMethod, AttendanceStatus};
use domain::rota::from_utc;
use domain::rota::hours::{HoursStatus, MonthTotals};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::views::code_schemas;

code_schemas!(
    /// The codes of [`AttendanceStatus`].
    AttendanceStatusCode: AttendanceStatus = "Whether a volunteer came: attended, did not attend (no_show) or let the team know too late (cancelled_late)."
);
code_schemas!(
    /// The codes of [`AttendanceMethod`].
    AttendanceMethodCode: AttendanceMethod = "How attendance was last recorded: at the site's kiosk, on the volunteer's phone, by staff, or automatically after the shift when nothing was recorded."
);
code_schemas!(
    /// The codes of [`HoursStatus`].
    HoursStatusCode: HoursStatus = "Where logged hours stand: waiting for a manager (submitted), approved (counted), or queried (a manager asked about them)."
);

fn clock(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| from_utc(t).format("%H:%M").to_string())
}

/// A volunteer's attendance at a shift.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttendanceView {
    /// Identifier.
    pub id: Uuid,
    /// The booking it records.
    pub booking_id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// Whether they came.
    #[schema(value_type = AttendanceStatusCode)]
    pub status: &'static str,
    /// When they arrived (UTC), if known.
    pub arrived_at: Option<DateTime<Utc>>,
    /// The UK clock time they arrived, like "09:58".
    pub arrived: Option<String>,
    /// When they left (UTC), if known.
    pub left_at: Option<DateTime<Utc>>,
    /// The UK clock time they left.
    pub left: Option<String>,
    /// How it was last recorded.
    #[schema(value_type = AttendanceMethodCode)]
    pub method: &'static str,
    /// Who recorded it, when staff did.
    pub recorded_by: Option<Uuid>,
    /// When it was last recorded.
    pub recorded_at: DateTime<Utc>,
}

impl From<Attendance> for AttendanceView {
    fn from(a: Attendance) -> Self {
        Self {
            id: a.id.0,
            booking_id: a.booking_id.0,
            person_id: a.person_id.0,
            status: a.status.code(),
            arrived: clock(a.arrived_at),
            arrived_at: a.arrived_at,
            left: clock(a.left_at),
            left_at: a.left_at,
            method: a.method.code(),
            recorded_by: a.recorded_by.map(|p| p.0),
            recorded_at: a.recorded_at,
        }
    }
}

/// One volunteer with a place on the shift, and their attendance once recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterLineView {
    /// Their booking.
    pub booking_id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// Their attendance; null until recorded.
    pub attendance: Option<AttendanceView>,
}

impl From<RegisterLine> for RegisterLineView {
    fn from(l: RegisterLine) -> Self {
        Self {
            booking_id: l.booking.id.0,
            person_id: l.booking.person_id.0,
            name: l.person_name,
            attendance: l.attendance.map(Into::into),
        }
    }
}

/// A shift's register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterView {
    /// The shift.
    pub shift_id: Uuid,
    /// Everyone with a standing place, in booking order.
    pub lines: Vec<RegisterLineView>,
}

/// A volunteer who missed shifts in the last twelve months.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoShowView {
    /// The volunteer.
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// Shifts missed.
    pub missed: usize,
    /// The UK date of the first of them.
    pub since: NaiveDate,
    /// The UK date of the latest.
    pub latest: NaiveDate,
    /// From two missed shifts, a kind suggestion to get in touch (not a sanction).
    pub prompt: Option<String>,
}

impl From<NoShowLine> for NoShowView {
    fn from(l: NoShowLine) -> Self {
        Self {
            person_id: l.person_id.0,
            name: l.name,
            missed: l.missed,
            since: l.since,
            latest: l.latest,
            prompt: l.prompt,
        }
    }
}

/// Hours a volunteer logged for activity outside shifts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursView {
    /// Identifier.
    pub id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// Their name.
    pub name: String,
    /// The role it was for.
    pub role_id: Uuid,
    /// The role's title.
    pub role_title: String,
    /// The UK date of the activity.
    pub date: NaiveDate,
    /// How long, in minutes.
    pub minutes: u32,
    /// What they did.
    pub description: String,
    /// Where it stands.
    #[schema(value_type = HoursStatusCode)]
    pub status: &'static str,
    /// When logged (or sent again after a query).
    pub submitted_at: DateTime<Utc>,
    /// When a manager approved or queried it.
    pub decided_at: Option<DateTime<Utc>>,
    /// The manager's question, for queried hours.
    pub message: String,
}

impl From<HoursLine> for HoursView {
    fn from(l: HoursLine) -> Self {
        let h = l.log;
        Self {
            id: h.id.0,
            person_id: h.person_id.0,
            name: l.person_name,
            role_id: h.role_id.0,
            role_title: l.role_title,
            date: h.worked_on,
            minutes: h.minutes,
            description: h.description,
            status: h.status.code(),
            submitted_at: h.submitted_at,
            decided_at: h.decided_at,
            message: h.message,
        }
    }
}

/// A page of logged hours, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursPage {
    /// The logged hours on this page, newest first.
    pub items: Vec<HoursView>,
    /// This page's number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Logged hours in the whole list.
    pub total: u64,
    /// Pages in the whole list.
    pub pages: u32,
}

impl From<Page<HoursLine>> for HoursPage {
    fn from(p: Page<HoursLine>) -> Self {
        let pages = p.pages();
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
            pages,
        }
    }
}

/// Minutes in each month of the year, January first, and the year's total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthsView {
    /// Who or what these are the totals of: a volunteer, role or site id (null for the
    /// organisation, or for logged hours, which have no site).
    pub id: Option<Uuid>,
    /// Its name ("Logged hours (no site)" for the site of logged hours).
    pub name: String,
    /// Minutes in each month, January first (twelve numbers).
    pub months: Vec<i64>,
    /// Minutes in the year.
    pub total: i64,
}

impl MonthsView {
    /// The view of `m` for `id` called `name`.
    pub fn new(id: Option<Uuid>, name: String, m: &MonthTotals) -> Self {
        Self {
            id,
            name,
            months: m.0.to_vec(),
            total: m.total(),
        }
    }
}

/// A year's hours by month: shifts attended (check-in to check-out, or the shift's times) and
/// approved logged hours, in minutes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursReportView {
    /// The calendar year.
    pub year: i32,
    /// The whole organisation.
    pub organisation: MonthsView,
    /// Per volunteer, by name.
    pub volunteers: Vec<MonthsView>,
    /// Per role, by title.
    pub roles: Vec<MonthsView>,
    /// Per site, by name.
    pub sites: Vec<MonthsView>,
}
