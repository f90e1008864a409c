//! Checks and training about to expire (and those that lapsed in the last 30 days), soonest
//! first, as a page and as CSV.

use app::AppError;
use app::ports::ExpiringCheck;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveDate;
use domain::FieldErrors;
use domain::compliance::CheckStatus;
use domain::ids::PersonId;
use serde::Deserialize;

use super::scope;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// The expiring list and its CSV.
pub fn routes() -> Router<AppState> {
    Router::new().route("/manage/{org}/expiring", get(list))
}

/// How far ahead the list looks when not told.
const DEFAULT_DAYS: u32 = 60;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct Filters {
    days: String,
}

impl Filters {
    /// The look-ahead in days, or the error naming the field.
    pub(crate) fn days(&self) -> Result<u32, FieldErrors> {
        let raw = self.days.trim();
        if raw.is_empty() {
            return Ok(DEFAULT_DAYS);
        }
        raw.parse().map_err(|_| {
            FieldErrors::one(
                "days",
                format!(
                    "Enter a whole number of days from 0 to {}",
                    app::expiring::MAX_EXPIRING_DAYS
                ),
            )
        })
    }
}

/// One line of the list.
pub(crate) struct Row {
    person: PersonId,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) item: String,
    pub(crate) expires: NaiveDate,
    /// "Expired", "Expires today", "In 3 days".
    pub(crate) when: String,
}

pub(crate) fn rows(found: Vec<ExpiringCheck>, today: NaiveDate) -> Vec<Row> {
    found
        .into_iter()
        .filter_map(|e| {
            // A renewal waiting to be verified is listed by the date the evidence it replaces ends.
            let renewal = e.check.status == CheckStatus::Submitted;
            let expires = e.check.verified_through.or(e.check.expires_on)?;
            let left = (expires - today).num_days();
            let mut when = match left {
                ..0 => "Expired".to_owned(),
                0 => "Expires today".to_owned(),
                1 => "In 1 day".to_owned(),
                n => format!("In {n} days"),
            };
            if renewal {
                when.push_str("; renewal sent, to verify");
            }
            Some(Row {
                person: e.check.person_id,
                name: e.person_name,
                email: e.person_email,
                item: e.check.name,
                expires,
                when,
            })
        })
        .collect()
}

#[derive(Template)]
#[template(path = "manage/expiring.html")]
struct ListPage {
    layout: Layout,
    slug: String,
    days: String,
    rows: Vec<Row>,
}

impl ListPage {
    fn date(&self, d: &NaiveDate) -> String {
        nhs_date(d)
    }
}

async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(org): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, WebError> {
    let scope = scope(&state, &user, &org).await?;
    let found = match filters.days() {
        Ok(days) => state.app.expiring_checks(&scope, days).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let (found, errors) = match found {
        Ok(found) => (found, FieldErrors::new()),
        Err(AppError::Invalid(errors)) => (vec![], errors),
        Err(e) => return Err(e.into()),
    };
    let layout = Layout::for_org("Expiring checks and training", &user, &scope).with_errors(errors);
    let page = ListPage {
        layout,
        slug: org,
        days: if filters.days.trim().is_empty() {
            DEFAULT_DAYS.to_string()
        } else {
            filters.days
        },
        rows: rows(found, state.app.clock.today()),
    };
    let status = page.layout.status();
    Ok((status, Html(page.render()?)).into_response())
}
