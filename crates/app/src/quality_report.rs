//! Quality and outcomes for one period: quantity beside quality — active volunteers beside
//! 12-month retention and experience; hours (and their value) beside the outcomes logged — and
//! the wellbeing change of volunteers who answered both a baseline and a follow-up. Every
//! figure about people comes through `domain::outcomes`, so groups under five are withheld.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use domain::ids::{PersonId, RoleId, SiteId};
use domain::instruments::{Licence, experience, swemwbs};
use domain::outcomes::{
    Figure, GroupThemes, HourlyRate, ThemeFigure, ValueOfTime, by_group, trend, value_of_time,
};
use domain::rota::attendance::AttendanceStatus;
use domain::rota::hours::HoursStatus;
use domain::rota::{Edge, to_instant};
use domain::staff::Capability;
use domain::surveys::SurveyResponse;

use crate::{App, AppError, OrgScope};

mod feedback;
mod staying;
mod wellbeing;

use feedback::feedback_figures;
pub use feedback::{FeedbackFigures, StaffFeedback, SupportFeedback};
pub use staying::RetentionFigures;
pub(crate) use staying::{retention, tenures};
use wellbeing::wellbeing_change;
pub use wellbeing::{WellbeingChange, measure_scores};

/// One outcome indicator's total for the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeTotal {
    /// The role.
    pub role_title: String,
    /// What was counted.
    pub indicator: String,
    /// Its unit.
    pub unit: String,
    /// How many.
    pub quantity: u64,
    /// Staff minutes released.
    pub minutes_released: u64,
}

/// The report for one period.
#[derive(Debug, Clone)]
pub struct QualityReport {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Volunteers active now.
    pub active_volunteers: u64,
    /// Retention over everyone ever active, withheld under five.
    pub retention: Figure<RetentionFigures>,
    /// 12-month retention by role, withheld under five.
    pub retention_by_role: Vec<(String, Figure<RetentionFigures>)>,
    /// Retention by the year volunteers started ("Started in 2025"), withheld under five.
    pub retention_by_cohort: Vec<(String, Figure<RetentionFigures>)>,
    /// Experience in the period, all roles together.
    pub experience: Vec<ThemeFigure>,
    /// Experience in the period by role.
    pub experience_by_role: Vec<GroupThemes<String>>,
    /// Experience in the period by site (answers reported under a site).
    pub experience_by_site: Vec<GroupThemes<String>>,
    /// Experience by quarter over the period.
    pub experience_trend: Vec<GroupThemes<String>>,
    /// How many experience responses the period had.
    pub experience_responses: usize,
    /// Wellbeing change per measure.
    pub wellbeing: Vec<WellbeingChange>,
    /// Hours given (attended shifts and approved logged hours), costed at the rate.
    pub time_given: ValueOfTime,
    /// Outcomes logged, per indicator.
    pub outcomes: Vec<OutcomeTotal>,
    /// Feedback on volunteers from service users, carers and staff.
    pub feedback: FeedbackFigures,
    /// Copyright lines of instruments reported on that need one.
    pub copyright_lines: Vec<&'static str>,
}

/// The calendar quarter of `d`, as "Jan–Mar 2026".
fn quarter(d: NaiveDate) -> String {
    let names = ["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"];
    format!("{} {}", names[(d.month0() / 3) as usize], d.year())
}

impl App {
    /// The quality and outcomes report for `[from, to]`, costing time at `rate`.
    pub async fn quality_report(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
        rate: &HourlyRate,
    ) -> Result<QualityReport, AppError> {
        scope.require(Capability::View)?;
        self.quality_report_for(scope.organisation_id(), from, to, rate)
            .await
    }

    /// The report for an organisation, for callers that have already decided who may see what
    /// (the report itself, and network benchmarking, which shows only suppressed summaries).
    pub(crate) async fn quality_report_for(
        &self,
        org: domain::ids::OrganisationId,
        from: NaiveDate,
        to: NaiveDate,
        rate: &HourlyRate,
    ) -> Result<QualityReport, AppError> {
        let today = self.uk_today();
        let roles: HashMap<RoleId, String> = self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|r| (r.id, r.title))
            .collect();
        let role_title = |r: Option<RoleId>| {
            r.and_then(|r| roles.get(&r).cloned())
                .unwrap_or_else(|| "No role given".to_owned())
        };
        let counts = self
            .store
            .engagement_counts(org, self.clock.now(), None)
            .await?;

        let history = self.store.placement_history(org).await?;
        let overall = tenures(&history, |c| c.person_id, today);
        let mut retention_by_role: Vec<(String, Figure<RetentionFigures>)> = roles
            .iter()
            .map(|(id, title)| {
                let mine: Vec<_> = history
                    .iter()
                    .filter(|c| c.role_id == *id)
                    .cloned()
                    .collect();
                (
                    title.clone(),
                    retention(&tenures(&mine, |c| c.person_id, today)),
                )
            })
            .filter(|(_, f)| !matches!(f, Figure::Suppressed { n: 0 }))
            .collect();
        retention_by_role.sort_by(|a, b| a.0.cmp(&b.0));
        let mut started: BTreeMap<PersonId, i32> = BTreeMap::new();
        for c in &history {
            let year = domain::rota::from_utc(c.activated_at).date().year();
            started
                .entry(c.person_id)
                .and_modify(|y| *y = (*y).min(year))
                .or_insert(year);
        }
        let mut years: Vec<i32> = started.values().copied().collect();
        years.sort_unstable();
        years.dedup();
        let retention_by_cohort = years
            .into_iter()
            .map(|year| {
                let cohort: Vec<_> = history
                    .iter()
                    .filter(|c| started.get(&c.person_id) == Some(&year))
                    .cloned()
                    .collect();
                (
                    format!("Started in {year}"),
                    retention(&tenures(&cohort, |c| c.person_id, today)),
                )
            })
            .collect();

        // Baselines can be from long before the period; follow-ups must fall in it.
        let responses = self
            .store
            .survey_responses(org, from - Duration::days(3 * 366), to)
            .await?;
        let in_period: Vec<&SurveyResponse> =
            responses.iter().filter(|r| r.answered_on >= from).collect();
        let experiences: Vec<(&SurveyResponse, Vec<experience::ThemeScore>)> = in_period
            .iter()
            .filter(|r| r.instrument.code == experience::EXPERIENCE.code)
            .filter_map(|r| Some((*r, experience::score(&r.answers).ok()?)))
            .collect();
        let everyone: Vec<((), Vec<_>)> =
            experiences.iter().map(|(_, s)| ((), s.clone())).collect();
        let by_role: Vec<(String, Vec<_>)> = experiences
            .iter()
            .map(|(r, s)| (role_title(r.role_id), s.clone()))
            .collect();
        let sites: HashMap<SiteId, String> = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let by_site: Vec<(String, Vec<_>)> = experiences
            .iter()
            .filter_map(|(r, s)| Some((sites.get(&r.site_id?)?.clone(), s.clone())))
            .collect();
        let mut quarters: Vec<String> = Vec::new();
        let mut d = from;
        while d <= to {
            let q = quarter(d);
            if !quarters.contains(&q) {
                quarters.push(q);
            }
            d += Duration::days(28);
        }
        if !quarters.contains(&quarter(to)) {
            quarters.push(quarter(to));
        }
        let by_quarter: Vec<(String, Vec<_>)> = experiences
            .iter()
            .map(|(r, s)| (quarter(r.answered_on), s.clone()))
            .collect();

        let at = |d: NaiveDate| to_instant(d.and_time(NaiveTime::MIN), Edge::Start);
        let (Some(start), Some(end)) = (at(from), at(to + Duration::days(1))) else {
            return Err(AppError::Internal("report period out of range".into()));
        };
        let attended: i64 = self
            .store
            .attendance_between(org, start, end)
            .await?
            .iter()
            .filter(|r| r.attendance.status == AttendanceStatus::Attended)
            .map(|r| r.attendance.minutes(r.starts_at, r.ends_at))
            .sum();
        let logged: i64 = self
            .store
            .hours_logs_between(org, from, to + Duration::days(1))
            .await?
            .iter()
            .filter(|l| l.status == HoursStatus::Approved && l.worked_on <= to)
            .map(|l| i64::from(l.minutes))
            .sum();
        let minutes = u64::try_from(attended + logged).unwrap_or(0);

        let indicators = self.store.outcome_indicators(org).await?;
        let mut totals: BTreeMap<(String, String), OutcomeTotal> = BTreeMap::new();
        for record in self.store.activity_records(org, from, to).await? {
            let Some(i) = indicators.iter().find(|i| i.id == record.indicator_id) else {
                continue;
            };
            let title = role_title(Some(i.role_id));
            let t = totals
                .entry((title.clone(), i.name.clone()))
                .or_insert_with(|| OutcomeTotal {
                    role_title: title,
                    indicator: i.name.clone(),
                    unit: i.unit.clone(),
                    quantity: 0,
                    minutes_released: 0,
                });
            t.quantity += u64::from(record.quantity);
            t.minutes_released += record.minutes_released(i);
        }

        let wellbeing = wellbeing_change(&responses, from);
        let copyright_lines = wellbeing
            .iter()
            .filter(|w| w.instrument == swemwbs::SWEMWBS.title)
            .filter_map(|_| match swemwbs::SWEMWBS.licence {
                Licence::RegistrationRequired { copyright_line } => Some(copyright_line),
                _ => None,
            })
            .take(1)
            .collect();
        Ok(QualityReport {
            from,
            to,
            active_volunteers: counts.active,
            retention: retention(&overall),
            retention_by_role,
            retention_by_cohort,
            experience: by_group(&everyone)
                .into_iter()
                .next()
                .map(|g| g.themes)
                .unwrap_or_default(),
            experience_by_role: by_group(&by_role),
            experience_by_site: by_group(&by_site),
            experience_trend: trend(&quarters, &by_quarter),
            experience_responses: experiences.len(),
            wellbeing,
            time_given: value_of_time(minutes, rate),
            outcomes: totals.into_values().collect(),
            feedback: feedback_figures(&in_period),
            copyright_lines,
        })
    }
}
