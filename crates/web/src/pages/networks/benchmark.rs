//! Benchmarking for a member's manager: their organisation's figures beside the network's
//! median and quartiles, with withheld figures said in words; and the roles members have listed
//! to the network.

use app::networks::NetworkAccess;
use app::{App, AppError};
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

/// Which member organisation to compare (an id; blank for the first the viewer manages).
#[derive(Deserialize, Default)]
pub(crate) struct Which {
    /// The organisation's id.
    #[serde(default)]
    pub organisation: String,
}

/// One measure: the organisation's figure beside the network's spread, in words.
pub(crate) struct Line {
    /// The measure.
    pub measure: &'static str,
    /// The organisation's figure, or why it is withheld.
    pub own: String,
    /// The network's lower quartile, or "Withheld".
    pub lower: String,
    /// The network's median, or "Withheld".
    pub median: String,
    /// The network's upper quartile, or "Withheld".
    pub upper: String,
    /// How many members' figures count.
    pub members: usize,
}

#[derive(Template)]
#[template(path = "network/benchmarks.html")]
struct BenchmarkPage {
    layout: Layout,
    slug: String,
    name: String,
    organisation: String,
    query: String,
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

/// A member organisation's figures beside the network's, as the page and its download show
/// them.
pub(crate) struct Benchmark {
    /// The organisation compared.
    pub organisation: String,
    /// The organisations the viewer manages: (id, name, whether it is the one compared).
    pub choices: Vec<(String, String, bool)>,
    /// One line per measure.
    pub lines: Vec<Line>,
}

/// The comparison for the organisation `organisation` names (an id), or the first the viewer
/// manages; only their managers get one (the use case refuses anyone else).
pub(crate) async fn benchmark(
    app: &App,
    access: &NetworkAccess,
    organisation: &str,
) -> Result<Benchmark, AppError> {
    let managed = access.managed_members().to_vec();
    let chosen: OrganisationId = organisation
        .trim()
        .parse()
        .map(OrganisationId)
        .ok()
        .or_else(|| managed.first().copied())
        .ok_or(AppError::NotFound)?;
    let comparisons = app.network_benchmark(access, chosen).await?;
    let all = app.organisations().await?;
    let mut choices = Vec::new();
    let mut name = String::new();
    for id in &managed {
        let n = all
            .iter()
            .find(|o| o.id == *id)
            .map(|o| o.name.clone())
            .unwrap_or_default();
        if *id == chosen {
            name.clone_from(&n);
        }
        choices.push((id.to_string(), n, *id == chosen));
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
                members: c.organisations_counted,
            }
        })
        .collect();
    Ok(Benchmark {
        organisation: name,
        choices,
        lines,
    })
}

async fn benchmarks(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Which>,
) -> Result<Response, WebError> {
    let access = access(&state, Some(&user), &slug).await?;
    let Benchmark {
        organisation,
        choices,
        lines,
    } = benchmark(&state.app, &access, &q.organisation).await?;
    let page = BenchmarkPage {
        layout: Layout::for_user("Benchmarking", Some(&user)),
        slug: access.network().slug.to_string(),
        name: access.network().name.clone(),
        query: form_urlencoded::Serializer::new(String::new())
            .append_pair("organisation", &q.organisation)
            .finish(),
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
