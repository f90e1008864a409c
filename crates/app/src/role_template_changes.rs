//! Looking after a published role template: the publishing organisation's managers and the
//! network's coordinators (who alone look after the seeded NHS roles) reword it or withdraw it.
//! A withdrawn template is no longer listed or copied; roles already copied from it keep their
//! link to it.

use domain::ids::RoleTemplateId;
use domain::network::role_template::{RoleTemplate, TemplateChange};

use crate::networks::{AuditDetail, NetworkAccess, network_audit};
use crate::ports::{NetworkWrite, Write};
use crate::{App, AppError};

/// Whether the viewer may change or withdraw a template: coordinators, and managers of the
/// member organisation that published it.
pub fn may_change(access: &NetworkAccess, template: &RoleTemplate) -> bool {
    access.is_coordinator()
        || template
            .source_organisation_id
            .is_some_and(|org| access.managed_members().contains(&org))
}

impl App {
    /// A template still in the library that the viewer may change: members who may not are
    /// refused, anyone else is told it is not there.
    pub async fn changeable_template(
        &self,
        access: &NetworkAccess,
        id: RoleTemplateId,
    ) -> Result<RoleTemplate, AppError> {
        access.require_member()?;
        let template = self
            .store
            .role_template(access.network().id, id)
            .await?
            .filter(|t| t.withdrawn_at.is_none())
            .ok_or(AppError::NotFound)?;
        if may_change(access, &template) {
            Ok(template)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Rewords a template (checked as a role's form is), from the version the viewer has.
    pub async fn change_role_template(
        &self,
        access: &NetworkAccess,
        id: RoleTemplateId,
        change: &TemplateChange,
    ) -> Result<RoleTemplate, AppError> {
        let current = self.changeable_template(access, id).await?;
        let now = self.clock.now();
        let changed = change.apply(&current, now)?;
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::UpdateRoleTemplate {
                    template: changed.clone(),
                    expected_updated_at: current.updated_at,
                }),
                network_audit(
                    access.actor(),
                    "network.role_template_changed",
                    access.network().id,
                    now,
                )
                .with_detail(&id.to_string()),
            ])
            .await?;
        Ok(changed)
    }

    /// Withdraws a template from the library.
    pub async fn withdraw_role_template(
        &self,
        access: &NetworkAccess,
        id: RoleTemplateId,
    ) -> Result<(), AppError> {
        self.changeable_template(access, id).await?;
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::WithdrawRoleTemplate(
                    access.network().id,
                    id,
                    now,
                )),
                network_audit(
                    access.actor(),
                    "network.role_template_withdrawn",
                    access.network().id,
                    now,
                )
                .with_detail(&id.to_string()),
            ])
            .await?;
        Ok(())
    }
}
