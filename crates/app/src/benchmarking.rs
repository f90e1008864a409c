//! Network benchmarking: a member organisation's own figures over the last year beside the
//! network's median and quartiles, never another member's figures by name. The suppression
//! rules are in `domain::network::benchmark`: a member's figure from fewer than ten people is
//! withheld and not counted, and a network figure from fewer than five members is withheld.

use chrono::Duration;
use domain::ids::OrganisationId;
use domain::instruments::swemwbs;
use domain::network::benchmark::{Comparison, Measure, MemberFigure, compare};
use domain::outcomes::HourlyRate;
use domain::stats::median;

use crate::networks::NetworkAccess;
use crate::quality_report::{retention, tenures};
use crate::{App, AppError};

/// The year a benchmark covers, in days.
const YEAR_DAYS: i64 = 365;

impl App {
    /// A member organisation's figures beside the network's, for someone who manages
    /// volunteering there.
    pub async fn network_benchmark(
        &self,
        access: &NetworkAccess,
        org: OrganisationId,
    ) -> Result<Vec<Comparison>, AppError> {
        access.require_manages(org)?;
        let today = self.uk_today();
        let mut all: Vec<Vec<(Measure, MemberFigure)>> = Vec::new();
        let mut own = Vec::new();
        for member in self.store.network_members(access.network().id).await? {
            let Some(member_org) = member.organisation_id() else {
                continue;
            };
            if !member.is_current(today) {
                continue;
            }
            let figures = self.member_figures(member_org).await?;
            if member_org == org {
                own.clone_from(&figures);
            }
            all.push(figures);
        }
        Ok(own
            .iter()
            .map(|(measure, figure)| {
                let everyone: Vec<MemberFigure> = all
                    .iter()
                    .filter_map(|f| f.iter().find(|(m, _)| m == measure).map(|(_, x)| *x))
                    .collect();
                compare(*measure, *figure, &everyone)
            })
            .collect())
    }

    /// One organisation's figures on every measure over the last year, with how many people
    /// each rests on.
    pub(crate) async fn member_figures(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<(Measure, MemberFigure)>, AppError> {
        let now = self.clock.now();
        let today = self.uk_today();
        let onboarded = self
            .store
            .onboarding_times(org, now - Duration::days(YEAR_DAYS))
            .await?;
        let days: Vec<f64> = onboarded
            .iter()
            .map(|r| (r.activated_at - r.applied_at).num_minutes() as f64 / (24.0 * 60.0))
            .collect();
        let history = self.store.placement_history(org).await?;
        let stays = tenures(&history, |c| c.person_id, today);
        let report = self
            .quality_report_for(
                org,
                today - Duration::days(YEAR_DAYS),
                today,
                &HourlyRate::national_living_wage_april_2026(),
            )
            .await?;
        let shares: Vec<f64> = report
            .experience
            .iter()
            .filter_map(|t| t.figure.shown().map(|r| r.share_agreeing))
            .collect();
        let experience =
            (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64);
        let wellbeing = report
            .wellbeing
            .iter()
            .filter(|w| w.change.shown().is_some())
            .min_by_key(|w| w.instrument != swemwbs::SWEMWBS.title)
            .and_then(|w| w.change.shown());
        let active = usize::try_from(report.active_volunteers).unwrap_or(0);
        let hours = (active > 0).then(|| report.time_given.minutes as f64 / 60.0 / active as f64);
        Ok(vec![
            (
                Measure::DaysToOnboard,
                MemberFigure {
                    value: median(&days),
                    people: days.len(),
                },
            ),
            (
                Measure::Retention12Months,
                MemberFigure {
                    value: retention(&stays).shown().map(|r| r.twelve_months),
                    people: stays.len(),
                },
            ),
            (
                Measure::ExperienceScore,
                MemberFigure {
                    value: experience,
                    people: report.experience_responses,
                },
            ),
            (
                Measure::WellbeingChange,
                MemberFigure {
                    value: wellbeing.map(|c| c.mean_change),
                    people: wellbeing.map_or(0, |c| c.n),
                },
            ),
            (
                Measure::HoursPerVolunteer,
                MemberFigure {
                    value: hours,
                    people: active,
                },
            ),
        ])
    }
}
