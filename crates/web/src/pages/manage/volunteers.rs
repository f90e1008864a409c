//! The volunteers list (search, filters, paging, CSV) and each volunteer's record.

use app::AppError;
use app::people::VolunteerRecord;
use app::ports::{Page, VolunteerRow, VolunteerSearch};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use domain::Labelled;
use domain::engagement::{EngagementStatus, LeavingReason};
use domain::ids::PersonId;
use domain::role::Role;
use serde::Deserialize;

use super::{id, scope, to};
use crate::form::FormData;
use crate::layout::{Layout, nhs_date, nhs_datetime, nhs_day};
use crate::pages::options;
use crate::session::SignedIn;
use crate::{AppState, WebError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/volunteers", get(list))
        .route("/manage/{org}/volunteers/{person}", get(record))
        .route(
            "/manage/{org}/volunteers/{person}/status",
            post(move_status),
        )
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct Filters {
    q: String,
    status: String,
    role: String,
    page: String,
}

impl Filters {
    pub(crate) fn search(&self, per_page: u32) -> VolunteerSearch {
        VolunteerSearch {
            keywords: self.q.chars().take(200).collect(),
            status: EngagementStatus::from_code(&self.status),
            role_id: self.role.parse().ok(),
            limit_to_sites: None,
            page: self.page.parse().unwrap_or(1).max(1),
            per_page,
        }
    }

    fn query_for_page(&self, page: u32) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("q", &self.q)
            .append_pair("status", &self.status)
            .append_pair("role", &self.role)
            .append_pair("page", &page.to_string());
        q.finish()
    }
}

#[derive(Template)]
#[template(path = "manage/volunteers.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    filters: Filters,
    statuses: Vec<(&'static str, &'static str)>,
    roles: Vec<Role>,
    page: Page<VolunteerRow>,
    previous: Option<String>,
    next: Option<String>,
    csv_query: String,
}

const PER_PAGE: u32 = 25;

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Html<String>, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let page = state
        .app
        .volunteers(&scope, filters.search(PER_PAGE))
        .await?;
    let roles = state.app.roles(&scope).await?;
    let previous = (page.page > 1).then(|| filters.query_for_page(page.page - 1));
    let next = (page.page < page.pages()).then(|| filters.query_for_page(page.page + 1));
    let csv_query = filters.query_for_page(1);
    let layout = Layout::for_org("Volunteers", &user, &scope);
    Ok(Html(
        ListPage {
            layout,
            slug: org,
            filters,
            statuses: options::<EngagementStatus>(),
            roles,
            page,
            previous,
            next,
            csv_query,
        }
        .render()?,
    ))
}

struct EventView {
    at: String,
    from: String,
    to: String,
    by: String,
    note: String,
}

#[derive(Template)]
#[template(path = "manage/volunteer.html")]
struct RecordPage {
    layout: Layout,
    slug: String,
    r: VolunteerRecord,
    dob: String,
    age: String,
    since: String,
    history: Vec<EventView>,
    moves: Vec<(&'static str, &'static str)>,
    reasons: Vec<(&'static str, &'static str)>,
    typed: StatusForm,
}

/// The status form as sent, kept when it comes back with errors.
#[derive(Default)]
struct StatusForm {
    status: String,
    leaving_reason: String,
    note: String,
}

async fn record_page(
    state: &AppState,
    user: &SignedIn,
    org: &str,
    person: PersonId,
    errors: domain::FieldErrors,
    typed: StatusForm,
) -> Result<Response, WebError> {
    let scope = scope(state, user, org).await?;
    let r = state.app.volunteer_record(&scope, person).await?;
    let history = r
        .history
        .iter()
        .map(|e| EventView {
            at: nhs_datetime(&e.at),
            from: e.from.map(|s| s.label()).unwrap_or("").to_owned(),
            to: e.to.label().to_owned(),
            by: e.by.clone(),
            note: e.note.clone(),
        })
        .collect();
    let moves = EngagementStatus::ALL
        .iter()
        .filter(|s| r.engagement.status.can_move_to(**s))
        .map(|s| (s.code(), s.label()))
        .collect();
    let today = state.app.clock.today();
    let layout = Layout::for_org(&r.person.full_name(), user, &scope).with_errors(errors);
    let page = RecordPage {
        layout,
        slug: org.to_owned(),
        dob: r
            .person
            .date_of_birth
            .as_ref()
            .map(nhs_date)
            .unwrap_or_default(),
        age: r
            .person
            .age_on(today)
            .map(|a| a.to_string())
            .unwrap_or_default(),
        since: nhs_day(&r.engagement.started_at),
        history,
        moves,
        reasons: options::<LeavingReason>(),
        typed,
        r,
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}

async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
) -> Result<Response, WebError> {
    record_page(
        &state,
        &user,
        &org,
        id(&person)?,
        domain::FieldErrors::new(),
        StatusForm::default(),
    )
    .await
}

async fn move_status(
    State(state): State<AppState>,
    user: SignedIn,
    Path((org, person)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let form = FormData::parse(&body);
    user.check_csrf(&form)?;
    let person: PersonId = id(&person)?;
    let scope = scope(&state, &user, &org).await?;
    let typed = StatusForm {
        status: form.get("status"),
        leaving_reason: form.get("leaving_reason"),
        note: form.get("note"),
    };
    let result = match EngagementStatus::from_code(&typed.status) {
        Some(to_status) => {
            state
                .app
                .move_engagement(
                    &scope,
                    person,
                    to_status,
                    LeavingReason::from_code(&typed.leaving_reason),
                    &typed.note,
                )
                .await
        }
        None => Err(AppError::Invalid(domain::FieldErrors::one(
            "status",
            "Select what to change the status to",
        ))),
    };
    match result {
        Ok(()) => Ok(to(format!("/manage/{org}/volunteers/{person}"))),
        Err(AppError::Invalid(errors)) => {
            record_page(&state, &user, &org, person, errors, typed).await
        }
        Err(e) => Err(e.into()),
    }
}
