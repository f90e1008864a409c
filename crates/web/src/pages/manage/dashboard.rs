//! The organisation chooser and the manager dashboard.

use app::onboarding_report::OnboardingReport;
use app::ports::EngagementCounts;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use domain::organisation::Organisation;
use domain::staff::Permission;

use super::quality::{Headline, headlines};
use super::scope;
use crate::layout::Layout;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage", get(choose))
        .route("/manage/{org}", get(dashboard))
}

#[derive(Template)]
#[template(path = "manage/choose.html")]
struct ChoosePage {
    layout: Layout,
    organisations: Vec<(Organisation, Permission)>,
}

async fn choose(State(state): State<AppState>, user: SignedIn) -> Result<Html<String>, WebError> {
    let organisations = state.app.staff_organisations(user.person.id).await?;
    Ok(Html(
        ChoosePage {
            layout: Layout::for_user("Choose an organisation", Some(&user)),
            organisations,
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "manage/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    counts: EngagementCounts,
    onboarding: OnboardingReport,
    slug: String,
    quality: Vec<Headline>,
}

/// How many months time to onboard looks back over (on the dashboard and in its download).
pub(crate) const ONBOARDING_MONTHS: u32 = 12;

impl DashboardPage {
    /// A median number of days in words: "12 days", "less than a day", or "no data".
    fn days(&self, median: &Option<f64>) -> String {
        match median {
            None => "no data".to_owned(),
            Some(d) if *d < 1.0 => "less than a day".to_owned(),
            Some(d) if d.round() == 1.0 => "1 day".to_owned(),
            Some(d) => format!("{:.0} days", d.round()),
        }
    }

    /// The stage with the longest median, in lower case, with that median in words.
    fn slowest(&self) -> Option<(String, String)> {
        let name = self.onboarding.slowest_stage?;
        let (_, median) = self.onboarding.stages.iter().find(|(n, _)| *n == name)?;
        Some((name.to_lowercase(), self.days(median)))
    }
}

async fn dashboard(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let counts = state.app.dashboard(&scope).await?;
    let onboarding = state.app.time_to_onboard(&scope, ONBOARDING_MONTHS).await?;
    let today = state.app.uk_today();
    let year = state
        .app
        .quality_report(
            &scope,
            today - chrono::Duration::days(364),
            today,
            &domain::outcomes::HourlyRate::national_living_wage_april_2026(),
        )
        .await?;
    Ok(Html(
        DashboardPage {
            layout: Layout::for_org("Dashboard", &user, &scope),
            counts,
            onboarding,
            slug: org,
            quality: headlines(&year),
        }
        .render()?,
    ))
}
