//! Managers' changes to shifts: new times, capacity, notes and supervisor for one shift or for
//! every later shift of its series; cancelling a shift with a reason; and how full a shift is,
//! said in words.

use chrono::{DateTime, NaiveDate, Utc};

use super::booking::{Booking, BookingStatus};
use super::local_time::from_utc;
use super::shift::{Shift, ShiftLinks, ShiftTemplate};
use crate::FieldErrors;
use crate::ids::PersonId;

/// The longest reason for cancelling a shift or removing a volunteer, in characters.
pub const MAX_REASON: usize = 500;

/// What cancelled bookings say when their shift is cancelled: "Shift cancelled: " and the reason.
pub const SHIFT_CANCELLED_PREFIX: &str = "Shift cancelled: ";

/// The UK date a shift starts on.
pub fn local_date(shift: &Shift) -> NaiveDate {
    from_utc(shift.starts_at).date()
}

/// A shift's UK day and clock times in words: "Wednesday 10 March 2027, 10:00 to 13:00", with
/// the end's date when it ends on a later day.
pub fn when(shift: &Shift) -> String {
    let start = from_utc(shift.starts_at);
    let end = from_utc(shift.ends_at);
    let mut text = format!(
        "{}, {} to {}",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M")
    );
    if end.date() != start.date() {
        text.push_str(&format!(" on {}", end.format("%-d %B %Y")));
    }
    text
}

/// `shift` changed to the template's clock times, capacity and notes on `date`, with
/// `supervisor`. It keeps its identity, role, site, series and cancellation. Refused (a field
/// error) only when the clocks going forward leave it no length that night.
pub fn changed(
    shift: &Shift,
    template: &ShiftTemplate,
    date: NaiveDate,
    supervisor: Option<PersonId>,
) -> Result<Shift, FieldErrors> {
    let links = ShiftLinks {
        organisation_id: shift.organisation_id,
        role_id: shift.role_id,
        site_id: shift.site_id,
        supervisor,
        series_id: shift.series_id,
    };
    let mut new = template
        .shift_on(date, shift.id, links)
        .map_err(FieldErrors::from)?;
    new.cancelled = shift.cancelled;
    Ok(new)
}

/// Whether the change moves the shift in time (so booked volunteers need telling, and their
/// bookings' copied times must follow).
pub fn times_changed(before: &Shift, after: &Shift) -> bool {
    before.span() != after.span()
}

/// A field error on `max_volunteers` when `booked` volunteers would not fit a maximum of `max`;
/// `on` names the shift's date in a series.
pub fn check_room(errors: &mut FieldErrors, max: u16, booked: u16, on: Option<NaiveDate>) -> bool {
    if booked <= max {
        return true;
    }
    let people = if booked == 1 {
        "1 volunteer is".to_owned()
    } else {
        format!("{booked} volunteers are")
    };
    let message = match on {
        Some(date) => format!(
            "On {}, {people} booked, so the maximum must be at least {booked}. Remove or move volunteers first",
            date.format("%-d %B %Y")
        ),
        None => format!(
            "{people} booked on this shift, so the maximum must be at least {booked}. Remove or move volunteers first"
        ),
    };
    errors.add("max_volunteers", capitalised(&message));
    false
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A manager's reason for cancelling a shift or removing a volunteer: required, trimmed, at most
/// [`MAX_REASON`] characters; errors are named `reason`.
pub fn reason(value: &str, label: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    let reason = errors.text("reason", label, value, MAX_REASON);
    errors.finish(|| reason)
}

/// A standing booking cancelled by the team at `now` for `reason` (already checked). It is
/// never flagged as a late cancellation: the volunteer did not cancel.
pub fn cancelled_by_team(booking: &Booking, reason: &str, now: DateTime<Utc>) -> Booking {
    Booking {
        status: BookingStatus::Cancelled,
        cancelled_at: Some(now),
        cancellation_reason: reason.to_owned(),
        late: false,
        ..booking.clone()
    }
}

/// How full a shift is, in words that do not rely on colour: "3 of 5 places filled; needs 1 more
/// to reach the minimum", "5 of 5 places filled; full", "2 of 5 places filled".
pub fn fill_state(shift: &Shift, booked: u16) -> String {
    let places = if shift.max_volunteers == 1 {
        "place"
    } else {
        "places"
    };
    let filled = format!("{booked} of {} {places} filled", shift.max_volunteers);
    if shift.is_under_filled(booked) {
        let short = shift.min_volunteers - booked;
        format!("{filled}; needs {short} more to reach the minimum")
    } else if shift.places_left(booked) == 0 {
        format!("{filled}; full")
    } else {
        filled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{OrganisationId, RoleId, SiteId};
    use crate::rota::ShiftInput;
    use crate::rota::ids::ShiftId;

    fn shift(min: u16, max: u16) -> Shift {
        let input = ShiftInput {
            date: "2027-03-10".into(),
            start_time: "10:00".into(),
            end_time: "13:00".into(),
            min_volunteers: min.to_string(),
            max_volunteers: max.to_string(),
            notes: String::new(),
        };
        input
            .parse(
                ShiftId::new(),
                ShiftLinks {
                    organisation_id: OrganisationId::new(),
                    role_id: RoleId::new(),
                    site_id: SiteId::new(),
                    supervisor: None,
                    series_id: None,
                },
            )
            .unwrap()
    }

    #[test]
    fn fill_state_says_when_a_shift_is_short_or_full() {
        let s = shift(4, 5);
        assert_eq!(
            fill_state(&s, 3),
            "3 of 5 places filled; needs 1 more to reach the minimum"
        );
        assert_eq!(fill_state(&s, 4), "4 of 5 places filled");
        assert_eq!(fill_state(&s, 5), "5 of 5 places filled; full");
        assert_eq!(
            fill_state(&shift(1, 1), 0),
            "0 of 1 place filled; needs 1 more to reach the minimum"
        );
        assert_eq!(fill_state(&shift(0, 2), 0), "0 of 2 places filled");
    }

    #[test]
    fn a_change_keeps_identity_and_moves_in_uk_time() {
        let s = shift(1, 4);
        let template = ShiftInput {
            date: "2027-06-01".into(),
            start_time: "2pm".into(),
            end_time: "17:30".into(),
            min_volunteers: "2".into(),
            max_volunteers: "3".into(),
            notes: "Ask at the desk".into(),
        }
        .parse_template()
        .unwrap();
        let date = "2027-06-01".parse().unwrap();
        let supervisor = Some(PersonId::new());
        let new = changed(&s, &template, date, supervisor).unwrap();
        assert_eq!(
            (new.id, new.role_id, new.site_id),
            (s.id, s.role_id, s.site_id)
        );
        // Summer time: 2pm in London is 1pm UTC.
        assert_eq!(new.starts_at.to_rfc3339(), "2027-06-01T13:00:00+00:00");
        assert_eq!((new.min_volunteers, new.max_volunteers), (2, 3));
        assert_eq!(new.supervisor, supervisor);
        assert!(times_changed(&s, &new));
        assert_eq!(when(&new), "Tuesday 1 June 2027, 14:00 to 17:30");
        assert_eq!(local_date(&new), date);
    }

    #[test]
    fn the_maximum_cannot_drop_below_those_booked() {
        let mut e = FieldErrors::new();
        assert!(check_room(&mut e, 3, 3, None));
        assert!(e.is_empty());
        assert!(!check_room(&mut e, 2, 3, None));
        assert_eq!(
            e.get("max_volunteers"),
            Some(
                "3 volunteers are booked on this shift, so the maximum must be at least 3. Remove or move volunteers first"
            )
        );
        let mut e = FieldErrors::new();
        check_room(&mut e, 0, 1, "2027-03-10".parse().ok());
        assert!(
            e.get("max_volunteers")
                .unwrap()
                .starts_with("On 10 March 2027, 1 volunteer is booked")
        );
    }

    #[test]
    fn reasons_are_required_and_team_cancellations_are_never_late() {
        assert_eq!(reason("  ", "why").unwrap_err().0[0].field, "reason");
        assert_eq!(reason(" Ward closed ", "why").unwrap(), "Ward closed");
        let s = shift(1, 2);
        let b = Booking::new(&s, PersonId::new(), s.starts_at - chrono::Duration::days(3));
        let c = cancelled_by_team(&b, "Ward closed", s.starts_at - chrono::Duration::hours(1));
        assert_eq!(c.status, BookingStatus::Cancelled);
        assert!(!c.late);
        assert_eq!(c.cancellation_reason, "Ward closed");
    }
}
