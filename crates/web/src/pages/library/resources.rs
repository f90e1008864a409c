//! The resource library's search and each resource's page and file. Signed-out visitors and
//! non-members see public resources only; members see everything shared with members too.

use app::ports::{ResourceSearch, TagCount};
use app::resources::ResourceView;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::Labelled;
use domain::ids::ResourceId;
use domain::network::Network;
use domain::network::resource::{Location, ResourceFile, ResourceKind};
use serde::Deserialize;

use super::{access, id};
use crate::layout::{Layout, nhs_date};
use crate::pages::options;
use crate::session::MaybeSignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/resources", get(list))
        .route("/networks/{slug}/resources/{id}", get(show))
        .route("/networks/{slug}/resources/{id}/file", get(file))
}

/// The search form's fields.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct SearchQuery {
    q: String,
    tag: String,
    kind: String,
}

impl SearchQuery {
    /// The search these fields ask for; the app narrows it to public resources for anyone
    /// who is not a member.
    pub(crate) fn search(&self) -> ResourceSearch {
        ResourceSearch {
            text: self.q.clone(),
            tag: (!self.tag.trim().is_empty()).then(|| self.tag.clone()),
            kind: ResourceKind::from_code(&self.kind),
            public_only: false,
        }
    }

    /// The search as a query string (`?q=…&tag=…&kind=…`), for the download links.
    fn query_string(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("tag", &self.tag)
            .append_pair("kind", &self.kind)
            .finish();
        format!("?{query}")
    }
}

#[derive(Template)]
#[template(path = "library/resources.html")]
struct ListPage {
    layout: Layout,
    network: Network,
    query: SearchQuery,
    kinds: Vec<(&'static str, &'static str)>,
    tags: Vec<TagCount>,
    results: Vec<ResourceView>,
    overdue: Vec<ResourceView>,
    member: bool,
    may_add: bool,
}

impl ListPage {
    fn review_on(&self, v: &ResourceView) -> String {
        nhs_date(&v.resource.review_on)
    }
}

async fn list(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path(slug): Path<String>,
    Query(query): Query<SearchQuery>,
) -> Result<Html<String>, WebError> {
    let access = access(&state, user.as_ref(), &slug).await?;
    let results = state.app.search_resources(&access, &query.search()).await?;
    let tags = state.app.resource_tags(&access).await?;
    let overdue = state.app.overdue_resources(&access).await?;
    let network = access.network().clone();
    Ok(Html(
        ListPage {
            layout: Layout::for_user(&format!("Resources: {}", network.name), user.as_ref()),
            network,
            query,
            kinds: options::<ResourceKind>(),
            tags,
            results,
            overdue,
            member: access.is_member(),
            may_add: app::resources::may_add(&access),
        }
        .render()?,
    ))
}

#[derive(Template)]
#[template(path = "library/resource.html")]
struct ShowPage {
    layout: Layout,
    network: Network,
    view: ResourceView,
    review_on: String,
}

impl ShowPage {
    fn link(&self) -> Option<&str> {
        match &self.view.resource.location {
            Location::Link { url } => Some(url),
            Location::File(_) => None,
        }
    }
}

async fn show(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path((slug, resource)): Path<(String, String)>,
) -> Result<Html<String>, WebError> {
    let access = access(&state, user.as_ref(), &slug).await?;
    let view = state.app.resource(&access, id(&resource)?).await?;
    Ok(Html(
        ShowPage {
            layout: Layout::for_user(&view.resource.title, user.as_ref()),
            network: access.network().clone(),
            review_on: nhs_date(&view.resource.review_on),
            view,
        }
        .render()?,
    ))
}

async fn file(
    State(state): State<AppState>,
    MaybeSignedIn(user): MaybeSignedIn,
    Path((slug, resource)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let access = access(&state, user.as_ref(), &slug).await?;
    let id: ResourceId = id(&resource)?;
    let file = state.app.resource_file(&access, id).await?;
    Ok(file_response(id, file))
}

/// A resource's file as a download, named by its id (the uploaded name is never put in a
/// header); members-only files are not kept by shared caches.
pub fn file_response(id: ResourceId, file: ResourceFile) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.kind.code().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"resource-{id}.{}\"",
                    file.kind.extension()
                ),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response()
}
