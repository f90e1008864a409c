//! The shared role library: a member organisation's manager publishes one of its roles to a
//! network as a template (with what it needs, its non-substitution statement and its outcome
//! indicators); members browse the library and copy a template into their own organisation as
//! a draft role to adapt; each template shows how many members use it. Members only.

use domain::FieldErrors;
use domain::compliance::RequirementType;
use domain::compliance::catalogue::standard_catalogue;
use domain::ids::{OrganisationId, RoleId, RoleTemplateId};
use domain::network::Network;
use domain::network::role_template::RoleTemplate;
use domain::organisation::Organisation;
use domain::outcome_framework::IndicatorInput;
use domain::role::Role;
use domain::staff::Capability;
use serde::Serialize;

use crate::networks::NetworkAccess;
use crate::networks::network_audit;
use crate::ports::{NetworkWrite, TemplateWithUses, Write};
use crate::{App, AppError, OrgScope};

/// One template with what a member needs to judge it.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateView {
    /// The template.
    pub template: RoleTemplate,
    /// The checks and training it needs, by name.
    pub requirements: Vec<String>,
    /// How many member organisations have copied it.
    pub organisations_using: u32,
    /// Whether the viewer may change or withdraw it.
    pub can_change: bool,
}

/// A role copied from a template.
#[derive(Debug, Clone, Serialize)]
pub struct CopiedRole {
    /// The new draft role.
    pub role: Role,
    /// Checks and training the template needs that the organisation's catalogue lacks, by name.
    pub missing: Vec<String>,
}

/// Where a role was copied from, and what of it the organisation's catalogue still lacks.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateOrigin {
    /// The network whose library it came from.
    pub network: Network,
    /// The template's title.
    pub template_title: String,
    /// Checks and training the template needs that the catalogue lacks, by name.
    pub missing: Vec<String>,
}

/// Names for catalogue codes: from `catalogue` where it has them, else the standard catalogue's
/// name, else the code itself.
fn names(codes: &[String], catalogue: &[RequirementType]) -> Vec<String> {
    let standard = standard_catalogue(OrganisationId(uuid::Uuid::nil()));
    codes
        .iter()
        .map(|code| {
            catalogue
                .iter()
                .chain(standard.iter())
                .find(|t| t.code == *code)
                .map_or_else(|| code.clone(), |t| t.name.clone())
        })
        .collect()
}

impl App {
    /// Names for some of a template's requirement codes: as its source organisation names them
    /// (its own items have their own names), else as the standard catalogue does.
    async fn requirement_names(
        &self,
        template: &RoleTemplate,
        codes: &[String],
    ) -> Result<Vec<String>, AppError> {
        let catalogue = match template.source_organisation_id {
            Some(org) if !codes.is_empty() => self.store.requirement_types(org).await?,
            _ => vec![],
        };
        Ok(names(codes, &catalogue))
    }

    /// The network's role library, by title, with how many members use each template.
    pub async fn role_library(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<TemplateWithUses>, AppError> {
        access.require_member()?;
        Ok(self.store.role_templates(access.network().id).await?)
    }

    /// One template, with its requirements by name and how many members use it.
    pub async fn role_template(
        &self,
        access: &NetworkAccess,
        id: RoleTemplateId,
    ) -> Result<TemplateView, AppError> {
        access.require_member()?;
        let found = self
            .store
            .role_templates(access.network().id)
            .await?
            .into_iter()
            .find(|t| t.template.id == id)
            .ok_or(AppError::NotFound)?;
        Ok(TemplateView {
            requirements: self
                .requirement_names(&found.template, &found.template.requirement_codes)
                .await?,
            organisations_using: found.organisations_using,
            can_change: crate::role_template_changes::may_change(access, &found.template),
            template: found.template,
        })
    }

    /// The member organisations the viewer manages, by name: where they may copy a template to.
    pub async fn managed_organisations(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<Organisation>, AppError> {
        let mut orgs = Vec::new();
        for id in access.managed_members() {
            if let Some(org) = self.store.organisation(*id).await? {
                orgs.push(org);
            }
        }
        orgs.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(orgs)
    }

    /// The networks an organisation is a current member of, for its managers to publish roles
    /// to.
    pub async fn networks_of_organisation(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<Network>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let today = self.uk_today();
        let mut networks = Vec::new();
        for m in self
            .store
            .memberships_of_organisation(scope.organisation_id())
            .await?
        {
            if m.is_current(today)
                && let Some(n) = self.store.network(m.network_id).await?
            {
                networks.push(n);
            }
        }
        networks.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(networks)
    }

    /// A member's manager publishes one of its roles to the network's library, with its
    /// requirements, statement and outcome indicators still counted.
    pub async fn publish_role_template(
        &self,
        access: &NetworkAccess,
        scope: &OrgScope,
        role: RoleId,
    ) -> Result<RoleTemplate, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        access.require_manages(org)?;
        let role = self
            .store
            .role(org, role)
            .await?
            .ok_or(AppError::NotFound)?;
        if role.non_substitution_statement.trim().is_empty() {
            return Err(FieldErrors::one(
                "non_substitution_statement",
                "Say how the role complements paid staff before sharing it with the network",
            )
            .into());
        }
        let catalogue = self.store.requirement_types(org).await?;
        let indicators = self.store.outcome_indicators(org).await?;
        let now = self.clock.now();
        let template = RoleTemplate::from_role(
            access.network().id,
            &role,
            &catalogue,
            &indicators,
            scope.organisation().name.clone(),
            now,
        );
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::InsertRoleTemplates(vec![template.clone()])),
                network_audit(
                    scope.actor().clone(),
                    "network.role_template_published",
                    access.network().id,
                    now,
                ),
            ])
            .await?;
        Ok(template)
    }

    /// A member's manager copies a template into their organisation: a draft role checked as
    /// any new role is, the template's outcome indicators on it, and the use counted — all in
    /// one transaction. Requirements the catalogue lacks are left off and named.
    pub async fn copy_role_template(
        &self,
        access: &NetworkAccess,
        scope: &OrgScope,
        id: RoleTemplateId,
    ) -> Result<CopiedRole, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        access.require_manages(org)?;
        let template = self
            .store
            .role_template(access.network().id, id)
            .await?
            .filter(|t| t.withdrawn_at.is_none())
            .ok_or(AppError::NotFound)?;
        let catalogue = self.store.requirement_types(org).await?;
        let (input, missing) = template.to_role_input(&catalogue);
        let (role, mut writes) = self.new_role(scope, &input).await?;
        for i in &template.indicators {
            let indicator = IndicatorInput {
                name: i.name.clone(),
                unit: i.unit.clone(),
                minutes_each: i.minutes_each.map(|m| m.to_string()).unwrap_or_default(),
            }
            .parse(org, role.id)?;
            writes.push(Write::InsertOutcomeIndicator(indicator));
        }
        let now = self.clock.now();
        writes.push(Write::Network(NetworkWrite::RecordTemplateUse {
            organisation_id: org,
            role_id: role.id,
            network_id: access.network().id,
            template_id: template.id,
            at: now,
        }));
        writes.push(network_audit(
            scope.actor().clone(),
            "network.role_template_copied",
            access.network().id,
            now,
        ));
        self.store.apply(writes).await?;
        Ok(CopiedRole {
            role,
            missing: self.requirement_names(&template, &missing).await?,
        })
    }

    /// Where a role was copied from, if it was, with what the catalogue still lacks (shown while
    /// the manager adapts it).
    pub async fn template_origin(
        &self,
        scope: &OrgScope,
        role: RoleId,
    ) -> Result<Option<TemplateOrigin>, AppError> {
        scope.require(Capability::View)?;
        let org = scope.organisation_id();
        let Some((network, template)) = self.store.template_of_role(org, role).await? else {
            return Ok(None);
        };
        let (Some(network), Some(template)) = (
            self.store.network(network).await?,
            self.store.role_template(network, template).await?,
        ) else {
            return Ok(None);
        };
        let catalogue = self.store.requirement_types(org).await?;
        let (_, missing) = template.to_role_input(&catalogue);
        Ok(Some(TemplateOrigin {
            missing: self.requirement_names(&template, &missing).await?,
            network,
            template_title: template.title,
        }))
    }
}
