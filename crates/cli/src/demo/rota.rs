//! Shifts in the demo: each open role gets a morning shift twice a week for the next four weeks,
//! so volunteers who have started can see shifts they can do and book them.

use anyhow::Result;
use app::App;
use chrono::Duration;
use domain::rota::{RecurrenceInput, ShiftInput};

use super::Explain;
use super::data::RoleState;
use super::organisations::SeededOrg;

/// Days of the week for the n-th role, so rotas differ between roles.
const DAY_PAIRS: [&str; 4] = ["mon,thu", "tue,sat", "wed,fri", "tue,sun"];

/// Adds four weeks of shifts for every open role at its first site.
pub(super) async fn add_shifts(app: &App, orgs: &[SeededOrg]) -> Result<()> {
    let first_day = app.clock.today() + Duration::days(1);
    for org in orgs {
        for (n, seeded) in org
            .roles
            .iter()
            .filter(|r| r.state == RoleState::Open)
            .enumerate()
        {
            let role = app
                .role(&org.scope, seeded.id)
                .await
                .explain(|| format!("reading {}", seeded.title))?;
            let Some(&site) = role.site_ids.first() else {
                continue;
            };
            let shift = ShiftInput {
                date: first_day.to_string(),
                start_time: "10:00".into(),
                end_time: "13:00".into(),
                min_volunteers: "2".into(),
                max_volunteers: "4".into(),
                notes: String::new(),
            };
            let repeat = RecurrenceInput {
                weekdays: vec![DAY_PAIRS[n % DAY_PAIRS.len()].into()],
                interval_weeks: "1".into(),
                until: (first_day + Duration::days(27)).to_string(),
                count: String::new(),
            };
            app.add_series(&org.scope, role.id, site, &shift, &repeat)
                .await
                .explain(|| format!("adding shifts for {}", seeded.title))?;
        }
    }
    Ok(())
}
