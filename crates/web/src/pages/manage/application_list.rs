//! The applications queue: everything waiting for a decision (or any status), newest first.

use app::ports::{ApplicationRow, ApplicationSearch, Page};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use domain::Labelled;
use domain::application::ApplicationStatus;
use serde::Deserialize;

use super::scope;
use crate::layout::{Layout, nhs_day};
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/applications", get(list))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Filters {
    status: String,
    page: String,
}

struct Row {
    row: ApplicationRow,
    submitted: String,
}

#[derive(Template)]
#[template(path = "manage/applications.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    status: String,
    statuses: Vec<(&'static str, &'static str)>,
    page: Page<Row>,
    previous: Option<String>,
    next: Option<String>,
}

const PER_PAGE: u32 = 25;

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let search = ApplicationSearch {
        status: ApplicationStatus::from_code(&filters.status),
        limit_to_sites: None,
        page: filters.page.parse().unwrap_or(1).max(1),
        per_page: PER_PAGE,
    };
    let found = state.app.application_page(&scope, search).await?;
    let link = |page: u32| {
        format!(
            "status={}&page={page}",
            filters
                .status
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        )
    };
    let previous = (found.page > 1).then(|| link(found.page - 1));
    let next = (found.page < found.pages()).then(|| link(found.page + 1));
    let page = Page {
        items: found
            .items
            .into_iter()
            .map(|row| Row {
                submitted: nhs_day(&row.application.submitted_at),
                row,
            })
            .collect(),
        page: found.page,
        per_page: found.per_page,
        total: found.total,
    };
    let layout = Layout::for_org("Applications", &user, &scope);
    let statuses = options::<ApplicationStatus>();
    Ok(Html(
        ListPage {
            layout,
            slug: org,
            status: filters.status,
            statuses,
            page,
            previous,
            next,
        }
        .render()?,
    ))
}
