//! A browser: sends requests through the router, keeping its session cookie.

use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use super::{Page, SESSION_COOKIE};

/// A URL-encoded form body.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}

/// One browser: sends requests through the router, keeping the session cookie it is given.
#[derive(Clone)]
pub struct Browser {
    pub(super) router: Router,
    /// The `alongside_session` cookie's value, if one is held.
    pub cookie: Option<String>,
}

impl Browser {
    /// Sends a request (adding the cookie, if held) and keeps any session cookie set.
    pub async fn send(&mut self, mut request: Request<Body>) -> Page {
        if let Some(cookie) = &self.cookie {
            request.headers_mut().insert(
                COOKIE,
                format!("{SESSION_COOKIE}={cookie}")
                    .parse()
                    .expect("a cookie header"),
            );
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("reading the body")
            .to_bytes();
        for value in headers.get_all(SET_COOKIE) {
            let value = value.to_str().expect("an ASCII Set-Cookie");
            let Some(rest) = value.strip_prefix(&format!("{SESSION_COOKIE}=")) else {
                continue;
            };
            let token = rest.split(';').next().unwrap_or_default();
            if token.is_empty() || value.contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(token.to_owned());
            }
        }
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// GET a path.
    pub async fn get(&mut self, path: &str) -> Page {
        let request = Request::get(path).body(Body::empty()).expect("a request");
        self.send(request).await
    }

    /// POST a form with extra headers.
    pub async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Page {
        let mut builder =
            Request::post(path).header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(Body::from(form_body(fields)))
            .expect("a request");
        self.send(request).await
    }

    /// POST a form exactly as given.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.post_with(path, fields, &[]).await
    }

    /// This session's anti-forgery token, read from a page's hidden `_csrf` input.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/my/profile").await;
        page.assert_status(StatusCode::OK);
        page.csrf()
    }

    /// POST a form with this session's anti-forgery token added.
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut all = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(path, &all).await
    }

    /// Signs in over HTTP and asserts it worked.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let page = self
            .post("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            page.redirect(),
            "/my/applications",
            "signing in as {email} should land on the applications page"
        );
        assert!(
            self.cookie.is_some(),
            "signing in should set a session cookie"
        );
        page
    }
}
