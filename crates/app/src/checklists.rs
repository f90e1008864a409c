//! Checklists: what each placement needs, each person's records against it, and the actions
//! volunteers and managers take on them. Every staff read of check data is audited.

use chrono::NaiveDate;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::check::{Actor as CheckActor, CheckInput};
use domain::compliance::eligibility::ADULT_AGE;
use domain::compliance::reference::ReferenceRequest;
use domain::compliance::{
    Check, CheckKind, CheckStatus, Eligibility, PlacementStatus, RequirementType, Requirements,
    eligibility,
};
use domain::ids::{CheckId, OrganisationId, PersonId};
use domain::person::age_on;
use domain::role::{DbsLevel, Role};
use domain::staff::Capability;
use domain::{FieldErrors, Labelled};
use serde::Serialize;

use crate::ports::{ExpiringCheck, PlacementRow, Write};
use crate::{App, AppError, OrgScope};

/// The longest look-ahead for the expiring list (two years).
pub const MAX_EXPIRING_DAYS: u32 = 730;
/// How far back the expiring list shows items that have already lapsed.
pub const RECENTLY_EXPIRED_DAYS: i64 = 30;

/// One line of a checklist: what is needed and the person's record of it.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistItem {
    /// The catalogue item.
    pub requirement: RequirementType,
    /// The person's record, if one has been started.
    pub check: Option<Check>,
    /// Whether it counts today.
    pub holds: bool,
    /// References asked for (references items only).
    pub references: Vec<ReferenceRequest>,
}

/// One placement's checklist and what it adds up to today.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The placement.
    pub placement: PlacementRow,
    /// The role.
    pub role: Role,
    /// Each item the role needs of this person.
    pub items: Vec<ChecklistItem>,
    /// Eligible, or what blocks them.
    pub eligibility: Eligibility,
}

/// The catalogue items `role` needs of a person born on `date_of_birth`, on `on`: the role's
/// DBS check and references, its other items, and parental consent for under-18s.
pub fn required_types<'a>(
    role: &Role,
    catalogue: &'a [RequirementType],
    date_of_birth: Option<NaiveDate>,
    on: NaiveDate,
) -> Vec<&'a RequirementType> {
    let by_kind = |kind: CheckKind| catalogue.iter().find(|t| t.kind == kind);
    let mut needed = Vec::new();
    if date_of_birth.is_some_and(|d| age_on(d, on) < ADULT_AGE)
        && let Some(t) = by_kind(CheckKind::GuardianConsent)
    {
        needed.push(t);
    }
    if role.dbs_level != DbsLevel::None
        && let Some(t) = by_kind(CheckKind::Dbs)
    {
        needed.push(t);
    }
    if role.references_required > 0
        && let Some(t) = by_kind(CheckKind::References)
    {
        needed.push(t);
    }
    needed.extend(
        role.requirement_type_ids
            .iter()
            .filter_map(|id| catalogue.iter().find(|t| t.id == *id)),
    );
    needed
}

/// The role's requirements in the form the eligibility rule takes.
pub fn requirements_of(role: &Role, catalogue: &[RequirementType]) -> Requirements {
    let items = role
        .requirement_type_ids
        .iter()
        .filter_map(|id| catalogue.iter().find(|t| t.id == *id))
        .map(|t| (t.id, t.name.clone()))
        .collect();
    Requirements::of_role(role, items)
}

impl App {
    /// A person's checklists with the organisation, one per current placement. A staff read of
    /// check data, so it is audited.
    pub async fn checklists(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<Vec<Checklist>, AppError> {
        scope.require(Capability::ViewChecks)?;
        self.require_can_see_person(scope, person).await?;
        if self
            .store
            .engagement_of(scope.organisation_id(), person)
            .await?
            .is_none()
        {
            return Err(AppError::NotFound);
        }
        let lists = self.checklists_in(scope.organisation_id(), person).await?;
        self.store
            .apply(vec![self.check_audit(
                scope.organisation_id(),
                scope.actor(),
                "checks.viewed",
                person.0,
                "",
            )])
            .await?;
        Ok(lists)
    }

    /// A person's own checklists, everywhere they are placed.
    pub async fn my_checklists(&self, person: PersonId) -> Result<Vec<Checklist>, AppError> {
        let mut orgs: Vec<OrganisationId> = self
            .store
            .placements_of_person(person)
            .await?
            .into_iter()
            .map(|p| p.placement.organisation_id)
            .collect();
        orgs.sort();
        orgs.dedup();
        let mut lists = Vec::new();
        for org in orgs {
            lists.extend(self.checklists_in(org, person).await?);
        }
        Ok(lists)
    }

    pub(crate) async fn checklists_in(
        &self,
        org: OrganisationId,
        person_id: PersonId,
    ) -> Result<Vec<Checklist>, AppError> {
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let catalogue = self.store.requirement_types(org).await?;
        let today = self.clock.today();
        let mut placed = Vec::new();
        for placement in self.store.placements_of(org, person_id).await? {
            if placement.placement.status == PlacementStatus::Ended {
                continue;
            }
            if let Some(role) = self.store.role(org, placement.placement.role_id).await? {
                placed.push((placement, role));
            }
        }
        let checks = self
            .add_missing_items(org, person_id, &person, &placed, &catalogue)
            .await?;
        let mut lists = Vec::new();
        for (placement, role) in placed {
            let mut items = Vec::new();
            for t in required_types(&role, &catalogue, person.date_of_birth, today) {
                let check = checks
                    .iter()
                    .find(|c| c.requirement_type_id == t.id)
                    .cloned();
                let references = match (&check, t.kind) {
                    (Some(c), CheckKind::References) => {
                        self.store.reference_requests(org, c.id).await?
                    }
                    _ => vec![],
                };
                items.push(ChecklistItem {
                    requirement: t.clone(),
                    holds: check.as_ref().is_some_and(|c| c.holds_on(today)),
                    check,
                    references,
                });
            }
            let eligibility = eligibility(
                &requirements_of(&role, &catalogue),
                person.date_of_birth,
                &checks,
                today,
            );
            lists.push(Checklist {
                placement,
                role,
                items,
                eligibility,
            });
        }
        Ok(lists)
    }

    /// The person's records, after adding a pending item for anything a role has come to need
    /// since they were placed (a requirement added to the role, or turning out to be under 18).
    async fn add_missing_items(
        &self,
        org: OrganisationId,
        person_id: PersonId,
        person: &domain::person::Person,
        placed: &[(PlacementRow, Role)],
        catalogue: &[RequirementType],
    ) -> Result<Vec<Check>, AppError> {
        let checks = self.store.checks_of(org, person_id).await?;
        let today = self.clock.today();
        let mut missing: Vec<&RequirementType> = Vec::new();
        for (_, role) in placed {
            for t in required_types(role, catalogue, person.date_of_birth, today) {
                if !checks.iter().any(|c| c.requirement_type_id == t.id)
                    && !missing.iter().any(|m| m.id == t.id)
                {
                    missing.push(t);
                }
            }
        }
        if missing.is_empty() {
            return Ok(checks);
        }
        let writes = missing
            .into_iter()
            .map(|t| Write::InsertCheck(Check::pending(person_id, t)))
            .collect();
        match self.store.apply(writes).await {
            // Someone else's request added them at the same moment.
            Ok(()) | Err(crate::ports::StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
        Ok(self.store.checks_of(org, person_id).await?)
    }

    /// A manager records something about a check: verifies, fails or waives it, or submits it
    /// for the volunteer. References are verified only once enough replies are in.
    pub async fn record_check(
        &self,
        scope: &OrgScope,
        id: CheckId,
        input: &CheckInput,
    ) -> Result<Check, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        scope.require(Capability::ViewChecks)?;
        let org = scope.organisation_id();
        let check = self.store.check(org, id).await?.ok_or(AppError::NotFound)?;
        self.require_can_see_person(scope, check.person_id).await?;
        let t = self.catalogue_item(org, check.requirement_type_id).await?;
        let by = self.actor_name(scope.actor()).await?;
        let next = input.apply(
            &check,
            &t,
            CheckActor::Manager(&by),
            self.clock.today(),
            self.clock.now(),
        )?;
        if next.kind == CheckKind::References && next.status == CheckStatus::Verified {
            let needed = self.references_needed(org, check.person_id).await?;
            let received = self.received_references(org, check.id).await?;
            if received < needed {
                return Err(FieldErrors::one(
                    "action",
                    format!(
                        "{received} of {needed} references have been given; verify them once all are in"
                    ),
                )
                .into());
            }
        }
        let action = format!("check.{}", next.status.code());
        self.store
            .apply(vec![
                Write::UpdateCheck(next.clone(), check.status),
                self.check_audit(org, scope.actor(), &action, next.id.0, &next.name),
            ])
            .await?;
        Ok(next)
    }

    /// The volunteer tells us they have done an item on their own checklist.
    pub async fn submit_my_check(
        &self,
        person_id: PersonId,
        org_slug: &str,
        id: CheckId,
        input: &CheckInput,
    ) -> Result<Check, AppError> {
        let org = self
            .store
            .organisation_by_slug(&crate::slug_key(org_slug))
            .await?
            .ok_or(AppError::NotFound)?;
        let check = self
            .store
            .check(org.id, id)
            .await?
            .filter(|c| c.person_id == person_id)
            .ok_or(AppError::NotFound)?;
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let t = self
            .catalogue_item(org.id, check.requirement_type_id)
            .await?;
        let submission = CheckInput {
            action: "submit".into(),
            ..input.clone()
        };
        let next = submission.apply(
            &check,
            &t,
            CheckActor::Volunteer(&person.full_name()),
            self.clock.today(),
            self.clock.now(),
        )?;
        self.store
            .apply(vec![
                Write::UpdateCheck(next.clone(), check.status),
                self.check_audit(
                    org.id,
                    &Actor::Person(person_id),
                    "check.submitted",
                    next.id.0,
                    &next.name,
                ),
            ])
            .await?;
        Ok(next)
    }

    /// Verified checks and training expiring in the next `days` days (and those that expired in
    /// the last 30, still to renew), soonest first. Audited as a read of check data.
    pub async fn expiring_checks(
        &self,
        scope: &OrgScope,
        days: u32,
    ) -> Result<Vec<ExpiringCheck>, AppError> {
        scope.require(Capability::ViewChecks)?;
        if days > MAX_EXPIRING_DAYS {
            return Err(FieldErrors::one(
                "days",
                format!("Enter a number of days from 0 to {MAX_EXPIRING_DAYS}"),
            )
            .into());
        }
        let today = self.clock.today();
        let org = scope.organisation_id();
        let rows = self
            .store
            .expiring_checks(
                org,
                today - chrono::Duration::days(RECENTLY_EXPIRED_DAYS),
                today + chrono::Duration::days(i64::from(days)),
            )
            .await?;
        self.store
            .apply(vec![self.check_audit(
                org,
                scope.actor(),
                "checks.listed",
                org.0,
                &format!("expiring within {days} days"),
            )])
            .await?;
        Ok(rows)
    }

    pub(crate) async fn catalogue_item(
        &self,
        org: OrganisationId,
        id: domain::ids::RequirementTypeId,
    ) -> Result<RequirementType, AppError> {
        self.store
            .requirement_types(org)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(AppError::NotFound)
    }

    /// The most references any of the person's current roles asks for.
    pub(crate) async fn references_needed(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<u32, AppError> {
        let mut needed = 0;
        for p in self.store.placements_of(org, person).await? {
            if p.placement.status != PlacementStatus::Ended
                && let Some(role) = self.store.role(org, p.placement.role_id).await?
            {
                needed = needed.max(role.references_required);
            }
        }
        Ok(needed)
    }

    pub(crate) async fn received_references(
        &self,
        org: OrganisationId,
        check: CheckId,
    ) -> Result<u32, AppError> {
        let given = self
            .store
            .reference_requests(org, check)
            .await?
            .iter()
            .filter(|r| r.reply.is_some())
            .count();
        Ok(u32::try_from(given).unwrap_or(u32::MAX))
    }

    pub(crate) fn check_audit(
        &self,
        org: OrganisationId,
        actor: &Actor,
        action: &str,
        entity: uuid::Uuid,
        detail: &str,
    ) -> Write {
        let entity_kind = match action {
            "checks.viewed" => "person",
            "checks.listed" => "organisation",
            _ => "check",
        };
        Write::Audit(
            AuditEntry::new(
                Some(org),
                actor.clone(),
                action,
                entity_kind,
                entity,
                self.clock.now(),
            )
            .with_detail(detail.to_owned()),
        )
    }
}
