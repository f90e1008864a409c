use chrono::NaiveDate;

use super::*;
use crate::ids::{PersonId, RoleId, SiteId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn input(date: &str, hours: &str, minutes: &str, description: &str) -> HoursInput {
    HoursInput {
        date: date.into(),
        hours: hours.into(),
        minutes: minutes.into(),
        description: description.into(),
    }
}

#[test]
fn hours_and_minutes_add_up() {
    let today = day(2027, 6, 10);
    let p = input("9 6 2027", "2", "30", " Phoned three people ")
        .parse(today)
        .unwrap();
    assert_eq!(p.worked_on, day(2027, 6, 9));
    assert_eq!(p.minutes, 150);
    assert_eq!(p.description, "Phoned three people");
    assert_eq!(
        input("2027-06-10", "", "90", "Calls")
            .parse(today)
            .unwrap()
            .minutes,
        90
    );
    assert_eq!(
        input("10 6 2027", "24", "", "Event")
            .parse(today)
            .unwrap()
            .minutes,
        1440
    );
}

#[test]
fn bad_hours_are_refused_field_by_field() {
    let today = day(2027, 6, 10);
    let e = input("11 6 2027", "1", "", "x").parse(today).unwrap_err();
    assert_eq!(e.get("date"), Some("The date cannot be in the future"));
    let e = input("", "", "", "").parse(today).unwrap_err();
    assert_eq!(e.get("date"), Some("Enter the date"));
    assert_eq!(
        e.get("minutes"),
        Some("Enter how long you spent, more than 0 minutes")
    );
    assert_eq!(e.get("description"), Some("Enter what you did"));
    let e = input("1 6 2027", "-1", "", "x").parse(today).unwrap_err();
    assert_eq!(e.get("hours"), Some("Hours cannot be negative"));
    let e = input("1 6 2027", "", "-5", "x").parse(today).unwrap_err();
    assert_eq!(e.get("minutes"), Some("Minutes cannot be negative"));
    let e = input("1 6 2027", "0", "0", "x").parse(today).unwrap_err();
    assert!(e.get("minutes").unwrap().contains("more than 0"));
    let e = input("1 6 2027", "24", "1", "x").parse(today).unwrap_err();
    assert_eq!(
        e.get("minutes"),
        Some("The time for one day cannot be more than 24 hours")
    );
    let e = input("1 6 2027", "99999999999", "", "x")
        .parse(today)
        .unwrap_err();
    assert!(e.get("minutes").unwrap().contains("24 hours"));
    let e = input("1 6 2027", "two", "", "x").parse(today).unwrap_err();
    assert_eq!(
        e.get("hours"),
        Some("Enter hours as a whole number, like 2")
    );
}

#[test]
fn durations_read_naturally() {
    assert_eq!(duration_words(45), "45 minutes");
    assert_eq!(duration_words(60), "1 hour");
    assert_eq!(duration_words(195), "3 hours 15 minutes");
    assert_eq!(duration_words(61), "1 hour 1 minute");
    assert_eq!(decimal_hours(195), "3.25");
    assert_eq!(decimal_hours(20), "0.33");
    assert_eq!(decimal_hours(0), "0.00");
}

#[test]
fn totals_add_up_by_month_per_volunteer_role_site_and_organisation() {
    let (sam, ria) = (PersonId::new(), PersonId::new());
    let (visitor, driver) = (RoleId::new(), RoleId::new());
    let ward = SiteId::new();
    let item = |person, role, site, date, minutes| HoursItem {
        person_id: person,
        role_id: role,
        site_id: site,
        date,
        minutes,
    };
    let items = [
        item(sam, visitor, Some(ward), day(2027, 1, 31), 180),
        item(sam, visitor, Some(ward), day(2027, 2, 1), 120),
        item(sam, driver, None, day(2027, 2, 14), 45),
        item(ria, visitor, Some(ward), day(2027, 2, 20), 60),
        item(ria, driver, None, day(2027, 12, 31), 30),
        // Other years and nothing at all are left out.
        item(ria, driver, None, day(2026, 12, 31), 600),
        item(sam, visitor, Some(ward), day(2028, 1, 1), 600),
        item(sam, visitor, Some(ward), day(2027, 3, 1), 0),
    ];
    let t = totals_by_month(2027, &items);
    assert_eq!(t.year, 2027);
    let mut org = [0; 12];
    org[0] = 180;
    org[1] = 225;
    org[11] = 30;
    assert_eq!(t.organisation.0, org);
    assert_eq!(t.organisation.total(), 435);
    assert_eq!(t.by_person[&sam].0[0], 180);
    assert_eq!(t.by_person[&sam].0[1], 165);
    assert_eq!(t.by_person[&sam].total(), 345);
    assert_eq!(t.by_person[&ria].total(), 90);
    assert_eq!(t.by_role[&visitor].total(), 360);
    assert_eq!(t.by_role[&driver].0[1], 45);
    assert_eq!(t.by_role[&driver].0[11], 30);
    assert_eq!(t.by_site[&Some(ward)].total(), 360);
    assert_eq!(t.by_site[&None].total(), 75);
    assert_eq!(t.by_person.len(), 2);
    // Every breakdown adds up to the organisation's total.
    for sum in [
        t.by_person.values().map(MonthTotals::total).sum::<i64>(),
        t.by_role.values().map(MonthTotals::total).sum(),
        t.by_site.values().map(MonthTotals::total).sum(),
    ] {
        assert_eq!(sum, t.organisation.total());
    }
    assert_eq!(
        totals_by_month(2025, &items),
        HoursTotals {
            year: 2025,
            ..HoursTotals::default()
        }
    );
}

fn logged(status: HoursStatus) -> HoursLog {
    HoursLog {
        id: HoursLogId::new(),
        organisation_id: crate::ids::OrganisationId::new(),
        person_id: PersonId::new(),
        role_id: RoleId::new(),
        worked_on: day(2027, 6, 9),
        minutes: 90,
        description: "Calls".into(),
        status,
        submitted_at: chrono::Utc::now(),
        decided_at: None,
        decided_by: None,
        message: String::new(),
    }
}

#[test]
fn a_decision_moves_submitted_hours_and_approved_ones_are_final() {
    let now = chrono::Utc::now();
    let manager = Some(PersonId::new());
    let sent = logged(HoursStatus::Submitted);
    let queried = sent
        .decide(HoursStatus::Queried, manager, "Which ward?".into(), now)
        .unwrap();
    assert_eq!(
        (queried.status, queried.message.as_str(), queried.decided_by),
        (HoursStatus::Queried, "Which ward?", manager)
    );
    // Asked once, not again until the volunteer replies; approving the question is fine.
    assert_eq!(
        queried.decide(HoursStatus::Queried, manager, "Again?".into(), now),
        Err(HoursRefusal::AlreadyQueried)
    );
    let approved = queried
        .decide(HoursStatus::Approved, manager, "ignored".into(), now)
        .unwrap();
    assert_eq!(
        (approved.status, approved.message.as_str()),
        (HoursStatus::Approved, "")
    );
    for to in [HoursStatus::Approved, HoursStatus::Queried] {
        assert_eq!(
            approved.decide(to, manager, String::new(), now),
            Err(HoursRefusal::AlreadyApproved)
        );
    }
}

#[test]
fn only_queried_hours_are_sent_again_and_then_wait_for_a_decision() {
    let now = chrono::Utc::now();
    let corrected = || ParsedHours {
        worked_on: day(2027, 6, 8),
        minutes: 60,
        description: "Calls from the ward office".into(),
    };
    let resent = logged(HoursStatus::Queried)
        .resend(corrected(), now)
        .unwrap();
    assert_eq!(
        (
            resent.status,
            resent.minutes,
            resent.worked_on,
            resent.submitted_at
        ),
        (HoursStatus::Submitted, 60, day(2027, 6, 8), now)
    );
    for status in [HoursStatus::Submitted, HoursStatus::Approved] {
        assert_eq!(
            logged(status).resend(corrected(), now),
            Err(HoursRefusal::NotQueried)
        );
    }
}
