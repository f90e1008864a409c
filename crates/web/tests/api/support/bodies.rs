//! Request bodies, and the operations the OpenAPI document lists.

use std::collections::BTreeSet;

use axum::http::Method;
use serde_json::{Value, json};

pub fn site_body(name: &str) -> Value {
    json!({"name": name, "kind": "hospital", "postcode": "ls1 4ap"})
}

pub fn role_body(site_ids: &[String]) -> Value {
    json!({
        "title": "Mealtime companion",
        "summary": "Help patients at mealtimes",
        "setting": "in_hospital",
        "site_ids": site_ids,
        "minimum_age": 16,
        "dbs_level": "enhanced",
        "dbs_workforce": "adult",
        "non_substitution_statement": "Volunteers keep patients company; nurses still feed and assess them.",
    })
}

pub fn organisation_body(name: &str, slug: &str) -> Value {
    json!({"name": name, "slug": slug, "sector": "nhs", "kind": "acute_trust", "ods_code": "RX1", "postcode": "LS1 4AP"})
}

/// Every operation in the OpenAPI document, as (method, path template).
pub fn operations() -> BTreeSet<(String, String)> {
    let doc: Value =
        serde_json::from_str(&alongside_web::openapi_json()).expect("the document is JSON");
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("a path item").keys() {
            ops.insert((method.to_uppercase(), path.clone()));
        }
    }
    ops
}

pub fn method(name: &str) -> Method {
    name.parse().expect("an HTTP method")
}
