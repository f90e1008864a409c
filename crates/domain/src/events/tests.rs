#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};

use super::registration::{
    RegistrationRefusal, check_attendance, check_attended, check_cancel, check_open,
};
use super::*;
use crate::FieldErrors;
use crate::ids::{EventRegistrationId, PersonId};

fn input() -> EventInput {
    EventInput {
        title: "Recruiting younger volunteers".into(),
        description: "Ideas that worked".into(),
        audience_note: "Volunteer managers in the public sector".into(),
        visibility: "public".into(),
        format: "hybrid".into(),
        venue: "Civic Centre, Leeds".into(),
        joining_link: "https://meet.example.org/abc".into(),
        date: "5 3 2027".into(),
        start_time: "10:00".into(),
        end_time: "12:30".into(),
        capacity: "20".into(),
        member_price: "0".into(),
        non_member_price: "25".into(),
        series: "Learning programme 2027".into(),
    }
}

fn owner() -> EventOwner {
    EventOwner::Network(crate::ids::NetworkId::new())
}

fn parse(i: &EventInput) -> Result<ParsedEvent, FieldErrors> {
    i.parse(EventId::new(), owner(), Utc::now())
}

fn fields(i: &EventInput) -> Vec<String> {
    parse(i)
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| e.field)
        .collect()
}

#[test]
fn a_full_form_parses_in_uk_time_with_prices_in_pence() {
    let p = parse(&input()).unwrap();
    let ev = p.event;
    assert_eq!(
        ev.starts_at,
        Utc.with_ymd_and_hms(2027, 3, 5, 10, 0, 0).unwrap()
    );
    assert_eq!(ev.cpd_minutes(), 150);
    assert_eq!(ev.non_member_price, Pence(2500));
    assert_eq!(ev.price_for(true), Pence(0));
    assert_eq!(ev.format.venue(), Some("Civic Centre, Leeds"));
    assert_eq!(p.series.as_deref(), Some("Learning programme 2027"));
    // Summer time: 10:00 in June is 09:00 UTC.
    let mut june = input();
    june.date = "2027-06-05".into();
    assert_eq!(
        parse(&june).unwrap().event.starts_at,
        Utc.with_ymd_and_hms(2027, 6, 5, 9, 0, 0).unwrap()
    );
}

#[test]
fn every_bad_field_is_named() {
    let mut i = input();
    i.title = " ".into();
    i.visibility = "friends".into();
    i.capacity = "0".into();
    i.member_price = "-1".into();
    i.non_member_price = "lots".into();
    i.end_time = "09:00".into();
    assert_eq!(
        fields(&i),
        vec![
            "title",
            "visibility",
            "end_time",
            "capacity",
            "member_price",
            "non_member_price"
        ]
    );
}

#[test]
fn the_format_decides_what_is_needed() {
    let mut i = input();
    i.format = "online".into();
    i.joining_link = "http://meet.example.org".into();
    i.venue = String::new();
    assert_eq!(fields(&i), vec!["joining_link"]);
    i.joining_link = "https://meet.example.org/x".into();
    let ev = parse(&i).unwrap().event;
    assert_eq!(ev.format.venue(), None);
    i.format = "in_person".into();
    assert_eq!(fields(&i), vec!["venue"]);
    i.format = String::new();
    assert_eq!(fields(&i), vec!["format"]);
}

#[test]
fn an_existing_event_reads_back_the_same() {
    let p = parse(&input()).unwrap();
    let series = EventSeries {
        id: crate::ids::EventSeriesId::new(),
        owner: p.event.owner,
        name: "Learning programme 2027".into(),
        year: 2027,
    };
    let again = EventInput::from_event(&p.event, Some(&series))
        .parse(p.event.id, p.event.owner, p.event.created_at)
        .unwrap();
    assert_eq!(again, p);
}

fn event() -> LearningEvent {
    parse(&input()).unwrap().event
}

fn registration(ev: &LearningEvent, status: RegistrationStatus) -> Registration {
    Registration {
        status,
        ..Registration::new(
            ev,
            PersonId::new(),
            false,
            Utc.with_ymd_and_hms(2027, 1, 1, 9, 0, 0).unwrap(),
        )
    }
}

#[test]
fn the_price_is_decided_at_registration() {
    let ev = event();
    let now = Utc::now();
    assert_eq!(
        Registration::new(&ev, PersonId::new(), true, now).price,
        Pence(0)
    );
    assert_eq!(
        Registration::new(&ev, PersonId::new(), false, now).price,
        Pence(2500)
    );
}

#[test]
fn offers_last_48_hours_but_close_two_hours_before_the_start() {
    let start = Utc.with_ymd_and_hms(2027, 3, 5, 10, 0, 0).unwrap();
    let early = Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap();
    assert_eq!(
        offer_expiry(early, start),
        Some(early + chrono::TimeDelta::hours(48))
    );
    let late = Utc.with_ymd_and_hms(2027, 3, 4, 10, 0, 0).unwrap();
    assert_eq!(
        offer_expiry(late, start),
        Some(Utc.with_ymd_and_hms(2027, 3, 5, 8, 0, 0).unwrap())
    );
    let too_late = Utc.with_ymd_and_hms(2027, 3, 5, 7, 45, 0).unwrap();
    assert_eq!(offer_expiry(too_late, start), None);
}

#[test]
fn places_are_held_by_places_and_live_offers_only() {
    let ev = event();
    let now = Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap();
    let mut offered = registration(&ev, RegistrationStatus::Offered);
    offered.offer_expires_at = Some(now + chrono::TimeDelta::hours(1));
    assert!(offered.holds_place(now));
    assert!(!offered.holds_place(now + chrono::TimeDelta::hours(2)));
    assert!(registration(&ev, RegistrationStatus::Registered).holds_place(now));
    assert!(!registration(&ev, RegistrationStatus::Waitlisted).holds_place(now));
    assert!(!registration(&ev, RegistrationStatus::Cancelled).holds_place(now));
}

#[test]
fn attendance_only_after_the_start_and_only_for_places() {
    let ev = event();
    let before = ev.starts_at - chrono::TimeDelta::minutes(1);
    let after = ev.starts_at;
    let placed = registration(&ev, RegistrationStatus::Registered);
    assert_eq!(
        check_attendance(&ev, &placed, before),
        Err(RegistrationRefusal::NotStarted)
    );
    assert_eq!(check_attendance(&ev, &placed, after), Ok(()));
    assert_eq!(
        check_attendance(
            &ev,
            &registration(&ev, RegistrationStatus::Waitlisted),
            after
        ),
        Err(RegistrationRefusal::NoPlace)
    );
    assert_eq!(
        check_cancel(&ev, &placed, after),
        Err(RegistrationRefusal::Started)
    );
    assert_eq!(check_cancel(&ev, &placed, before), Ok(()));
    assert!(check_open(&ev, before).is_ok());
    assert!(check_open(&ev, after).is_err());
}

#[test]
fn feedback_and_certificates_only_for_attendees() {
    let ev = event();
    assert!(check_attended(&registration(&ev, RegistrationStatus::Attended)).is_ok());
    for s in [
        RegistrationStatus::Registered,
        RegistrationStatus::DidNotAttend,
        RegistrationStatus::Cancelled,
    ] {
        assert_eq!(
            check_attended(&registration(&ev, s)),
            Err(RegistrationRefusal::NotAttended)
        );
    }
    let answers = FeedbackInput {
        useful: "6".into(),
        ..FeedbackInput::default()
    };
    let err = answers
        .parse(EventRegistrationId::new(), ev.id, Utc::now())
        .unwrap_err();
    assert_eq!(err.0[0].field, "useful");
    let ok = FeedbackInput {
        useful: "4".into(),
        comments: "Good".into(),
        will_do_differently: "Ask sooner".into(),
    }
    .parse(EventRegistrationId::new(), ev.id, Utc::now())
    .unwrap();
    assert_eq!(ok.useful, 4);
}

#[test]
fn the_learning_record_groups_by_uk_year_with_totals() {
    let line = |y, m, d, minutes| LearningLine {
        source: LearningSource::Event(EventRegistrationId::new()),
        title: format!("Event {y}-{m}"),
        provider: "Northshire".into(),
        starts_at: Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap(),
        minutes,
    };
    // 23:30 UTC on 31 December 2026 is still 2026 in the UK (GMT).
    let record = LearningRecord::from_lines(vec![
        line(2027, 5, 1, 90),
        line(2026, 3, 1, 120),
        line(2027, 1, 10, 60),
    ]);
    assert_eq!(record.years.len(), 2);
    assert_eq!(record.years[0].year, 2027);
    assert_eq!(record.years[0].minutes, 150);
    assert_eq!(record.years[0].lines[0].title, "Event 2027-1");
    assert_eq!(record.years[1].minutes, 120);
    assert_eq!(record.total_minutes(), 270);
    assert_eq!(hours_in_words(150), "2 hours 30 minutes");
    assert_eq!(hours_in_words(60), "1 hour");
}

#[test]
fn the_offer_email_says_until_when_in_uk_time() {
    let notice = OfferNotice {
        title: "Recruiting younger volunteers",
        starts_at: Utc.with_ymd_and_hms(2027, 6, 5, 9, 0, 0).unwrap(),
        expires_at: Utc.with_ymd_and_hms(2027, 6, 3, 9, 0, 0).unwrap(),
        link: "https://alongside.example/events/x",
    };
    assert_eq!(
        notice.subject(),
        "A place has come up: Recruiting younger volunteers"
    );
    let body = notice.body();
    assert!(body.contains("Saturday 5 June 2027 at 10:00"), "{body}");
    assert!(
        body.contains("until Thursday 3 June 2027 at 10:00"),
        "{body}"
    );
}
