//! Quality and outcomes in the store: plans, licences, invitations (answered once, reminded
//! with their own link), responses kept exactly with anonymous ones holding no person, survey
//! candidates from placements, and indicators with their activity.

use std::sync::Arc;

use app::{Store, Write};
use chrono::Duration;
use domain::compliance::PlacementStatus;
use domain::engagement::EngagementStatus;
use domain::ids::{ActivityRecordId, PersonId};
use domain::instruments::{Answers, brs, ons4, swemwbs};
use domain::outcome_framework::{ActivityRecord, IndicatorInput};
use domain::surveys::{
    InstrumentLicence, Occasion, Respondent, SurveyInvitation, SurveyPlan, SurveyResponse,
};

use crate::fixtures::{assert_conflict, at, day, engagement, placement};
use crate::rota::set_up;

async fn plans_and_licences_round_trip(store: Arc<dyn Store>) {
    let (org, _, _) = set_up(&store, 0, &[]).await;
    assert!(store.survey_plans(org.id).await.unwrap().is_empty());
    let mut plan = SurveyPlan::default_for(org.id, Occasion::SixMonths);
    plan.instruments.push(&swemwbs::SWEMWBS);
    plan.anonymous = true;
    plan.remind_after_days = 0;
    let licence = InstrumentLicence {
        organisation_id: org.id,
        instrument: "swemwbs",
        registered_on: day(2026, 3, 5),
        reference: "WEMWBS-123".into(),
        recorded_by: "Pat Admin".into(),
        recorded_at: at(2, 9),
    };
    store
        .apply(vec![
            Write::PutSurveyPlan(plan.clone()),
            Write::PutInstrumentLicence(licence.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.survey_plans(org.id).await.unwrap(),
        vec![plan.clone()]
    );
    plan.enabled = false;
    store
        .apply(vec![Write::PutSurveyPlan(plan.clone())])
        .await
        .unwrap();
    assert_eq!(store.survey_plans(org.id).await.unwrap(), vec![plan]);
    assert_eq!(
        store.instrument_licences(org.id).await.unwrap(),
        vec![licence]
    );
}
conformance!(plans_and_licences_round_trip);

async fn invitations_answer_once_and_remind_with_their_own_link(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 2, &[]).await;
    let plan = SurveyPlan::default_for(org.id, Occasion::Baseline);
    let sent = at(3, 9);
    let inv = SurveyInvitation::new(&plan, people[0], None, sent);
    store
        .apply(vec![Write::InsertSurveyInvitation(
            inv.clone(),
            "first-hash".into(),
            "stint:2026-01-01".into(),
        )])
        .await
        .unwrap();
    // The same occasion and stint for the same person is refused: one invitation each.
    let again = SurveyInvitation::new(&plan, people[0], None, sent);
    assert_conflict(
        store
            .apply(vec![Write::InsertSurveyInvitation(
                again,
                "other-hash".into(),
                "stint:2026-01-01".into(),
            )])
            .await,
    );
    assert_eq!(
        store
            .survey_invitation_by_token("first-hash")
            .await
            .unwrap(),
        Some(inv.clone())
    );
    let due = sent + Duration::days(7);
    assert_eq!(
        store.survey_reminders_due(due).await.unwrap(),
        vec![inv.clone()]
    );
    assert!(
        store
            .survey_reminders_due(due - Duration::hours(1))
            .await
            .unwrap()
            .is_empty()
    );
    store
        .apply(vec![Write::MarkSurveyReminded(
            org.id,
            inv.id,
            "reminder-hash".into(),
        )])
        .await
        .unwrap();
    assert!(store.survey_reminders_due(due).await.unwrap().is_empty());
    let by_reminder = store
        .survey_invitation_by_token("reminder-hash")
        .await
        .unwrap()
        .unwrap();
    assert!(by_reminder.reminded);
    assert_eq!(by_reminder.id, inv.id);
    store
        .apply(vec![Write::AnswerSurveyInvitation(org.id, inv.id)])
        .await
        .unwrap();
    assert_conflict(
        store
            .apply(vec![Write::AnswerSurveyInvitation(org.id, inv.id)])
            .await,
    );
    let mine = store.survey_invitations_of_person(people[0]).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].answered);
    assert!(
        store
            .survey_invitations_of_person(people[1])
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(invitations_answer_once_and_remind_with_their_own_link);

async fn responses_round_trip_and_anonymous_ones_name_nobody(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 2, &[]).await;
    let named_plan = SurveyPlan::default_for(org.id, Occasion::Baseline);
    let anonymous_plan = SurveyPlan::default_for(org.id, Occasion::Exit);
    let named = SurveyInvitation::new(&named_plan, people[0], None, at(3, 9));
    let anonymous = SurveyInvitation::new(&anonymous_plan, people[1], None, at(3, 9));
    let answers = Answers::new().with("satis", 7).with("worth", 8);
    let mut brs_answers = Answers::new().with("q1", 4);
    brs_answers.set("q2", None);
    let r1 = SurveyResponse::new(&named, &ons4::ONS4, answers.clone(), day(2026, 11, 17));
    let r2 = SurveyResponse::new(&named, &brs::BRS, brs_answers, day(2026, 11, 17));
    let r3 = SurveyResponse::new(&anonymous, &ons4::ONS4, answers, day(2026, 11, 17));
    store
        .apply(vec![
            Write::InsertSurveyResponse(r1.clone()),
            Write::InsertSurveyResponse(r2.clone()),
            Write::InsertSurveyResponse(r3.clone()),
        ])
        .await
        .unwrap();
    let all = store
        .survey_responses(org.id, day(2026, 11, 1), day(2026, 11, 30))
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    for r in [&r1, &r2, &r3] {
        assert!(all.contains(r), "{r:?} kept exactly");
    }
    let stored_anonymous = all
        .iter()
        .find(|r| r.respondent == Respondent::Anonymous)
        .unwrap();
    assert_eq!(stored_anonymous.answered_on, day(2026, 11, 1));
    assert_eq!(
        store.survey_responses_of_person(people[0]).await.unwrap(),
        store_order(&r1, &r2)
    );
    assert!(
        store
            .survey_responses_of_person(people[1])
            .await
            .unwrap()
            .is_empty(),
        "an anonymous response is not found by its person"
    );
    assert!(
        store
            .survey_responses(org.id, day(2026, 12, 1), day(2026, 12, 31))
            .await
            .unwrap()
            .is_empty()
    );
}
conformance!(responses_round_trip_and_anonymous_ones_name_nobody);

/// Two responses answered on the same day, in the store's order (by id).
fn store_order(a: &SurveyResponse, b: &SurveyResponse) -> Vec<SurveyResponse> {
    let mut v = vec![a.clone(), b.clone()];
    v.sort_by_key(|r| r.id);
    v
}

async fn survey_candidates_come_from_recent_placements(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 3, &[]).await;
    let role = store.roles(org.id).await.unwrap()[0].id;
    let mut writes = Vec::new();
    let statuses = [
        EngagementStatus::Active,
        EngagementStatus::Left,
        EngagementStatus::Active,
    ];
    let mut expected = Vec::new();
    for (i, (p, status)) in people.iter().zip(statuses).enumerate() {
        writes.push(Write::InsertEngagement(engagement(
            org.id,
            *p,
            status,
            at(1, 9),
        )));
        let mut pl = placement(org.id, *p, role, PlacementStatus::Active, at(1, 9));
        pl.activated_at = Some(if i == 2 {
            at(1, 9) - Duration::days(800)
        } else {
            at(2, 9)
        });
        if i == 1 {
            pl.status = PlacementStatus::Ended;
            pl.ended_at = Some(at(5, 9));
        }
        if i < 2 {
            expected.push((*p, status, pl.ended_at));
        }
        writes.push(Write::InsertPlacement(pl));
    }
    store.apply(writes).await.unwrap();
    let found = store
        .survey_candidates(at(1, 9) - Duration::days(30))
        .await
        .unwrap();
    let mut got: Vec<(PersonId, EngagementStatus, _)> = found
        .iter()
        .map(|c| (c.person_id, c.engagement, c.ended_at))
        .collect();
    got.sort_by_key(|g| g.0);
    expected.sort_by_key(|g| g.0);
    assert_eq!(
        got, expected,
        "the long-standing volunteer is not a candidate"
    );
    assert!(
        found
            .iter()
            .all(|c| c.role_id == role && c.organisation_id == org.id)
    );
}
conformance!(survey_candidates_come_from_recent_placements);

async fn indicators_and_activity_round_trip(store: Arc<dyn Store>) {
    let (org, people, _) = set_up(&store, 1, &[]).await;
    let role = store.roles(org.id).await.unwrap()[0].id;
    let indicator = IndicatorInput {
        name: "Patients helped at mealtimes".into(),
        unit: "patients".into(),
        minutes_each: "15".into(),
    }
    .parse(org.id, role)
    .unwrap();
    let record = ActivityRecord {
        id: ActivityRecordId::new(),
        organisation_id: org.id,
        indicator_id: indicator.id,
        person_id: people[0],
        logged_by: "Volunteer N0".into(),
        done_on: day(2026, 11, 20),
        quantity: 6,
        note: "Lunch on Ward 7".into(),
        logged_at: at(20, 14),
    };
    store
        .apply(vec![
            Write::InsertOutcomeIndicator(indicator.clone()),
            Write::InsertActivityRecord(record.clone()),
        ])
        .await
        .unwrap();
    assert_eq!(
        store.outcome_indicators(org.id).await.unwrap(),
        vec![indicator.clone()]
    );
    assert_eq!(
        store
            .activity_records(org.id, day(2026, 11, 20), day(2026, 11, 20))
            .await
            .unwrap(),
        vec![record.clone()]
    );
    assert!(
        store
            .activity_records(org.id, day(2026, 11, 21), day(2026, 11, 30))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.activity_of_person(people[0], 5).await.unwrap(),
        vec![record]
    );
    store
        .apply(vec![Write::SetOutcomeIndicatorRetired(
            org.id,
            indicator.id,
            true,
        )])
        .await
        .unwrap();
    assert!(
        store
            .outcome_indicator(org.id, indicator.id)
            .await
            .unwrap()
            .unwrap()
            .retired
    );
    let other = crate::fixtures::organisation("Elsewhere");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert_eq!(
        store
            .outcome_indicator(other.id, indicator.id)
            .await
            .unwrap(),
        None
    );
}
conformance!(indicators_and_activity_round_trip);

async fn feedback_links_are_found_by_token_and_stopped(store: Arc<dyn Store>) {
    use domain::ids::FeedbackLinkId;
    use domain::instruments::feedback;
    use domain::surveys::FeedbackLink;

    let (org, _, _) = set_up(&store, 0, &[]).await;
    let role = store.roles(org.id).await.unwrap()[0].id;
    let link = FeedbackLink {
        id: FeedbackLinkId::new(),
        organisation_id: org.id,
        instrument: &feedback::SUPPORT_FEEDBACK,
        role_id: Some(role),
        label: "Ward 7 mealtimes".into(),
        token: "a-shared-token".into(),
        active: true,
        created_at: at(3, 9),
    };
    store
        .apply(vec![Write::InsertFeedbackLink(link.clone())])
        .await
        .unwrap();
    assert_eq!(
        store.feedback_links(org.id).await.unwrap(),
        vec![link.clone()]
    );
    assert_eq!(
        store
            .feedback_link_by_token("a-shared-token")
            .await
            .unwrap(),
        Some(link.clone())
    );
    assert_eq!(store.feedback_link_by_token("another").await.unwrap(), None);
    store
        .apply(vec![Write::SetFeedbackLinkActive(org.id, link.id, false)])
        .await
        .unwrap();
    assert!(!store.feedback_links(org.id).await.unwrap()[0].active);
    let other = crate::fixtures::organisation("Elsewhere");
    store
        .apply(vec![Write::InsertOrganisation(other.clone())])
        .await
        .unwrap();
    assert!(store.feedback_links(other.id).await.unwrap().is_empty());
    assert_conflict(
        store
            .apply(vec![Write::SetFeedbackLinkActive(other.id, link.id, true)])
            .await,
    );
    let feedback =
        SurveyResponse::feedback(&link, Answers::new().with("overall", 1), day(2026, 11, 17));
    store
        .apply(vec![Write::InsertSurveyResponse(feedback.clone())])
        .await
        .unwrap();
    let kept = store
        .survey_responses(org.id, day(2026, 11, 1), day(2026, 11, 30))
        .await
        .unwrap();
    assert_eq!(kept, vec![feedback]);
    assert_eq!(kept[0].respondent, Respondent::Anonymous);
    assert_eq!(kept[0].occasion, Occasion::Feedback);
}
conformance!(feedback_links_are_found_by_token_and_stopped);
