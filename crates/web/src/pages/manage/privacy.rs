//! An organisation's privacy pages (admins): the overview with erasure records, retention rules
//! with a dry-run preview and "run now", the privacy notice's text, and the consent register.

use app::AppError;
use app::retention::since_words;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::privacy::notice::default_notice;
use domain::privacy::{ErasureBlock, RetentionInput};
use domain::{FieldErrors, Labelled};

use super::{scope, to};
use crate::form::{Done, FormData};
use crate::layout::{Layout, nhs_date, nhs_datetime, uk_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/privacy", get(overview))
        .route(
            "/manage/{org}/privacy/retention",
            get(show_retention).post(save_retention),
        )
        .route("/manage/{org}/privacy/retention/run", post(run_retention))
        .route(
            "/manage/{org}/privacy/notice",
            get(show_notice).post(save_notice),
        )
        .route("/manage/{org}/privacy/consents", get(consents))
}

/// One erasure record as listed.
struct ErasureLine {
    when: String,
    subject: &'static str,
    reason: &'static str,
    by_admin: bool,
    profile: bool,
    note: String,
    removed: String,
}

#[derive(Template)]
#[template(path = "manage/privacy.html")]
struct Overview {
    layout: Layout,
    slug: String,
    erasures: Vec<ErasureLine>,
    done: &'static str,
}

async fn overview(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let erasures = state
        .app
        .erasures(&scope)
        .await?
        .into_iter()
        .map(|e| ErasureLine {
            when: nhs_datetime(&e.erased_at),
            subject: e.subject.label(),
            reason: e.reason.label(),
            by_admin: e.erased_by.is_some(),
            profile: e.profile_erased,
            note: e.note,
            removed: e.removed.join("; "),
        })
        .collect();
    let page = Overview {
        layout: Layout::for_org("Privacy and data protection", &user, &scope),
        slug,
        erasures,
        done: match q.done.as_str() {
            "erased" => "Their data has been erased. The record below says when and why.",
            _ => "",
        },
    };
    Ok(Html(page.render()?).into_response())
}

/// Someone the rules reach, as the preview lists them.
struct Reached {
    name: String,
    rule: &'static str,
    since: String,
    kept: Vec<String>,
}

#[derive(Template)]
#[template(path = "manage/retention.html")]
struct RetentionPage {
    layout: Layout,
    slug: String,
    input: RetentionInput,
    reached: Vec<Reached>,
    dbs: Vec<(String, String, String)>,
    runs: Vec<(String, Vec<String>)>,
    done: &'static str,
}

async fn render_retention(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    typed: Option<RetentionInput>,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let preview = state.app.retention_preview(&scope).await?;
    let runs = state.app.retention_runs(&scope).await?;
    let layout = Layout::for_org("Retention rules", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = RetentionPage {
        layout,
        slug: slug.to_owned(),
        input: typed.unwrap_or_else(|| RetentionInput::from_policy(&preview.policy)),
        reached: preview
            .items
            .iter()
            .map(|i| {
                let (words, since) = since_words(&i.candidate);
                Reached {
                    name: i.candidate.name.clone(),
                    rule: i.candidate.rule.label(),
                    since: format!("{words} {}", nhs_date(&uk_date(&since))),
                    kept: i.kept_because.iter().map(ErasureBlock::message).collect(),
                }
            })
            .collect(),
        dbs: preview
            .dbs
            .iter()
            .map(|d| {
                (
                    d.name.clone(),
                    d.check.name.clone(),
                    d.check
                        .decided_at
                        .map(|t| nhs_date(&uk_date(&t)))
                        .unwrap_or_default(),
                )
            })
            .collect(),
        runs: runs
            .into_iter()
            .map(|r| (nhs_datetime(&r.ran_at), r.report))
            .collect(),
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show_retention(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let done = match q.done.as_str() {
        "saved" => "The retention rules are saved.",
        "run" => "The rules have run. The report is below.",
        _ => "",
    };
    render_retention(&state, &user, &slug, None, FieldErrors::new(), done).await
}

async fn save_retention(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    let input = RetentionInput {
        leavers_after_years: form.get("leavers_after_years"),
        unsuccessful_after_months: form.get("unsuccessful_after_months"),
        closed_service_users_after_years: form.get("closed_service_users_after_years"),
    };
    match state.app.save_retention(&scope, &input).await {
        Ok(_) => Ok(to(format!("/manage/{slug}/privacy/retention?done=saved"))),
        Err(AppError::Invalid(errors)) => {
            render_retention(&state, &user, &slug, Some(input), errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

async fn run_retention(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    if form.get("confirmed") != "yes" {
        let errors = FieldErrors::one(
            "confirmed",
            "Confirm that you understand the records listed will be erased",
        );
        return render_retention(&state, &user, &slug, None, errors, "").await;
    }
    state.app.run_retention(&scope).await?;
    Ok(to(format!("/manage/{slug}/privacy/retention?done=run")))
}

#[derive(Template)]
#[template(path = "manage/privacy_notice.html")]
struct NoticePage {
    layout: Layout,
    slug: String,
    text: String,
    custom: bool,
    done: &'static str,
}

async fn render_notice(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    typed: Option<String>,
    errors: FieldErrors,
    done: &'static str,
) -> Result<Response, WebError> {
    let scope = scope(state, user, slug).await?;
    let settings = state.app.privacy_settings(&scope).await?;
    let custom = settings.notice.is_some();
    let text = typed
        .or(settings.notice)
        .unwrap_or_else(|| default_notice(scope.organisation(), &settings.retention));
    let layout = Layout::for_org("Privacy notice", user, &scope).with_errors(errors);
    let status = layout.status();
    let page = NoticePage {
        layout,
        slug: slug.to_owned(),
        text,
        custom,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

async fn show_notice(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Done>,
) -> Result<Response, WebError> {
    let done = match q.done.as_str() {
        "saved" => "The privacy notice is saved and published.",
        "reset" => "The privacy notice is back to the default.",
        _ => "",
    };
    render_notice(&state, &user, &slug, None, FieldErrors::new(), done).await
}

async fn save_notice(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let scope = scope(&state, &user, &slug).await?;
    if form.get("action") == "reset" {
        state.app.save_privacy_notice(&scope, None).await?;
        return Ok(to(format!("/manage/{slug}/privacy/notice?done=reset")));
    }
    let text = form.get("notice");
    match state.app.save_privacy_notice(&scope, Some(&text)).await {
        Ok(()) => Ok(to(format!("/manage/{slug}/privacy/notice?done=saved"))),
        Err(AppError::Invalid(errors)) => {
            render_notice(&state, &user, &slug, Some(text), errors, "").await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "manage/consents.html")]
struct ConsentsPage {
    layout: Layout,
    slug: String,
    consents: Vec<app::ports::ConsentRecord>,
}

async fn consents(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &slug).await?;
    let consents = state.app.consent_register(&scope).await?;
    let page = ConsentsPage {
        layout: Layout::for_org("Consent register", &user, &scope),
        slug,
        consents,
    };
    Ok(Html(page.render()?).into_response())
}
