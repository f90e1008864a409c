//! Safeguarding: anyone involved with an organisation (its volunteers and staff) raises a
//! concern; its named leads see, acknowledge, assess, refer on and close it; a concern not
//! acknowledged in time passes to the deputies. Nobody else sees concerns — not even admins
//! who are not leads — and the person who raised one sees its status, never the record.

use chrono::Duration;
use domain::FieldErrors;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{ConcernEntryId, ConcernId, JobId, OrganisationId, PersonId, SupportedPersonId};
use domain::safeguarding::{
    Concern, ConcernEntry, ConcernInput, ConcernStatus, EntryKind, check_entry, needs_deputy,
    status,
};
use domain::staff::Capability;

use crate::ports::{Job, SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

/// The job kind that passes an unacknowledged concern to the deputies.
pub(crate) const DEPUTY_ESCALATION: &str = "safeguarding-deputy";

/// A concern as the person who raised it sees it.
#[derive(Debug, Clone)]
pub struct RaisedConcern {
    /// The concern.
    pub concern: Concern,
    /// The organisation's name.
    pub organisation_name: String,
    /// Its status (not its record).
    pub status: ConcernStatus,
}

/// The organisation's leads, by name.
#[derive(Debug, Clone)]
pub struct Lead {
    /// The person.
    pub person_id: PersonId,
    /// Their name.
    pub name: String,
    /// A deputy (told when a lead has not acknowledged a concern in time).
    pub deputy: bool,
}

impl App {
    /// Whether `person` may raise a concern with `org`: its staff, and anyone volunteering or
    /// applying there.
    async fn involved_with(&self, person: PersonId, org: OrganisationId) -> Result<bool, AppError> {
        if self
            .store
            .staff_roles_of(person)
            .await?
            .iter()
            .any(|s| s.organisation_id == org)
        {
            return Ok(true);
        }
        Ok(self.store.engagement_of(org, person).await?.is_some())
    }

    /// Raises a concern, optionally about a service user the raiser supports (or, for staff,
    /// any service user of the organisation). Leads are emailed that a concern needs them —
    /// never its details.
    pub async fn raise_concern(
        &self,
        me: PersonId,
        org: OrganisationId,
        input: &ConcernInput,
        about: Option<SupportedPersonId>,
    ) -> Result<Concern, AppError> {
        if !self.involved_with(me, org).await? {
            return Err(AppError::NotFound);
        }
        let named = match about {
            Some(id) => {
                let staff = self
                    .store
                    .staff_roles_of(me)
                    .await?
                    .iter()
                    .any(|s| s.organisation_id == org);
                let supports = self.store.matches_of_volunteer(me).await?.iter().any(|m| {
                    m.organisation_id == org && m.supported_person_id == id && m.status.in_touch()
                });
                if !staff && !supports {
                    return Err(AppError::NotFound);
                }
                self.store.supported_person(org, id).await?
            }
            None => None,
        };
        let fields = input.parse(named.is_some())?;
        let now = self.clock.now();
        let concern = Concern {
            id: ConcernId::new(),
            organisation_id: org,
            subject: fields.subject,
            supported_person_id: named.as_ref().map(|p| p.id),
            volunteer_id: None,
            subject_name: match (&named, fields.subject_name.is_empty()) {
                (Some(p), true) => p.full_name(),
                _ => fields.subject_name,
            },
            urgent: fields.urgent,
            raised_by: me,
            raised_at: now,
        };
        let raised = ConcernEntry {
            id: ConcernEntryId::new(),
            organisation_id: org,
            concern_id: concern.id,
            kind: EntryKind::Raised,
            text: fields.what,
            by: Some(me),
            at: now,
        };
        let mut writes = vec![support(SupportWrite::InsertConcern(
            concern.clone(),
            raised,
        ))];
        writes.extend(self.tell_leads(org, false, &concern).await?);
        writes.push(self.deputy_job(&concern));
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            Actor::Person(me),
            "concern.raised",
            "concern",
            concern.id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(concern)
    }

    /// A job, due when acknowledgement is, that passes the concern to deputies if nobody has
    /// acknowledged it by then (one per concern, by its dedupe key).
    fn deputy_job(&self, concern: &Concern) -> Write {
        Write::EnqueueJob(Job {
            id: JobId::new(),
            kind: DEPUTY_ESCALATION.into(),
            dedupe_key: format!("{DEPUTY_ESCALATION}:{}", concern.id),
            organisation_id: Some(concern.organisation_id),
            payload: concern.id.to_string(),
            run_at: concern.acknowledge_by() + Duration::seconds(1),
            attempts: 0,
        })
    }

    /// Emails to the leads (or, for `deputies`, the deputies) that a concern needs them.
    async fn tell_leads(
        &self,
        org: OrganisationId,
        deputies: bool,
        concern: &Concern,
    ) -> Result<Vec<Write>, AppError> {
        let mut writes = Vec::new();
        let Some(organisation) = self.store.organisation(org).await? else {
            return Ok(writes);
        };
        let address = format!(
            "{}/manage/{}/safeguarding/concerns/{}",
            self.base_url, organisation.slug, concern.id
        );
        let (subject, opening) = if deputies {
            (
                "A safeguarding concern has not been acknowledged",
                "A safeguarding concern has not been acknowledged in time and is passed to you as a deputy lead.",
            )
        } else if concern.urgent {
            (
                "An urgent safeguarding concern",
                "An urgent safeguarding concern has been raised.",
            )
        } else {
            (
                "A safeguarding concern",
                "A safeguarding concern has been raised.",
            )
        };
        for (person, deputy) in self.store.safeguarding_leads(org).await? {
            if deputy != deputies {
                continue;
            }
            if let Some(p) = self.store.person(person).await? {
                writes.push(Write::InsertMessage(self.message(
                    p.email.as_str(),
                    subject,
                    format!("{opening}\n\nSign in to see it: {address}"),
                )));
            }
        }
        Ok(writes)
    }

    /// Runs a deputy-escalation job: adds the entry and tells the deputies, unless a lead has
    /// acknowledged the concern since.
    pub(crate) async fn escalate_to_deputies(&self, job: &Job) -> Result<Vec<Write>, AppError> {
        let (Some(org), Ok(id)) = (job.organisation_id, job.payload.parse::<ConcernId>()) else {
            return Ok(vec![]);
        };
        let Some((concern, record)) = self.store.concern(org, id).await? else {
            return Ok(vec![]);
        };
        let now = self.clock.now();
        if !needs_deputy(&concern, &record, now) {
            return Ok(vec![]);
        }
        let mut writes = vec![support(SupportWrite::AddConcernEntry(ConcernEntry {
            id: ConcernEntryId::new(),
            organisation_id: org,
            concern_id: id,
            kind: EntryKind::EscalatedToDeputy,
            text: format!(
                "Not acknowledged within {} hours; passed to the deputy leads.",
                domain::safeguarding::acknowledge_within_hours(concern.urgent)
            ),
            by: None,
            at: now,
        }))];
        writes.extend(self.tell_leads(org, true, &concern).await?);
        Ok(writes)
    }

    /// Organisations `me` can raise a concern with, and the service users they may name.
    pub async fn concern_choices(
        &self,
        me: PersonId,
    ) -> Result<Vec<(OrganisationId, String, Vec<(SupportedPersonId, String)>)>, AppError> {
        let mut orgs: Vec<OrganisationId> = self
            .store
            .engagements_of_person(me)
            .await?
            .into_iter()
            .map(|(e, _)| e.organisation_id)
            .collect();
        orgs.extend(
            self.store
                .staff_roles_of(me)
                .await?
                .into_iter()
                .map(|s| s.organisation_id),
        );
        orgs.sort();
        orgs.dedup();
        let matches = self.store.matches_of_volunteer(me).await?;
        let mut out = Vec::new();
        for org in orgs {
            let Some(o) = self.store.organisation(org).await? else {
                continue;
            };
            let mut people = Vec::new();
            for m in matches
                .iter()
                .filter(|m| m.organisation_id == org && m.status.in_touch())
            {
                if let Some(p) = self
                    .store
                    .supported_person(org, m.supported_person_id)
                    .await?
                {
                    people.push((p.id, p.full_name()));
                }
            }
            out.push((org, o.name, people));
        }
        Ok(out)
    }

    /// The concerns `me` raised, with their status only.
    pub async fn my_concerns(&self, me: PersonId) -> Result<Vec<RaisedConcern>, AppError> {
        let mut out = Vec::new();
        for (concern, record) in self.store.concerns_raised_by(me).await? {
            let organisation_name = self
                .store
                .organisation(concern.organisation_id)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            out.push(RaisedConcern {
                status: status(&record),
                concern,
                organisation_name,
            });
        }
        Ok(out)
    }

    /// The organisation's safeguarding leads and deputies. Everyone on the staff may know who
    /// they are.
    pub async fn safeguarding_leads(&self, scope: &OrgScope) -> Result<Vec<Lead>, AppError> {
        scope.require(Capability::View)?;
        let mut out = Vec::new();
        for (person_id, deputy) in self
            .store
            .safeguarding_leads(scope.organisation_id())
            .await?
        {
            out.push(Lead {
                name: self.full_name_of(person_id).await?,
                person_id,
                deputy,
            });
        }
        Ok(out)
    }

    /// Names the leads and deputies (admins only); each must be on the organisation's staff,
    /// and there must be at least one lead.
    pub async fn set_safeguarding_leads(
        &self,
        scope: &OrgScope,
        leads: &[(PersonId, bool)],
    ) -> Result<(), AppError> {
        scope.require(Capability::Administer)?;
        let org = scope.organisation_id();
        let staff = self.store.staff(org).await?;
        let mut errors = FieldErrors::new();
        if !leads.iter().any(|(_, deputy)| !deputy) {
            errors.add("leads", "Name at least one safeguarding lead");
        }
        if leads
            .iter()
            .any(|(p, _)| !staff.iter().any(|(s, _)| s.person_id == *p))
        {
            errors.add(
                "leads",
                "Leads and deputies must be on the organisation's staff",
            );
        }
        errors.finish(|| Some(()))?;
        self.store
            .apply(vec![
                support(SupportWrite::SetSafeguardingLeads(org, leads.to_vec())),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "safeguarding_leads.changed",
                    "organisation",
                    org.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(())
    }

    /// Refuses anyone who is not a lead or deputy of the organisation (not found, as if there
    /// were nothing to see).
    async fn require_lead(&self, scope: &OrgScope) -> Result<PersonId, AppError> {
        let me = scope.actor().person_id().ok_or(AppError::NotFound)?;
        let leads = self
            .store
            .safeguarding_leads(scope.organisation_id())
            .await?;
        if leads.iter().any(|(p, _)| *p == me) {
            Ok(me)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Whether the signed-in staff member is a safeguarding lead or deputy here.
    pub async fn is_safeguarding_lead(&self, scope: &OrgScope) -> Result<bool, AppError> {
        match self.require_lead(scope).await {
            Ok(_) => Ok(true),
            Err(AppError::NotFound) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Every concern with its record, for leads only; each listing is audited.
    pub async fn concerns_for_leads(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<(Concern, Vec<ConcernEntry>)>, AppError> {
        self.require_lead(scope).await?;
        let list = self.store.concerns(scope.organisation_id()).await?;
        self.store
            .apply(vec![Write::Audit(AuditEntry::new(
                Some(scope.organisation_id()),
                scope.actor().clone(),
                "concerns.listed",
                "organisation",
                scope.organisation_id().0,
                self.clock.now(),
            ))])
            .await?;
        Ok(list)
    }

    /// One concern with its record, for leads only; audited.
    pub async fn concern_for_leads(
        &self,
        scope: &OrgScope,
        id: ConcernId,
    ) -> Result<(Concern, Vec<ConcernEntry>), AppError> {
        self.require_lead(scope).await?;
        let found = self
            .store
            .concern(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.store
            .apply(vec![Write::Audit(AuditEntry::new(
                Some(scope.organisation_id()),
                scope.actor().clone(),
                "concern.viewed",
                "concern",
                id.0,
                self.clock.now(),
            ))])
            .await?;
        Ok(found)
    }

    /// A lead adds to a concern's record: acknowledge, a note, an assessment, a referral on,
    /// or closing it. Nothing already there changes.
    pub async fn add_concern_entry(
        &self,
        scope: &OrgScope,
        id: ConcernId,
        kind: &str,
        text: &str,
    ) -> Result<(), AppError> {
        let me = self.require_lead(scope).await?;
        let (_, record) = self
            .store
            .concern(scope.organisation_id(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (kind, text) = check_entry(kind, text, &record)?;
        self.store
            .apply(vec![support(SupportWrite::AddConcernEntry(ConcernEntry {
                id: ConcernEntryId::new(),
                organisation_id: scope.organisation_id(),
                concern_id: id,
                kind,
                text,
                by: Some(me),
                at: self.clock.now(),
            }))])
            .await?;
        Ok(())
    }
}
