//! What the managers' shift routes answer with: a shift with its supervisor and cancellation,
//! and the bookings on it with the volunteers' names.

use std::borrow::Cow;

use app::ports::ShiftBookingRow;
use app::rota_manage::ShiftDetail;
use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::rota::BookingStatus;
use domain::rota::shift_change::fill_state;
use serde::Serialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

use crate::api::views::ShiftView;

/// The codes of [`BookingStatus`].
pub struct BookingStatusCode;

impl PartialSchema for BookingStatusCode {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("Whether a place stands (booked) or was cancelled."))
            .enum_values(Some(BookingStatus::ALL.iter().map(|v| v.code())))
            .build()
            .into()
    }
}

impl ToSchema for BookingStatusCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("BookingStatus")
    }
}

/// A shift as its managers see it: the shift with its fill, who supervises it, how full it is
/// in words, and why it was cancelled.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ManagedShiftView {
    /// The shift.
    #[serde(flatten)]
    pub shift: ShiftView,
    /// The supervising member of staff's person id, if any.
    pub supervisor_id: Option<Uuid>,
    /// How full it is, in words: "3 of 5 places filled; needs 1 more to reach the minimum".
    pub fill_state: String,
    /// Why it was cancelled, when it was.
    pub cancellation_reason: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl From<&ShiftDetail> for ManagedShiftView {
    fn from(d: &ShiftDetail) -> Self {
        Self {
            shift: ShiftView::from(d.row.clone()),
            supervisor_id: d.row.shift.supervisor.map(|p| p.0),
            fill_state: fill_state(&d.row.shift, d.row.booked),
            cancellation_reason: d.cancellation.as_ref().map(|c| c.reason.clone()),
            cancelled_at: d.cancellation.as_ref().map(|c| c.cancelled_at),
        }
    }
}

/// The shifts changed by a change to a series.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShiftSeriesView {
    /// This shift and every later one in its series that is not cancelled, by start time.
    pub items: Vec<ManagedShiftView>,
}

/// A volunteer's place on a shift, standing or cancelled.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShiftBookingView {
    /// Identifier.
    pub id: Uuid,
    /// The shift.
    pub shift_id: Uuid,
    /// The volunteer.
    pub person_id: Uuid,
    /// The volunteer's full name.
    pub person_name: String,
    /// Booked or cancelled.
    #[schema(value_type = BookingStatusCode)]
    pub status: &'static str,
    /// When it was booked.
    pub booked_at: DateTime<Utc>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Why it was cancelled, in the volunteer's or manager's words ("Shift cancelled: …" when
    /// the whole shift was).
    pub cancellation_reason: String,
    /// Whether the volunteer cancelled at late notice (under 48 hours before the start).
    pub late: bool,
}

impl From<&ShiftBookingRow> for ShiftBookingView {
    fn from(r: &ShiftBookingRow) -> Self {
        let b = &r.booking;
        Self {
            id: b.id.0,
            shift_id: b.shift_id.0,
            person_id: b.person_id.0,
            person_name: r.person_name.clone(),
            status: b.status.code(),
            booked_at: b.booked_at,
            cancelled_at: b.cancelled_at,
            cancellation_reason: b.cancellation_reason.clone(),
            late: b.late,
        }
    }
}

/// Who is booked on a shift and who cancelled.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShiftBookingList {
    /// How full the shift is, in words.
    pub fill_state: String,
    /// Standing places, oldest first.
    pub booked: Vec<ShiftBookingView>,
    /// Cancelled places, with their reasons and late flags.
    pub cancelled: Vec<ShiftBookingView>,
}

impl From<&ShiftDetail> for ShiftBookingList {
    fn from(d: &ShiftDetail) -> Self {
        Self {
            fill_state: fill_state(&d.row.shift, d.row.booked),
            booked: d.booked.iter().map(ShiftBookingView::from).collect(),
            cancelled: d.cancelled.iter().map(ShiftBookingView::from).collect(),
        }
    }
}
