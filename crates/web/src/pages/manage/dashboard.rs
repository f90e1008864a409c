//! The organisation chooser and the manager dashboard.

use app::ports::EngagementCounts;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Html;
use axum::routing::get;
use domain::organisation::Organisation;
use domain::staff::Permission;

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
    slug: String,
}

async fn dashboard(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let counts = state.app.dashboard(&scope).await?;
    Ok(Html(
        DashboardPage {
            layout: Layout::for_org("Dashboard", &user, &scope),
            counts,
            slug: org,
        }
        .render()?,
    ))
}
