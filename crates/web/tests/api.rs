//! The JSON API end to end, through the whole router: bearer tokens, every endpoint's round trip,
//! tenancy on every route, problem+json errors, and the OpenAPI document (with a snapshot).
//!
//! Each test has a fresh SQLite database with two organisations, Riverside (A) and Hillside (B),
//! each with an admin and an API token.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::sync::Arc;

use alongside_web::{AppState, router};
use app::{App, SystemClock};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::application::ApplicationInput;
use domain::ids::{PersonId, RoleId};
use domain::organisation::OrganisationInput;
use domain::person::PersonInput;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery staple";

/// One organisation's admin and token.
struct Org {
    slug: &'static str,
    admin: PersonId,
    token: String,
}

/// A fresh database, the app, the router, and two organisations.
struct World {
    app: Arc<App>,
    router: Router,
    a: Org,
    b: Org,
}

/// What came back.
#[derive(Debug)]
struct Reply {
    status: StatusCode,
    content_type: String,
    location: Option<String>,
    www_authenticate: Option<String>,
    body: Value,
}

impl Reply {
    fn id(&self) -> String {
        self.body["id"].as_str().expect("an id").to_owned()
    }

    /// The field names of a 422's errors.
    fn error_fields(&self) -> Vec<String> {
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
    fn assert_problem(&self, status: StatusCode) {
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

async fn world() -> World {
    let path = std::env::temp_dir().join(format!("alongside-api-{}.db", Uuid::now_v7()));
    let store = store::open(&format!("sqlite://{}", path.display()))
        .await
        .expect("opening a test database");
    let app = Arc::new(App::new(store, Arc::new(SystemClock), "http://localhost"));
    let router = router(AppState {
        app: app.clone(),
        secure_cookies: false,
    });
    let a = organisation(&app, "Riverside Hospitals NHS Trust", "riverside", "RX1").await;
    let b = organisation(&app, "Hillside Community NHS Trust", "hillside", "RY2").await;
    World { app, router, a, b }
}

async fn person(app: &App, given: &str, email: &str) -> PersonId {
    let input = PersonInput {
        given_name: given.into(),
        family_name: "Example".into(),
        email: email.into(),
        date_of_birth: "1980-05-01".into(),
        ..Default::default()
    };
    app.register(&input, PASSWORD)
        .await
        .expect("registering")
        .id
}

async fn organisation(app: &App, name: &str, slug: &'static str, ods: &str) -> Org {
    let email = format!("admin@{slug}.example");
    let admin = person(app, "Admin", &email).await;
    app.create_organisation(&organisation_input(name, slug, ods), admin)
        .await
        .expect("creating organisation");
    let token = app
        .create_api_token_for(slug, &email)
        .await
        .expect("creating token");
    Org { slug, admin, token }
}

fn organisation_input(name: &str, slug: &str, ods: &str) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        slug: slug.into(),
        sector: "nhs".into(),
        kind: "acute_trust".into(),
        ods_code: ods.into(),
        postcode: "LS1 4AP".into(),
        ..Default::default()
    }
}

impl World {
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body)),
            None => request.body(Body::empty()),
        }
        .expect("a request");
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("a response");
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (status, content_type, location, www_authenticate) = (
            response.status(),
            header(header::CONTENT_TYPE).unwrap_or_default(),
            header(header::LOCATION),
            header(header::WWW_AUTHENTICATE),
        );
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Reply {
            status,
            content_type,
            location,
            www_authenticate,
            body,
        }
    }

    async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    async fn send(&self, method: Method, path: &str, token: &str, body: Value) -> Reply {
        self.call(method, path, Some(token), Some(body.to_string()))
            .await
    }

    /// A token for a new staff member of `org` with `permission`.
    async fn staff_token(&self, org: &Org, permission: &str) -> String {
        let email = format!("{}@{}.example", permission.replace('_', "-"), org.slug);
        person(&self.app, "Staff", &email).await;
        let scope = self
            .app
            .authorise(org.admin, org.slug)
            .await
            .expect("admin scope");
        self.app
            .grant_permission(&scope, &email, permission, vec![])
            .await
            .expect("granting");
        self.app
            .create_api_token_for(org.slug, &email)
            .await
            .expect("token")
    }

    /// Org A with a site, an open role, and a volunteer who applied to it.
    async fn seed_a(&self) -> Seeded {
        let token = &self.a.token;
        let site = self
            .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
            .await;
        assert_eq!(site.status, StatusCode::CREATED, "{}", site.body);
        let role = self
            .send(
                Method::POST,
                "/api/v1/roles",
                token,
                role_body(&[site.id()]),
            )
            .await;
        assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
        let published = self
            .call(
                Method::POST,
                &format!("/api/v1/roles/{}/publish", role.id()),
                Some(token),
                None,
            )
            .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        let volunteer = person(&self.app, "Vera", "vera@volunteer.example").await;
        let role_id: RoleId = role.id().parse().expect("a role id");
        let answers = ApplicationInput {
            motivation: "I like people".into(),
            availability: "Weekends".into(),
        };
        let application = self
            .app
            .apply(volunteer, role_id, &answers)
            .await
            .expect("applying");
        Seeded {
            site: site.id(),
            role: role.id(),
            person: volunteer.to_string(),
            application: application.id.to_string(),
        }
    }
}

/// Org A's records.
struct Seeded {
    site: String,
    role: String,
    person: String,
    application: String,
}

fn site_body(name: &str) -> Value {
    json!({"name": name, "kind": "hospital", "postcode": "ls1 4ap"})
}

fn role_body(site_ids: &[String]) -> Value {
    json!({
        "title": "Mealtime companion",
        "summary": "Help patients at mealtimes",
        "setting": "in_hospital",
        "site_ids": site_ids,
        "minimum_age": 16,
        "dbs_level": "enhanced",
        "non_substitution_statement": "Volunteers keep patients company; nurses still feed and assess them.",
    })
}

fn organisation_body(name: &str, slug: &str) -> Value {
    json!({"name": name, "slug": slug, "sector": "nhs", "kind": "acute_trust", "ods_code": "RX1", "postcode": "LS1 4AP"})
}

/// Every operation in the OpenAPI document, as (method, path template).
fn operations() -> BTreeSet<(String, String)> {
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

fn method(name: &str) -> Method {
    name.parse().expect("an HTTP method")
}

// ---------------------------------------------------------------------------------------------
// Round trips in one's own organisation

#[tokio::test]
async fn own_organisation_can_be_read_and_changed_by_its_admin() {
    let w = world().await;
    let got = w.get("/api/v1/organisation", &w.a.token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["slug"], "riverside");
    assert_eq!(got.body["ods_code"], "RX1");

    let put = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            &w.a.token,
            organisation_body("Riverside University Hospitals", "riverside"),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["name"], "Riverside University Hospitals");
    let got = w.get("/api/v1/organisation", &w.a.token).await;
    assert_eq!(got.body["name"], "Riverside University Hospitals");
}

#[tokio::test]
async fn sites_round_trip() {
    let w = world().await;
    let token = &w.a.token;
    let created = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["postcode"], "LS1 4AP");
    assert_eq!(
        created.location.as_deref(),
        Some(format!("/api/v1/sites/{}", created.id()).as_str())
    );

    let list = w.get("/api/v1/sites", token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body.as_array().map(Vec::len), Some(1));
    assert_eq!(list.body[0]["id"], created.body["id"]);

    let path = format!("/api/v1/sites/{}", created.id());
    assert_eq!(w.get(&path, token).await.body, created.body);
    let changed = w
        .send(
            Method::PUT,
            &path,
            token,
            json!({"name": "Phone line", "kind": "remote"}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let got = w.get(&path, token).await;
    assert_eq!(got.body["name"], "Phone line");
    assert_eq!(got.body["kind"], "remote");
    assert_eq!(got.body["postcode"], Value::Null);
}

#[tokio::test]
async fn roles_round_trip_through_publishing_and_closing() {
    let w = world().await;
    let token = &w.a.token;
    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await
        .id();
    let created = w
        .send(
            Method::POST,
            "/api/v1/roles",
            token,
            role_body(std::slice::from_ref(&site)),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["status"], "draft");
    assert_eq!(created.body["minimum_age"], 16);
    assert_eq!(created.body["site_ids"], json!([site]));
    let path = format!("/api/v1/roles/{}", created.id());
    assert_eq!(created.location.as_deref(), Some(path.as_str()));

    let list = w.get("/api/v1/roles", token).await;
    assert_eq!(list.body.as_array().map(Vec::len), Some(1));
    assert_eq!(w.get(&path, token).await.body, created.body);

    let mut body = role_body(&[]);
    body["title"] = json!("Ward companion");
    body["minimum_age"] = json!("18");
    let changed = w.send(Method::PUT, &path, token, body).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["title"], "Ward companion");
    assert_eq!(changed.body["minimum_age"], 18);
    assert_eq!(changed.body["site_ids"], json!([]));
    assert_eq!(changed.body["status"], "draft");

    let published = w
        .call(Method::POST, &format!("{path}/publish"), Some(token), None)
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.body["status"], "open");
    let closed = w
        .call(Method::POST, &format!("{path}/close"), Some(token), None)
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(w.get(&path, token).await.body["status"], "closed");
}

#[tokio::test]
async fn applications_and_people_round_trip() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;

    let list = w.get("/api/v1/applications", token).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.body.as_array().map(Vec::len), Some(1));
    assert_eq!(list.body[0]["id"], a.application.as_str());
    assert_eq!(list.body[0]["role_title"], "Mealtime companion");

    let path = format!("/api/v1/applications/{}", a.application);
    let got = w.get(&path, token).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["application"]["status"], "submitted");

    let declined = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "declined"}),
        )
        .await;
    declined.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(declined.error_fields(), ["note"]);
    let accepted = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "accepted", "note": "Welcome"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["application"]["status"], "accepted");
    assert_eq!(
        accepted.body["history"]
            .as_array()
            .and_then(|h| h.last())
            .map(|e| e["note"].clone()),
        Some(json!("Welcome"))
    );
    let again = w
        .send(
            Method::POST,
            &format!("{path}/decision"),
            token,
            json!({"status": "declined", "note": "No"}),
        )
        .await;
    again.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["status"]);

    let people = w.get("/api/v1/people", token).await;
    assert_eq!(people.status, StatusCode::OK, "{}", people.body);
    assert_eq!(people.body["total"], 1);
    assert_eq!(
        (people.body["page"].clone(), people.body["per_page"].clone()),
        (json!(1), json!(50))
    );
    assert_eq!(people.body["items"][0]["person"]["id"], a.person.as_str());
    assert_eq!(
        people.body["items"][0]["engagement"]["status"],
        "onboarding"
    );
    assert!(
        people.body["items"][0]["person"]
            .get("password_hash")
            .is_none()
    );
    for (query, total) in [
        ("status=onboarding", 1),
        ("status=active", 0),
        ("q=vera", 1),
        ("q=nobody", 0),
        (&format!("role={}", a.role) as &str, 1),
        ("page=2&per_page=1", 1),
    ] {
        let page = w.get(&format!("/api/v1/people?{query}"), token).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert_eq!(page.body["total"], total, "{query}");
    }
    let bad = w
        .get("/api/v1/people?status=asleep&page=nought", token)
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["status", "page"]);

    let record_path = format!("/api/v1/people/{}", a.person);
    let record = w.get(&record_path, token).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    assert_eq!(record.body["person"]["email"], "vera@volunteer.example");
    assert_eq!(record.body["engagement"]["status"], "onboarding");
    assert_eq!(record.body["applications"][0]["status"], "accepted");
    assert_eq!(record.body["history"].as_array().map(Vec::len), Some(2));

    let status_path = format!("{record_path}/status");
    let moved = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "active", "note": "Trained"}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::NO_CONTENT, "{}", moved.body);
    assert_eq!(
        w.get(&record_path, token).await.body["engagement"]["status"],
        "active"
    );

    let leaving = w
        .send(Method::POST, &status_path, token, json!({"status": "left"}))
        .await;
    leaving.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(leaving.error_fields(), ["leaving_reason"]);
    let unknown = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "left", "leaving_reason": "bored"}),
        )
        .await;
    unknown.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.error_fields(), ["leaving_reason"]);
    let left = w
        .send(
            Method::POST,
            &status_path,
            token,
            json!({"status": "left", "leaving_reason": "moved_away"}),
        )
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT, "{}", left.body);
    let record = w.get(&record_path, token).await;
    assert_eq!(record.body["engagement"]["status"], "left");
    assert_eq!(record.body["engagement"]["leaving_reason"], "moved_away");
}

// ---------------------------------------------------------------------------------------------
// Tenancy

/// Every operation with an `{id}`, tried with organisation B's token on organisation A's
/// records, is not found; nothing of A's changes; B's lists never show A's records.
#[tokio::test]
async fn another_organisations_records_are_not_found_on_every_route() {
    let w = world().await;
    let a = w.seed_a().await;
    let b_token = &w.b.token;

    let id_for = |path: &str| {
        if path.starts_with("/api/v1/sites/") {
            &a.site
        } else if path.starts_with("/api/v1/roles/") {
            &a.role
        } else if path.starts_with("/api/v1/people/") {
            &a.person
        } else if path.starts_with("/api/v1/applications/") {
            &a.application
        } else {
            panic!("no organisation A id for {path}")
        }
    };
    let body_for = |method: &str, path: &str| match (method, path) {
        ("PUT", "/api/v1/sites/{id}") => Some(site_body("Taken over")),
        ("PUT", "/api/v1/roles/{id}") => Some(role_body(&[])),
        ("POST", "/api/v1/people/{id}/status") => Some(json!({"status": "onboarding"})),
        ("POST", "/api/v1/applications/{id}/decision") => Some(json!({"status": "screening"})),
        _ => None,
    };

    let templated: Vec<(String, String)> = operations()
        .into_iter()
        .filter(|(_, path)| path.contains("{id}"))
        .collect();
    assert_eq!(
        templated.len(),
        10,
        "expected 10 operations on a record, found {templated:?}"
    );
    for (verb, template) in &templated {
        let path = template.replace("{id}", id_for(template));
        let body = body_for(verb, template).map(|b| b.to_string());
        let reply = w.call(method(verb), &path, Some(b_token), body).await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "{verb} {path} with B's token: {}",
            reply.body
        );
        reply.assert_problem(StatusCode::NOT_FOUND);
    }

    // A filter naming A's role, and a new role of B's at A's site, are refused too.
    w.get(&format!("/api/v1/people?role={}", a.role), b_token)
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let stolen_site = w
        .send(
            Method::POST,
            "/api/v1/roles",
            b_token,
            role_body(std::slice::from_ref(&a.site)),
        )
        .await;
    stolen_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stolen_site.error_fields(), ["site_ids"]);

    // B's lists and organisation show nothing of A's.
    let a_secrets = [
        a.site.as_str(),
        &a.role,
        &a.person,
        &a.application,
        "riverside",
        "vera@volunteer.example",
    ];
    for path in [
        "/api/v1/organisation",
        "/api/v1/sites",
        "/api/v1/roles",
        "/api/v1/people",
        "/api/v1/applications",
    ] {
        let reply = w.get(path, b_token).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
        let text = reply.body.to_string();
        for secret in a_secrets {
            assert!(
                !text.contains(secret),
                "{path} with B's token shows A's {secret}: {text}"
            );
        }
    }
    assert_eq!(w.get("/api/v1/people", b_token).await.body["total"], 0);

    // Nothing of A's changed.
    let token = &w.a.token;
    assert_eq!(
        w.get(&format!("/api/v1/sites/{}", a.site), token)
            .await
            .body["name"],
        "Ward 7"
    );
    let role = w.get(&format!("/api/v1/roles/{}", a.role), token).await;
    assert_eq!(
        (role.body["status"].clone(), role.body["title"].clone()),
        (json!("open"), json!("Mealtime companion"))
    );
    let application = w
        .get(&format!("/api/v1/applications/{}", a.application), token)
        .await;
    assert_eq!(application.body["application"]["status"], "submitted");
    assert_eq!(
        w.get(&format!("/api/v1/people/{}", a.person), token)
            .await
            .body["engagement"]["status"],
        "applicant"
    );
}

// ---------------------------------------------------------------------------------------------
// Errors

/// Every operation but the document itself needs a token; the answer is a 401 problem.
#[tokio::test]
async fn every_route_needs_a_valid_bearer_token() {
    let w = world().await;
    let id = Uuid::now_v7().to_string();
    let ops: Vec<_> = operations()
        .into_iter()
        .filter(|(_, path)| path != "/api/v1/openapi.json")
        .collect();
    assert_eq!(ops.len(), 18, "{ops:?}");
    for (verb, template) in ops {
        let path = template.replace("{id}", &id);
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

#[tokio::test]
async fn malformed_json_is_a_400_naming_the_problem() {
    let w = world().await;
    let a = w.seed_a().await;
    let token = &w.a.token;
    let bodied = [
        (Method::PUT, "/api/v1/organisation".to_owned()),
        (Method::POST, "/api/v1/sites".to_owned()),
        (Method::PUT, format!("/api/v1/sites/{}", a.site)),
        (Method::POST, "/api/v1/roles".to_owned()),
        (Method::PUT, format!("/api/v1/roles/{}", a.role)),
        (Method::POST, format!("/api/v1/people/{}/status", a.person)),
        (
            Method::POST,
            format!("/api/v1/applications/{}/decision", a.application),
        ),
    ];
    for (verb, path) in &bodied {
        for (body, expected) in [
            ("{\"name\": ", "EOF"),
            ("", "empty"),
            ("[1, 2]", "JSON object"),
            (
                "{\"name\": true, \"status\": true, \"title\": true}",
                "expected text",
            ),
            ("not json", "JSON object"),
        ] {
            let reply = w
                .call(verb.clone(), path, Some(token), Some(body.to_owned()))
                .await;
            reply.assert_problem(StatusCode::BAD_REQUEST);
            let detail = reply.body["detail"].as_str().unwrap_or_default();
            assert!(
                detail.contains(expected),
                "{verb} {path} with {body:?}: {detail}"
            );
        }
    }
    let sites = w.get("/api/v1/sites", token).await;
    assert_eq!(sites.body.as_array().map(Vec::len), Some(1));
    assert_eq!(sites.body[0]["name"], "Ward 7");
}

#[tokio::test]
async fn bodies_are_read_leniently() {
    let w = world().await;
    let token = &w.a.token;
    // Unknown fields are ignored, null is blank, numbers are text.
    let body = json!({"name": "Phone line", "kind": "remote", "postcode": null, "colour": "blue"});
    let created = w.send(Method::POST, "/api/v1/sites", token, body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let mut role = role_body(&[]);
    role["minimum_age"] = json!("16");
    role["site_ids"] = Value::Null;
    let created = w.send(Method::POST, "/api/v1/roles", token, role).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
}

#[tokio::test]
async fn invalid_fields_are_a_422_listing_each_and_nothing_is_saved() {
    let w = world().await;
    let token = &w.a.token;
    let bad_site = w
        .send(
            Method::POST,
            "/api/v1/sites",
            token,
            json!({"name": " ", "kind": "hospital", "postcode": "NOT A POSTCODE"}),
        )
        .await;
    bad_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_site.body["type"], "urn:alongside:problem:invalid-input");
    let fields = bad_site.error_fields();
    assert!(
        fields.iter().any(|f| f == "name") && fields.iter().any(|f| f == "postcode"),
        "{fields:?}"
    );
    assert!(
        bad_site.body["errors"]
            .as_array()
            .is_some_and(|e| e.iter().all(|e| e["message"].is_string()))
    );
    assert_eq!(w.get("/api/v1/sites", token).await.body, json!([]));

    let site = w
        .send(Method::POST, "/api/v1/sites", token, site_body("Ward 7"))
        .await
        .id();
    let bad_change = w
        .send(
            Method::PUT,
            &format!("/api/v1/sites/{site}"),
            token,
            json!({"name": "", "kind": "castle"}),
        )
        .await;
    bad_change.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_change.error_fields(), ["name", "kind"]);
    assert_eq!(
        w.get(&format!("/api/v1/sites/{site}"), token).await.body["name"],
        "Ward 7"
    );

    let mut role = role_body(&["not-an-id".to_owned()]);
    role["title"] = json!("");
    role["minimum_age"] = json!(14);
    let bad_role = w.send(Method::POST, "/api/v1/roles", token, role).await;
    bad_role.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad_role.error_fields(),
        ["title", "minimum_age", "site_ids"]
    );
    let unknown_site = w
        .send(
            Method::POST,
            "/api/v1/roles",
            token,
            role_body(&[Uuid::now_v7().to_string()]),
        )
        .await;
    unknown_site.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown_site.error_fields(), ["site_ids"]);
    assert_eq!(w.get("/api/v1/roles", token).await.body, json!([]));

    let bad_org = w.send(Method::PUT, "/api/v1/organisation", token, json!({"name": "Riverside", "slug": "riverside", "sector": "voluntary", "kind": "acute_trust", "postcode": "LS1 4AP"})).await;
    bad_org.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_org.error_fields().iter().any(|f| f == "kind"));
    let taken = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            token,
            organisation_body("Riverside", "hillside"),
        )
        .await;
    taken.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken.error_fields(), ["slug"]);
    assert_eq!(
        w.get("/api/v1/organisation", token).await.body["name"],
        "Riverside Hospitals NHS Trust"
    );
}

#[tokio::test]
async fn publishing_needs_the_non_substitution_statement() {
    let w = world().await;
    let token = &w.a.token;
    let mut body = role_body(&[]);
    body["non_substitution_statement"] = json!("");
    let role = w
        .send(Method::POST, "/api/v1/roles", token, body)
        .await
        .id();
    let published = w
        .call(
            Method::POST,
            &format!("/api/v1/roles/{role}/publish"),
            Some(token),
            None,
        )
        .await;
    published.assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(published.error_fields(), ["non_substitution_statement"]);
    assert_eq!(
        w.get(&format!("/api/v1/roles/{role}"), token).await.body["status"],
        "draft"
    );
}

#[tokio::test]
async fn permissions_limit_what_a_token_may_do() {
    let w = world().await;
    let a = w.seed_a().await;
    let viewer = w.staff_token(&w.a, "viewer").await;
    let manager = w.staff_token(&w.a, "volunteer_manager").await;

    for path in [
        "/api/v1/organisation",
        "/api/v1/sites",
        "/api/v1/roles",
        "/api/v1/people",
        "/api/v1/applications",
    ] {
        assert_eq!(
            w.get(path, &viewer).await.status,
            StatusCode::OK,
            "viewer reading {path}"
        );
    }
    let refused = [
        (
            Method::POST,
            "/api/v1/sites".to_owned(),
            site_body("Ward 8"),
        ),
        (
            Method::PUT,
            format!("/api/v1/sites/{}", a.site),
            site_body("Ward 8"),
        ),
        (Method::POST, "/api/v1/roles".to_owned(), role_body(&[])),
        (
            Method::PUT,
            format!("/api/v1/roles/{}", a.role),
            role_body(&[]),
        ),
        (
            Method::POST,
            format!("/api/v1/roles/{}/close", a.role),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/v1/people/{}/status", a.person),
            json!({"status": "onboarding"}),
        ),
        (
            Method::POST,
            format!("/api/v1/applications/{}/decision", a.application),
            json!({"status": "screening"}),
        ),
        (
            Method::PUT,
            "/api/v1/organisation".to_owned(),
            organisation_body("Viewer's Trust", "riverside"),
        ),
    ];
    for (verb, path, body) in refused {
        let reply = w.send(verb.clone(), &path, &viewer, body).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "viewer {verb} {path}: {}",
            reply.body
        );
        reply.assert_problem(StatusCode::FORBIDDEN);
    }
    assert_eq!(
        w.get("/api/v1/sites", &viewer)
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let created = w
        .send(Method::POST, "/api/v1/sites", &manager, site_body("Ward 8"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let org = w
        .send(
            Method::PUT,
            "/api/v1/organisation",
            &manager,
            organisation_body("Manager's Trust", "riverside"),
        )
        .await;
    org.assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(
        w.get("/api/v1/organisation", &manager).await.body["name"],
        "Riverside Hospitals NHS Trust"
    );
}

#[tokio::test]
async fn malformed_ids_and_unknown_addresses_are_404_problems() {
    let w = world().await;
    let token = &w.a.token;
    for (verb, path) in [
        (Method::GET, "/api/v1/sites/not-a-uuid"),
        (Method::PUT, "/api/v1/sites/123"),
        (Method::GET, "/api/v1/roles/%20"),
        (Method::POST, "/api/v1/roles/xyz/publish"),
        (Method::POST, "/api/v1/roles/xyz/close"),
        (Method::GET, "/api/v1/people/1"),
        (Method::POST, "/api/v1/people/1/status"),
        (Method::GET, "/api/v1/applications/0000"),
        (Method::POST, "/api/v1/applications/abc/decision"),
        (Method::GET, "/api/v1/nowhere"),
    ] {
        let reply = w
            .call(verb.clone(), path, Some(token), Some("{}".into()))
            .await;
        reply.assert_problem(StatusCode::NOT_FOUND);
    }
    let random = w
        .get(&format!("/api/v1/sites/{}", Uuid::now_v7()), token)
        .await;
    random.assert_problem(StatusCode::NOT_FOUND);
    let wrong_method = w
        .call(Method::DELETE, "/api/v1/sites", Some(token), None)
        .await;
    wrong_method.assert_problem(StatusCode::METHOD_NOT_ALLOWED);
}

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

#[tokio::test]
async fn openapi_document_is_served_without_a_token() {
    let w = world().await;
    let reply = w
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.content_type, "application/json");
    let expected: Value = serde_json::from_str(&alongside_web::openapi_json()).expect("JSON");
    assert_eq!(reply.body, expected);
}

#[test]
fn openapi_document_is_3_1_and_describes_every_route() {
    let doc: Value =
        serde_json::from_str(&alongside_web::openapi_json()).expect("the document is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let expected = [
        ("GET", "/api/v1/openapi.json"),
        ("GET", "/api/v1/organisation"),
        ("PUT", "/api/v1/organisation"),
        ("GET", "/api/v1/sites"),
        ("POST", "/api/v1/sites"),
        ("GET", "/api/v1/sites/{id}"),
        ("PUT", "/api/v1/sites/{id}"),
        ("GET", "/api/v1/roles"),
        ("POST", "/api/v1/roles"),
        ("GET", "/api/v1/roles/{id}"),
        ("PUT", "/api/v1/roles/{id}"),
        ("POST", "/api/v1/roles/{id}/publish"),
        ("POST", "/api/v1/roles/{id}/close"),
        ("GET", "/api/v1/people"),
        ("GET", "/api/v1/people/{id}"),
        ("POST", "/api/v1/people/{id}/status"),
        ("GET", "/api/v1/applications"),
        ("GET", "/api/v1/applications/{id}"),
        ("POST", "/api/v1/applications/{id}/decision"),
    ];
    let expected: BTreeSet<(String, String)> = expected
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(operations(), expected);
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert_eq!(doc["security"], json!([{"bearer": []}]));
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    let ops = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("an item").values());
    let mut ids = BTreeSet::new();
    for op in ops {
        let id = op["operationId"].as_str().expect("an operation id");
        assert!(ids.insert(id.to_owned()), "operation id {id} is used twice");
    }
}

/// The document is committed, so changes to the API show up in review. Run with
/// `UPDATE_SNAPSHOTS=1` to accept a change.
#[test]
fn openapi_document_matches_the_snapshot() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    let actual = alongside_web::openapi_json();
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a directory"))
            .expect("creating the snapshot directory");
        std::fs::write(&path, &actual).expect("writing the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the OpenAPI snapshot {} ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .map_or_else(
                || "the lengths differ".to_owned(),
                |i| {
                    format!(
                        "first difference at line {}:\n  snapshot: {}\n  now:      {}",
                        i + 1,
                        expected.lines().nth(i).unwrap_or(""),
                        actual.lines().nth(i).unwrap_or("")
                    )
                },
            );
        panic!(
            "the OpenAPI document no longer matches {}; {line}\nIf the change is intended, run \
             `UPDATE_SNAPSHOTS=1 cargo test -p alongside-web --test api` and commit the snapshot.",
            path.display()
        );
    }
}
