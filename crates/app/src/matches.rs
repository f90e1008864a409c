//! A match's life after the invitation: the volunteer says yes or no; managers introduce,
//! start and end it; volunteers (and staff) log contacts. A volunteer sees only the people
//! they support, and before saying yes only what they need to decide.

use domain::audit::{Actor, AuditEntry};
use domain::ids::{ContactId, MatchId, OrganisationId, PersonId};
use domain::notification::NotificationKind;
use domain::staff::Capability;
use domain::support::{
    Contact, ContactInput, Match, MatchStatus, MatchStep, SupportStatus, SupportedPerson,
    contact_overdue,
};
use domain::{FieldErrors, Labelled};

use crate::ports::{SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

/// A volunteer's match as they see it.
#[derive(Debug, Clone)]
pub struct MyMatch {
    /// The match.
    pub record: Match,
    /// The organisation's name.
    pub organisation_name: String,
    /// The organisation's slug.
    pub organisation_slug: String,
    /// The person: in full once introduced; before that, only what helps them decide (first
    /// name, interests, needs, days).
    pub person: SupportedPerson,
    /// Days contact is overdue.
    pub overdue_days: Option<i64>,
}

impl MyMatch {
    /// The supported person's name as the volunteer may see it: their first name only until
    /// the two are in touch (before that the rest is withheld, see [`App::my_matches`]).
    pub fn shown_name(&self) -> String {
        if self.record.status.in_touch() {
            self.person.full_name()
        } else {
            self.person.given_name.clone()
        }
    }
}

impl App {
    /// A volunteer's invitations and matches in every organisation.
    pub async fn my_matches(&self, me: PersonId) -> Result<Vec<MyMatch>, AppError> {
        let today = self.uk_today();
        let mut out = Vec::new();
        for m in self.store.matches_of_volunteer(me).await? {
            let Some(org) = self.store.organisation(m.organisation_id).await? else {
                continue;
            };
            let Some(person) = self
                .store
                .supported_person(m.organisation_id, m.supported_person_id)
                .await?
            else {
                continue;
            };
            let last = self
                .store
                .last_contacts(m.organisation_id)
                .await?
                .into_iter()
                .find(|(id, _)| *id == m.id)
                .map(|(_, d)| d);
            let overdue_days = match (m.status, m.started_on) {
                (MatchStatus::Active, Some(start)) => {
                    contact_overdue(start, last, m.contact_every_days, today)
                }
                _ => None,
            };
            out.push(MyMatch {
                person: volunteers_view(person, m.status),
                organisation_name: org.name,
                organisation_slug: org.slug.to_string(),
                overdue_days,
                record: m,
            });
        }
        Ok(out)
    }

    /// One of the volunteer's own matches; not found for anyone else's.
    pub async fn my_match(
        &self,
        me: PersonId,
        org: OrganisationId,
        id: MatchId,
    ) -> Result<MyMatch, AppError> {
        self.my_matches(me)
            .await?
            .into_iter()
            .find(|m| m.record.id == id && m.record.organisation_id == org)
            .ok_or(AppError::NotFound)
    }

    /// The volunteer answers an invitation. Only the invited volunteer can, and only once.
    pub async fn answer_invitation(
        &self,
        me: PersonId,
        org: OrganisationId,
        id: MatchId,
        accept: bool,
    ) -> Result<(), AppError> {
        let mine = self.my_match(me, org, id).await?;
        let step = if accept {
            MatchStep::Accept
        } else {
            MatchStep::Decline
        };
        let to = step
            .apply(mine.record.status, true)
            .map_err(AppError::Conflict)?;
        let now = self.clock.now();
        self.store
            .apply(vec![
                support(SupportWrite::SetMatchStatus {
                    org,
                    id,
                    from: mine.record.status,
                    to,
                    at: now,
                    started_on: None,
                    end_reason: String::new(),
                }),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    Actor::Person(me),
                    if accept {
                        "match.accepted"
                    } else {
                        "match.declined"
                    },
                    "match",
                    id.0,
                    now,
                )),
            ])
            .await?;
        Ok(())
    }

    /// A manager's step on a match: withdraw the invitation, record the introduction, start
    /// regular support, or end it (with a reason). The service user's status follows: matched
    /// once introduced, supported once active, and back to waiting when their last match ends.
    pub async fn match_step(
        &self,
        scope: &OrgScope,
        id: MatchId,
        step: &MatchStep,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let m = self
            .store
            .match_by_id(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let to = step
            .apply(m.status, false)
            .map_err(|why| AppError::Invalid(FieldErrors::one("step", why)))?;
        let end_reason = match step {
            MatchStep::End(reason) => {
                let mut e = FieldErrors::new();
                let r = e.text("reason", "why the match is ending", reason, 500);
                e.finish(|| r)?
            }
            _ => String::new(),
        };
        let now = self.clock.now();
        let person = self
            .store
            .supported_person(org, m.supported_person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut writes = vec![support(SupportWrite::SetMatchStatus {
            org,
            id,
            from: m.status,
            to,
            at: now,
            started_on: (to == MatchStatus::Active).then(|| self.uk_today()),
            end_reason: end_reason.clone(),
        })];
        let others_open = self
            .store
            .matches(org)
            .await?
            .iter()
            .any(|o| o.id != id && o.supported_person_id == person.id && o.status.in_touch());
        let follow = match (to, person.status) {
            (MatchStatus::Introduced, Some(SupportStatus::Assessed)) => {
                Some(SupportStatus::Matched)
            }
            (MatchStatus::Active, Some(SupportStatus::Assessed | SupportStatus::Matched)) => {
                Some(SupportStatus::Supported)
            }
            (MatchStatus::Ended, Some(SupportStatus::Matched | SupportStatus::Supported))
                if !others_open =>
            {
                Some(SupportStatus::Assessed)
            }
            _ => None,
        };
        if let Some(next) = follow {
            writes.push(support(SupportWrite::SetStatus {
                org,
                id: person.id,
                from: person.status,
                to: next,
                reason: String::new(),
            }));
        }
        if matches!(to, MatchStatus::Withdrawn | MatchStatus::Ended) {
            let body = match to {
                MatchStatus::Withdrawn => format!(
                    "{} no longer needs you to support {}; thank you for considering it.",
                    scope.organisation().name,
                    person.given_name
                ),
                _ => format!(
                    "Your support for {} through {} has ended ({end_reason}). Thank you for everything you did.",
                    person.given_name,
                    scope.organisation().name
                ),
            };
            writes.extend(
                self.volunteer_message(
                    scope.organisation_id(),
                    m.volunteer_id,
                    NotificationKind::Matching,
                    "A change to who you support",
                    body,
                )
                .await?,
            );
        }
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            &format!("match.{}", to.code()),
            "match",
            id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(())
    }

    /// A volunteer logs a visit or call with someone they support (introduced or active).
    pub async fn log_contact(
        &self,
        me: PersonId,
        org: OrganisationId,
        id: MatchId,
        input: &ContactInput,
    ) -> Result<Contact, AppError> {
        let mine = self.my_match(me, org, id).await?;
        self.contact_writes(&mine.record, input, me, Actor::Person(me))
            .await
    }

    /// Staff record a contact on a match (a call the volunteer reported by phone, say).
    pub async fn record_contact(
        &self,
        scope: &OrgScope,
        id: MatchId,
        input: &ContactInput,
    ) -> Result<Contact, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let m = self
            .store
            .match_by_id(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let by = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        self.contact_writes(&m, input, by, scope.actor().clone())
            .await
    }

    async fn contact_writes(
        &self,
        m: &Match,
        input: &ContactInput,
        by: PersonId,
        actor: Actor,
    ) -> Result<Contact, AppError> {
        if !m.status.in_touch() {
            return Err(AppError::Conflict(
                "Contacts can be logged once you have been introduced".into(),
            ));
        }
        let started = m
            .started_on
            .unwrap_or_else(|| m.updated_at.date_naive())
            .min(m.updated_at.date_naive());
        let fields = input.parse(started, self.uk_today())?;
        let now = self.clock.now();
        let contact = Contact {
            id: ContactId::new(),
            organisation_id: m.organisation_id,
            match_id: m.id,
            supported_person_id: m.supported_person_id,
            volunteer_id: m.volunteer_id,
            on: fields.on,
            minutes: fields.minutes,
            kind: fields.kind,
            note: fields.note,
            concerns: fields.concerns,
            logged_by: by,
            logged_at: now,
        };
        self.store
            .apply(vec![
                support(SupportWrite::InsertContact(contact.clone())),
                Write::Audit(AuditEntry::new(
                    Some(m.organisation_id),
                    actor,
                    "contact.logged",
                    "match",
                    m.id.0,
                    now,
                )),
            ])
            .await?;
        Ok(contact)
    }
}

/// What a volunteer may see of the person: everything but consent details once introduced;
/// before that, only what helps them decide (first name, interests, needs and days).
fn volunteers_view(mut p: SupportedPerson, status: MatchStatus) -> SupportedPerson {
    p.consent_to_support = None;
    p.consent_to_data = None;
    p.closure_reason.clear();
    p.person_id = None;
    if !status.in_touch() {
        p.family_name.clear();
        p.email = None;
        p.phone = None;
        p.address.clear();
        p.date_of_birth = None;
        p.postcode = None;
    }
    p
}
