//! Creating an account, signing in and out, and resetting a forgotten password.

use app::AppError;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::FieldErrors;
use domain::person::PersonInput;
use serde::Deserialize;

use super::safe_next;
use crate::client_address::ClientAddress;
use crate::form::FormData;
use crate::layout::Layout;
use crate::session::{MaybeSignedIn, SignedIn, cookie_token, set_cookie};
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/register", get(register_form).post(register))
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/forgot-password", get(forgot_form).post(forgot))
        .route("/reset-password/{token}", get(reset_form).post(reset))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Next {
    next: String,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    layout: Layout,
    input: PersonInput,
    dob: (String, String, String),
    next: String,
}

/// The day, month and year boxes for a date of birth as typed (or as stored).
pub fn dob_parts(input: &PersonInput) -> (String, String, String) {
    match domain::person::parse_date(&input.date_of_birth) {
        Some(d) => {
            use chrono::Datelike;
            (
                d.day().to_string(),
                d.month().to_string(),
                d.year().to_string(),
            )
        }
        None => {
            let mut parts = input.date_of_birth.split_whitespace().map(str::to_owned);
            (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            )
        }
    }
}

async fn register_form(
    MaybeSignedIn(user): MaybeSignedIn,
    Query(next): Query<Next>,
) -> Result<Html<String>, WebError> {
    let next = next.next;
    let input = PersonInput::default();
    let page = RegisterPage {
        layout: Layout::for_user("Create an account", user.as_ref()),
        dob: dob_parts(&input),
        input,
        next,
    };
    Ok(Html(page.render()?))
}

/// The profile fields shared by registering and editing a profile.
pub fn person_input(form: &FormData) -> PersonInput {
    PersonInput {
        given_name: form.get("given_name"),
        family_name: form.get("family_name"),
        preferred_name: form.get("preferred_name"),
        email: form.get("email"),
        phone: form.get("phone"),
        date_of_birth: form.date("date_of_birth"),
        postcode: form.get("postcode"),
        languages: form.get("languages"),
        skills: form.get("skills"),
        interests: form.get("interests"),
        accessibility_needs: form.get("accessibility_needs"),
    }
}

async fn register(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let input = person_input(&form);
    let next = safe_next(&form.get("next"));
    let password = form.get("password");
    match state.app.register(&input, &password).await {
        Ok(person) => {
            let (_, session) = state
                .app
                .sign_in(
                    person.email.as_str(),
                    &password,
                    &address,
                    cookie_token(&headers).as_deref(),
                )
                .await?;
            Ok((
                [set_cookie(Some(&session.token), state.secure_cookies)],
                Redirect::to(&next),
            )
                .into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::plain("Create an account").with_errors(errors);
            let page = RegisterPage {
                layout,
                dob: dob_parts(&input),
                input,
                next,
            };
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                Html(page.render()?),
            )
                .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    layout: Layout,
    email: String,
    next: String,
}

async fn sign_in_form(
    MaybeSignedIn(user): MaybeSignedIn,
    Query(next): Query<Next>,
) -> Result<Html<String>, WebError> {
    let next = next.next;
    Ok(Html(
        SignInPage {
            layout: Layout::for_user("Sign in", user.as_ref()),
            email: String::new(),
            next,
        }
        .render()?,
    ))
}

async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let email = form.get("email");
    let next = form.get("next");
    let old = cookie_token(&headers);
    let mut errors = FieldErrors::new();
    if email.trim().is_empty() {
        errors.add("email", "Enter your email address");
    }
    if form.get("password").is_empty() {
        errors.add("password", "Enter your password");
    }
    if errors.is_empty() {
        match state
            .app
            .sign_in(&email, &form.get("password"), &address, old.as_deref())
            .await
        {
            Ok((_, session)) => {
                let to = if next.is_empty() {
                    "/my/applications".to_owned()
                } else {
                    safe_next(&next)
                };
                return Ok((
                    [set_cookie(Some(&session.token), state.secure_cookies)],
                    Redirect::to(&to),
                )
                    .into_response());
            }
            Err(AppError::Unauthenticated) => {
                errors.add("email", "Enter a correct email address and password")
            }
            Err(AppError::RateLimited) => errors.add(
                "email",
                "You have tried to sign in too many times. Wait 15 minutes, then try again",
            ),
            Err(e) => return Err(e.into()),
        }
    }
    let layout = Layout::plain("Sign in").with_errors(errors);
    let status = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok((
        status,
        Html(
            SignInPage {
                layout,
                email,
                next,
            }
            .render()?,
        ),
    )
        .into_response())
}

async fn sign_out(
    State(state): State<AppState>,
    user: SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    user.check_csrf(&FormData::parse(&body))?;
    if let Some(token) = cookie_token(&headers) {
        state.app.sign_out(&token).await?;
    }
    Ok(([set_cookie(None, state.secure_cookies)], Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "forgot_password.html")]
struct ForgotPage {
    layout: Layout,
    sent: bool,
}

async fn forgot_form() -> Result<Html<String>, WebError> {
    Ok(Html(
        ForgotPage {
            layout: Layout::plain("Reset your password"),
            sent: false,
        }
        .render()?,
    ))
}

async fn forgot(State(state): State<AppState>, body: Bytes) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    let email = form.get("email");
    if email.trim().is_empty() {
        let layout = Layout::plain("Reset your password")
            .with_errors(FieldErrors::one("email", "Enter your email address"));
        return Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            Html(
                ForgotPage {
                    layout,
                    sent: false,
                }
                .render()?,
            ),
        )
            .into_response());
    }
    state.app.request_password_reset(&email).await?;
    Ok(Html(
        ForgotPage {
            layout: Layout::plain("Check your email"),
            sent: true,
        }
        .render()?,
    )
    .into_response())
}

#[derive(Template)]
#[template(path = "reset_password.html")]
struct ResetPage {
    layout: Layout,
    token: String,
    valid: bool,
}

async fn reset_form(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let valid = state.app.reset_token_valid(&token).await?;
    let status = if valid {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::NOT_FOUND
    };
    Ok((
        status,
        Html(
            ResetPage {
                layout: Layout::plain("Choose a new password"),
                token,
                valid,
            }
            .render()?,
        ),
    )
        .into_response())
}

async fn reset(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    match state
        .app
        .reset_password(&token, &form.get("password"))
        .await
    {
        Ok(()) => Ok(Redirect::to("/sign-in").into_response()),
        Err(AppError::Invalid(errors)) => {
            let layout = Layout::plain("Choose a new password").with_errors(errors);
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                Html(
                    ResetPage {
                        layout,
                        token,
                        valid: true,
                    }
                    .render()?,
                ),
            )
                .into_response())
        }
        Err(AppError::NotFound | AppError::Conflict(_)) => {
            let page = ResetPage {
                layout: Layout::plain("This link has expired"),
                token,
                valid: false,
            };
            Ok((axum::http::StatusCode::NOT_FOUND, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
