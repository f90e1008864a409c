//! Requests to the API as either organisation, and the records seeded for them.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use domain::application::ApplicationInput;
use domain::ids::RoleId;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use super::{Org, Reply, World, person, role_body, site_body};

impl World {
    pub async fn call(
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

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn send(&self, method: Method, path: &str, token: &str, body: Value) -> Reply {
        self.call(method, path, Some(token), Some(body.to_string()))
            .await
    }

    /// A token for a new staff member of `org` with `permission`.
    pub async fn staff_token(&self, org: &Org, permission: &str) -> String {
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
    pub async fn seed_a(&self) -> Seeded {
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
pub struct Seeded {
    pub site: String,
    pub role: String,
    pub person: String,
    pub application: String,
}
