//! The JSON API.
use crate::AppState;
use axum::Router;
pub fn routes() -> Router<AppState> {
    Router::new()
}
pub fn openapi_json() -> String {
    String::new()
}
