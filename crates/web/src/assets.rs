//! Static assets, compiled into the binary so nothing is fetched from elsewhere.

use axum::Router;
use axum::http::header;
use axum::routing::get;

use crate::AppState;

const CSS: &str = include_str!("../assets/app.css");
/// Updates an import's progress bar in place (the only script; pages work without it).
const IMPORT_PROGRESS: &str = include_str!("../assets/import-progress.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/assets/app.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    CSS,
                )
            }),
        )
        .route(
            "/assets/import-progress.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    IMPORT_PROGRESS,
                )
            }),
        )
}
