//! Quality and outcomes: the manager's dashboard of quality beside quantity, which is also the
//! board report for a chosen period — one printable page with accessible charts (each with its
//! table), the method notes and the suppression rule, and every table as CSV or Excel (built
//! by `exports`).

use app::AppError;
use app::equality::ReachTable;
use app::quality_report::QualityReport;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::FieldErrors;
use domain::outcomes::MIN_GROUP;
use serde::Deserialize;

use super::quality_tables::{Table, experience_bars, retention_bars, tables, withheld};
use super::scope;
use crate::charts::bar_chart;
use crate::layout::{Layout, nhs_date};
use crate::session::SignedIn;
use crate::{AppState, WebError};
use domain::outcomes::parse_period;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/quality", get(show))
        .route("/manage/{org}/quality.pdf", get(pdf_export))
}

/// The report's query: its period and hourly rate (a table's CSV or Excel download, which
/// also names the table, is `exports::outcomes::quality`).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct Period {
    from: String,
    to: String,
    rate: String,
}

/// A headline figure.
pub(super) struct Headline {
    pub(super) label: &'static str,
    pub(super) value: String,
    pub(super) note: String,
}

#[derive(Template)]
#[template(path = "manage/quality.html")]
struct QualityPage {
    layout: Layout,
    slug: String,
    organisation_name: String,
    from: String,
    to: String,
    rate: String,
    period: String,
    headlines: Vec<Headline>,
    experience_chart: String,
    retention_chart: String,
    tables: Vec<Table>,
    value_method: String,
    min_group: usize,
    copyright_lines: Vec<&'static str>,
    /// The postcode data's attribution, when deprivation is reported.
    attribution: Vec<String>,
    /// The query string for CSV links, without `table`.
    query: String,
}

/// The figures that put quality beside quantity, for this page and the dashboard.
pub(super) fn headlines(r: &QualityReport) -> Vec<Headline> {
    let shown: Vec<f64> = r
        .experience
        .iter()
        .filter_map(|f| f.figure.shown().map(|t| t.share_agreeing))
        .collect();
    let minutes_released: u64 = r.outcomes.iter().map(|o| o.minutes_released).sum();
    vec![
        Headline {
            label: "Active volunteers",
            value: r.active_volunteers.to_string(),
            note: "volunteering now".into(),
        },
        Headline {
            label: "Still volunteering after 12 months",
            value: r
                .retention
                .shown()
                .map_or_else(withheld, |x| format!("{:.0}%", x.twelve_months * 100.0)),
            note: "of everyone who has started".into(),
        },
        Headline {
            label: "Positive experience",
            value: if shown.is_empty() {
                withheld()
            } else {
                format!(
                    "{:.0}%",
                    shown.iter().sum::<f64>() / shown.len() as f64 * 100.0
                )
            },
            note: format!(
                "agree, averaged over the themes ({} responses)",
                r.experience_responses
            ),
        },
        Headline {
            label: "Hours given",
            value: format!("{:.0}", r.time_given.minutes as f64 / 60.0),
            note: format!("worth {} at the rate below", r.time_given.value),
        },
        Headline {
            label: "Staff time released",
            value: format!("{:.0} hours", minutes_released as f64 / 60.0),
            note: "from outcomes logged with minutes each".into(),
        },
    ]
}

/// The scope, the report and reach, when the query was good.
type Found = (app::OrgScope, QualityReport, Vec<ReachTable>);

async fn report(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    q: &Period,
) -> Result<Result<Found, (app::OrgScope, FieldErrors)>, WebError> {
    let scope = scope(state, user, slug).await?;
    match parse_period(&q.from, &q.to, &q.rate, state.app.uk_today()) {
        Ok((from, to, rate)) => {
            let r = state.app.quality_report(&scope, from, to, &rate).await?;
            let reach = state.app.reach(&scope).await?;
            Ok(Ok((scope, r, reach)))
        }
        Err(errors) => Ok(Err((scope, errors))),
    }
}

async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Period>,
) -> Result<Response, WebError> {
    let (scope, r, errors) = match report(&state, &user, &slug, &q).await? {
        Ok((scope, r, reach)) => (scope, Some((r, reach)), FieldErrors::new()),
        Err((scope, errors)) => (scope, None, errors),
    };
    let layout = Layout::for_org("Quality and outcomes", &user, &scope).with_errors(errors);
    let status = layout.status();
    let query = format!(
        "from={}&to={}&rate={}",
        urlencoding(&q.from),
        urlencoding(&q.to),
        urlencoding(&q.rate)
    );
    let page = match r {
        Some((r, reach)) => QualityPage {
            organisation_name: scope.organisation().name.clone(),
            layout,
            slug,
            from: r.from.to_string(),
            to: r.to.to_string(),
            rate: q.rate.clone(),
            period: format!("{} to {}", nhs_date(&r.from), nhs_date(&r.to)),
            headlines: headlines(&r),
            experience_chart: bar_chart(
                "experience-chart",
                "Volunteers agreeing, by theme of their experience",
                "Bars show the share of volunteers who agreed or strongly agreed with each statement; the table after the chart gives the figures.",
                &experience_bars(&r),
            ),
            retention_chart: bar_chart(
                "retention-chart",
                "Volunteers still volunteering 12 months after starting",
                "Bars show 12-month retention for all volunteers and for each role; the retention table gives the figures.",
                &retention_bars(&r),
            ),
            tables: tables(&r, &reach),
            value_method: r.time_given.method.clone(),
            min_group: MIN_GROUP,
            copyright_lines: r.copyright_lines.clone(),
            attribution: state
                .app
                .postcode_attribution()
                .await?
                .map(Vec::from)
                .unwrap_or_default(),
            query,
        },
        None => QualityPage {
            organisation_name: scope.organisation().name.clone(),
            layout,
            slug,
            from: q.from.clone(),
            to: q.to.clone(),
            rate: q.rate.clone(),
            period: String::new(),
            headlines: vec![],
            experience_chart: String::new(),
            retention_chart: String::new(),
            tables: vec![],
            value_method: String::new(),
            min_group: MIN_GROUP,
            copyright_lines: vec![],
            attribution: vec![],
            query,
        },
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn urlencoding(s: &str) -> String {
    form_urlencoded::byte_serialize(s.trim().as_bytes()).collect()
}

async fn pdf_export(
    State(state): State<AppState>,
    user: SignedIn,
    Path(slug): Path<String>,
    Query(q): Query<Period>,
) -> Result<Response, WebError> {
    let (scope, r, reach) = match report(&state, &user, &slug, &q).await? {
        Ok(found) => found,
        Err((_, errors)) => return Err(AppError::Invalid(errors).into()),
    };
    let body = super::quality_pdf::board_report(
        &scope.organisation().name,
        &r,
        &headlines(&r),
        &tables(&r, &reach),
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{slug}-quality-{}-to-{}.pdf\"",
                    r.from, r.to
                ),
            ),
        ],
        body,
    )
        .into_response())
}
