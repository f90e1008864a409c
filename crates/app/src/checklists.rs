//! Checklists: what each placement needs, each person's records against it, and the actions
//! volunteers and managers take on them. Every staff read of check data is audited.

use chrono::NaiveDate;
use domain::compliance::eligibility::ADULT_AGE;
use domain::compliance::reference::ReferenceRequest;
use domain::compliance::{
    Check, CheckKind, Eligibility, PlacementStatus, RequirementType, Requirements, eligibility,
};
use domain::ids::{OrganisationId, PersonId};
use domain::person::age_on;
use domain::role::{DbsLevel, Role};
use domain::staff::Capability;
use serde::Serialize;

use crate::ports::{PlacementRow, Write};
use crate::{App, AppError, OrgScope};

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
    /// Where it was recognised from another organisation's verification (the passport).
    pub recognised: Option<domain::network::recognition::Recognition>,
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
        let mut checks = self
            .add_missing_items(org, person_id, &person, &placed, &catalogue)
            .await?;
        if self
            .recognise_shared(org, person_id, &checks, &catalogue)
            .await?
        {
            checks = self.store.checks_of(org, person_id).await?;
        }
        let recognitions = self.store.recognitions(org, person_id).await?;
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
                let recognised = check
                    .as_ref()
                    .and_then(|c| recognitions.iter().find(|r| r.check_id == c.id).cloned());
                items.push(ChecklistItem {
                    recognised,
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
}
