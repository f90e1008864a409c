//! Referrals: from staff, from partner organisations' staff, and from the person or their
//! carer through the public form; and the managers' triage queue, with target response times.

use chrono::{DateTime, Utc};
use domain::Labelled;
use domain::audit::{Actor, AuditEntry};
use domain::ids::{OrganisationId, PersonId, ReferralId};
use domain::staff::Capability;
use domain::support::{
    ConsentMethod, Referral, ReferralDecision, ReferralInput, ReferralSource, ReferralStatus,
    SupportStatus, SupportedPerson, SupportedPersonInput,
};
use domain::{FieldErrors, support::Consent};

use crate::ports::{SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

/// How many referrals one network address may send through public forms in an hour.
pub const PUBLIC_REFERRALS_PER_HOUR: u64 = 10;

/// A referral in the queue with the person referred and its target.
#[derive(Debug, Clone)]
pub struct ReferralView {
    /// The referral.
    pub referral: Referral,
    /// The person referred.
    pub person: SupportedPerson,
    /// When a decision is due.
    pub due_by: DateTime<Utc>,
    /// Whether it missed (or is missing) its target.
    pub breached: bool,
}

/// Who is using the public form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicReferrer {
    /// The person themselves.
    Themselves,
    /// Their carer.
    Carer,
}

impl App {
    /// The triage queue: undecided referrals first (oldest first), then decided ones, newest
    /// first.
    pub async fn referral_queue(&self, scope: &OrgScope) -> Result<Vec<ReferralView>, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        let org = scope.organisation_id();
        let people: std::collections::HashMap<_, _> = self
            .store
            .supported_people(org)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let now = self.clock.now();
        let mut views: Vec<ReferralView> = self
            .store
            .referrals(org)
            .await?
            .into_iter()
            .filter_map(|referral| {
                let person = people.get(&referral.supported_person_id)?.clone();
                Some(ReferralView {
                    due_by: referral.due_by(),
                    breached: referral.breached(now),
                    referral,
                    person,
                })
            })
            .collect();
        views.sort_by_key(|v| {
            let new = v.referral.status == ReferralStatus::New;
            (
                !new,
                if new {
                    v.due_by.timestamp()
                } else {
                    -v.referral.received_at.timestamp()
                },
            )
        });
        Ok(views)
    }

    /// One referral with the person referred.
    pub async fn referral(
        &self,
        scope: &OrgScope,
        id: ReferralId,
    ) -> Result<ReferralView, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        let org = scope.organisation_id();
        let referral = self
            .store
            .referral(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = self
            .store
            .supported_person(org, referral.supported_person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(ReferralView {
            due_by: referral.due_by(),
            breached: referral.breached(self.clock.now()),
            referral,
            person,
        })
    }

    /// A referral by a member of staff (a ward referring a patient, say). Any staff member
    /// may refer; consent is recorded with the person's details.
    pub async fn refer(
        &self,
        scope: &OrgScope,
        person: &SupportedPersonInput,
        referral: &ReferralInput,
    ) -> Result<Referral, AppError> {
        scope.require(Capability::View)?;
        let by = scope.actor().person_id();
        let (writes, referral) = self.referral_writes(
            scope.organisation_id(),
            person,
            referral,
            ReferralSource::Staff,
            by,
            None,
            None,
        )?;
        let mut writes = writes;
        writes.push(Write::Audit(AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            "referral.received",
            "referral",
            referral.id.0,
            self.clock.now(),
        )));
        self.store.apply(writes).await?;
        Ok(referral)
    }

    /// A referral through the organisation's public form: by the person themselves or their
    /// carer (who must say the person agrees), or by a signed-in member of another
    /// organisation's staff (a partner referral). The form needs no account, so each network
    /// address (`client`) may send at most [`PUBLIC_REFERRALS_PER_HOUR`] an hour.
    #[allow(clippy::too_many_arguments)]
    pub async fn refer_publicly(
        &self,
        slug: &str,
        client: &str,
        signed_in: Option<PersonId>,
        who: PublicReferrer,
        person: &SupportedPersonInput,
        referral: &ReferralInput,
        agreed: bool,
    ) -> Result<Referral, AppError> {
        let org = self.organisation(slug).await?;
        let now = self.clock.now();
        let limit_key = format!("public-referral:{client}");
        if self
            .store
            .sign_in_failures(&limit_key, now - chrono::Duration::hours(1))
            .await?
            >= PUBLIC_REFERRALS_PER_HOUR
        {
            return Err(AppError::RateLimited);
        }
        let partner = match signed_in {
            Some(person) => self
                .store
                .staff_roles_of(person)
                .await?
                .into_iter()
                .map(|s| s.organisation_id)
                .find(|o| *o != org.id),
            None => None,
        };
        let source = match (partner, who) {
            (Some(_), _) => ReferralSource::Partner,
            (None, PublicReferrer::Themselves) => ReferralSource::SelfReferral,
            (None, PublicReferrer::Carer) => ReferralSource::Carer,
        };
        let mut consent_errors = FieldErrors::new();
        if !agreed {
            consent_errors.add(
                "agreed",
                match who {
                    PublicReferrer::Themselves => {
                        "Tick the box to say you agree to be referred and to us keeping these details"
                    }
                    PublicReferrer::Carer => {
                        "Tick the box to say the person agrees to be referred and to us keeping these details"
                    }
                },
            );
        }
        let method = match (source, who) {
            (ReferralSource::SelfReferral, _) => ConsentMethod::Online,
            _ => ConsentMethod::Representative,
        };
        let result = self.referral_writes(
            org.id,
            person,
            referral,
            source,
            signed_in,
            partner,
            Some(method),
        );
        let (writes, referral) = match result {
            Err(AppError::Invalid(mut errors)) => {
                errors.0.extend(consent_errors.0);
                return Err(AppError::Invalid(errors));
            }
            Err(e) => return Err(e),
            Ok(_) if !consent_errors.is_empty() => return Err(consent_errors.into()),
            Ok(ok) => ok,
        };
        let mut writes = writes;
        writes.push(Write::RecordSignInFailure(limit_key, now));
        writes.push(Write::Audit(AuditEntry::new(
            Some(org.id),
            signed_in.map_or(Actor::System, Actor::Person),
            "referral.received",
            "referral",
            referral.id.0,
            self.clock.now(),
        )));
        self.store.apply(writes).await?;
        Ok(referral)
    }

    /// The writes that record a referral and the person referred (status "referred"). With
    /// `online_consent`, consent is taken as given today by that method.
    #[allow(clippy::too_many_arguments)]
    fn referral_writes(
        &self,
        org: OrganisationId,
        person: &SupportedPersonInput,
        input: &ReferralInput,
        source: ReferralSource,
        by: Option<PersonId>,
        partner: Option<OrganisationId>,
        online_consent: Option<ConsentMethod>,
    ) -> Result<(Vec<Write>, Referral), AppError> {
        let now = self.clock.now();
        let today = self.uk_today();
        let person_input = SupportedPersonInput {
            receives_support: true,
            ..person.clone()
        };
        let parsed_person = person_input.parse(Default::default(), org, today, now);
        let referrer_required = matches!(
            source,
            ReferralSource::Staff | ReferralSource::Partner | ReferralSource::Carer
        );
        let parsed_referral = input.parse(referrer_required);
        let (mut person, fields) = match (parsed_person, parsed_referral) {
            (Ok(p), Ok(r)) => (p, r),
            (p, r) => {
                let mut errors = FieldErrors::new();
                if let Err(e) = p {
                    errors.0.extend(e.0);
                }
                if let Err(e) = r {
                    errors.0.extend(e.0);
                }
                return Err(errors.into());
            }
        };
        if let Some(method) = online_consent {
            let consent = Some(Consent {
                given_on: today,
                method,
            });
            person.consent_to_support = consent;
            person.consent_to_data = consent;
        }
        person.status = Some(SupportStatus::Referred);
        let referral = Referral {
            id: ReferralId::new(),
            organisation_id: org,
            supported_person_id: person.id,
            source,
            referrer_name: if fields.referrer_name.is_empty() {
                person.full_name()
            } else {
                fields.referrer_name
            },
            referrer_email: fields.referrer_email.or_else(|| person.email.clone()),
            referred_by: by,
            partner_organisation_id: partner,
            support_type: fields.support_type,
            urgency: fields.urgency,
            need: fields.need,
            received_at: now,
            status: ReferralStatus::New,
            decision_note: String::new(),
            decided_at: None,
            decided_by: None,
        };
        Ok((
            vec![
                support(SupportWrite::InsertPerson(person)),
                support(SupportWrite::InsertReferral(referral.clone())),
            ],
            referral,
        ))
    }

    /// Decides a referral: accepting moves the person to assessment; declining or
    /// redirecting closes their record with the reason, which is emailed to the referrer.
    pub async fn decide_referral(
        &self,
        scope: &OrgScope,
        id: ReferralId,
        decision: &ReferralDecision,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let view = self.referral(scope, id).await?;
        if view.referral.status != ReferralStatus::New {
            return Err(AppError::Conflict(
                "This referral has already been decided".into(),
            ));
        }
        let by = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let org = scope.organisation_id();
        let now = self.clock.now();
        let mut writes = vec![support(SupportWrite::DecideReferral {
            org,
            id,
            status: decision.status(),
            note: decision.note().to_owned(),
            by,
            at: now,
        })];
        let (to, reason) = match decision {
            ReferralDecision::Accept => (SupportStatus::Assessed, String::new()),
            ReferralDecision::Decline(r) => {
                (SupportStatus::Closed, format!("Referral declined: {r}"))
            }
            ReferralDecision::Redirect(r) => {
                (SupportStatus::Closed, format!("Referral redirected: {r}"))
            }
        };
        writes.push(support(SupportWrite::SetStatus {
            org,
            id: view.person.id,
            from: view.person.status,
            to,
            reason,
        }));
        if let Some(email) = &view.referral.referrer_email {
            let name = &scope.organisation().name;
            let about = view.person.full_name();
            let body = match decision {
                ReferralDecision::Accept => format!(
                    "Thank you for your referral of {about} for {}. {name} has accepted it and will be in touch to arrange support.",
                    view.referral.support_type.label().to_lowercase()
                ),
                ReferralDecision::Decline(r) => format!(
                    "Thank you for your referral of {about}. {name} is not able to accept it, for this reason:\n\n{r}"
                ),
                ReferralDecision::Redirect(r) => format!(
                    "Thank you for your referral of {about}. {name} has passed it on:\n\n{r}"
                ),
            };
            writes.push(Write::InsertMessage(self.message(
                email.as_str(),
                &format!("Your referral to {name}"),
                body,
            )));
        }
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            &format!("referral.{}", decision.status().code()),
            "referral",
            id.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(())
    }
}
