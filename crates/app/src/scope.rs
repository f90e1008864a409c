//! Authorisation: the only way to get an [`OrgScope`], which every organisation use case needs.

use domain::audit::Actor;
use domain::ids::{OrganisationId, PersonId, SiteId};
use domain::organisation::Organisation;
use domain::staff::{Capability, Permission};

use crate::{App, AppError, tokens};

/// Proof that an actor may act in one organisation, with their permission. Only this crate can
/// make one, so a use case holding one knows tenancy was checked.
#[derive(Debug, Clone)]
pub struct OrgScope {
    organisation: Organisation,
    actor: Actor,
    permission: Permission,
    site_ids: Vec<SiteId>,
}

impl OrgScope {
    /// The organisation this scope is for.
    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    /// Its id.
    pub fn organisation_id(&self) -> OrganisationId {
        self.organisation.id
    }

    /// Who is acting.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Their permission.
    pub fn permission(&self) -> Permission {
        self.permission
    }

    /// Whether the actor may do this (for showing or hiding links; use cases check themselves).
    pub fn can(&self, capability: Capability) -> bool {
        self.permission.allows(capability)
    }

    /// Fails with `Forbidden` unless the permission grants `capability`.
    pub(crate) fn require(&self, capability: Capability) -> Result<(), AppError> {
        if self.can(capability) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The command line's scope (`App::operator_scope`): acting as Alongside itself.
    pub(crate) fn for_operator(organisation: Organisation, permission: Permission) -> Self {
        Self {
            organisation,
            actor: Actor::System,
            permission,
            site_ids: Vec::new(),
        }
    }

    /// For supervisors: the sites they are limited to.
    pub(crate) fn site_limit(&self) -> Option<Vec<SiteId>> {
        (self.permission == Permission::Supervisor).then(|| self.site_ids.clone())
    }
}

impl App {
    /// The scope for a signed-in person acting in the organisation `slug`. Anyone who is not
    /// staff there gets `NotFound`, so another organisation's existence is not revealed.
    pub async fn authorise(&self, person_id: PersonId, slug: &str) -> Result<OrgScope, AppError> {
        let organisation = self.organisation(slug).await?;
        let staff = self.store.staff_roles_of(person_id).await?;
        let member = staff
            .into_iter()
            .find(|s| s.organisation_id == organisation.id)
            .ok_or(AppError::NotFound)?;
        Ok(OrgScope {
            organisation,
            actor: Actor::Person(person_id),
            permission: member.permission,
            site_ids: member.site_ids,
        })
    }

    /// The scope for an API bearer token. The token's staff member must still hold a permission.
    pub async fn authorise_token(&self, token: &str) -> Result<OrgScope, AppError> {
        let (member, organisation) = self
            .store
            .api_token_scope(&tokens::hash(token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(OrgScope {
            organisation,
            actor: Actor::Token(member.person_id),
            permission: member.permission,
            site_ids: member.site_ids,
        })
    }

    /// The organisations where a person is staff, for the "choose an organisation" page.
    pub async fn staff_organisations(
        &self,
        person_id: PersonId,
    ) -> Result<Vec<(Organisation, Permission)>, AppError> {
        let mut result = Vec::new();
        for member in self.store.staff_roles_of(person_id).await? {
            if let Some(org) = self.store.organisation(member.organisation_id).await? {
                result.push((org, member.permission));
            }
        }
        result.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        Ok(result)
    }
}
