//! Time to onboard: from application to active, per role and organisation, as median and
//! distribution, and which stage takes longest.

use chrono::{DateTime, Duration, Utc};
use domain::staff::Capability;
use domain::stats::{Band, distribution, median};
use serde::Serialize;

use crate::{App, AppError, OrgScope};

/// Time to onboard for a group of placements, in days from application to active.
#[derive(Debug, Clone, Serialize)]
pub struct OnboardingSummary {
    /// How many became active.
    pub count: usize,
    /// Median days.
    pub median_days: Option<f64>,
    /// How many in each band.
    pub bands: Vec<Band>,
}

/// Time to onboard for an organisation: overall, per role, and by stage.
#[derive(Debug, Clone, Serialize)]
pub struct OnboardingReport {
    /// All roles.
    pub overall: OnboardingSummary,
    /// Per role, by title.
    pub roles: Vec<(String, OnboardingSummary)>,
    /// Median days in each stage: deciding the application, checks and training, starting.
    pub stages: Vec<(&'static str, Option<f64>)>,
    /// The stage with the longest median.
    pub slowest_stage: Option<&'static str>,
    /// Volunteers who brought a passport (checks recognised from another organisation), and
    /// everyone else: the passport's effect on time to onboard.
    pub passport: PassportEffect,
}

/// Time to onboard for passport applicants beside everyone else.
#[derive(Debug, Clone, Serialize)]
pub struct PassportEffect {
    /// Those with checks recognised from another organisation.
    pub with_passport: OnboardingSummary,
    /// Everyone else.
    pub without: OnboardingSummary,
}

fn days(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_minutes() as f64 / (24.0 * 60.0)
}

fn summary(values: &[f64]) -> OnboardingSummary {
    OnboardingSummary {
        count: values.len(),
        median_days: median(values),
        bands: distribution(values),
    }
}

impl App {
    /// Time to onboard over the last `months` months: median and distribution, per role, and
    /// which stage takes longest.
    pub async fn time_to_onboard(
        &self,
        scope: &OrgScope,
        months: u32,
    ) -> Result<OnboardingReport, AppError> {
        scope.require(Capability::View)?;
        let since = self.clock.now() - Duration::days(i64::from(months) * 30);
        let rows = self
            .store
            .onboarding_times(scope.organisation_id(), since)
            .await?;
        let total: Vec<f64> = rows
            .iter()
            .map(|r| days(r.applied_at, r.activated_at))
            .collect();
        let mut titles: Vec<(domain::ids::RoleId, String)> = rows
            .iter()
            .map(|r| (r.role_id, r.role_title.clone()))
            .collect();
        titles.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        titles.dedup();
        let roles = titles
            .into_iter()
            .map(|(id, title)| {
                let v: Vec<f64> = rows
                    .iter()
                    .filter(|r| r.role_id == id)
                    .map(|r| days(r.applied_at, r.activated_at))
                    .collect();
                (title, summary(&v))
            })
            .collect();
        let decision: Vec<f64> = rows
            .iter()
            .map(|r| days(r.applied_at, r.accepted_at))
            .collect();
        let checks: Vec<f64> = rows
            .iter()
            .map(|r| {
                days(
                    r.accepted_at,
                    r.checks_done_at.unwrap_or(r.accepted_at).max(r.accepted_at),
                )
            })
            .collect();
        let start: Vec<f64> = rows
            .iter()
            .map(|r| {
                days(
                    r.checks_done_at.unwrap_or(r.accepted_at).max(r.accepted_at),
                    r.activated_at,
                )
            })
            .collect();
        let stages = vec![
            ("Deciding the application", median(&decision)),
            ("Checks and training", median(&checks)),
            ("Starting after checks", median(&start)),
        ];
        let slowest_stage = stages
            .iter()
            .filter_map(|(name, m)| m.map(|m| (*name, m)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(name, _)| name);
        let split = |passport: bool| -> Vec<f64> {
            rows.iter()
                .filter(|r| r.passport == passport)
                .map(|r| days(r.applied_at, r.activated_at))
                .collect()
        };
        Ok(OnboardingReport {
            passport: PassportEffect {
                with_passport: summary(&split(true)),
                without: summary(&split(false)),
            },
            overall: summary(&total),
            roles,
            stages,
            slowest_stage,
        })
    }
}
