//! Service users and carers: their records, carers' links, health notes (special-category
//! data: only for those who need them, every read audited), and the triangle view of one
//! person — their volunteers, carers, referrals and contacts on one page.

use chrono::NaiveDate;
use domain::audit::AuditEntry;
use domain::ids::{PersonId, SupportedPersonId};
use domain::staff::Capability;
use domain::support::{
    CarerLink, Contact, Match, Referral, Relationship, SupportStatus, SupportedPerson,
    SupportedPersonInput, contact_overdue, health_notes_field,
};
use domain::{FieldErrors, Labelled};

use crate::ports::{SupportWrite, Write};
use crate::{App, AppError, OrgScope};

/// A match as staff see it, with names and whether contact is overdue.
#[derive(Debug, Clone)]
pub struct MatchView {
    /// The match.
    pub record: Match,
    /// The service user's name.
    pub person_name: String,
    /// The volunteer's name.
    pub volunteer_name: String,
    /// The latest contact logged.
    pub last_contact: Option<NaiveDate>,
    /// Days contact is overdue, for active matches.
    pub overdue_days: Option<i64>,
}

/// One person's corner of the triangle, for one page.
#[derive(Debug, Clone)]
pub struct Triangle {
    /// The service user or carer.
    pub person: SupportedPerson,
    /// Their carers, with how they are related.
    pub carers: Vec<(Relationship, SupportedPerson)>,
    /// The people they care for.
    pub cared_for: Vec<(Relationship, SupportedPerson)>,
    /// Their matches with volunteers, newest first.
    pub matches: Vec<MatchView>,
    /// Contacts over time, newest first, with the volunteer's name.
    pub contacts: Vec<(Contact, String)>,
    /// Referrals for them, oldest first.
    pub referrals: Vec<Referral>,
    /// Whether this viewer may read health notes.
    pub may_read_health_notes: bool,
    /// Their named staff contact, with name.
    pub staff_contact: Option<(PersonId, String)>,
    /// Feedback about their support, newest first.
    pub feedback: Vec<domain::support::SupportFeedback>,
    /// The address of their own feedback link, if one has been made.
    pub feedback_link: Option<String>,
}

pub(crate) fn support(w: SupportWrite) -> Write {
    Write::Support(w)
}

impl App {
    /// The organisation's service users and carers.
    pub async fn supported_people(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<SupportedPerson>, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        Ok(self.store.supported_people(scope.organisation_id()).await?)
    }

    /// One service user or carer; not found in another organisation.
    pub async fn supported_person(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
    ) -> Result<SupportedPerson, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        self.store
            .supported_person(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Everything about one person's support, for the triangle view.
    pub async fn triangle(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
    ) -> Result<Triangle, AppError> {
        let person = self.supported_person(scope, id).await?;
        let org = scope.organisation_id();
        let mut carers = Vec::new();
        let mut cared_for = Vec::new();
        for link in self.store.carer_links(org, id).await? {
            let (other, list) = if link.cared_for_id == id {
                (link.carer_id, &mut carers)
            } else {
                (link.cared_for_id, &mut cared_for)
            };
            if let Some(p) = self.store.supported_person(org, other).await? {
                list.push((link.relationship, p));
            }
        }
        let matches = self
            .match_views(scope)
            .await?
            .into_iter()
            .filter(|m| m.record.supported_person_id == id)
            .collect::<Vec<_>>();
        let mut contacts = Vec::new();
        for c in self.store.contacts(org, id).await? {
            let name = self.full_name_of(c.volunteer_id).await?;
            contacts.push((c, name));
        }
        let referrals = self
            .store
            .referrals(org)
            .await?
            .into_iter()
            .filter(|r| r.supported_person_id == id)
            .collect();
        let staff_contact = match self.store.staff_contact(org, id).await? {
            Some(p) => Some((p, self.full_name_of(p).await?)),
            None => None,
        };
        let feedback = self.store.support_feedback(org, id).await?;
        let feedback_link = self
            .store
            .support_feedback_token(org, id)
            .await?
            .map(|t| self.support_feedback_address(&t));
        Ok(Triangle {
            staff_contact,
            feedback,
            feedback_link,
            person,
            carers,
            cared_for,
            matches,
            contacts,
            referrals,
            may_read_health_notes: scope.can(Capability::ViewHealthNotes),
        })
    }

    /// Every match in the organisation with names, last contact and overdue days.
    pub async fn match_views(&self, scope: &OrgScope) -> Result<Vec<MatchView>, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        let org = scope.organisation_id();
        let people: std::collections::HashMap<SupportedPersonId, String> = self
            .store
            .supported_people(org)
            .await?
            .iter()
            .map(|p| (p.id, p.full_name()))
            .collect();
        let last: std::collections::HashMap<_, _> =
            self.store.last_contacts(org).await?.into_iter().collect();
        let today = self.uk_today();
        let mut views = Vec::new();
        // Volunteers often have several matches: read each name once.
        let mut names: std::collections::HashMap<PersonId, String> = Default::default();
        for m in self.store.matches(org).await? {
            if let std::collections::hash_map::Entry::Vacant(e) = names.entry(m.volunteer_id) {
                e.insert(self.full_name_of(m.volunteer_id).await?);
            }
            let last_contact = last.get(&m.id).copied();
            let overdue_days = match (m.status, m.started_on) {
                (domain::support::MatchStatus::Active, Some(start)) => {
                    contact_overdue(start, last_contact, m.contact_every_days, today)
                }
                _ => None,
            };
            views.push(MatchView {
                person_name: people
                    .get(&m.supported_person_id)
                    .cloned()
                    .unwrap_or_default(),
                volunteer_name: names.get(&m.volunteer_id).cloned().unwrap_or_default(),
                last_contact,
                overdue_days,
                record: m,
            });
        }
        Ok(views)
    }

    /// A person's full name, or "" if they are not on record.
    pub async fn full_name_of(&self, id: PersonId) -> Result<String, AppError> {
        Ok(self
            .store
            .person(id)
            .await?
            .map(|p| p.full_name())
            .unwrap_or_default())
    }

    /// Records a new service user or carer.
    pub async fn add_supported_person(
        &self,
        scope: &OrgScope,
        input: &SupportedPersonInput,
    ) -> Result<SupportedPerson, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let person = input.parse(
            SupportedPersonId::new(),
            org,
            self.uk_today(),
            self.clock.now(),
        )?;
        self.store
            .apply(vec![
                support(SupportWrite::InsertPerson(person.clone())),
                self.support_audit(scope, "supported_person.added", person.id),
            ])
            .await?;
        Ok(person)
    }

    /// Changes a service user's or carer's details (their status moves separately).
    pub async fn update_supported_person(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        input: &SupportedPersonInput,
    ) -> Result<SupportedPerson, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let before = self.supported_person(scope, id).await?;
        let mut after = input.parse(
            id,
            before.organisation_id,
            self.uk_today(),
            before.created_at,
        )?;
        after.person_id = before.person_id;
        after.status = before.status;
        after.closure_reason = before.closure_reason.clone();
        self.store
            .apply(vec![
                support(SupportWrite::UpdatePerson(after.clone())),
                self.support_audit(scope, "supported_person.updated", id),
            ])
            .await?;
        Ok(after)
    }

    /// Moves a service user on by hand: assessed, closed (with a reason) or reopened. A carer
    /// who is not supported yet can be taken on ("assessed").
    pub async fn move_support_status(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        to: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let person = self.supported_person(scope, id).await?;
        let Some(to) = SupportStatus::from_code(to.trim()) else {
            return Err(FieldErrors::one("status", "Choose a status").into());
        };
        let allowed = match person.status {
            Some(from) => from.can_move_to(to),
            None => to == SupportStatus::Assessed,
        };
        if !allowed {
            return Err(FieldErrors::one(
                "status",
                format!(
                    "They cannot move to \u{201c}{}\u{201d} from here",
                    to.label().to_lowercase()
                ),
            )
            .into());
        }
        let mut errors = FieldErrors::new();
        let reason = if to == SupportStatus::Closed {
            errors.text("reason", "why support is ending", reason, 500)
        } else {
            Some(String::new())
        };
        let reason = errors.finish(|| reason)?;
        self.store
            .apply(vec![
                support(SupportWrite::SetStatus {
                    org: scope.organisation_id(),
                    id,
                    from: person.status,
                    to,
                    reason,
                }),
                self.support_audit(scope, &format!("supported_person.{}", to.code()), id),
            ])
            .await?;
        Ok(())
    }

    /// Links a carer to someone they care for (both already on record).
    pub async fn link_carer(
        &self,
        scope: &OrgScope,
        carer: SupportedPersonId,
        cared_for: SupportedPersonId,
        relationship: &str,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.supported_person(scope, carer).await?;
        self.supported_person(scope, cared_for).await?;
        let mut errors = FieldErrors::new();
        if carer == cared_for {
            errors.add("carer", "Choose someone other than the person themselves");
        }
        let relationship = Relationship::from_code(relationship.trim());
        if relationship.is_none() {
            errors.add("relationship", "Choose how they are related");
        }
        let relationship = errors.finish(|| relationship)?;
        self.store
            .apply(vec![
                support(SupportWrite::LinkCarer(CarerLink {
                    organisation_id: scope.organisation_id(),
                    carer_id: carer,
                    cared_for_id: cared_for,
                    relationship,
                })),
                self.support_audit(scope, "carer.linked", cared_for),
            ])
            .await?;
        Ok(())
    }

    /// Links a service user's or carer's record to their Alongside account (found by email),
    /// so a carer who also volunteers is one person with two relationships. A blank email
    /// unlinks.
    pub async fn link_account(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        email: &str,
    ) -> Result<Option<PersonId>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let mut record = self.supported_person(scope, id).await?;
        let account = if email.trim().is_empty() {
            None
        } else {
            let email = domain::values::Email::parse(email)
                .map_err(|e| FieldErrors::one("account_email", e.0))?;
            let found = self.store.person_by_email(email.as_str()).await?;
            Some(
                found
                    .ok_or_else(|| {
                        FieldErrors::one(
                            "account_email",
                            "Nobody has an Alongside account with that email address",
                        )
                    })?
                    .0
                    .id,
            )
        };
        record.person_id = account;
        self.store
            .apply(vec![
                support(SupportWrite::UpdatePerson(record)),
                self.support_audit(scope, "supported_person.account_linked", id),
            ])
            .await?;
        Ok(account)
    }

    /// Whether the record's account also volunteers (or applied) with this organisation, for
    /// the triangle view: one person, two relationships.
    pub async fn also_volunteers_here(
        &self,
        scope: &OrgScope,
        person: &SupportedPerson,
    ) -> Result<bool, AppError> {
        Ok(match person.person_id {
            Some(account) => self
                .store
                .engagement_of(scope.organisation_id(), account)
                .await?
                .is_some(),
            None => false,
        })
    }

    /// A service user's health notes. Special-category data: only staff who need it, and
    /// every read is audited.
    pub async fn health_notes(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
    ) -> Result<String, AppError> {
        scope.require(Capability::ViewHealthNotes)?;
        self.supported_person(scope, id).await?;
        let notes = self
            .store
            .health_notes(scope.organisation_id(), id)
            .await?
            .unwrap_or_default();
        self.store
            .apply(vec![self.support_audit(scope, "health_notes.viewed", id)])
            .await?;
        Ok(notes)
    }

    /// Replaces a service user's health notes.
    pub async fn set_health_notes(
        &self,
        scope: &OrgScope,
        id: SupportedPersonId,
        notes: &str,
    ) -> Result<(), AppError> {
        scope.require(Capability::ViewHealthNotes)?;
        scope.require(Capability::ManageVolunteering)?;
        self.supported_person(scope, id).await?;
        let notes = health_notes_field(notes)?;
        let by = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        self.store
            .apply(vec![
                support(SupportWrite::SetHealthNotes {
                    org: scope.organisation_id(),
                    id,
                    notes,
                    by,
                    at: self.clock.now(),
                }),
                self.support_audit(scope, "health_notes.updated", id),
            ])
            .await?;
        Ok(())
    }

    pub(crate) fn support_audit(
        &self,
        scope: &OrgScope,
        action: &str,
        id: SupportedPersonId,
    ) -> Write {
        Write::Audit(AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            action,
            "supported_person",
            id.0,
            self.clock.now(),
        ))
    }
}
