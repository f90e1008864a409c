//! Sites: where volunteering happens.

use domain::audit::AuditEntry;
use domain::ids::SiteId;
use domain::site::{Site, SiteInput};
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

impl App {
    /// The organisation's sites.
    pub async fn sites(&self, scope: &OrgScope) -> Result<Vec<Site>, AppError> {
        scope.require(Capability::View)?;
        Ok(self.store.sites(scope.organisation_id()).await?)
    }

    /// One site.
    pub async fn site(&self, scope: &OrgScope, id: SiteId) -> Result<Site, AppError> {
        scope.require(Capability::View)?;
        self.store
            .site(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Adds a site.
    pub async fn create_site(&self, scope: &OrgScope, input: &SiteInput) -> Result<Site, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let site = input.parse(SiteId::new(), scope.organisation_id())?;
        let audit = AuditEntry::new(
            Some(site.organisation_id),
            scope.actor().clone(),
            "site.created",
            "site",
            site.id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![Write::InsertSite(site.clone()), Write::Audit(audit)])
            .await?;
        Ok(site)
    }

    /// Changes a site.
    pub async fn update_site(
        &self,
        scope: &OrgScope,
        id: SiteId,
        input: &SiteInput,
    ) -> Result<Site, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.site(scope, id).await?;
        let site = input.parse(id, scope.organisation_id())?;
        let audit = AuditEntry::new(
            Some(site.organisation_id),
            scope.actor().clone(),
            "site.updated",
            "site",
            site.id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![Write::UpdateSite(site.clone()), Write::Audit(audit)])
            .await?;
        Ok(site)
    }
}
