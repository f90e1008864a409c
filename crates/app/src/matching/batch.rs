//! Matching the whole waiting list at once: the optimal set of invitations (each person at
//! most one volunteer, each volunteer within their room, the greatest total fit), beside the
//! greedy baseline's total, sent only when a manager confirms; and loading postcode locations.

use std::collections::HashMap;

use domain::audit::AuditEntry;
use domain::ids::{PersonId, RoleId, SupportedPersonId};
use domain::staff::Capability;
use domain::support::{Location, SupportStatus, SupportType, SupportedPerson, fit};

use super::Suggestion;
use crate::ports::{SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

/// A proposed set of invitations for the waiting list.
#[derive(Debug, Clone)]
pub struct BatchPlan {
    /// (service user, volunteer suggestion) pairs in the optimal plan.
    pub pairs: Vec<(SupportedPerson, Suggestion)>,
    /// People waiting whom nobody can support now.
    pub unmatched: Vec<SupportedPerson>,
    /// The plan's total fit.
    pub total_fit: i64,
    /// What picking the best remaining pair each time would have reached, for comparison.
    pub greedy_fit: i64,
}

impl App {
    /// The optimal set of invitations for everyone waiting for `support_type` in `role`:
    /// each person at most one volunteer, each volunteer no more than they have room for,
    /// the greatest total fit. Nothing is sent until a manager confirms it.
    pub async fn plan_batch_matching(
        &self,
        scope: &OrgScope,
        role: RoleId,
        support_type: SupportType,
    ) -> Result<BatchPlan, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let matches = self.store.matches(org).await?;
        let waiting: Vec<SupportedPerson> = self
            .store
            .supported_people(org)
            .await?
            .into_iter()
            .filter(|p| {
                p.status == Some(SupportStatus::Assessed)
                    && p.consented()
                    && !matches
                        .iter()
                        .any(|m| m.supported_person_id == p.id && m.status.open())
            })
            .collect();
        let pool = self.matching_pool(scope, role).await?;
        let mut candidates = Vec::new();
        let mut fits = HashMap::new();
        for (left, person) in waiting.iter().enumerate() {
            let needs = self.needs_of(person, support_type).await?;
            for (right, v) in pool.volunteers.iter().enumerate() {
                if let Ok(f) = fit(&needs, v) {
                    candidates.push(engine::assignment::Candidate {
                        left,
                        right,
                        fit: f.score,
                    });
                    fits.insert((left, right), f);
                }
            }
        }
        let capacity: Vec<u32> = pool
            .volunteers
            .iter()
            .map(|v| v.profile.capacity.saturating_sub(v.current))
            .collect();
        let best = engine::assignment::best_assignment(waiting.len(), &capacity, &candidates);
        let greedy = engine::assignment::greedy_assignment(waiting.len(), &capacity, &candidates);
        let mut pairs = Vec::new();
        let mut matched = vec![false; waiting.len()];
        for (left, right) in best.pairs {
            let (Some(person), Some(v), Some(f)) = (
                waiting.get(left),
                pool.volunteers.get(right),
                fits.remove(&(left, right)),
            ) else {
                continue;
            };
            matched[left] = true;
            pairs.push((
                person.clone(),
                Suggestion {
                    volunteer_id: v.person_id,
                    name: v.name.clone(),
                    fit: f,
                },
            ));
        }
        let unmatched = waiting
            .into_iter()
            .zip(matched)
            .filter(|(_, m)| !m)
            .map(|(p, _)| p)
            .collect();
        Ok(BatchPlan {
            pairs,
            unmatched,
            total_fit: best.total_fit,
            greedy_fit: greedy.total_fit,
        })
    }

    /// Sends the invitations a manager confirmed from a plan, each checked again. Returns how
    /// many were sent; any that no longer fit are named.
    pub async fn confirm_batch_matching(
        &self,
        scope: &OrgScope,
        role: RoleId,
        support_type: SupportType,
        pairs: &[(SupportedPersonId, PersonId)],
        contact_every_days: u32,
    ) -> Result<(usize, Vec<String>), AppError> {
        let mut sent = 0;
        let mut problems = Vec::new();
        for (person, volunteer) in pairs {
            match self
                .propose_match(
                    scope,
                    *person,
                    *volunteer,
                    role,
                    support_type,
                    contact_every_days,
                )
                .await
            {
                Ok(_) => sent += 1,
                Err(AppError::Invalid(e)) => {
                    problems.extend(e.0.into_iter().map(|e| e.message));
                }
                Err(AppError::Conflict(why)) => problems.push(why),
                Err(e) => return Err(e),
            }
        }
        Ok((sent, problems))
    }
}

impl App {
    /// Adds or replaces postcode locations (from the ONS Postcode Directory), for travel
    /// distance in matching. A server operator's task (the CLI), not an organisation's.
    pub async fn load_postcode_locations(
        &self,
        rows: Vec<(domain::values::Postcode, Location)>,
    ) -> Result<usize, AppError> {
        let n = rows.len();
        let rows: Vec<(String, Location)> = rows
            .into_iter()
            .map(|(p, l)| (p.as_str().to_owned(), l))
            .collect();
        let mut writes = vec![support(SupportWrite::PutPostcodeLocations(rows))];
        writes.push(Write::Audit(
            AuditEntry::new(
                None,
                domain::audit::Actor::System,
                "postcode_locations.loaded",
                "postcode_locations",
                uuid::Uuid::nil(),
                self.clock.now(),
            )
            .with_detail(format!("{n} postcodes")),
        ));
        self.store.apply(writes).await?;
        Ok(n)
    }
}
