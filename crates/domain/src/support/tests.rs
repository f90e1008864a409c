use chrono::{NaiveDate, TimeZone, Utc, Weekday};

use super::*;
use crate::ids::{OrganisationId, PersonId, SupportedPersonId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn profile(capacity: u32, miles: u32) -> MatchProfile {
    MatchProfile {
        organisation_id: OrganisationId::new(),
        person_id: PersonId::new(),
        capacity,
        travel_miles: miles,
        days: Days::from_days(&[Weekday::Tue, Weekday::Thu]),
        gender: None,
        support_types: vec![SupportType::Befriending],
    }
}

fn volunteer(p: MatchProfile, at: Location) -> VolunteerForMatching {
    VolunteerForMatching {
        person_id: p.person_id,
        name: "Ann Volunteer".into(),
        location: Some(at),
        languages: vec!["Punjabi".into()],
        interests: vec!["Gardening".into(), "cricket".into()],
        profile: p,
        current: 0,
    }
}

const LEEDS: Location = Location {
    latitude: 53.7997,
    longitude: -1.5492,
};
const BRADFORD: Location = Location {
    latitude: 53.7960,
    longitude: -1.7594,
};
const YORK: Location = Location {
    latitude: 53.9590,
    longitude: -1.0815,
};

fn needs() -> Needs {
    Needs {
        support_type: SupportType::Befriending,
        location: Some(LEEDS),
        language: String::new(),
        interests: vec!["gardening".into(), "knitting".into()],
        volunteer_gender: None,
        days: Days::from_days(&[Weekday::Tue]),
    }
}

#[test]
fn distance_leeds_to_york_is_about_twenty_one_miles() {
    let m = miles_between(LEEDS, YORK);
    assert!((m - 21.6).abs() < 0.5, "{m}");
    assert!(miles_between(LEEDS, LEEDS) < 1e-9);
}

#[test]
fn a_near_volunteer_with_shared_interests_fits_better_and_says_why() {
    let near = fit(&needs(), &volunteer(profile(2, 15), BRADFORD)).unwrap();
    let mut far_needs = needs();
    far_needs.interests.clear();
    let far = fit(&far_needs, &volunteer(profile(2, 15), BRADFORD)).unwrap();
    assert!(near.score > far.score);
    assert!(near.reasons.iter().any(|r| r.contains("miles away")));
    assert!(
        near.reasons
            .iter()
            .any(|r| r == "Shares interests: gardening")
    );
    assert!(near.reasons.iter().any(|r| r == "Free on Tuesdays"));
}

#[test]
fn hard_limits_rule_a_volunteer_out_with_the_reason() {
    // Too far.
    let err = fit(&needs(), &volunteer(profile(2, 10), YORK)).unwrap_err();
    assert!(err.contains("miles away"), "{err}");
    // Full.
    let mut full = volunteer(profile(1, 30), BRADFORD);
    full.current = 1;
    assert_eq!(
        fit(&needs(), &full).unwrap_err(),
        "has no room for anyone else"
    );
    // Gender asked for and not known.
    let mut n = needs();
    n.volunteer_gender = Some(Gender::Woman);
    assert!(fit(&n, &volunteer(profile(2, 30), BRADFORD)).is_err());
    let mut woman = profile(2, 30);
    woman.gender = Some(Gender::Woman);
    assert!(fit(&n, &volunteer(woman, BRADFORD)).is_ok());
    // Language.
    let mut n = needs();
    n.language = "Urdu".into();
    assert_eq!(
        fit(&n, &volunteer(profile(2, 30), BRADFORD)).unwrap_err(),
        "does not speak Urdu"
    );
    n.language = "punjabi".into();
    assert!(fit(&n, &volunteer(profile(2, 30), BRADFORD)).is_ok());
    // Days.
    let mut n = needs();
    n.days = Days::from_days(&[Weekday::Sat]);
    assert!(fit(&n, &volunteer(profile(2, 30), BRADFORD)).is_err());
    // Support type.
    let mut n = needs();
    n.support_type = SupportType::Transport;
    assert!(fit(&n, &volunteer(profile(2, 30), BRADFORD)).is_err());
}

#[test]
fn telephone_support_ignores_distance() {
    let mut n = needs();
    n.support_type = SupportType::TelephoneSupport;
    let mut p = profile(1, 0);
    p.support_types = vec![SupportType::TelephoneSupport];
    let f = fit(&n, &volunteer(p, YORK)).unwrap();
    assert!(!f.reasons.iter().any(|r| r.contains("miles")));
}

#[test]
fn only_the_volunteer_can_say_yes_and_nobody_is_introduced_before_they_do() {
    use MatchStatus::*;
    assert_eq!(MatchStep::Accept.apply(Proposed, true), Ok(Accepted));
    assert!(MatchStep::Accept.apply(Proposed, false).is_err());
    assert!(MatchStep::Introduce.apply(Proposed, false).is_err());
    assert!(MatchStep::Activate.apply(Proposed, false).is_err());
    assert_eq!(MatchStep::Introduce.apply(Accepted, false), Ok(Introduced));
    assert_eq!(MatchStep::Activate.apply(Introduced, false), Ok(Active));
    assert!(MatchStep::Introduce.apply(Accepted, true).is_err());
    assert_eq!(
        MatchStep::End("moved away".into()).apply(Active, false),
        Ok(Ended)
    );
    assert!(MatchStep::Accept.apply(Withdrawn, true).is_err());
    assert!(MatchStep::Accept.apply(Declined, true).is_err());
}

#[test]
fn contact_is_overdue_after_the_expected_gap_and_grace() {
    let start = day(2026, 11, 2);
    assert_eq!(contact_overdue(start, None, 7, day(2026, 11, 11)), None);
    assert_eq!(contact_overdue(start, None, 7, day(2026, 11, 12)), Some(1));
    assert_eq!(
        contact_overdue(start, Some(day(2026, 11, 10)), 7, day(2026, 11, 12)),
        None
    );
}

#[test]
fn discharge_referrals_are_due_within_a_day() {
    assert_eq!(
        response_target_hours(SupportType::HomeFromHospital, Urgency::Routine),
        24
    );
    assert_eq!(
        response_target_hours(SupportType::Befriending, Urgency::Soon),
        72
    );
    assert_eq!(
        response_target_hours(SupportType::Befriending, Urgency::Routine),
        168
    );
}

#[test]
fn referral_decisions_need_their_reason() {
    assert!(ReferralDecision::parse("decline", " ").is_err());
    assert_eq!(
        ReferralDecision::parse("decline", "Outside our area")
            .unwrap()
            .status(),
        ReferralStatus::Declined
    );
    assert!(ReferralDecision::parse("maybe", "").is_err());
}

#[test]
fn a_service_user_needs_a_name_and_real_dates_and_a_consent_method() {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap();
    let today = day(2026, 11, 29);
    let input = SupportedPersonInput {
        consent_to_support_on: "30/11/2026".into(),
        postcode: "not a postcode".into(),
        ..Default::default()
    };
    let errors = input
        .parse(SupportedPersonId::new(), OrganisationId::new(), today, now)
        .unwrap_err();
    for field in [
        "given_name",
        "family_name",
        "postcode",
        "consent_to_support_on",
        "consent_method",
    ] {
        assert!(errors.get(field).is_some(), "{field}");
    }
    let ok = SupportedPersonInput {
        given_name: "Edna".into(),
        family_name: "Brown".into(),
        postcode: "ls1 4ap".into(),
        consent_to_support_on: "28/11/2026".into(),
        consent_to_data_on: "28/11/2026".into(),
        consent_method: "verbal".into(),
        interests: "gardening, Gardening, baking".into(),
        days: vec!["tue".into(), "fri".into()],
        receives_support: true,
        ..Default::default()
    }
    .parse(SupportedPersonId::new(), OrganisationId::new(), today, now)
    .unwrap();
    assert!(ok.consented());
    assert_eq!(ok.status, Some(SupportStatus::Referred));
    assert_eq!(ok.interests, vec!["gardening", "baking"]);
    assert_eq!(ok.days.describe(), "Tuesdays and Fridays");
}

#[test]
fn days_round_trip_through_their_stored_bits() {
    let d = Days::from_codes(["mon", "sun", "nonsense"]);
    assert_eq!(Days::from_bits(d.bits()), d);
    assert_eq!(d.days(), vec![Weekday::Mon, Weekday::Sun]);
    assert_eq!(Days::NONE.describe(), "any day");
}

#[test]
fn feedback_needs_an_answer_and_who_gave_it() {
    let e = SupportFeedbackInput::default().parse().unwrap_err();
    assert!(e.get("rating").is_some() && e.get("answered_by").is_some());
    let (rating, by, comment) = SupportFeedbackInput {
        rating: "good".into(),
        answered_by: "carer".into(),
        comment: " She looks forward to Tuesdays ".into(),
    }
    .parse()
    .unwrap();
    assert!(rating.is_positive());
    assert_eq!(by, crate::instruments::feedback::AnsweredBy::Carer);
    assert_eq!(comment, "She looks forward to Tuesdays");
}

#[test]
fn steps_are_read_from_their_codes() {
    assert_eq!(
        MatchStep::parse(" end ", "Moved"),
        Ok(MatchStep::End("Moved".into()))
    );
    assert_eq!(MatchStep::parse("accept", ""), Ok(MatchStep::Accept));
    assert!(
        MatchStep::parse("assign", "")
            .unwrap_err()
            .get("step")
            .is_some()
    );
}

#[test]
fn a_record_reads_back_into_the_same_record_through_its_form() {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0).unwrap();
    let today = day(2026, 11, 29);
    let input = SupportedPersonInput {
        given_name: "Edna".into(),
        family_name: "Brown".into(),
        postcode: "LS1 4AP".into(),
        date_of_birth: "1940-05-02".into(),
        volunteer_gender: "woman".into(),
        interests: "gardening, baking".into(),
        days: vec!["tue".into(), "fri".into()],
        consent_to_support_on: "2026-11-28".into(),
        consent_to_data_on: "2026-11-28".into(),
        consent_method: "written".into(),
        receives_support: true,
        ..Default::default()
    };
    let (id, org) = (SupportedPersonId::new(), OrganisationId::new());
    let first = input.parse(id, org, today, now).unwrap();
    let again = SupportedPersonInput::from_person(&first)
        .parse(id, org, today, now)
        .unwrap();
    assert_eq!(again, first);
}
