//! Organisations: creating them (CLI, demo) and editing their details.

use domain::audit::{Actor, AuditEntry};
use domain::ids::{OrganisationId, PersonId, StaffMemberId};
use domain::organisation::{Organisation, OrganisationInput};
use domain::staff::{Capability, Permission, StaffMember};

use crate::ports::{EngagementCounts, Write};
use crate::{App, AppError, OrgScope};

impl App {
    /// Creates an organisation with `admin` as its first organisation admin.
    pub async fn create_organisation(
        &self,
        input: &OrganisationInput,
        admin: PersonId,
    ) -> Result<Organisation, AppError> {
        let org = input.parse(OrganisationId::new())?;
        let now = self.clock.now();
        let member = StaffMember {
            id: StaffMemberId::new(),
            organisation_id: org.id,
            person_id: admin,
            permission: Permission::OrganisationAdmin,
            site_ids: vec![],
        };
        let mut writes = vec![
            Write::InsertOrganisation(org.clone()),
            Write::PutStaffMember(member),
            Write::Audit(AuditEntry::new(
                Some(org.id),
                Actor::Person(admin),
                "organisation.created",
                "organisation",
                org.id.0,
                now,
            )),
        ];
        writes.extend(
            domain::compliance::catalogue::standard_catalogue(org.id)
                .into_iter()
                .map(Write::InsertRequirementType),
        );
        self.store
            .apply(writes)
            .await
            .map_err(|e| conflict_on_slug(e, "slug"))?;
        Ok(org)
    }

    /// Creates an organisation from the command line, with the account `admin_email` as its first
    /// admin. Whoever runs the binary owns the database, so no scope is needed.
    pub async fn create_organisation_for(
        &self,
        input: &OrganisationInput,
        admin_email: &str,
    ) -> Result<Organisation, AppError> {
        let admin = self
            .store
            .person_by_email(&crate::email_key(admin_email))
            .await?;
        let mut errors = match input.parse(OrganisationId::new()) {
            Ok(_) => domain::FieldErrors::new(),
            Err(e) => e,
        };
        let Some((admin, _)) = admin else {
            errors.add("admin_email", "No one with that email address has an Alongside account yet; they create one at /register");
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        self.create_organisation(input, admin.id).await
    }

    /// Changes the scope's organisation's details.
    pub async fn update_organisation(
        &self,
        scope: &OrgScope,
        input: &OrganisationInput,
    ) -> Result<Organisation, AppError> {
        scope.require(Capability::Administer)?;
        let org = input.parse(scope.organisation_id())?;
        let audit = AuditEntry::new(
            Some(org.id),
            scope.actor().clone(),
            "organisation.updated",
            "organisation",
            org.id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::UpdateOrganisation(org.clone()),
                Write::Audit(audit),
            ])
            .await
            .map_err(|e| conflict_on_slug(e, "slug"))?;
        Ok(org)
    }

    /// All organisations (public: names and slugs are public information).
    pub async fn organisations(&self) -> Result<Vec<Organisation>, AppError> {
        Ok(self.store.organisations().await?)
    }

    /// One organisation by its short name (public: names, kinds and addresses are public).
    pub async fn organisation(&self, slug: &str) -> Result<Organisation, AppError> {
        self.store
            .organisation_by_slug(&crate::slug_key(slug))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Dashboard counts; "left" counts the last 90 days.
    pub async fn dashboard(&self, scope: &OrgScope) -> Result<EngagementCounts, AppError> {
        scope.require(Capability::View)?;
        let since = self.clock.now() - chrono::Duration::days(90);
        Ok(self
            .store
            .engagement_counts(
                scope.organisation_id(),
                since,
                scope.site_limit().as_deref(),
            )
            .await?)
    }
}

/// Turns a uniqueness conflict into an error on `field`.
pub(crate) fn conflict_on_slug(e: crate::StoreError, field: &str) -> AppError {
    match e {
        crate::StoreError::Conflict(_) => AppError::Invalid(domain::FieldErrors::one(
            field,
            "That short name is already taken; choose another",
        )),
        other => other.into(),
    }
}
