//! Standing commitments: every N weeks on a day from a first date, optionally ended, with
//! absences skipping occurrences without ending it; and which shifts it books into.

use alongside_domain::ids::{OrganisationId, PersonId, RoleId, SiteId};
use alongside_domain::rota::{AbsencePeriod, Commitment, CommitmentId, ShiftLinks};
use chrono::{NaiveDate, Weekday};

use crate::fixtures::{day, shift, time};

fn days(list: &[&str]) -> Vec<NaiveDate> {
    list.iter().map(|d| day(d)).collect()
}

fn away(from: &str, to: &str) -> AbsencePeriod {
    AbsencePeriod {
        starts_on: day(from),
        ends_on: day(to),
    }
}

/// Every Tuesday 10:00–13:00 from Monday 1 March 2027 (so from Tuesday 2 March).
fn tuesdays() -> Commitment {
    Commitment {
        id: CommitmentId::new(),
        organisation_id: OrganisationId::new(),
        person_id: PersonId::new(),
        role_id: RoleId::new(),
        site_id: SiteId::new(),
        weekday: Weekday::Tue,
        start: time("10:00"),
        end: time("13:00"),
        interval_weeks: 1,
        starts_on: day("2027-03-01"),
        ends_on: None,
    }
}

fn links_of(c: &Commitment) -> ShiftLinks {
    ShiftLinks {
        organisation_id: c.organisation_id,
        role_id: c.role_id,
        site_id: c.site_id,
        supervisor: None,
        series_id: None,
    }
}

#[test]
fn every_tuesday_from_the_first_date() {
    let c = tuesdays();
    assert_eq!(c.first_date(), Some(day("2027-03-02")));
    assert_eq!(
        c.dates_between(day("2027-02-01"), day("2027-03-31"), &[]),
        days(&[
            "2027-03-02",
            "2027-03-09",
            "2027-03-16",
            "2027-03-23",
            "2027-03-30"
        ])
    );
}

#[test]
fn an_absence_skips_occurrences_and_the_commitment_carries_on() {
    let c = tuesdays();
    let holiday = away("2027-03-08", "2027-03-20");
    assert_eq!(
        c.dates_between(day("2027-03-01"), day("2027-04-13"), &[holiday]),
        days(&[
            "2027-03-02",
            "2027-03-23",
            "2027-03-30",
            "2027-04-06",
            "2027-04-13"
        ])
    );
    // Absence days are included at both ends; several absences each skip their own dates.
    let both = [
        away("2027-03-02", "2027-03-02"),
        away("2027-03-30", "2027-04-06"),
    ];
    assert_eq!(
        c.dates_between(day("2027-03-01"), day("2027-04-13"), &both),
        days(&["2027-03-09", "2027-03-16", "2027-03-23", "2027-04-13"])
    );
    assert!(c.ends_on.is_none(), "an absence never ends the commitment");
}

#[test]
fn every_other_week_until_it_is_ended() {
    let c = Commitment {
        interval_weeks: 2,
        ends_on: Some(day("2027-04-13")),
        ..tuesdays()
    };
    assert_eq!(
        c.dates_between(day("2027-03-10"), day("2027-12-31"), &[]),
        days(&["2027-03-16", "2027-03-30", "2027-04-13"])
    );
    assert!(c.occurs_on(day("2027-03-30")));
    assert!(!c.occurs_on(day("2027-03-23")), "off week");
    assert!(!c.occurs_on(day("2027-04-27")), "after it ended");
    assert!(!c.occurs_on(day("2027-02-23")), "before it began");
    assert!(!c.occurs_on(day("2027-03-31")), "a Wednesday");
}

#[test]
fn an_empty_window_or_one_before_the_start_has_no_dates() {
    let c = tuesdays();
    assert!(
        c.dates_between(day("2027-03-03"), day("2027-03-08"), &[])
            .is_empty()
    );
    assert!(
        c.dates_between(day("2027-01-01"), day("2027-02-28"), &[])
            .is_empty()
    );
    assert!(
        c.dates_between(day("2027-04-01"), day("2027-03-01"), &[])
            .is_empty()
    );
}

#[test]
fn it_books_into_shifts_at_its_clock_times_on_both_sides_of_the_clock_change() {
    let c = tuesdays();
    let links = links_of(&c);
    // 23 March is GMT, 30 March BST: different UTC hours, the same local slot.
    let before = shift(links, "2027-03-23", "10:00", "13:00");
    let after = shift(links, "2027-03-30", "10:00", "13:00");
    assert_ne!(before.starts_at.time(), after.starts_at.time());
    assert!(c.matches(&before));
    assert!(c.matches(&after));
    assert_eq!(c.slot_on(day("2027-03-30")).to_utc().unwrap(), after.span());
}

#[test]
fn it_does_not_book_into_other_shifts() {
    let c = tuesdays();
    let links = links_of(&c);
    let other_site = ShiftLinks {
        site_id: SiteId::new(),
        ..links
    };
    let other_role = ShiftLinks {
        role_id: RoleId::new(),
        ..links
    };
    assert!(!c.matches(&shift(other_site, "2027-03-23", "10:00", "13:00")));
    assert!(!c.matches(&shift(other_role, "2027-03-23", "10:00", "13:00")));
    assert!(!c.matches(&shift(links, "2027-03-23", "10:00", "12:00")));
    assert!(!c.matches(&shift(links, "2027-03-24", "10:00", "13:00")));
    let mut cancelled = shift(links, "2027-03-23", "10:00", "13:00");
    cancelled.cancelled = true;
    assert!(!c.matches(&cancelled));
}
