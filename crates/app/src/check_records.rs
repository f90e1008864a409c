//! Recording checks: a manager verifies, fails or waives an item (or submits it for the
//! volunteer); a volunteer tells us they have done one. Every change is audited.

use domain::FieldErrors;
use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::check::{Actor as CheckActor, CheckInput};
use domain::compliance::{Check, CheckKind, CheckStatus, PlacementStatus, RequirementType};
use domain::ids::{CheckId, OrganisationId, PersonId};
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

impl App {
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
                Write::UpdateCheck(next.clone(), check.version()),
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
        let (org, check) = self.my_check(person_id, org_slug, id).await?;
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
                Write::UpdateCheck(next.clone(), check.version()),
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

    /// One of the person's own checks with the organisation named by `org_slug`; anyone else's,
    /// or one in another organisation, is not found.
    pub(crate) async fn my_check(
        &self,
        person: PersonId,
        org_slug: &str,
        id: CheckId,
    ) -> Result<(domain::organisation::Organisation, Check), AppError> {
        let org = self.organisation(org_slug).await?;
        let check = self
            .store
            .check(org.id, id)
            .await?
            .filter(|c| c.person_id == person)
            .ok_or(AppError::NotFound)?;
        Ok((org, check))
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
