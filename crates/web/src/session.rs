//! Who is signed in: the session cookie, looked up server-side on every request.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use domain::person::Person;

use crate::form::FormData;
use crate::{AppState, WebError};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "alongside_session";

/// A signed-in person and their session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// Their profile.
    pub person: Person,
    /// The anti-forgery token their forms must carry.
    pub csrf: String,
}

impl SignedIn {
    /// Refuses a form that does not carry this session's anti-forgery token.
    pub fn check_csrf(&self, form: &FormData) -> Result<(), WebError> {
        if form.get("_csrf") == self.csrf {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }
}

/// The signed-in person, if there is one.
#[derive(Debug, Clone)]
pub struct MaybeSignedIn(pub Option<SignedIn>);

/// The session cookie value from a request.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` header for a new session (or clearing it, with `None`).
pub fn set_cookie(token: Option<&str>, secure: bool) -> (axum::http::HeaderName, HeaderValue) {
    let secure = if secure { "; Secure" } else { "" };
    let value = match token {
        Some(t) => format!("{COOKIE_NAME}={t}; Path=/; HttpOnly; SameSite=Lax{secure}"),
        None => format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    (
        SET_COOKIE,
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("")),
    )
}

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie_token(&parts.headers) else {
            return Ok(Self(None));
        };
        let Some(session) = state.app.session(&token).await? else {
            return Ok(Self(None));
        };
        let person = state.app.my_profile(session.person_id).await?;
        Ok(Self(Some(SignedIn {
            person,
            csrf: session.csrf_token,
        })))
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match MaybeSignedIn::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(user),
            None => Err(WebError::SignInRequired(
                parts
                    .uri
                    .path_and_query()
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            )),
        }
    }
}
