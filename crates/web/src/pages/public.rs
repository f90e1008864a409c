//! Public pages: home, the opportunities list and each role's page.

use app::ports::{Opportunity, OpportunitySearch};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use domain::Labelled;
use domain::ids::RoleId;
use domain::role::Setting;
use serde::Deserialize;

use super::options;
use crate::layout::Layout;
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/opportunities", get(list))
        .route("/opportunities/{id}", get(show))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    organisations: usize,
    roles: usize,
}

async fn home(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
) -> Result<Html<String>, WebError> {
    let organisations = state.app.organisations().await?.len();
    let roles = state
        .app
        .opportunities(&OpportunitySearch::default())
        .await?
        .len();
    Ok(Html(
        HomePage {
            layout: Layout::for_user("Volunteer in health and care", user.as_ref()),
            organisations,
            roles,
        }
        .render()?,
    ))
}

/// The opportunity search's fields, as in the page's address.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct SearchQuery {
    q: String,
    setting: String,
    organisation: String,
}

impl SearchQuery {
    /// The search these fields ask for.
    pub(crate) fn search(&self) -> OpportunitySearch {
        OpportunitySearch {
            keywords: self.q.chars().take(200).collect(),
            setting: Setting::from_code(&self.setting),
            organisation: (!self.organisation.is_empty()).then(|| self.organisation.clone()),
        }
    }

    /// The search as a query string, for the download links.
    fn query_string(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("setting", &self.setting)
            .append_pair("organisation", &self.organisation)
            .finish();
        format!("?{query}")
    }
}

#[derive(Template)]
#[template(path = "opportunities.html")]
struct ListPage {
    layout: Layout,
    query: SearchQuery,
    settings: Vec<(&'static str, &'static str)>,
    organisations: Vec<(String, String)>,
    results: Vec<Opportunity>,
}

async fn list(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Query(query): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let results = state.app.opportunities(&query.search()).await?;
    let organisations = state
        .app
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.slug.to_string(), o.name))
        .collect();
    let page = ListPage {
        layout: Layout::for_user("Volunteering opportunities", user.as_ref()),
        query,
        settings: options::<Setting>(),
        organisations,
        results,
    };
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "opportunity.html")]
struct RolePage {
    layout: Layout,
    o: Opportunity,
    open: bool,
}

async fn show(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let id: RoleId = id.parse().map_err(|_| app::AppError::NotFound)?;
    let o = state.app.opportunity(id).await?;
    let open = o.role.status == domain::role::RoleStatus::Open;
    let organisation = state.app.organisation(&o.organisation_slug).await?;
    let mut layout = Layout::for_user(&o.role.title, user.as_ref());
    layout.theme = if organisation.uses_nhs_identity() {
        "nhs"
    } else {
        "neutral"
    };
    Ok(Html(RolePage { layout, o, open }.render()?))
}
