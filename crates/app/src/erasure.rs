//! Erasure: anonymising what an organisation holds about a person (or a service user), keeping
//! the totals (hours, attendance, anonymous answers) and a record that it happened. Refused,
//! with the reason, while another duty requires the records (an open safeguarding concern,
//! expenses not yet settled) or the person is still involved. Admins only, confirmed, audited,
//! one transaction.

use domain::audit::{Actor, AuditEntry};
use domain::ids::{ErasureId, OrganisationId, PersonId, SupportedPersonId};
use domain::person::Person;
use domain::privacy::{
    ERASURE_NOTE_MAX, ErasureBlock, ErasureReason, ErasureRecord, ErasureSubject,
};
use domain::staff::Capability;
use domain::{FieldErrors, Labelled};

use crate::ports::{PrivacyWrite, Write};
use crate::{App, AppError, OrgScope};

/// Subject access sections an erasure leaves as they are: the profile (said separately: it goes
/// only when nobody else holds them), safeguarding records (the law requires them kept) and
/// passport consents (the evidence for what another organisation took on; they hold nothing
/// but the person's id).
const NOT_ERASED: &[&str] = &[
    "profile",
    "concerns_raised",
    "concerns_about_you",
    "concern_records",
    "passport_consents",
];

/// What erasing a person would do, for the confirmation page.
#[derive(Debug, Clone)]
pub struct ErasurePreview {
    /// Whose data.
    pub person: Person,
    /// Why it cannot happen now; empty when it can.
    pub blocks: Vec<ErasureBlock>,
    /// Whether their own profile goes too (no other organisation or network holds them).
    pub profile_too: bool,
    /// What would be removed: each kind of record with how many.
    pub removed: Vec<String>,
}

/// The admin's confirmation.
#[derive(Debug, Clone, Default)]
pub struct ErasureInput {
    /// They ticked "I understand this cannot be undone".
    pub confirmed: bool,
    /// A note on why (not naming the person).
    pub note: String,
}

/// The writes of one erasure, or why it cannot go ahead.
pub(crate) enum Planned {
    /// Apply these.
    Writes(Vec<Write>, ErasureRecord),
    /// Refused.
    Blocked(Vec<ErasureBlock>),
}

impl App {
    /// What erasing a person's records here would do, or why it cannot happen now.
    pub async fn erasure_preview(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
    ) -> Result<ErasurePreview, AppError> {
        scope.require(Capability::Administer)?;
        let org = scope.organisation_id();
        let person = self.known_person(org, person_id).await?;
        Ok(ErasurePreview {
            blocks: self.store.erasure_blocks(org, person_id).await?,
            profile_too: !self.store.held_elsewhere(org, person_id).await?,
            removed: self.removable(org, person_id).await?,
            person,
        })
    }

    /// Erases what this organisation holds about a person, once the admin confirms.
    pub async fn erase_person(
        &self,
        scope: &OrgScope,
        person_id: PersonId,
        input: &ErasureInput,
    ) -> Result<ErasureRecord, AppError> {
        scope.require(Capability::Administer)?;
        let org = scope.organisation_id();
        self.known_person(org, person_id).await?;
        let mut errors = FieldErrors::new();
        let note = errors.optional_text("note", "the note", &input.note, ERASURE_NOTE_MAX);
        if !input.confirmed {
            errors.add(
                "confirmed",
                "Confirm that you understand the erasure cannot be undone",
            );
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        match self
            .plan_person_erasure(
                org,
                person_id,
                ErasureReason::Request,
                note,
                scope.actor().clone(),
            )
            .await?
        {
            Planned::Writes(writes, record) => {
                self.store.apply(writes).await?;
                Ok(record)
            }
            Planned::Blocked(blocks) => Err(refused(&blocks).into()),
        }
    }

    /// The organisation's erasure records, newest first.
    pub async fn erasures(&self, scope: &OrgScope) -> Result<Vec<ErasureRecord>, AppError> {
        scope.require(Capability::Administer)?;
        Ok(self.store.erasures(scope.organisation_id()).await?)
    }

    /// A person the organisation holds (an engagement with it); anyone else is "not found".
    async fn known_person(
        &self,
        org: OrganisationId,
        person_id: PersonId,
    ) -> Result<Person, AppError> {
        if self.store.engagement_of(org, person_id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        self.store
            .person(person_id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// What an erasure would remove: the organisation's subject access sections with rows.
    async fn removable(
        &self,
        org: OrganisationId,
        person_id: PersonId,
    ) -> Result<Vec<String>, AppError> {
        Ok(self
            .store
            .personal_records(person_id, Some(org))
            .await?
            .into_iter()
            .filter(|r| !NOT_ERASED.contains(&r.section))
            .filter_map(|r| {
                let n = r.withheld.map_or(r.rows.len(), |(_, n)| n);
                (n > 0).then(|| format!("{}: {n}", r.title))
            })
            .collect())
    }

    /// Plans erasing a person's records in `org` (for a request or a retention rule).
    pub(crate) async fn plan_person_erasure(
        &self,
        org: OrganisationId,
        person_id: PersonId,
        reason: ErasureReason,
        note: String,
        actor: Actor,
    ) -> Result<Planned, AppError> {
        let blocks = self.store.erasure_blocks(org, person_id).await?;
        if !blocks.is_empty() {
            return Ok(Planned::Blocked(blocks));
        }
        let profile_too = !self.store.held_elsewhere(org, person_id).await?;
        let stand_in = PersonId::new();
        let now = self.clock.now();
        let record = ErasureRecord {
            id: ErasureId::new(),
            organisation_id: org,
            subject: ErasureSubject::Person,
            subject_id: stand_in.0,
            reason,
            note,
            erased_by: actor.person_id(),
            erased_at: now,
            profile_erased: profile_too,
            removed: self.removable(org, person_id).await?,
        };
        // The audit entry names the stand-in, not the person: it outlives the erasure.
        let audit = AuditEntry::new(
            Some(org),
            actor,
            "person.erased",
            "erasure",
            record.id.0,
            now,
        )
        .with_detail(reason.code().to_owned());
        let writes = vec![
            Write::Privacy(PrivacyWrite::ErasePerson {
                person_id,
                stand_in,
                profile_too,
                record: record.clone(),
            }),
            Write::Audit(audit),
        ];
        Ok(Planned::Writes(writes, record))
    }

    /// Plans emptying a service user's record (for the closed records' retention rule).
    pub(crate) async fn plan_supported_person_erasure(
        &self,
        org: OrganisationId,
        id: SupportedPersonId,
        reason: ErasureReason,
        actor: Actor,
    ) -> Result<Planned, AppError> {
        let blocks = self.store.supported_person_erasure_blocks(org, id).await?;
        if !blocks.is_empty() {
            return Ok(Planned::Blocked(blocks));
        }
        let now = self.clock.now();
        let record = ErasureRecord {
            id: ErasureId::new(),
            organisation_id: org,
            subject: ErasureSubject::SupportedPerson,
            subject_id: id.0,
            reason,
            note: String::new(),
            erased_by: actor.person_id(),
            erased_at: now,
            profile_erased: false,
            removed: vec!["Service user or carer record: 1".into()],
        };
        let audit = AuditEntry::new(
            Some(org),
            actor,
            "supported_person.erased",
            "erasure",
            record.id.0,
            now,
        )
        .with_detail(reason.code().to_owned());
        Ok(Planned::Writes(
            vec![
                Write::Privacy(PrivacyWrite::EraseSupportedPerson(record.clone())),
                Write::Audit(audit),
            ],
            record,
        ))
    }
}

/// The refusal as field errors: each reason under `erasure`, so the page and the API show them.
pub(crate) fn refused(blocks: &[ErasureBlock]) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for b in blocks {
        errors.add("erasure", b.message());
    }
    errors
}
