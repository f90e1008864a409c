//! Surveys, outcomes and the quality report through the API: plans read and changed (bad
//! fields named, a licensed instrument refused until its licence is recorded), identified
//! responses with scores (anonymous ones never listed), indicators and activity, the report's
//! figures with small groups withheld, and nothing of one organisation's seen by another's token.

use axum::http::{Method, StatusCode};
use domain::instruments::{Answers, ons4};
use domain::surveys::{Occasion, SurveyInvitation, SurveyPlan, SurveyResponse};
use serde_json::json;

use crate::support::{person, world};

#[tokio::test]
async fn plans_are_listed_and_changed_with_bad_fields_named_and_licences_gating_swemwbs() {
    let w = world().await;
    let token = &w.a.token;
    let plans = w.get("/api/v1/surveys/plans", token).await;
    assert_eq!(plans.status, StatusCode::OK);
    let list = plans.body.as_array().unwrap();
    assert_eq!(list.len(), 6);
    assert_eq!(list[0]["occasion"], "baseline");
    assert_eq!(list[0]["anonymous"], false);
    assert_eq!(list[5]["occasion"], "exit");
    assert_eq!(list[5]["anonymous"], true);

    let swemwbs = json!({"enabled": true, "instruments": ["swemwbs", "ons4"],
        "close_after_days": 21, "remind_after_days": 7});
    let refused = w
        .send(
            Method::PUT,
            "/api/v1/surveys/plans/baseline",
            token,
            swemwbs.clone(),
        )
        .await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.error_fields(), ["instruments"]);
    let bad = w
        .send(
            Method::PUT,
            "/api/v1/surveys/plans/pulse",
            token,
            json!({"enabled": true, "instruments": ["experience"], "close_after_days": 0,
                "remind_after_days": 0, "pulse_one_in": "often"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["close_after_days", "pulse_one_in"]);
    w.send(
        Method::PUT,
        "/api/v1/surveys/plans/someday",
        token,
        swemwbs.clone(),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);

    let licence = w
        .send(
            Method::PUT,
            "/api/v1/surveys/licences/swemwbs",
            token,
            json!({"registered_on": "2026-03-05", "reference": "R-1", "confirmed": true}),
        )
        .await;
    assert_eq!(licence.status, StatusCode::OK, "{}", licence.body);
    let saved = w
        .send(
            Method::PUT,
            "/api/v1/surveys/plans/baseline",
            token,
            swemwbs,
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["instruments"], json!(["ons4", "swemwbs"]));
    // Organisation B still has the defaults and no licence.
    let b_plans = w.get("/api/v1/surveys/plans", &w.b.token).await;
    assert_eq!(
        b_plans.body[0]["instruments"],
        json!(["ons4", "brs", "ucla3", "ons_lonely"])
    );
    w.send(
        Method::PUT,
        "/api/v1/surveys/licences/ons4",
        token,
        json!({"registered_on": "2026-03-05", "confirmed": true}),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn responses_list_identified_answers_with_scores_but_never_anonymous_ones() {
    let w = world().await;
    let org = w.app.authorise(w.a.admin, w.a.slug).await.unwrap();
    let tess = person(&w.app, "Tess", "tess@volunteer.example").await;
    let today = w.app.uk_today();
    let answers = Answers::new().with("satis", 8).with("anxious", 3);
    let mut writes = Vec::new();
    for occasion in [Occasion::Baseline, Occasion::Exit] {
        let plan = SurveyPlan::default_for(org.organisation_id(), occasion);
        let invitation = SurveyInvitation::new(&plan, tess, None, w.app.clock.now());
        writes.push(app::Write::InsertSurveyResponse(SurveyResponse::new(
            &invitation,
            &ons4::ONS4,
            answers.clone(),
            today,
        )));
    }
    w.app.store.apply(writes).await.unwrap();
    let listed = w.get("/api/v1/surveys/responses", &w.a.token).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let list = listed.body.as_array().unwrap();
    assert_eq!(
        list.len(),
        1,
        "the anonymous exit response is not listed: {list:?}"
    );
    assert_eq!(list[0]["person_id"], tess.to_string());
    assert_eq!(list[0]["occasion"], "baseline");
    assert_eq!(list[0]["answers"]["satis"], 8);
    assert_eq!(list[0]["scores"][0]["measure"], "Life satisfaction");
    assert_eq!(list[0]["scores"][0]["score"], 8.0);
    assert_eq!(list[0]["scores"][1]["measure"], "Anxiety yesterday");
    let other = w.get("/api/v1/surveys/responses", &w.b.token).await;
    assert_eq!(other.body, json!([]));
    w.get("/api/v1/surveys/responses?from=2026-99-01", &w.a.token)
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    // A viewer may not read individual wellbeing answers.
    let viewer = w.staff_token(&w.a, "viewer").await;
    w.get("/api/v1/surveys/responses", &viewer)
        .await
        .assert_problem(StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn indicators_and_activity_reach_the_report_with_small_groups_withheld() {
    let w = world().await;
    let token = &w.a.token;
    let seeded = w.seed_a().await;
    let added = w
        .send(
            Method::POST,
            &format!("/api/v1/roles/{}/outcome-indicators", seeded.role),
            token,
            json!({"name": "Calls made", "unit": "calls", "minutes_each": 5}),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let indicator = added.id();
    let bad = w
        .send(
            Method::POST,
            &format!("/api/v1/people/{}/activity", seeded.person),
            token,
            json!({"indicator_id": indicator, "quantity": "lots", "done_on": "2099-01-01"}),
        )
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["quantity", "done_on"]);
    let logged = w
        .send(
            Method::POST,
            &format!("/api/v1/people/{}/activity", seeded.person),
            token,
            json!({"indicator_id": indicator, "quantity": 12}),
        )
        .await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
    let activity = w.get("/api/v1/activity", token).await;
    assert_eq!(activity.body.as_array().unwrap().len(), 1);
    assert_eq!(activity.body[0]["quantity"], 12);
    assert_eq!(w.get("/api/v1/activity", &w.b.token).await.body, json!([]));
    assert_eq!(
        w.get("/api/v1/outcome-indicators", &w.b.token).await.body,
        json!([])
    );
    // B's token cannot log against A's indicator for one of B's own people either.
    let b_person = person(&w.app, "Bo", "bo@volunteer.example").await;
    w.send(
        Method::POST,
        &format!("/api/v1/people/{b_person}/activity"),
        &w.b.token,
        json!({"indicator_id": indicator, "quantity": 1}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND);

    let report = w.get("/api/v1/reports/quality?rate=10.00", token).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert_eq!(report.body["outcomes"][0]["quantity"], 12);
    assert_eq!(report.body["outcomes"][0]["minutes_released"], 60);
    assert_eq!(report.body["retention"][0]["group"], "All volunteers");
    assert_eq!(report.body["retention"][0]["withheld"], true);
    assert!(report.body["retention"][0]["twelve_months"].is_null());
    assert!(
        report.body["experience"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["withheld"] == true && t["respondents"].is_null())
    );
    assert!(
        report.body["value_method"]
            .as_str()
            .unwrap()
            .contains("£10.00 an hour")
    );
    w.get(
        "/api/v1/reports/quality?from=2026-05-01&to=2026-04-01",
        token,
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
}
