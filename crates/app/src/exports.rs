//! Exports of lists: the audit entry every download of a list writes (`<kind>.exported`), and
//! the scope the command line exports with.

use domain::audit::AuditEntry;
use domain::staff::Permission;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

impl App {
    /// Records that `scope`'s actor exported `rows` rows of the list `kind` (such as
    /// `volunteers`), as `<kind>.exported` with the filters used: a list carries people's details
    /// out of Alongside. Call it after the list's own use case, which checks the permission.
    pub async fn record_export(
        &self,
        scope: &OrgScope,
        kind: &str,
        rows: usize,
        filters: &str,
    ) -> Result<(), AppError> {
        let org = scope.organisation_id();
        let mut detail = format!("{rows} rows");
        if !filters.is_empty() {
            detail.push_str(&format!(
                ", {}",
                filters.chars().take(200).collect::<String>()
            ));
        }
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    &format!("{kind}.exported"),
                    "organisation",
                    org.0,
                    self.clock.now(),
                )
                .with_detail(detail),
            )])
            .await?;
        Ok(())
    }

    /// Records that `person` downloaded `rows` rows of their own list `kind` (such as
    /// `my_shifts`), as `<kind>.exported` about them: their own records, but the download still
    /// leaves Alongside, so it is in the audit as every list's is.
    pub async fn record_own_export(
        &self,
        person: domain::ids::PersonId,
        kind: &str,
        rows: usize,
    ) -> Result<(), AppError> {
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    None,
                    domain::audit::Actor::Person(person),
                    &format!("{kind}.exported"),
                    "person",
                    person.0,
                    self.clock.now(),
                )
                .with_detail(format!("{rows} rows")),
            )])
            .await?;
        Ok(())
    }

    /// The scope for `alongside export` and `alongside import` run by the server's operator
    /// without naming a staff member: an organisation admin's permission, recorded as Alongside itself. The operator
    /// holds the database already, so this grants nothing they lack; naming a staff member
    /// (`App::authorise_email`) narrows the export to that person's permission instead.
    pub async fn operator_scope(&self, slug: &str) -> Result<OrgScope, AppError> {
        let organisation = self.organisation(slug).await?;
        Ok(OrgScope::for_operator(
            organisation,
            Permission::OrganisationAdmin,
        ))
    }

    /// The scope of the staff member with this email in the organisation `slug`, as if they
    /// had signed in (for the command line). Anyone who is not staff there gets `NotFound`.
    pub async fn authorise_email(&self, email: &str, slug: &str) -> Result<OrgScope, AppError> {
        let (person, _) = self
            .store
            .person_by_email(&crate::email_key(email))
            .await?
            .ok_or(AppError::NotFound)?;
        self.authorise(person.id, slug).await
    }
}

impl App {
    /// An event's registrations for a spreadsheet (organisers only, as the page), audited as
    /// `event_registrations.exported`: the list carries people's names and emails.
    pub async fn export_event_registrants(
        &self,
        host: &crate::events::EventHost,
        id: domain::ids::EventId,
    ) -> Result<Vec<crate::ports::Registrant>, AppError> {
        let registrants = self.event_registrants(host, id).await?;
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    host.org_id(),
                    host.actor(),
                    "event_registrations.exported",
                    "event",
                    id.0,
                    self.clock.now(),
                )
                .with_detail(format!("{} rows", registrants.len())),
            )])
            .await?;
        Ok(registrants)
    }
}

impl App {
    /// Records that whoever holds `access` exported `rows` rows of the network's list `kind`
    /// (`network_members`, `network_directory`, …), as `<kind>.exported` against the network.
    /// Call it after the list's own use case, which checks who may see it.
    pub async fn record_network_export(
        &self,
        access: &crate::networks::NetworkAccess,
        kind: &str,
        rows: usize,
    ) -> Result<(), AppError> {
        use crate::networks::AuditDetail as _;
        let entry = crate::networks::network_audit(
            access.actor(),
            &format!("{kind}.exported"),
            access.network().id,
            self.clock.now(),
        )
        .with_detail(&format!("{rows} rows"));
        self.store.apply(vec![entry]).await?;
        Ok(())
    }
}
