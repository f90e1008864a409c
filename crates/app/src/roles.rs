//! Roles: writing, publishing (with the non-substitution statement) and closing them.

use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::compliance::CheckKind;
use domain::ids::RoleId;
use domain::role::{Role, RoleInput, RoleStatus};
use domain::staff::Capability;

use crate::ports::{Opportunity, OpportunitySearch, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// The organisation's roles.
    pub async fn roles(&self, scope: &OrgScope) -> Result<Vec<Role>, AppError> {
        scope.require(Capability::View)?;
        Ok(self.store.roles(scope.organisation_id()).await?)
    }

    /// One role.
    pub async fn role(&self, scope: &OrgScope, id: RoleId) -> Result<Role, AppError> {
        scope.require(Capability::View)?;
        self.store
            .role(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Writes a new role as a draft.
    pub async fn create_role(&self, scope: &OrgScope, input: &RoleInput) -> Result<Role, AppError> {
        let (role, writes) = self.new_role(scope, input).await?;
        self.store.apply(writes).await?;
        Ok(role)
    }

    /// A new draft role checked as [`App::create_role`] checks it, and the writes that add it,
    /// for use cases that add more in the same transaction (copying a role template).
    pub(crate) async fn new_role(
        &self,
        scope: &OrgScope,
        input: &RoleInput,
    ) -> Result<(Role, Vec<Write>), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let role = input.parse(RoleId::new(), scope.organisation_id(), RoleStatus::Draft)?;
        self.check_sites(scope, &role).await?;
        let audit = AuditEntry::new(
            Some(role.organisation_id),
            scope.actor().clone(),
            "role.created",
            "role",
            role.id.0,
            self.clock.now(),
        );
        let writes = vec![Write::InsertRole(role.clone()), Write::Audit(audit)];
        Ok((role, writes))
    }

    /// Changes a role's details (its status stays as it is).
    pub async fn update_role(
        &self,
        scope: &OrgScope,
        id: RoleId,
        input: &RoleInput,
    ) -> Result<Role, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let current = self.role(scope, id).await?;
        let role = input.parse(id, scope.organisation_id(), current.status)?;
        if role.status == RoleStatus::Open {
            // An open role must keep saying how it complements paid staff.
            role.clone().publish()?;
        }
        self.check_sites(scope, &role).await?;
        let audit = AuditEntry::new(
            Some(role.organisation_id),
            scope.actor().clone(),
            "role.updated",
            "role",
            id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::UpdateRole(role.clone(), current.status),
                Write::Audit(audit),
            ])
            .await?;
        Ok(role)
    }

    /// Opens a role to applications. Needs the non-substitution statement.
    pub async fn publish_role(&self, scope: &OrgScope, id: RoleId) -> Result<Role, AppError> {
        self.change_role_status(scope, id, "role.published", |role| role.publish())
            .await
    }

    /// Stops a role taking applications.
    pub async fn close_role(&self, scope: &OrgScope, id: RoleId) -> Result<Role, AppError> {
        self.change_role_status(scope, id, "role.closed", Role::close)
            .await
    }

    async fn change_role_status(
        &self,
        scope: &OrgScope,
        id: RoleId,
        action: &str,
        change: impl FnOnce(&mut Role) -> Result<(), FieldErrors>,
    ) -> Result<Role, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let mut role = self.role(scope, id).await?;
        let before = role.status;
        change(&mut role)?;
        let audit = AuditEntry::new(
            Some(role.organisation_id),
            scope.actor().clone(),
            action,
            "role",
            id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::UpdateRole(role.clone(), before),
                Write::Audit(audit),
            ])
            .await?;
        Ok(role)
    }

    async fn check_sites(&self, scope: &OrgScope, role: &Role) -> Result<(), AppError> {
        let sites = self.store.sites(scope.organisation_id()).await?;
        let mut errors = FieldErrors::new();
        if !role
            .site_ids
            .iter()
            .all(|id| sites.iter().any(|s| s.id == *id))
        {
            errors.add("site_ids", "Select sites from this organisation's list");
        }
        let catalogue = self
            .store
            .requirement_types(scope.organisation_id())
            .await?;
        let chosen: Vec<_> = role
            .requirement_type_ids
            .iter()
            .map(|id| catalogue.iter().find(|t| t.id == *id))
            .collect();
        if chosen.iter().any(Option::is_none) {
            errors.add(
                "requirement_type_ids",
                "Select checks and training from this organisation's catalogue",
            );
        } else if chosen.iter().flatten().any(|t| {
            matches!(
                t.kind,
                CheckKind::Dbs | CheckKind::References | CheckKind::GuardianConsent
            )
        }) {
            errors.add(
                "requirement_type_ids",
                "Choose the DBS check and references with their own questions; consent for under-18s is added for them",
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.into())
        }
    }

    /// Open roles across all organisations (public).
    pub async fn opportunities(
        &self,
        search: &OpportunitySearch,
    ) -> Result<Vec<Opportunity>, AppError> {
        let search = OpportunitySearch {
            keywords: domain::without_control_characters(&search.keywords),
            setting: search.setting,
            organisation: search.organisation.as_deref().map(crate::slug_key),
        };
        Ok(self.store.opportunities(&search).await?)
    }

    /// A public role page: open or closed roles only, never drafts.
    pub async fn opportunity(&self, id: RoleId) -> Result<Opportunity, AppError> {
        match self.store.opportunity(id).await? {
            Some(o) if o.role.status != RoleStatus::Draft => Ok(o),
            _ => Err(AppError::NotFound),
        }
    }
}
