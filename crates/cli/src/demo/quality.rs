//! Quality and outcomes in the demo: each role's outcome framework; a year of survey waves
//! (baselines and 3-, 6- and 12-month follow-ups for active volunteers, pulse surveys after
//! shifts, exit surveys from leavers), answered through the same link use case volunteers use;
//! and activity logged from volunteers' phones. Answers drift the way evaluations of
//! volunteering usually find: wellbeing a little better and loneliness a little lower with time.

use std::collections::HashMap;

use anyhow::Result;
use app::App;
use app::ports::{VolunteerSearch, Write};
use chrono::{Duration, Months, NaiveDate};
use domain::Labelled;
use domain::engagement::EngagementStatus;
use domain::ids::PersonId;
use domain::instruments::{Instrument, ItemKind};
use domain::outcome_framework::{ActivityInput, IndicatorInput};
use domain::rota::from_utc;
use domain::surveys::{Occasion, SurveyInvitation, SurveyPlan, field_name};
use rand::Rng;
use rand::rngs::StdRng;

use super::organisations::SeededOrg;
use super::{Explain, app_at};

/// The most volunteers per organisation given survey histories.
const SURVEYED: u32 = 150;

/// What a role counts: name, unit, minutes of staff time each (0 for none).
fn indicators_for(title: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    let t = title.to_lowercase();
    let mut out = Vec::new();
    if t.contains("mealtime") || t.contains("lunch") {
        out.push(("Patients helped at mealtimes", "patients", "10"));
    }
    if t.contains("discharge") || t.contains("home from hospital") {
        out.push(("Discharges supported", "patients", "30"));
    }
    if ["befriend", "dementia", "end-of-life", "neighbour"]
        .iter()
        .any(|k| t.contains(k))
    {
        out.push(("People befriended", "people", ""));
    }
    if t.contains("telephone") || t.contains("chat") {
        out.push(("Calls made", "calls", ""));
    }
    if t.contains("driver") || t.contains("runner") || t.contains("pick up") {
        out.push(("Journeys made", "journeys", "20"));
    }
    out.push(("People supported", "people", ""));
    if t.contains("ward") || t.contains("unit") || t.contains("wayfinding") {
        out.push(("Tasks that freed staff time", "tasks", "10"));
    }
    out
}

/// Answers one person might give to `instrument`, `lift` (0 to 1) better than at the start.
fn answers(
    rng: &mut StdRng,
    instrument: &Instrument,
    base: f64,
    lift: f64,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for item in instrument.items {
        let scale = match item.kind {
            ItemKind::Scale => instrument.scale,
            ItemKind::Choice(c) => c,
            ItemKind::FreeText => continue,
        };
        if rng.random_bool(0.03) {
            continue; // the odd question left out
        }
        let (min, max) = (f64::from(scale.min()), f64::from(scale.max()));
        // Where on the scale this person sits: `base` (0 to 1) plus their improvement, with
        // noise; items where higher is worse (anxiety, loneliness, reversed items) flip it.
        let worse_high = item.reversed || item.code == "anxious" || instrument.code == "ucla3";
        // Most volunteers rate their experience well, as surveys of volunteers find.
        let warmth = if instrument.code == "experience" {
            0.25
        } else {
            0.0
        };
        let mut p = (base + warmth + lift + rng.random_range(-0.15..0.15)).clamp(0.0, 1.0);
        if worse_high {
            p = 1.0 - p;
        }
        let value = (min + p * (max - min)).round().clamp(min, max);
        out.insert(field_name(instrument, item.code), format!("{value}"));
    }
    out
}

/// A volunteer being surveyed: who, in which role, and where they sit on the scales (0 to 1).
struct Surveyed {
    person: PersonId,
    role: Option<domain::ids::RoleId>,
    base: f64,
}

/// Sends the plan's survey to the volunteer on `day` and answers it a few days later through
/// the link, as the volunteer would, `lift` better than at the start.
async fn answer(
    app: &App,
    rng: &mut StdRng,
    plan: &SurveyPlan,
    who: &Surveyed,
    day: NaiveDate,
    lift: f64,
) -> Result<()> {
    let (person, role, base) = (who.person, who.role, who.base);
    let today = from_utc(app.clock.now()).date();
    let answered_on = day + Duration::days(rng.random_range(0..6));
    if answered_on > today {
        return Ok(());
    }
    let sent = app_at(app, (today - day).num_days());
    let mut invitation = SurveyInvitation::new(plan, person, role, sent.clock.now());
    if let Some(role) = role
        && let Some(found) = app.store.role(plan.organisation_id, role).await?
        && let [only] = found.site_ids[..]
    {
        invitation.site_id = Some(only);
    }
    let token = app::tokens::generate();
    app.store
        .apply(vec![Write::InsertSurveyInvitation(
            invitation.clone(),
            app::tokens::hash(&token),
            format!("demo:{}", invitation.id),
        )])
        .await?;
    let mut fields = HashMap::new();
    for instrument in &invitation.instruments {
        fields.extend(answers(rng, instrument, base, lift));
    }
    app_at(app, (today - answered_on).num_days())
        .answer_survey(&token, |name| fields.get(name).cloned().unwrap_or_default())
        .await
        .explain(|| format!("answering the {} survey", plan.occasion.code()))?;
    Ok(())
}

/// Adds every organisation's outcome frameworks, survey answers and logged activity.
pub(super) async fn add_quality(app: &App, orgs: &[SeededOrg], rng: &mut StdRng) -> Result<()> {
    let today = from_utc(app.clock.now()).date();
    for org in orgs {
        let scope = &org.scope;
        let org_id = scope.organisation_id();
        for role in app.store.roles(org_id).await? {
            for (name, unit, minutes) in indicators_for(&role.title) {
                let input = IndicatorInput {
                    name: name.into(),
                    unit: unit.into(),
                    minutes_each: minutes.into(),
                };
                app.add_outcome_indicator(scope, role.id, &input)
                    .await
                    .explain(|| format!("adding {name} to {}", role.title))?;
            }
        }
        let plan = |o| SurveyPlan::default_for(org_id, o);
        for status in [EngagementStatus::Active, EngagementStatus::Left] {
            let search = VolunteerSearch {
                status: Some(status),
                page: 1,
                per_page: SURVEYED,
                ..VolunteerSearch::default()
            };
            let people = app.volunteers(scope, search).await?;
            for row in people.items {
                let person = row.person.id;
                let placements = app.store.placements_of(org_id, person).await?;
                let Some(first) = placements
                    .iter()
                    .filter_map(|p| Some((p.placement.activated_at?, p)))
                    .min_by_key(|(at, _)| *at)
                else {
                    continue;
                };
                let start = from_utc(first.0).date();
                let role = Some(first.1.placement.role_id);
                let who = Surveyed {
                    person,
                    role,
                    base: rng.random_range(0.35..0.75),
                };
                for occasion in [Occasion::Baseline].into_iter().chain(Occasion::FOLLOW_UPS) {
                    let months = occasion.months_after_start().unwrap_or(0);
                    let Some(due) = start.checked_add_months(Months::new(months)) else {
                        continue;
                    };
                    let ended = placements.iter().filter_map(|p| p.placement.ended_at).max();
                    let still_there = ended.is_none_or(|e| from_utc(e).date() > due);
                    let keen = if occasion == Occasion::Baseline {
                        0.8
                    } else {
                        0.65
                    };
                    if due <= today && still_there && rng.random_bool(keen) {
                        let lift = f64::from(months) / 12.0 * rng.random_range(0.0..0.12);
                        answer(app, rng, &plan(occasion), &who, due, lift).await?;
                    }
                }
                if status == EngagementStatus::Active && rng.random_bool(0.5) {
                    let day = today - Duration::days(rng.random_range(3..330));
                    answer(app, rng, &plan(Occasion::Pulse), &who, day.max(start), 0.05).await?;
                }
                if status == EngagementStatus::Left
                    && let Some(left) = placements.iter().filter_map(|p| p.placement.ended_at).max()
                    && rng.random_bool(0.6)
                {
                    let day = from_utc(left).date();
                    let leaver = Surveyed {
                        base: who.base - 0.1,
                        ..who
                    };
                    answer(app, rng, &plan(Occasion::Exit), &leaver, day, 0.0).await?;
                }
            }
        }
        log_activity(app, scope, rng).await?;
    }
    Ok(())
}

/// Active volunteers log what they did after shifts over the last three months.
async fn log_activity(app: &App, scope: &app::OrgScope, rng: &mut StdRng) -> Result<()> {
    let search = VolunteerSearch {
        status: Some(EngagementStatus::Active),
        page: 1,
        per_page: 60,
        ..VolunteerSearch::default()
    };
    for row in app.volunteers(scope, search).await?.items {
        let person = row.person.id;
        let mine: Vec<_> = app
            .my_indicators(person)
            .await?
            .into_iter()
            .filter(|m| m.organisation_slug == scope.organisation().slug.as_str())
            .flat_map(|m| m.indicators)
            .collect();
        if mine.is_empty() {
            continue;
        }
        for _ in 0..rng.random_range(3..9) {
            let indicator = &mine[rng.random_range(0..mine.len())];
            let days = rng.random_range(0..85);
            let input = ActivityInput {
                quantity: rng.random_range(1..7).to_string(),
                done_on: String::new(),
                note: String::new(),
            };
            app_at(app, days)
                .log_my_activity(person, indicator.id, &input)
                .await
                .explain(|| format!("logging {}", indicator.name))?;
        }
    }
    Ok(())
}

/// Queues a pulse survey for one active volunteer, sent when the server starts, so the demo
/// has a link to answer (it appears in the log when no SMTP server is set).
pub(super) async fn invite_one_volunteer(app: &App, orgs: &[SeededOrg]) -> Result<()> {
    let Some(org) = orgs.first() else {
        return Ok(());
    };
    let search = VolunteerSearch {
        status: Some(EngagementStatus::Active),
        page: 1,
        per_page: 1,
        ..VolunteerSearch::default()
    };
    if let Some(row) = app.volunteers(&org.scope, search).await?.items.first() {
        app.queue_survey_invitation(
            org.scope.organisation_id(),
            row.person.id,
            None,
            Occasion::Pulse,
            "demo:try-the-link",
        )
        .await
        .explain(|| "queueing a survey to try".to_owned())?;
    }
    Ok(())
}

/// Each organisation has a feedback link for service users and carers and one for staff, and
/// a year of anonymous feedback came through them, mostly warm, as FFT results usually are.
pub(super) async fn add_feedback(app: &App, orgs: &[SeededOrg], rng: &mut StdRng) -> Result<()> {
    const SAYS: [&str; 4] = [
        "Such a kind volunteer, who made time to listen.",
        "The volunteer helped my dad at lunch every day.",
        "Friendly, but sometimes hard to find someone.",
        "Volunteers give us time back for clinical work.",
    ];
    for org in orgs {
        let role = app
            .store
            .roles(org.scope.organisation_id())
            .await?
            .first()
            .map(|r| r.id);
        for (instrument, label, answers) in [
            ("support_feedback", "Patients, clients and carers", 30),
            ("staff_feedback", "Staff on wards and in teams", 14),
        ] {
            let input = domain::surveys::FeedbackLinkInput {
                instrument: instrument.into(),
                label: label.into(),
            };
            let link = app
                .create_feedback_link(&org.scope, &input, role)
                .await
                .explain(|| format!("making the {label} feedback link"))?;
            for _ in 0..answers {
                let mut fields = HashMap::new();
                if instrument == "support_feedback" {
                    let overall = match rng.random_range(0..100) {
                        0..60 => "1",
                        60..85 => "2",
                        85..91 => "3",
                        91..94 => "4",
                        94..95 => "5",
                        _ => "6",
                    };
                    fields.insert("support_feedback-overall".to_owned(), overall.to_owned());
                    fields.insert(
                        "support_feedback-answered_by".to_owned(),
                        rng.random_range(1..3).to_string(),
                    );
                } else {
                    let agree = if rng.random_bool(0.85) { "5" } else { "3" };
                    fields.insert("staff_feedback-difference".to_owned(), agree.to_owned());
                }
                let said = SAYS[rng.random_range(0..SAYS.len())];
                fields.insert(
                    format!(
                        "{instrument}-{}",
                        if instrument == "support_feedback" {
                            "why"
                        } else {
                            "story"
                        }
                    ),
                    said.to_owned(),
                );
                let days = rng.random_range(0..330);
                app_at(app, days)
                    .give_feedback(&link.token, |name| {
                        fields.get(name).cloned().unwrap_or_default()
                    })
                    .await
                    .explain(|| format!("giving feedback through {label}"))?;
            }
        }
    }
    Ok(())
}
