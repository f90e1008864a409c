//! Matching volunteers with service users: suggestions for one person with the reasons for
//! each, invitations (a volunteer is only ever invited; they say yes or no), and batch
//! matching of the whole waiting list by optimal assignment (`matching/batch.rs`).

use std::collections::HashMap;

mod batch;

pub use batch::BatchPlan;

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

/// Everything needed to score volunteers in one role.
pub(crate) struct Pool {
    pub(crate) volunteers: Vec<VolunteerForMatching>,
    pub(crate) ruled_out: Vec<(String, String)>,
}

impl App {
    /// Volunteers active in `role` and eligible for it today, with their offers and where they
    /// live; those not eligible or with no offer are listed as ruled out.
    pub(crate) async fn matching_pool(
        &self,
        scope: &OrgScope,
        role: RoleId,
    ) -> Result<Pool, AppError> {
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

    pub(crate) async fn needs_of(
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
                org.id,
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
}
