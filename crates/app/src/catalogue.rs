//! An organisation's catalogue of check types and training modules.

use domain::audit::AuditEntry;
use domain::compliance::catalogue::standard_catalogue;
use domain::compliance::{RequirementType, RequirementTypeInput};
use domain::ids::RequirementTypeId;
use domain::staff::Capability;

use crate::ports::{StoreError, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// The organisation's catalogue: checks first, then training.
    pub async fn catalogue(&self, scope: &OrgScope) -> Result<Vec<RequirementType>, AppError> {
        scope.require(Capability::View)?;
        Ok(self
            .store
            .requirement_types(scope.organisation_id())
            .await?)
    }

    /// One catalogue item.
    pub async fn requirement_type(
        &self,
        scope: &OrgScope,
        id: RequirementTypeId,
    ) -> Result<RequirementType, AppError> {
        self.catalogue(scope)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(AppError::NotFound)
    }

    /// Adds a check type or training module of the organisation's own.
    pub async fn add_requirement_type(
        &self,
        scope: &OrgScope,
        input: &RequirementTypeInput,
    ) -> Result<RequirementType, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let t = input.parse_new(scope.organisation_id())?;
        self.store
            .apply(vec![
                Write::InsertRequirementType(t.clone()),
                self.catalogue_audit(scope, &t, "requirement_type.created"),
            ])
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => domain::FieldErrors::one(
                    "name",
                    "There is already a check or module with this name",
                )
                .into(),
                e => AppError::from(e),
            })?;
        Ok(t)
    }

    /// Changes a catalogue item's description and validity (and name, for the organisation's own).
    pub async fn update_requirement_type(
        &self,
        scope: &OrgScope,
        id: RequirementTypeId,
        input: &RequirementTypeInput,
    ) -> Result<RequirementType, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let catalogue = self.catalogue(scope).await?;
        let current = catalogue
            .iter()
            .find(|t| t.id == id)
            .ok_or(AppError::NotFound)?;
        let t = input.parse_update(current)?;
        if catalogue
            .iter()
            .any(|other| other.id != id && other.name.eq_ignore_ascii_case(&t.name))
        {
            return Err(domain::FieldErrors::one(
                "name",
                "There is already a check or module with this name",
            )
            .into());
        }
        self.store
            .apply(vec![
                Write::UpdateRequirementType(t.clone()),
                self.catalogue_audit(scope, &t, "requirement_type.updated"),
            ])
            .await?;
        Ok(t)
    }

    /// Gives every organisation created before catalogues existed the standard one. Run at
    /// start-up; does nothing when all have one.
    pub async fn ensure_catalogues(&self) -> Result<usize, AppError> {
        let missing = self.store.organisations_without_catalogue().await?;
        for org in &missing {
            let writes = standard_catalogue(*org)
                .into_iter()
                .map(Write::InsertRequirementType)
                .collect();
            match self.store.apply(writes).await {
                // Another server seeded it at the same moment.
                Ok(()) | Err(StoreError::Conflict(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(missing.len())
    }

    fn catalogue_audit(&self, scope: &OrgScope, t: &RequirementType, action: &str) -> Write {
        Write::Audit(
            AuditEntry::new(
                Some(scope.organisation_id()),
                scope.actor().clone(),
                action,
                "requirement_type",
                t.id.0,
                self.clock.now(),
            )
            .with_detail(t.name.clone()),
        )
    }
}
