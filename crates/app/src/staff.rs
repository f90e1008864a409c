//! Staff and permissions: who in an organisation may do what.

use domain::audit::AuditEntry;
use domain::ids::{SiteId, StaffMemberId};
use domain::person::Person;
use domain::staff::{Capability, Permission, StaffMember};
use domain::{FieldErrors, Labelled};

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

impl App {
    /// The organisation's staff.
    pub async fn staff(&self, scope: &OrgScope) -> Result<Vec<(StaffMember, Person)>, AppError> {
        scope.require(Capability::Administer)?;
        Ok(self.store.staff(scope.organisation_id()).await?)
    }

    /// Gives a person with an account a permission here (replacing any they had).
    pub async fn grant_permission(
        &self,
        scope: &OrgScope,
        email: &str,
        permission: &str,
        site_ids: Vec<SiteId>,
    ) -> Result<StaffMember, AppError> {
        scope.require(Capability::Administer)?;
        let mut errors = FieldErrors::new();
        let person = match self.store.person_by_email(&crate::email_key(email)).await? {
            Some((p, _)) => Some(p),
            None => {
                errors.add(
                    "email",
                    "No one with that email address has an Alongside account yet",
                );
                None
            }
        };
        let permission = Permission::from_code(permission);
        if permission.is_none() {
            errors.add("permission", "Select a permission");
        }
        let sites = self.store.sites(scope.organisation_id()).await?;
        if !site_ids.iter().all(|id| sites.iter().any(|s| s.id == *id)) {
            errors.add("site_ids", "Select sites from this organisation's list");
        }
        if permission == Some(Permission::Supervisor) && site_ids.is_empty() {
            errors.add("site_ids", "Select the sites this supervisor looks after");
        }
        let (Some(person), Some(permission)) = (person, permission) else {
            return Err(errors.into());
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let site_ids = if permission == Permission::Supervisor {
            site_ids
        } else {
            vec![]
        };
        let existing = self.store.staff(scope.organisation_id()).await?;
        let admins = existing
            .iter()
            .filter(|(m, _)| m.permission == Permission::OrganisationAdmin)
            .count();
        let demoting_an_admin = existing.iter().any(|(m, _)| {
            m.person_id == person.id && m.permission == Permission::OrganisationAdmin
        });
        if demoting_an_admin && permission != Permission::OrganisationAdmin && admins <= 1 {
            return Err(FieldErrors::one(
                "permission",
                "An organisation needs at least one organisation admin",
            )
            .into());
        }
        let id = existing
            .iter()
            .find(|(m, _)| m.person_id == person.id)
            .map(|(m, _)| m.id)
            .unwrap_or_default();
        let member = StaffMember {
            id,
            organisation_id: scope.organisation_id(),
            person_id: person.id,
            permission,
            site_ids,
        };
        let audit = AuditEntry::new(
            Some(member.organisation_id),
            scope.actor().clone(),
            "staff.granted",
            "staff_member",
            id.0,
            self.clock.now(),
        )
        .with_detail(format!("{} as {}", person.email, permission.label()));
        self.store
            .apply(vec![
                Write::PutStaffMember(member.clone()),
                Write::Audit(audit),
            ])
            .await?;
        Ok(member)
    }

    /// Removes a staff permission. An admin cannot remove the last admin.
    pub async fn revoke_permission(
        &self,
        scope: &OrgScope,
        id: StaffMemberId,
    ) -> Result<(), AppError> {
        scope.require(Capability::Administer)?;
        let staff = self.store.staff(scope.organisation_id()).await?;
        let (member, _) = staff
            .iter()
            .find(|(m, _)| m.id == id)
            .ok_or(AppError::NotFound)?;
        let admins = staff
            .iter()
            .filter(|(m, _)| m.permission == Permission::OrganisationAdmin)
            .count();
        if member.permission == Permission::OrganisationAdmin && admins <= 1 {
            return Err(FieldErrors::one(
                "staff",
                "An organisation needs at least one organisation admin",
            )
            .into());
        }
        let audit = AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            "staff.revoked",
            "staff_member",
            id.0,
            self.clock.now(),
        );
        self.store
            .apply(vec![
                Write::DeleteStaffMember(scope.organisation_id(), id),
                Write::Audit(audit),
            ])
            .await?;
        Ok(())
    }
}
