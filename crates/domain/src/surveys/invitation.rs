//! Invitations: one person asked to answer one occasion's survey by a link that needs no
//! sign-in. An invitation records *whether* it was answered, never when or what, so anonymous
//! answers cannot be matched back to it.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::{Occasion, SurveyPlan};
use crate::ids::{OrganisationId, PersonId, RoleId, SiteId, SurveyInvitationId};
use crate::instruments::Instrument;

/// How many days after an occasion falls due its invitation may still be sent. Later than that
/// it is skipped, so switching surveys on does not ask long-standing volunteers for a baseline.
pub const LATE_START_DAYS: i64 = 14;

/// One person's invitation to one survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyInvitation {
    /// Identifier.
    pub id: SurveyInvitationId,
    /// The organisation asking.
    pub organisation_id: OrganisationId,
    /// Who is asked.
    pub person_id: PersonId,
    /// The role the answers are reported under (their role at the time), if any.
    pub role_id: Option<RoleId>,
    /// The site the answers are reported under (the shift's, or the role's only site), if any.
    pub site_id: Option<SiteId>,
    /// The occasion.
    pub occasion: Occasion,
    /// The instruments asked, in order, as the plan stood when it was sent.
    pub instruments: Vec<&'static Instrument>,
    /// Whether the answers are kept with no link to the person.
    pub anonymous: bool,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// When the link stops working.
    pub closes_at: DateTime<Utc>,
    /// When a reminder is due, if one is planned.
    pub remind_at: Option<DateTime<Utc>>,
    /// Whether the reminder has gone.
    pub reminded: bool,
    /// Whether it has been answered.
    pub answered: bool,
}

impl SurveyInvitation {
    /// A new invitation to `person` following `plan`, sent `now`.
    pub fn new(
        plan: &SurveyPlan,
        person_id: PersonId,
        role_id: Option<RoleId>,
        now: DateTime<Utc>,
    ) -> Self {
        let remind_at = (plan.remind_after_days > 0)
            .then(|| now + Duration::days(i64::from(plan.remind_after_days)));
        Self {
            id: SurveyInvitationId::new(),
            organisation_id: plan.organisation_id,
            person_id,
            role_id,
            site_id: None,
            occasion: plan.occasion,
            instruments: plan.instruments.clone(),
            anonymous: plan.anonymous,
            sent_at: now,
            closes_at: now + Duration::days(i64::from(plan.close_after_days)),
            remind_at,
            reminded: false,
            answered: false,
        }
    }

    /// Whether the link still takes answers at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        !self.answered && now < self.closes_at
    }

    /// Whether the reminder should go at `now`.
    pub fn reminder_due(&self, now: DateTime<Utc>) -> bool {
        self.is_open(now) && !self.reminded && self.remind_at.is_some_and(|at| at <= now)
    }
}

/// The day `occasion` falls due for someone active since `active_since` (and, for the exit
/// survey, who left on `left_on`); `None` when it does not apply.
pub fn due_on(
    occasion: Occasion,
    active_since: NaiveDate,
    left_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match occasion {
        Occasion::Exit => left_on,
        Occasion::Pulse | Occasion::Feedback => None,
        timed => {
            let due = active_since.checked_add_months(Months::new(timed.months_after_start()?))?;
            // A follow-up is not sent to someone who had left before it fell due.
            match left_on {
                Some(left) if left <= due && timed != Occasion::Baseline => None,
                _ => Some(due),
            }
        }
    }
}

/// Whether the attendance with identifier `attendance` is one of the sampled one-in-`one_in`
/// followed by a pulse survey. Decided by the identifier's random bits, so every server makes
/// the same choice and the sample does not follow the calendar.
pub fn pulse_sampled(attendance: Uuid, one_in: u16) -> bool {
    one_in > 0 && (attendance.as_u128() & 0xFFFF_FFFF).is_multiple_of(u128::from(one_in))
}
