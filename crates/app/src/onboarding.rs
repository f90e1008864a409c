//! Onboarding: accepting an application places the person in the role with a checklist; the
//! manager's board shows everyone onboarding; eligibility gates becoming active; and time to
//! onboard is reported.

use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::compliance::{
    Block, Check, CheckKind, CheckStatus, Eligibility, Placement, PlacementStatus, eligibility,
};
use domain::engagement::EngagementStatus;
use domain::ids::{ApplicationId, OrganisationId, PersonId, PlacementId};
use domain::role::Role;
use domain::staff::Capability;
use serde::Serialize;

use crate::applications::engagement_moved;
use crate::checklists::{required_types, requirements_of};
use crate::ports::{PlacementRow, Write};
use crate::{App, AppError, OrgScope};

/// Where someone is on the onboarding board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Stage {
    /// Items are waiting for the volunteer (or a referee).
    WithVolunteer,
    /// Items are waiting for a manager to verify.
    ToVerify,
    /// Nothing blocks them: ready to start.
    ReadyToStart,
}

impl Stage {
    /// Label for the board.
    pub fn label(self) -> &'static str {
        match self {
            Self::WithVolunteer => "Waiting for the volunteer",
            Self::ToVerify => "Waiting for us to verify",
            Self::ReadyToStart => "Ready to start",
        }
    }
}

/// One person on the onboarding board.
#[derive(Debug, Clone, Serialize)]
pub struct BoardCard {
    /// The placement.
    pub placement: PlacementRow,
    /// Their stage.
    pub stage: Stage,
    /// What blocks them (plain English), empty when ready.
    pub blocking: Vec<String>,
    /// Whole days since they were accepted.
    pub days_waiting: i64,
}

impl App {
    /// The writes that place an accepted applicant in the role, with a pending item for each
    /// thing the role needs that they do not already have on record.
    pub(crate) async fn placement_writes(
        &self,
        org: OrganisationId,
        person_id: PersonId,
        role: &Role,
        application: Option<(ApplicationId, DateTime<Utc>)>,
    ) -> Result<Vec<Write>, AppError> {
        let now = self.clock.now();
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let catalogue = self.store.requirement_types(org).await?;
        let existing = self.store.checks_of(org, person_id).await?;
        let placement = Placement {
            id: PlacementId::new(),
            organisation_id: org,
            person_id,
            role_id: role.id,
            application_id: application.map(|(id, _)| id),
            status: PlacementStatus::Onboarding,
            applied_at: application.map_or(now, |(_, at)| at),
            accepted_at: now,
            activated_at: None,
            ended_at: None,
        };
        let mut writes = vec![Write::InsertPlacement(placement)];
        for t in required_types(role, &catalogue, person.date_of_birth, self.clock.today()) {
            match existing.iter().find(|c| c.requirement_type_id == t.id) {
                None => writes.push(Write::InsertCheck(Check::pending(person_id, t))),
                // References given for one role may be fewer than this one needs: the item
                // opens again until the rest are in.
                Some(c)
                    if t.kind == CheckKind::References
                        && matches!(c.status, CheckStatus::Verified | CheckStatus::Submitted) =>
                {
                    let given = self.received_references(org, c.id).await?;
                    if given < role.references_required {
                        let mut reopened = c.clone();
                        reopened.status = CheckStatus::Pending;
                        reopened.note = format!(
                            "{} needs {} references; {given} given so far",
                            role.title, role.references_required
                        );
                        writes.push(Write::UpdateCheck(reopened, c.version()));
                    }
                }
                Some(_) => {}
            }
        }
        Ok(writes)
    }

    /// Everyone onboarding, oldest first, with their stage and what blocks them.
    pub async fn onboarding_board(&self, scope: &OrgScope) -> Result<Vec<BoardCard>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let org = scope.organisation_id();
        let sites = scope.site_limit();
        let rows = self.store.onboarding(org, sites.as_deref()).await?;
        let mut people: Vec<PersonId> = rows.iter().map(|r| r.placement.person_id).collect();
        people.sort();
        people.dedup();
        let checks = self.store.checks_of_people(org, &people).await?;
        let catalogue = self.store.requirement_types(org).await?;
        let roles = self.store.roles(org).await?;
        let today = self.clock.today();
        let now = self.clock.now();
        let details = scope.can(Capability::ViewChecks);
        if details && !rows.is_empty() {
            self.store
                .apply(vec![self.check_audit(
                    org,
                    scope.actor(),
                    "checks.listed",
                    org.0,
                    "onboarding board",
                )])
                .await?;
        }
        let mut cards = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(role) = roles.iter().find(|r| r.id == row.placement.role_id) else {
                continue;
            };
            let theirs: Vec<Check> = checks
                .iter()
                .filter(|c| c.person_id == row.placement.person_id)
                .cloned()
                .collect();
            let answer = eligibility(
                &requirements_of(role, &catalogue),
                row.person_date_of_birth,
                &theirs,
                today,
            );
            let blocks = answer.blocks();
            let stage = if blocks.is_empty() {
                Stage::ReadyToStart
            } else if blocks
                .iter()
                .all(|b| matches!(b, Block::AwaitingVerification { .. }))
            {
                Stage::ToVerify
            } else {
                Stage::WithVolunteer
            };
            // What blocks someone can be criminal-record data ("DBS check: not passed"): staff
            // who may not see check details get a count instead.
            let blocking = if details {
                blocks.iter().map(Block::message).collect()
            } else if blocks.is_empty() {
                vec![]
            } else {
                vec![format!(
                    "{} {} outstanding",
                    blocks.len(),
                    if blocks.len() == 1 { "item" } else { "items" }
                )]
            };
            cards.push(BoardCard {
                days_waiting: (now - row.placement.accepted_at).num_days(),
                blocking,
                placement: row,
                stage,
            });
        }
        Ok(cards)
    }

    /// Whether a placement's volunteer is eligible for its role today.
    pub async fn placement_eligibility(
        &self,
        scope: &OrgScope,
        id: PlacementId,
    ) -> Result<(PlacementRow, Eligibility), AppError> {
        // The reasons are check data, for those who may see it.
        scope.require(Capability::ViewChecks)?;
        let org = scope.organisation_id();
        let row = self
            .store
            .placement(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.require_can_see_person(scope, row.placement.person_id)
            .await?;
        let answer = self
            .eligibility_for(org, row.placement.person_id, row.placement.role_id)
            .await?;
        self.store
            .apply(vec![self.check_audit(
                org,
                scope.actor(),
                "checks.viewed",
                row.placement.person_id.0,
                "eligibility",
            )])
            .await?;
        Ok((row, answer))
    }

    /// The one gate: is `person` eligible for `role` today?
    pub async fn eligibility_for(
        &self,
        org: OrganisationId,
        person: PersonId,
        role: domain::ids::RoleId,
    ) -> Result<Eligibility, AppError> {
        self.eligibility_on(org, person, role, self.clock.today())
            .await
    }

    /// The same gate on `date` (a shift's day): a check expiring before then blocks.
    pub async fn eligibility_on(
        &self,
        org: OrganisationId,
        person: PersonId,
        role: domain::ids::RoleId,
        date: chrono::NaiveDate,
    ) -> Result<Eligibility, AppError> {
        let role = self
            .store
            .role(org, role)
            .await?
            .ok_or(AppError::NotFound)?;
        let catalogue = self.store.requirement_types(org).await?;
        let checks = self.store.checks_of(org, person).await?;
        let person = self.store.person(person).await?;
        Ok(eligibility(
            &requirements_of(&role, &catalogue),
            person.as_ref().and_then(|p| p.date_of_birth),
            &checks,
            date,
        ))
    }

    /// Makes a volunteer active in the role, only if they are eligible today. Their engagement
    /// with the organisation becomes active too if it was onboarding.
    pub async fn activate_placement(
        &self,
        scope: &OrgScope,
        id: PlacementId,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let (row, answer) = self.placement_eligibility(scope, id).await?;
        let p = &row.placement;
        if p.status != PlacementStatus::Onboarding {
            return Err(FieldErrors::one(
                "placement",
                format!(
                    "Only someone onboarding can start; this placement is {}",
                    p.status.to_string().to_lowercase()
                ),
            )
            .into());
        }
        if let Eligibility::Blocked(blocks) = answer {
            let mut errors = FieldErrors::new();
            for b in blocks {
                errors.add("eligibility", b.message());
            }
            return Err(errors.into());
        }
        let org = scope.organisation_id();
        let now = self.clock.now();
        let by = self.actor_name(scope.actor()).await?;
        let mut writes = vec![
            Write::MovePlacement {
                organisation_id: org,
                id,
                from: PlacementStatus::Onboarding,
                to: PlacementStatus::Active,
                at: now,
            },
            Write::Audit(
                AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "placement.active",
                    "placement",
                    id.0,
                    now,
                )
                .with_detail(row.role_title.clone()),
            ),
        ];
        if let Some(e) = self.store.engagement_of(org, p.person_id).await?
            && e.status == EngagementStatus::Onboarding
        {
            writes.extend(engagement_moved(
                &e,
                EngagementStatus::Active,
                scope.actor(),
                now,
                &by,
                &format!("Started as {}", row.role_title),
            ));
        }
        self.store.apply(writes).await?;
        Ok(())
    }
}
