//! Benchmarking for a member's manager: their organisation's figures beside the network's
//! median and quartiles, with withheld figures said in words; and the roles members have listed
//! to the network.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::Labelled;
use domain::ids::OrganisationId;
use domain::network::benchmark::{MIN_ORGANISATIONS, MIN_PEOPLE, Measure};
use serde::Deserialize;

use super::access;
use crate::layout::Layout;
use crate::session::{MaybeSignedIn, SignedIn};
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/benchmarks", get(benchmarks))
        .route("/networks/{slug}/opportunities", get(opportunities))
}

#[derive(Deserialize, Default)]
struct Which {
    #[serde(default)]
    organisation: String,
}

struct Line {
    measure: &'static str,
    own: String,
    lower: String,
    median: String,
    upper: String,
    members: String,
}

#[derive(Template)]
#[template(path = "network/benchmarks.html")]
struct BenchmarkPage {
    layout: Layout,
    slug: String,
    name: String,
    organisation: String,
    choices: Vec<(String, String, bool)>,
    lines: Vec<Line>,
    min_people: usize,
    min_organisations: usize,
}

fn figure(measure: Measure, v: f64) -> String {
    match measure {
        Measure::DaysToOnboard => format!("{v:.0} days"),
        Measure::Retention12Months | Measure::ExperienceScore => format!("{:.0}%", v * 100.0),
        Measure::WellbeingChange => format!("{v:+.1} points"),
        Measure::HoursPerVolunteer => format!("{v:.1} hours"),
    }
}

async fn benchmarks(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Which>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let managed = access.managed_members().to_vec();
    let chosen: OrganisationId = q
        .organisation
        .parse()
        .map(OrganisationId)
        .ok()
        .or_else(|| managed.first().copied())
        .ok_or(app::AppError::NotFound)?;
    let comparisons = state.app.network_benchmark(&access, chosen).await?;
    let mut choices = Vec::new();
    let mut organisation = String::new();
    for id in &managed {
        let name = state
            .app
            .organisations()
            .await?
            .into_iter()
            .find(|o| o.id == *id)
            .map(|o| o.name)
            .unwrap_or_default();
        if *id == chosen {
            organisation.clone_from(&name);
        }
        choices.push((id.to_string(), name, *id == chosen));
    }
    let withheld = "Withheld".to_owned();
    let lines = comparisons
        .iter()
        .map(|c| {
            let spread = |f: fn(&domain::network::benchmark::Spread) -> f64| {
                c.network
                    .as_ref()
                    .map(|s| figure(c.measure, f(s)))
                    .unwrap_or_else(|| withheld.clone())
            };
            Line {
                measure: c.measure.label(),
                own: c
                    .own
                    .map(|v| figure(c.measure, v))
                    .unwrap_or_else(|| format!("Withheld ({} people)", c.own_people)),
                lower: spread(|s| s.lower_quartile),
                median: spread(|s| s.median),
                upper: spread(|s| s.upper_quartile),
                members: c.organisations_counted.to_string(),
            }
        })
        .collect();
    let page = BenchmarkPage {
        layout: Layout::for_user("Benchmarking", Some(&user)),
        slug: access.network().slug.to_string(),
        name: access.network().name.clone(),
        organisation,
        choices,
        lines,
        min_people: MIN_PEOPLE,
        min_organisations: MIN_ORGANISATIONS,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "network/opportunities.html")]
struct OpportunitiesPage {
    layout: Layout,
    slug: String,
    name: String,
    roles: Vec<(String, String, String, String)>,
}

async fn opportunities(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let access = access(&state, user.as_ref(), &slug).await?;
    let roles = state
        .app
        .network_opportunities(&access)
        .await?
        .into_iter()
        .map(|(o, _)| {
            (
                o.role.id.to_string(),
                o.role.title,
                o.organisation_name,
                o.role.summary,
            )
        })
        .collect();
    let page = OpportunitiesPage {
        layout: Layout::for_user("Volunteering opportunities", user.as_ref()),
        slug: access.network().slug.to_string(),
        name: access.network().name.clone(),
        roles,
    };
    Ok(Html(page.render()?).into_response())
}
