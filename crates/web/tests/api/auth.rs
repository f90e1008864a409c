//! Bearer tokens: every route but the OpenAPI document needs a valid one.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;
use uuid::Uuid;

use crate::support::{method, operations, world};

/// Every operation but the document itself needs a token; the answer is a 401 problem.
#[tokio::test]
async fn every_route_needs_a_valid_bearer_token() {
    let w = world().await;
    let id = Uuid::now_v7().to_string();
    let ops: Vec<_> = operations()
        .into_iter()
        .filter(|(_, path)| path != "/api/v1/openapi.json")
        .collect();
    assert_eq!(ops.len(), 154, "{ops:?}");
    for (verb, template) in ops {
        let path = template
            .replace("{id}", &id)
            .replace("{commitment_id}", &id)
            .replace("{consent_id}", &id)
            .replace("{slug}", "northshire")
            .replace("{registration_id}", &id)
            .replace("{occasion}", "baseline")
            .replace("{instrument}", "swemwbs")
            .replace("{kind}", "people");
        for authorization in [
            None,
            Some("Bearer not-a-token"),
            Some(format!("Basic {}", w.a.token).as_str()),
            Some("Bearer "),
        ] {
            let mut request = Request::builder().method(method(&verb)).uri(&path);
            if let Some(value) = authorization {
                request = request.header(header::AUTHORIZATION, value);
            }
            let response = w
                .router
                .clone()
                .oneshot(request.body(Body::from("{}")).expect("a request"))
                .await
                .expect("a response");
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{verb} {path} with {authorization:?}"
            );
            assert_eq!(
                response.headers()[header::CONTENT_TYPE],
                "application/problem+json"
            );
            assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
        }
    }
    let reply = w.call(Method::GET, "/api/v1/sites", None, None).await;
    reply.assert_problem(StatusCode::UNAUTHORIZED);
    assert_eq!(reply.body["type"], "urn:alongside:problem:unauthenticated");
    assert_eq!(reply.www_authenticate.as_deref(), Some("Bearer"));
}
