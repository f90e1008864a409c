//! Subject access: a copy of everything held about one person. A manager exports what their
//! organisation holds (plus the person's profile); a person asks for and downloads everything
//! held about them anywhere. Every export is recorded and audited.

use chrono::{DateTime, Utc};
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{PersonId, SubjectAccessRequestId};
use domain::organisation::Organisation;
use domain::person::Person;
use domain::staff::Capability;

use crate::ports::{
    ConsentRecord, PersonalRecords, PrivacyWrite, ReceiptFile, SubjectAccessRequest, Write,
};
use crate::{App, AppError, OrgScope};

/// Everything an export holds, for the web layer to write out as a ZIP.
#[derive(Debug, Clone)]
pub struct SubjectAccessExport {
    /// Whose data.
    pub person: Person,
    /// The organisation whose records these are; `None` for everything held anywhere.
    pub organisation: Option<Organisation>,
    /// When it was made.
    pub generated_at: DateTime<Utc>,
    /// The records, kind by kind.
    pub records: Vec<PersonalRecords>,
    /// Receipt files sent with expense claims.
    pub receipts: Vec<ReceiptFile>,
    /// Consents given, in one list.
    pub consents: Vec<ConsentRecord>,
}

impl SubjectAccessExport {
    /// The number of records disclosed.
    pub fn record_count(&self) -> usize {
        self.records.iter().map(|r| r.rows.len()).sum()
    }
}

impl App {
    /// A manager's export of what their organisation holds about a person it knows (anyone
    /// else is "not found"), audited and recorded as a subject access request.
    pub async fn subject_access_for(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
    ) -> Result<SubjectAccessExport, AppError> {
        // Check records (criminal-records data among them) are in the export.
        scope.require(Capability::ViewChecks)?;
        let org = scope.organisation_id();
        if self.store.engagement_of(org, person_id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let export = self
            .export(person_id, Some(scope.organisation().clone()))
            .await?;
        let now = self.clock.now();
        let request = SubjectAccessRequest {
            id: SubjectAccessRequestId::new(),
            person_id,
            organisation_id: Some(org),
            requested_by: scope.actor().person_id(),
            requested_at: now,
        };
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::InsertSubjectAccessRequest(request)),
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        "person.subject_access_exported",
                        "person",
                        person_id.0,
                        now,
                    )
                    .with_detail(format!("{} records", export.record_count())),
                ),
            ])
            .await?;
        Ok(export)
    }

    /// A person asks for a copy of everything held about them; it is ready to download at once.
    pub async fn request_my_data(
        &self,
        person_id: PersonId,
    ) -> Result<SubjectAccessRequest, AppError> {
        let now = self.clock.now();
        let request = SubjectAccessRequest {
            id: SubjectAccessRequestId::new(),
            person_id,
            organisation_id: None,
            requested_by: Some(person_id),
            requested_at: now,
        };
        self.store
            .apply(vec![
                Write::Privacy(PrivacyWrite::InsertSubjectAccessRequest(request.clone())),
                Write::Audit(AuditEntry::new(
                    None,
                    Actor::Person(person_id),
                    "person.subject_access_requested",
                    "person",
                    person_id.0,
                    now,
                )),
            ])
            .await?;
        Ok(request)
    }

    /// A person's subject access requests, newest first (theirs and managers').
    pub async fn my_data_requests(
        &self,
        person_id: PersonId,
    ) -> Result<Vec<SubjectAccessRequest>, AppError> {
        Ok(self.store.subject_access_requests(person_id).await?)
    }

    /// The download for one of a person's own requests: everything held about them now. Only
    /// their own requests (anyone else's, or a manager's, is "not found").
    pub async fn my_data(
        &self,
        person_id: PersonId,
        request: SubjectAccessRequestId,
    ) -> Result<SubjectAccessExport, AppError> {
        let mine = self
            .store
            .subject_access_requests(person_id)
            .await?
            .into_iter()
            .any(|r| r.id == request && r.organisation_id.is_none());
        if !mine {
            return Err(AppError::NotFound);
        }
        let export = self.export(person_id, None).await?;
        self.store
            .apply(vec![Write::Audit(
                AuditEntry::new(
                    None,
                    Actor::Person(person_id),
                    "person.subject_access_downloaded",
                    "subject_access_request",
                    request.0,
                    self.clock.now(),
                )
                .with_detail(format!("{} records", export.record_count())),
            )])
            .await?;
        Ok(export)
    }

    /// The consents a person has given, everywhere.
    pub async fn my_consents(&self, person_id: PersonId) -> Result<Vec<ConsentRecord>, AppError> {
        Ok(self.store.consents(Some(person_id), None).await?)
    }

    /// The scope of a staff member named by email, for the command line (run by the server's
    /// operator, acting as that staff member). Problems name `organisation` or `staff_email`.
    pub async fn scope_by_email(&self, slug: &str, email: &str) -> Result<OrgScope, AppError> {
        if self.organisation(slug).await.is_err() {
            return Err(FieldErrors::one(
                "organisation",
                format!("No organisation with the short name {}", slug.trim()),
            )
            .into());
        }
        let person = self.store.person_by_email(&crate::email_key(email)).await?;
        let not_staff = || {
            AppError::from(FieldErrors::one(
                "staff_email",
                format!("{} is not on the staff of {}", email.trim(), slug.trim()),
            ))
        };
        let (person, _) = person.ok_or_else(not_staff)?;
        self.authorise(person.id, slug)
            .await
            .map_err(|_| not_staff())
    }

    /// A person named by email, if there is one (for the command line).
    pub async fn person_id_by_email(&self, email: &str) -> Result<Option<PersonId>, AppError> {
        Ok(self
            .store
            .person_by_email(&crate::email_key(email))
            .await?
            .map(|(p, _)| p.id))
    }

    async fn export(
        &self,
        person_id: PersonId,
        organisation: Option<Organisation>,
    ) -> Result<SubjectAccessExport, AppError> {
        let person = self
            .store
            .person(person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let org = organisation.as_ref().map(|o| o.id);
        Ok(SubjectAccessExport {
            records: self.store.personal_records(person_id, org).await?,
            receipts: self.store.receipt_files(person_id, org).await?,
            consents: self.store.consents(Some(person_id), org).await?,
            person,
            organisation,
            generated_at: self.clock.now(),
        })
    }
}
