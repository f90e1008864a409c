use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::ids::{OrganisationId, PersonId};
use crate::instruments::{brs, ons4, swemwbs};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn follow_ups_fall_due_months_after_starting_and_not_after_leaving() {
    let start = d(2026, 1, 31);
    assert_eq!(due_on(Occasion::Baseline, start, None), Some(start));
    assert_eq!(
        due_on(Occasion::ThreeMonths, start, None),
        Some(d(2026, 4, 30))
    );
    assert_eq!(
        due_on(Occasion::TwelveMonths, start, None),
        Some(d(2027, 1, 31))
    );
    assert_eq!(
        due_on(Occasion::SixMonths, start, Some(d(2026, 5, 1))),
        None
    );
    assert_eq!(
        due_on(Occasion::Exit, start, Some(d(2026, 5, 1))),
        Some(d(2026, 5, 1))
    );
    assert_eq!(due_on(Occasion::Exit, start, None), None);
    assert_eq!(due_on(Occasion::Pulse, start, None), None);
}

#[test]
fn pulse_sampling_takes_about_one_in_n_and_all_when_one() {
    let ids: Vec<Uuid> = (0..10_000).map(|_| Uuid::now_v7()).collect();
    let taken = ids.iter().filter(|id| pulse_sampled(**id, 10)).count();
    assert!((700..1300).contains(&taken), "{taken} of 10,000 sampled");
    assert!(ids.iter().all(|id| pulse_sampled(*id, 1)));
    assert!(!pulse_sampled(ids[0], 0));
}

#[test]
fn swemwbs_cannot_be_planned_without_a_recorded_licence() {
    let org = OrganisationId::new();
    let mut input = SurveyPlanInput::from_plan(&SurveyPlan::default_for(org, Occasion::Baseline));
    input.instruments.push("swemwbs".into());
    let refused = input.parse(org, Occasion::Baseline, &[]).unwrap_err();
    assert_eq!(refused.0[0].field, "instruments");
    assert!(refused.0[0].message.contains("licence"), "{refused:?}");
    let plan = input.parse(org, Occasion::Baseline, &["swemwbs"]).unwrap();
    assert!(plan.asks("swemwbs"));
}

#[test]
fn plans_check_their_days_and_need_an_instrument_when_on() {
    let org = OrganisationId::new();
    let input = SurveyPlanInput {
        enabled: true,
        instruments: vec![],
        anonymous: false,
        close_after_days: "7".into(),
        remind_after_days: "7".into(),
        pulse_one_in: "0".into(),
    };
    let errors = input.parse(org, Occasion::Pulse, &[]).unwrap_err();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["instruments", "remind_after_days", "pulse_one_in"],
        "{errors:?}"
    );
    let off = SurveyPlanInput {
        enabled: false,
        remind_after_days: "0".into(),
        ..input
    };
    assert!(!off.parse(org, Occasion::Exit, &[]).unwrap().enabled);
}

#[test]
fn stored_instrument_codes_round_trip() {
    let list = vec![&ons4::ONS4, &brs::BRS, &swemwbs::SWEMWBS];
    let codes = instruments_to_codes(&list);
    assert_eq!(codes, "ons4@1,brs@1,swemwbs@1");
    assert_eq!(instruments_from_codes(&codes), list);
    assert_eq!(instruments_from_codes("ons4@9,nope,brs@1"), vec![&brs::BRS]);
}

#[test]
fn anonymous_responses_keep_no_person_and_only_the_month() {
    let org = OrganisationId::new();
    let person = PersonId::new();
    let mut plan = SurveyPlan::default_for(org, Occasion::Exit);
    let now = Utc.with_ymd_and_hms(2026, 11, 17, 10, 0, 0).unwrap();
    let invitation = SurveyInvitation::new(&plan, person, None, now);
    let r = SurveyResponse::new(
        &invitation,
        &ons4::ONS4,
        Default::default(),
        d(2026, 11, 17),
    );
    assert_eq!(r.respondent, Respondent::Anonymous);
    assert_eq!(r.person_id(), None);
    assert_eq!(r.answered_on, d(2026, 11, 1));
    assert_eq!(
        r.id.0.get_version_num(),
        4,
        "no timestamp in an anonymous id"
    );
    plan.anonymous = false;
    let named = SurveyInvitation::new(&plan, person, None, now);
    let r = SurveyResponse::new(&named, &ons4::ONS4, Default::default(), d(2026, 11, 17));
    assert_eq!(r.person_id(), Some(person));
    assert_eq!(r.answered_on, d(2026, 11, 17));
}

#[test]
fn invitations_remind_once_before_closing() {
    let org = OrganisationId::new();
    let plan = SurveyPlan::default_for(org, Occasion::Baseline);
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let mut inv = SurveyInvitation::new(&plan, PersonId::new(), None, now);
    assert!(!inv.reminder_due(now));
    let week = now + chrono::Duration::days(7);
    assert!(inv.reminder_due(week));
    inv.reminded = true;
    assert!(!inv.reminder_due(week));
    assert!(inv.is_open(week));
    assert!(!inv.is_open(now + chrono::Duration::days(21)));
}

#[test]
fn form_answers_are_read_per_instrument_and_errors_name_the_field() {
    let list = [&ons4::ONS4, &brs::BRS];
    let form = |name: &str| match name {
        "ons4-satis" => "7".to_owned(),
        "brs-q1" => "9".to_owned(),
        "brs-q2" => "x".to_owned(),
        _ => String::new(),
    };
    let errors = answers_from_form(&list, form).unwrap_err();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["brs-q2", "brs-q1"], "{errors:?}");
    let ok = answers_from_form(&list, |n: &str| {
        if n == "ons4-satis" {
            "7".into()
        } else {
            String::new()
        }
    })
    .unwrap();
    assert_eq!(ok[0].1.get("satis"), Some(7));
    assert_eq!(ok[1].1.get("q1"), None);
    let none = answers_from_form(&list, |_: &str| String::new()).unwrap_err();
    assert_eq!(none.0[0].field, "ons4-satis");
}
