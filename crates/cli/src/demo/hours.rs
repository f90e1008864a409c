//! Hours in the demo: a year of time given outside the rota, logged by volunteers and approved
//! by their manager through the same use cases as the pages.

use anyhow::Result;
use app::App;
use app::ports::VolunteerSearch;
use chrono::Duration;
use domain::engagement::EngagementStatus;
use domain::rota::from_utc;
use rand::Rng;
use rand::rngs::StdRng;

use super::organisations::SeededOrg;
use super::{Explain, app_at};

/// A year of hours: volunteers active now log time given outside the rota most months (visits,
/// calls, events), and the manager approves it, so hours sit beside outcomes as in a real year.
pub(super) async fn add_logged_hours(
    app: &App,
    orgs: &[SeededOrg],
    rng: &mut StdRng,
) -> Result<()> {
    const WHAT: [&str; 4] = [
        "Regular sessions in my role",
        "Visits and calls outside the rota",
        "Helping at an open day",
        "Training and a team meeting",
    ];
    let today = from_utc(app.clock.now()).date();
    for org in orgs {
        let search = VolunteerSearch {
            status: Some(EngagementStatus::Active),
            page: 1,
            per_page: 80,
            ..VolunteerSearch::default()
        };
        for row in app.volunteers(&org.scope, search).await?.items {
            let person = row.person.id;
            let placements = app
                .store
                .placements_of(org.scope.organisation_id(), person)
                .await?;
            let Some((started, role)) = placements
                .iter()
                .filter_map(|p| Some((p.placement.activated_at?, p.placement.role_id)))
                .min_by_key(|(at, _)| *at)
            else {
                continue;
            };
            let since = (today - from_utc(started).date()).num_days();
            for month in 0..12i64 {
                let days = month * 30 + rng.random_range(1..25);
                if days >= since || !rng.random_bool(0.7) {
                    continue;
                }
                let day = today - Duration::days(days);
                let input = domain::rota::hours::HoursInput {
                    date: day.to_string(),
                    hours: rng.random_range(2..7).to_string(),
                    minutes: "0".into(),
                    description: WHAT[rng.random_range(0..WHAT.len())].into(),
                };
                let log = app_at(app, days)
                    .log_hours(person, &role.to_string(), &input)
                    .await
                    .explain(|| "logging hours".to_owned())?;
                app_at(app, days - 2)
                    .approve_hours(&org.scope, log.id)
                    .await
                    .explain(|| "approving hours".to_owned())?;
            }
        }
    }
    Ok(())
}
