//! The web adapter: server-rendered HTML pages, the JSON API under `/api/v1`, sessions and
//! static assets. Handlers parse input, call one use case on [`app::App`], and render.

mod api;
mod assets;
mod charts;
mod client_address;
mod csrf;
mod csv_export;
mod error;
pub mod exports;
mod form;
mod layout;
pub mod metrics;
mod notify_callback;
mod pages;
mod pdf;
mod posted_form;
mod security_headers;
mod session;
mod subject_access_zip;

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

pub use error::WebError;

/// A subject access export as ZIP bytes (for the command line; the pages and API serve it).
pub fn subject_access_zip(
    export: &app::subject_access::SubjectAccessExport,
) -> Result<Vec<u8>, WebError> {
    subject_access_zip::zip_bytes(export)
}

/// Shared state for every request.
#[derive(Clone)]
pub struct AppState {
    /// The application.
    pub app: Arc<app::App>,
    /// Whether cookies must be marked `Secure` (served over TLS).
    pub secure_cookies: bool,
    /// Whether a load balancer or reverse proxy in front reports client addresses in
    /// `X-Forwarded-For` (only set this when one does: clients can send the header too).
    pub trust_forwarded_for: bool,
}

/// The whole web application, with `/metrics` answered only on this machine.
pub fn router(state: AppState) -> Router {
    router_with_metrics(state, None)
}

/// The whole web application; `/metrics` needs `metrics_token` as a bearer token when one is
/// given, and otherwise answers only requests from this machine (see [`metrics`]).
pub fn router_with_metrics(state: AppState, metrics_token: Option<String>) -> Router {
    let metrics = std::sync::Arc::new(metrics::Metrics::default());
    let metrics_routes = metrics::routes(
        state.app.clone(),
        metrics.clone(),
        metrics_token,
        state.trust_forwarded_for,
    );
    Router::new()
        .route("/healthz", get(healthz))
        .merge(assets::routes())
        .merge(pages::routes())
        .merge(exports::routes())
        .merge(notify_callback::routes())
        .nest("/api/v1", api::routes())
        // The default answer, made explicit so the layers below (metrics) see it too.
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            metrics,
            metrics::track,
        ))
        .layer(axum::middleware::from_fn(csrf::reject_cross_site))
        .layer(security_headers::layer())
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
        .merge(metrics_routes)
}

/// 404 for an address no route answers.
async fn not_found() -> StatusCode {
    StatusCode::NOT_FOUND
}

/// 200 once the database answers; 503 otherwise.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.app.ready().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// The OpenAPI document (for the CLI and snapshot tests).
pub fn openapi_json() -> String {
    api::openapi_json()
}
