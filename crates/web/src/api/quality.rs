//! The quality and outcomes report's figures for other systems (a board pack, a data
//! warehouse): the same figures as the page, with every group under five withheld.

use app::AppError;
use app::equality::ReachTable;
use app::quality_report::{QualityReport, RetentionFigures};
use axum::extract::{RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use domain::Labelled;
use domain::outcomes::{Direction, Figure, GroupThemes, MIN_GROUP, ThemeFigure};
use serde::Serialize;
use utoipa::ToSchema;

use super::auth::ApiScope;
use super::input::query_value;
use super::problem::{ApiError, PROBLEM_JSON, Problem};
use crate::AppState;
use domain::outcomes::parse_period;

/// The report route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/quality", get(quality_report))
}

/// Retention figures; all null and `withheld` true for fewer than five people.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RetentionView {
    /// Who: "All volunteers", a role's title, or the year they started ("Started in 2025").
    pub group: String,
    /// True when fewer than five people are behind the figure.
    pub withheld: bool,
    /// The share still volunteering 12 months after starting (0 to 1).
    pub twelve_months: Option<f64>,
    /// The median time volunteering in days, once more than half have left.
    pub median_days: Option<f64>,
}

fn retention(group: String, f: &Figure<RetentionFigures>) -> RetentionView {
    let shown = f.shown();
    RetentionView {
        group,
        withheld: shown.is_none(),
        twelve_months: shown.map(|r| r.twelve_months),
        median_days: shown.and_then(|r| r.median_days),
    }
}

/// One experience theme's figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThemeView {
    /// The theme's code, e.g. `feeling_valued`.
    pub theme: &'static str,
    /// The theme in words.
    pub label: &'static str,
    /// True when fewer than five answered.
    pub withheld: bool,
    /// How many answered.
    pub respondents: Option<usize>,
    /// Their mean answer, 1 to 5.
    pub mean_score: Option<f64>,
    /// The share agreeing (0 to 1).
    pub share_agreeing: Option<f64>,
}

fn theme(f: &ThemeFigure) -> ThemeView {
    let shown = f.figure.shown();
    ThemeView {
        theme: f.theme.code(),
        label: f.theme.label(),
        withheld: shown.is_none(),
        respondents: shown.map(|t| t.respondents),
        mean_score: shown.map(|t| t.mean_score),
        share_agreeing: shown.map(|t| t.share_agreeing),
    }
}

/// Experience for one group (a role) or one quarter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupView {
    /// The role's title or the quarter, like "Jan–Mar 2026".
    pub group: String,
    /// One entry per theme.
    pub themes: Vec<ThemeView>,
}

fn groups(list: &[GroupThemes<String>]) -> Vec<GroupView> {
    list.iter()
        .map(|g| GroupView {
            group: g.group.clone(),
            themes: g.themes.iter().map(theme).collect(),
        })
        .collect()
}

/// One measure's paired change from baseline to the latest follow-up.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WellbeingView {
    /// The questionnaire.
    pub instrument: &'static str,
    /// The measure.
    pub measure: &'static str,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: &'static str,
    /// The change counted as meaningful for one person.
    pub meaningful_change: f64,
    /// True when fewer than five people answered both.
    pub withheld: bool,
    /// People who answered both.
    pub n: Option<usize>,
    /// Mean at baseline.
    pub mean_before: Option<f64>,
    /// Mean at follow-up.
    pub mean_after: Option<f64>,
    /// Mean change (follow-up − baseline).
    pub mean_change: Option<f64>,
    /// 95% confidence interval, lower end.
    pub ci95_low: Option<f64>,
    /// 95% confidence interval, upper end.
    pub ci95_high: Option<f64>,
    /// Cohen's d_z; null when everyone changed by the same amount.
    pub effect_size: Option<f64>,
    /// Share better by a meaningful amount.
    pub share_improved: Option<f64>,
    /// Share worse by a meaningful amount.
    pub share_worsened: Option<f64>,
}

/// One indicator's total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutcomeView {
    /// The role.
    pub role: String,
    /// What was counted.
    pub indicator: String,
    /// Its unit.
    pub unit: String,
    /// How many in the period.
    pub quantity: u64,
    /// Staff minutes released.
    pub minutes_released: u64,
}

/// Active volunteers in one category of one characteristic.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReachView {
    /// `age`, `sex`, `ethnicity` or `disability`.
    pub dimension: &'static str,
    /// The category, e.g. "25 to 34" or "Not answered".
    pub category: &'static str,
    /// True when fewer than five (but some) volunteers are in it.
    pub withheld: bool,
    /// How many.
    pub volunteers: Option<usize>,
    /// Their share of active volunteers (0 to 1).
    pub share: Option<f64>,
    /// The population served's percentage, where the organisation gave it.
    pub population_percent: Option<f64>,
}

fn reach_views(tables: &[ReachTable]) -> Vec<ReachView> {
    tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().map(move |(row, served)| {
                let shown = row.figure.shown();
                ReachView {
                    dimension: t.dimension.code(),
                    category: row.category,
                    withheld: shown.is_none(),
                    volunteers: shown.map(|(n, _)| *n),
                    share: shown.map(|(_, s)| *s),
                    population_percent: served.map(|p| f64::from(p) / 10.0),
                }
            })
        })
        .collect()
}

/// The report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QualityReportView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Volunteers active now.
    pub active_volunteers: u64,
    /// Retention for everyone, then per role, then per year started ("Started in 2025").
    pub retention: Vec<RetentionView>,
    /// Experience by theme in the period.
    pub experience: Vec<ThemeView>,
    /// Experience by role.
    pub experience_by_role: Vec<GroupView>,
    /// Experience by site.
    pub experience_by_site: Vec<GroupView>,
    /// Experience by quarter.
    pub experience_trend: Vec<GroupView>,
    /// Experience responses in the period.
    pub experience_responses: usize,
    /// Wellbeing change per measure.
    pub wellbeing: Vec<WellbeingView>,
    /// Minutes given (attended shifts and approved logged hours).
    pub minutes_given: u64,
    /// Those minutes at the hourly rate, in pence.
    pub value_of_time_pence: i64,
    /// How the value was worked out.
    pub value_method: String,
    /// Outcomes logged.
    pub outcomes: Vec<OutcomeView>,
    /// Service users' and carers' FFT-style positive share (very good or good, Don't know
    /// left out, 0 to 1); null when fewer than five answered.
    pub support_feedback_positive: Option<f64>,
    /// How many service users and carers gave an answer counted in that share.
    pub support_feedback_answered: Option<u32>,
    /// The share of staff agreeing volunteers make a difference (0 to 1); null under five.
    pub staff_feedback_agreeing: Option<f64>,
    /// How many staff answered.
    pub staff_feedback_answered: Option<usize>,
    /// Active volunteers by age band, sex, ethnic group and disability.
    pub reach: Vec<ReachView>,
    /// The suppression rule applied.
    pub suppression_rule: String,
    /// Copyright lines to show with the figures.
    pub copyright_lines: Vec<&'static str>,
}

impl From<QualityReport> for QualityReportView {
    fn from(r: QualityReport) -> Self {
        let mut retention_rows = vec![retention("All volunteers".into(), &r.retention)];
        retention_rows.extend(
            r.retention_by_role
                .iter()
                .chain(&r.retention_by_cohort)
                .map(|(group, f)| retention(group.clone(), f)),
        );
        Self {
            from: r.from,
            to: r.to,
            active_volunteers: r.active_volunteers,
            retention: retention_rows,
            experience: r.experience.iter().map(theme).collect(),
            experience_by_role: groups(&r.experience_by_role),
            experience_by_site: groups(&r.experience_by_site),
            experience_trend: groups(&r.experience_trend),
            experience_responses: r.experience_responses,
            wellbeing: r
                .wellbeing
                .iter()
                .map(|w| {
                    let c = w.change.shown();
                    WellbeingView {
                        instrument: w.instrument,
                        measure: w.measure,
                        direction: match w.direction {
                            Direction::HigherIsBetter => "higher_is_better",
                            Direction::LowerIsBetter => "lower_is_better",
                        },
                        meaningful_change: w.meaningful,
                        withheld: c.is_none(),
                        n: c.map(|c| c.n),
                        mean_before: c.map(|c| c.mean_before),
                        mean_after: c.map(|c| c.mean_after),
                        mean_change: c.map(|c| c.mean_change),
                        ci95_low: c.map(|c| c.ci95.0),
                        ci95_high: c.map(|c| c.ci95.1),
                        effect_size: c.and_then(|c| c.effect_size),
                        share_improved: c.map(|c| c.share_improved),
                        share_worsened: c.map(|c| c.share_worsened),
                    }
                })
                .collect(),
            minutes_given: r.time_given.minutes,
            value_of_time_pence: r.time_given.value.0,
            value_method: r.time_given.method,
            outcomes: r
                .outcomes
                .into_iter()
                .map(|o| OutcomeView {
                    role: o.role_title,
                    indicator: o.indicator,
                    unit: o.unit,
                    quantity: o.quantity,
                    minutes_released: o.minutes_released,
                })
                .collect(),
            support_feedback_positive: r
                .feedback
                .support
                .shown()
                .map(|f| f64::from(f.positive.positive) / f64::from(f.positive.base)),
            support_feedback_answered: r.feedback.support.shown().map(|f| f.positive.base),
            staff_feedback_agreeing: r.feedback.staff.shown().map(|f| f.agreeing),
            staff_feedback_answered: r.feedback.staff.shown().map(|f| f.answered),
            reach: Vec::new(),
            suppression_rule: format!(
                "Any figure about fewer than {MIN_GROUP} people is withheld (null, with withheld true)."
            ),
            copyright_lines: r.copyright_lines,
        }
    }
}

/// The quality and outcomes report
///
/// Quality beside quantity for a period (`from`, `to`; default the last year), with time given
/// costed at `rate` pounds an hour (default the National Living Wage).
#[utoipa::path(get, path = "/api/v1/reports/quality", tag = "reports",
    params(
        ("from" = Option<NaiveDate>, Query, description = "First day (default a year before `to`)"),
        ("to" = Option<NaiveDate>, Query, description = "Last day (default today)"),
        ("rate" = Option<String>, Query, description = "Hourly rate in pounds, like 12.71"),
    ),
    responses(
        (status = 200, description = "The report's figures", body = QualityReportView),
        (status = 401, description = "No API token, or one that is not recognised", body = Problem, content_type = PROBLEM_JSON),
        (status = 422, description = "A bad `from`, `to` or `rate`, named in `errors`", body = Problem, content_type = PROBLEM_JSON),
    ))]
pub async fn quality_report(
    State(state): State<AppState>,
    ApiScope(scope): ApiScope,
    RawQuery(query): RawQuery,
) -> Result<Json<QualityReportView>, ApiError> {
    let raw = query.unwrap_or_default();
    let value = |name| query_value(&raw, name).unwrap_or_default();
    let (from, to, rate) = parse_period(
        &value("from"),
        &value("to"),
        &value("rate"),
        state.app.uk_today(),
    )
    .map_err(AppError::Invalid)?;
    let report = state.app.quality_report(&scope, from, to, &rate).await?;
    let mut view = QualityReportView::from(report);
    view.reach = reach_views(&state.app.reach(&scope).await?);
    Ok(Json(view))
}
