use chrono::{NaiveDate, TimeZone, Utc};

use super::benchmark::*;
use super::membership::*;
use crate::expenses::Pence;
use crate::ids::{NetworkId, NetworkMemberId};
use crate::values::Email;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn member(renews_on: Option<NaiveDate>) -> NetworkMember {
    NetworkMember {
        id: NetworkMemberId::new(),
        network_id: NetworkId::new(),
        member: Member::Individual {
            person_id: None,
            name: "Asha Patel".into(),
            email: Email::parse("asha@example.org").unwrap(),
            job_title: String::new(),
            employer: String::new(),
        },
        joined_on: day(2025, 4, 1),
        renews_on,
        annual_fee: Some(Pence(4500)),
        ended_on: None,
        in_directory: false,
        directory_note: String::new(),
    }
}

#[test]
fn standing_follows_the_renewal_date() {
    let m = member(Some(day(2027, 4, 1)));
    assert_eq!(m.standing(day(2027, 1, 1)), Standing::Active);
    assert_eq!(m.standing(day(2027, 3, 10)), Standing::RenewalDue);
    assert_eq!(m.standing(day(2027, 4, 1)), Standing::RenewalDue);
    assert_eq!(m.standing(day(2027, 4, 2)), Standing::Lapsed);
    assert!(m.is_current(day(2027, 4, 2)));
    let ended = NetworkMember {
        ended_on: Some(day(2027, 2, 1)),
        ..m
    };
    assert_eq!(ended.standing(day(2027, 2, 1)), Standing::Ended);
    assert!(!ended.is_current(day(2027, 2, 1)));
    assert_eq!(member(None).standing(day(2040, 1, 1)), Standing::Active);
}

#[test]
fn renewing_early_keeps_the_year_and_renewing_late_starts_a_new_one() {
    let m = member(Some(day(2027, 4, 1)));
    assert_eq!(m.next_renewal_date(day(2027, 3, 15)), day(2028, 4, 1));
    assert_eq!(m.next_renewal_date(day(2027, 4, 1)), day(2028, 4, 1));
    assert_eq!(m.next_renewal_date(day(2027, 6, 20)), day(2028, 6, 20));
    assert_eq!(
        member(None).next_renewal_date(day(2027, 6, 20)),
        day(2028, 6, 20)
    );
}

#[test]
fn a_renewal_needs_a_day_not_in_the_future_and_no_negative_amount() {
    let m = member(Some(day(2027, 4, 1)));
    let at = Utc.with_ymd_and_hms(2027, 3, 20, 12, 0, 0).unwrap();
    let input = RenewalInput {
        paid_on: "2027-03-21".into(),
        amount: "-5".into(),
    };
    let errors = input.parse(&m, "Sam".into(), at).unwrap_err();
    assert!(errors.get("paid_on").is_some());
    assert!(errors.get("amount").is_some());
    let ok = RenewalInput {
        paid_on: "20 3 2027".into(),
        amount: "45".into(),
    }
    .parse(&m, "Sam".into(), at)
    .unwrap();
    assert_eq!(ok.amount, Pence(4500));
    assert_eq!(ok.previous_renews_on, Some(day(2027, 4, 1)));
    assert_eq!(ok.renews_on, day(2028, 4, 1));
}

#[test]
fn an_individual_member_needs_a_name_and_email_and_a_renewal_after_joining() {
    let input = MemberInput {
        membership_type: "individual".into(),
        email: "not an email".into(),
        joined_on: "2027-01-01".into(),
        renews_on: "2026-12-31".into(),
        annual_fee: "£45".into(),
        ..Default::default()
    };
    let e = input
        .parse(NetworkMemberId::new(), NetworkId::new(), None, None)
        .unwrap_err();
    assert!(e.get("name").is_some());
    assert!(e.get("email").is_some());
    assert!(e.get("renews_on").is_some());
    let e = MemberInput::default()
        .parse(NetworkMemberId::new(), NetworkId::new(), None, None)
        .unwrap_err();
    assert!(e.get("membership_type").is_some());
    assert!(e.get("joined_on").is_some());
}

#[test]
fn quantiles_interpolate_like_numpy() {
    // numpy.quantile([1, 2, 3, 4, 10], [0.25, 0.5, 0.75]) == [2, 3, 4]
    let v = [1.0, 2.0, 3.0, 4.0, 10.0];
    assert_eq!(quantile(&v, 0.25), Some(2.0));
    assert_eq!(quantile(&v, 0.5), Some(3.0));
    // numpy.quantile([1, 2, 3, 4, 5, 6], 0.25) == 2.25
    assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 0.25), Some(2.25));
    assert_eq!(quantile(&[], 0.5), None);
}

fn fig(value: f64, people: usize) -> MemberFigure {
    MemberFigure {
        value: Some(value),
        people,
    }
}

#[test]
fn network_figures_from_fewer_than_five_members_are_withheld() {
    let four = [fig(1.0, 20), fig(2.0, 20), fig(3.0, 20), fig(4.0, 20)];
    assert_eq!(spread(&four), None);
    let mut five = four.to_vec();
    five.push(fig(5.0, 20));
    let s = spread(&five).unwrap();
    assert_eq!((s.median, s.organisations), (3.0, 5));
}

#[test]
fn members_with_fewer_than_ten_people_are_withheld_and_not_counted() {
    let all = [
        fig(1.0, 20),
        fig(2.0, 20),
        fig(3.0, 20),
        fig(4.0, 20),
        fig(50.0, 9),
    ];
    let c = compare(Measure::HoursPerVolunteer, all[4], &all);
    assert_eq!(c.own, None);
    assert_eq!(c.own_people, 9);
    assert_eq!(c.network, None, "only four members count");
    assert_eq!(c.organisations_counted, 4);
    let c = compare(Measure::HoursPerVolunteer, all[0], &all);
    assert_eq!(c.own, Some(1.0));
}
