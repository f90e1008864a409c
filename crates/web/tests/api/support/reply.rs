//! What came back from the API, with assertions about problem responses.

use axum::http::StatusCode;
use serde_json::Value;

/// What came back.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub location: Option<String>,
    pub www_authenticate: Option<String>,
    pub body: Value,
}

impl Reply {
    pub fn id(&self) -> String {
        self.body["id"].as_str().expect("an id").to_owned()
    }

    /// The field names of a 422's errors.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_problem(&self, status: StatusCode) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(
            self.content_type, "application/problem+json",
            "body: {}",
            self.body
        );
        assert_eq!(self.body["status"], status.as_u16(), "body: {}", self.body);
        for member in ["type", "title", "detail"] {
            assert!(
                self.body[member].is_string(),
                "problem without {member}: {}",
                self.body
            );
        }
    }
}
