//! Matching volunteers with service users: suggestions for one person with the reasons for
//! each, invitations (a volunteer is only ever invited; they say yes or no), and batch
//! matching of the whole waiting list by optimal assignment.

use std::collections::HashMap;

use crate::checklists::requirements_of;
use domain::audit::AuditEntry;
use domain::compliance::Eligibility;
use domain::ids::{MatchId, PersonId, RoleId, SupportedPersonId};
use domain::notification::NotificationKind;
use domain::staff::Capability;
use domain::support::{
    Fit, Location, Match, MatchStatus, Needs, SupportStatus, SupportType, SupportedPerson,
    VolunteerForMatching, fit,
};
use domain::{FieldErrors, Labelled};

use crate::ports::{SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

/// A volunteer suggested for someone, with why.
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// The volunteer.
    pub volunteer_id: PersonId,
    /// Their name.
    pub name: String,
    /// How well they fit, and why.
    pub fit: Fit,
}

/// Suggestions for one person: the best first, and who was ruled out and why.
#[derive(Debug, Clone)]
pub struct Suggestions {
    /// The service user.
    pub person: SupportedPerson,
    /// Volunteers who could support them, best first.
    pub suggested: Vec<Suggestion>,
    /// Volunteers active in the role who cannot, each with the reason.
    pub ruled_out: Vec<(String, String)>,
}

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

/// Everything needed to score volunteers in one role.
struct Pool {
    volunteers: Vec<VolunteerForMatching>,
    ruled_out: Vec<(String, String)>,
}

impl App {
    /// Volunteers active in `role` and eligible for it today, with their offers and where they
    /// live; those not eligible or with no offer are listed as ruled out.
    async fn matching_pool(&self, scope: &OrgScope, role: RoleId) -> Result<Pool, AppError> {
        let org = scope.organisation_id();
        let role = self
            .store
            .role(org, role)
            .await?
            .ok_or(AppError::NotFound)?;
        let catalogue = self.store.requirement_types(org).await?;
        let requirements = requirements_of(&role, &catalogue);
        let placements = self.store.active_in_role(org, role.id).await?;
        let ids: Vec<PersonId> = placements.iter().map(|p| p.placement.person_id).collect();
        let checks = self.store.checks_of_people(org, &ids).await?;
        let profiles = self.store.match_profiles(org).await?;
        let mut open: HashMap<PersonId, u32> = HashMap::new();
        for m in self.store.matches(org).await? {
            if m.status.open() {
                *open.entry(m.volunteer_id).or_default() += 1;
            }
        }
        let today = self.uk_today();
        let mut people = Vec::new();
        let mut ruled_out = Vec::new();
        for row in placements {
            let id = row.placement.person_id;
            let Some(person) = self.store.person(id).await? else {
                continue;
            };
            let theirs: Vec<_> = checks
                .iter()
                .filter(|c| c.person_id == id)
                .cloned()
                .collect();
            if let Eligibility::Blocked(blocks) =
                domain::compliance::eligibility(&requirements, person.date_of_birth, &theirs, today)
            {
                let why: Vec<String> = blocks.iter().map(|b| b.message()).collect();
                ruled_out.push((
                    person.full_name(),
                    format!("not eligible: {}", why.join("; ")),
                ));
                continue;
            }
            let Some(profile) = profiles.iter().find(|p| p.person_id == id).cloned() else {
                ruled_out.push((
                    person.full_name(),
                    "has not offered person-to-person support".into(),
                ));
                continue;
            };
            people.push((person, profile));
        }
        let postcodes: Vec<String> = people
            .iter()
            .filter_map(|(p, _)| p.postcode.as_ref().map(|c| c.to_string()))
            .collect();
        let places: HashMap<String, Location> = self
            .store
            .postcode_locations(&postcodes)
            .await?
            .into_iter()
            .collect();
        let volunteers = people
            .into_iter()
            .map(|(p, profile)| VolunteerForMatching {
                person_id: p.id,
                name: p.full_name(),
                location: p
                    .postcode
                    .as_ref()
                    .and_then(|c| places.get(&c.to_string()).copied()),
                languages: p.languages.clone(),
                interests: p.interests.clone(),
                current: open.get(&p.id).copied().unwrap_or(0),
                profile,
            })
            .collect();
        Ok(Pool {
            volunteers,
            ruled_out,
        })
    }

    async fn needs_of(
        &self,
        person: &SupportedPerson,
        support_type: SupportType,
    ) -> Result<Needs, AppError> {
        let location = match &person.postcode {
            Some(p) => self
                .store
                .postcode_locations(&[p.to_string()])
                .await?
                .first()
                .map(|(_, l)| *l),
            None => None,
        };
        Ok(Needs {
            support_type,
            location,
            language: person.language.clone(),
            interests: person.interests.clone(),
            volunteer_gender: person.volunteer_gender,
            days: person.days,
        })
    }

    /// The best volunteers for one service user in `role`, with reasons, and who was ruled
    /// out and why.
    pub async fn suggest_volunteers(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        role: RoleId,
        support_type: SupportType,
    ) -> Result<Suggestions, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let person = self.supported_person(scope, id).await?;
        let needs = self.needs_of(&person, support_type).await?;
        let pool = self.matching_pool(scope, role).await?;
        let already: Vec<PersonId> = self
            .store
            .matches(scope.organisation_id())
            .await?
            .into_iter()
            .filter(|m| m.supported_person_id == id && m.status.open())
            .map(|m| m.volunteer_id)
            .collect();
        let mut suggested = Vec::new();
        let mut ruled_out = pool.ruled_out;
        for v in &pool.volunteers {
            if already.contains(&v.person_id) {
                ruled_out.push((v.name.clone(), "already invited or matched".into()));
                continue;
            }
            match fit(&needs, v) {
                Ok(fit) => suggested.push(Suggestion {
                    volunteer_id: v.person_id,
                    name: v.name.clone(),
                    fit,
                }),
                Err(why) => ruled_out.push((v.name.clone(), why)),
            }
        }
        suggested.sort_by(|a, b| b.fit.score.cmp(&a.fit.score).then(a.name.cmp(&b.name)));
        Ok(Suggestions {
            person,
            suggested,
            ruled_out,
        })
    }

    /// Invites a volunteer to support someone. Only someone assessed (or already supported,
    /// for a second volunteer) who has consented can be matched, and only with a volunteer
    /// the suggestions would list. The volunteer is asked, never assigned.
    pub async fn propose_match(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        volunteer: PersonId,
        role: RoleId,
        support_type: SupportType,
        contact_every_days: u32,
    ) -> Result<Match, AppError> {
        let suggestions = self
            .suggest_volunteers(scope, id, role, support_type)
            .await?;
        let person = &suggestions.person;
        let mut errors = FieldErrors::new();
        if !person.consented() {
            errors.add(
                "volunteer",
                "Record their consent to support and to their data being used before matching",
            );
        }
        if !matches!(
            person.status,
            Some(SupportStatus::Assessed | SupportStatus::Matched | SupportStatus::Supported)
        ) {
            errors.add(
                "volunteer",
                "Only someone assessed and waiting can be matched",
            );
        }
        if !(1..=92).contains(&contact_every_days) {
            errors.add(
                "contact_every_days",
                "Enter how often contact is expected, from 1 to 92 days",
            );
        }
        let suggestion = suggestions
            .suggested
            .iter()
            .find(|s| s.volunteer_id == volunteer)
            .cloned();
        if suggestion.is_none() {
            let why = suggestions
                .ruled_out
                .iter()
                .map(|(_, why)| why.as_str())
                .next()
                .unwrap_or("not active in this role");
            errors.add(
                "volunteer",
                format!("This volunteer cannot be suggested for them ({why})"),
            );
        }
        let suggestion = errors.finish(|| suggestion)?;
        let m = self.new_match(
            scope,
            person,
            &suggestion,
            role,
            support_type,
            contact_every_days,
        );
        let mut writes = vec![support(SupportWrite::ProposeMatch(m.clone()))];
        writes.extend(self.invitation_writes(scope, &m, person).await?);
        self.store.apply(writes).await?;
        Ok(m)
    }

    fn new_match(
        &self,
        scope: &OrgScope,
        person: &SupportedPerson,
        s: &Suggestion,
        role: RoleId,
        support_type: SupportType,
        contact_every_days: u32,
    ) -> Match {
        let now = self.clock.now();
        Match {
            id: MatchId::new(),
            organisation_id: scope.organisation_id(),
            supported_person_id: person.id,
            volunteer_id: s.volunteer_id,
            role_id: role,
            support_type,
            status: MatchStatus::Proposed,
            fit_score: s.fit.score,
            reasons: s.fit.reasons.join("\n"),
            contact_every_days,
            proposed_at: now,
            updated_at: now,
            started_on: None,
            end_reason: String::new(),
        }
    }

    /// The email inviting the volunteer, and the audit entry.
    async fn invitation_writes(
        &self,
        scope: &OrgScope,
        m: &Match,
        person: &SupportedPerson,
    ) -> Result<Vec<Write>, AppError> {
        let org = scope.organisation();
        let body = format!(
            "{} would like to know whether you could offer {} to {} (first name only until you agree).\n\n\
             Why we thought of you:\n{}\n\nSay yes or no here: {}/my/matches\n\nThere is no obligation: saying no is fine.",
            org.name,
            m.support_type.label().to_lowercase(),
            person.given_name,
            m.reasons,
            self.base_url
        );
        let mut writes: Vec<Write> = self
            .volunteer_message(
                m.volunteer_id,
                NotificationKind::Matching,
                &format!("Could you support someone with {}?", org.name),
                body,
            )
            .await?
            .into_iter()
            .collect();
        writes.push(Write::Audit(AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            "match.proposed",
            "match",
            m.id.0,
            self.clock.now(),
        )));
        Ok(writes)
    }

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
