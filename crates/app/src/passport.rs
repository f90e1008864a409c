//! The volunteer passport, volunteer's side and the receiving checklist's side. A volunteer
//! active with one organisation who applies to another can consent to share what the first has
//! verified; under a signed agreement the second's checklist then takes on each covered item as
//! "verified by … on …". Every item taken on is audited in both organisations; stopping the
//! consent stops anything more being shared.

use std::collections::BTreeMap;

use domain::application::ApplicationStatus;
use domain::audit::{Actor, AuditEntry};
use domain::compliance::{Check, CheckStatus, PlacementStatus, RequirementType};
use domain::ids::{OrganisationId, PassportConsentId, PersonId};
use domain::network::recognition::{
    PassportConsent, Recognition, Term, recognisable, recognised_check,
};
use serde::Serialize;

use crate::ports::{NetworkWrite, Write};
use crate::{App, AppError};

/// An organisation by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgName {
    /// Its id.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
}

/// Somewhere a volunteer could share their checks to, from an organisation they are active with.
#[derive(Debug, Clone, Serialize)]
pub struct ShareOption {
    /// Where the checks were verified.
    pub from: OrgName,
    /// Where they are applying.
    pub to: OrgName,
    /// What would be shared: the names of the items the receiver accepts that the first has
    /// verified and that are recent enough.
    pub items: Vec<String>,
    /// The live consent, if they are already sharing.
    pub consent: Option<PassportConsent>,
}

/// A volunteer's passport page: where they can share and what they have consented to.
#[derive(Debug, Clone, Serialize)]
pub struct Passport {
    /// Where they could share, or already do.
    pub options: Vec<ShareOption>,
    /// Every consent they have given, newest first, with the organisations' names.
    pub history: Vec<(PassportConsent, String, String)>,
}

impl App {
    /// The volunteer's passport.
    pub async fn my_passport(&self, person: PersonId) -> Result<Passport, AppError> {
        let names = self.organisation_names(person).await?;
        let name = |id: OrganisationId| names.get(&id).cloned().unwrap_or_default();
        let consents = self.store.passport_consents_of(person).await?;
        let mut options = Vec::new();
        for (from, to) in self.share_pairs(person).await? {
            let items = self.shareable_items(person, from, to).await?;
            let consent = consents
                .iter()
                .find(|c| {
                    c.is_live() && c.from_organisation_id == from && c.to_organisation_id == to
                })
                .cloned();
            if items.is_empty() && consent.is_none() {
                continue;
            }
            options.push(ShareOption {
                from: OrgName {
                    id: from,
                    name: name(from),
                },
                to: OrgName {
                    id: to,
                    name: name(to),
                },
                items: items.into_iter().map(|t| t.name).collect(),
                consent,
            });
        }
        let mut history = Vec::new();
        for c in consents {
            let from = self.organisation_name(c.from_organisation_id).await?;
            let to = self.organisation_name(c.to_organisation_id).await?;
            history.push((c, from, to));
        }
        Ok(Passport { options, history })
    }

    /// The volunteer consents to share what `from` verified with `to`; whatever `to`'s
    /// checklist already asks for that the agreement covers is taken on at once.
    pub async fn share_passport(
        &self,
        person: PersonId,
        from: OrganisationId,
        to: OrganisationId,
    ) -> Result<PassportConsent, AppError> {
        if !self.share_pairs(person).await?.contains(&(from, to)) {
            return Err(AppError::NotFound);
        }
        if self.shareable_items(person, from, to).await?.is_empty() {
            return Err(AppError::Conflict(
                "There is nothing their agreement covers that we could share".into(),
            ));
        }
        let consent = PassportConsent {
            id: PassportConsentId::new(),
            person_id: person,
            from_organisation_id: from,
            to_organisation_id: to,
            granted_at: self.clock.now(),
            revoked_at: None,
        };
        let at = consent.granted_at;
        let audit = |org, action: &str| {
            Write::Audit(
                AuditEntry::new(
                    Some(org),
                    Actor::Person(person),
                    action,
                    "person",
                    person.0,
                    at,
                )
                .with_detail(consent.id.to_string()),
            )
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::GrantConsent(consent.clone())),
                audit(from, "passport.consent_given"),
                audit(to, "passport.consent_given"),
            ])
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => {
                    AppError::Conflict("You are already sharing these checks".into())
                }
                other => other.into(),
            })?;
        // The checklist takes on what it already asks for (and anything it asks for later).
        self.checklists_in(to, person).await?;
        Ok(consent)
    }

    /// The volunteer stops a consent. What was taken on stays on the receiver's records.
    pub async fn stop_sharing(
        &self,
        person: PersonId,
        id: PassportConsentId,
    ) -> Result<(), AppError> {
        let consent = self
            .store
            .passport_consents_of(person)
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound)?;
        let at = self.clock.now();
        let audit = |org| {
            Write::Audit(
                AuditEntry::new(
                    Some(org),
                    Actor::Person(person),
                    "passport.consent_stopped",
                    "person",
                    person.0,
                    at,
                )
                .with_detail(id.to_string()),
            )
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::RevokeConsent(person, id, at)),
                audit(consent.from_organisation_id),
                audit(consent.to_organisation_id),
            ])
            .await?;
        Ok(())
    }

    /// Takes on, for `org`'s pending items in `checks`, whatever a live consent and a signed
    /// agreement cover. Returns whether anything changed. Called whenever the checklist is read,
    /// so items a role comes to need later are recognised too, while the consent lasts.
    pub(crate) async fn recognise_shared(
        &self,
        org: OrganisationId,
        person: PersonId,
        checks: &[Check],
        catalogue: &[RequirementType],
    ) -> Result<bool, AppError> {
        if !checks.iter().any(|c| c.status == CheckStatus::Pending) {
            return Ok(false);
        }
        let consents = self.store.live_consents_to(org, person).await?;
        if consents.is_empty() {
            return Ok(false);
        }
        let now = self.clock.now();
        let today = self.uk_today();
        let agreements = self.store.agreements_of(org).await?;
        let mut writes = Vec::new();
        let mut taken: Vec<domain::ids::CheckId> = Vec::new();
        for consent in &consents {
            let from = consent.from_organisation_id;
            let issuer_checks = self.store.checks_of(from, person).await?;
            let issuer_catalogue = self.store.requirement_types(from).await?;
            let issuer_name = self.organisation_name(from).await?;
            for agreement in &agreements {
                let terms = agreement.terms_between(from, org);
                for mine in checks.iter().filter(|c| c.status == CheckStatus::Pending) {
                    if taken.contains(&mine.id) {
                        continue;
                    }
                    let Some(item) = catalogue.iter().find(|t| t.id == mine.requirement_type_id)
                    else {
                        continue;
                    };
                    let theirs = issuer_checks.iter().find(|c| {
                        issuer_catalogue
                            .iter()
                            .any(|t| t.id == c.requirement_type_id && t.code == item.code)
                            && recognisable(terms, item, c, today).is_ok()
                    });
                    let Some(theirs) = theirs else { continue };
                    let recognised = recognised_check(mine, item, theirs, &issuer_name, now);
                    let verified_on = theirs.decided_at.map(|d| d.date_naive()).unwrap_or(today);
                    writes.push(Write::UpdateCheck(recognised, mine.version()));
                    writes.push(Write::Network(NetworkWrite::InsertRecognition(
                        Recognition {
                            organisation_id: org,
                            check_id: mine.id,
                            from_organisation_id: from,
                            from_organisation_name: issuer_name.clone(),
                            source_check_id: theirs.id,
                            agreement_id: agreement.id,
                            consent_id: consent.id,
                            verified_on,
                            recognised_at: now,
                        },
                    )));
                    let detail = format!("{} from {issuer_name}", item.name);
                    writes.push(Write::Audit(
                        AuditEntry::new(
                            Some(org),
                            Actor::System,
                            "checks.recognised",
                            "check",
                            mine.id.0,
                            now,
                        )
                        .with_detail(&detail),
                    ));
                    writes.push(Write::Audit(
                        AuditEntry::new(
                            Some(from),
                            Actor::System,
                            "passport.shared",
                            "check",
                            theirs.id.0,
                            now,
                        )
                        .with_detail(&item.name),
                    ));
                    taken.push(mine.id);
                }
            }
        }
        if writes.is_empty() {
            return Ok(false);
        }
        match self.store.apply(writes).await {
            Ok(()) => Ok(true),
            // Someone else took it on (or the consent stopped) at the same moment.
            Err(crate::StoreError::Conflict(_)) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Pairs (active with, applying to) for a person: organisations where they hold an active
    /// placement, and others where they have an open application or a current placement.
    async fn share_pairs(
        &self,
        person: PersonId,
    ) -> Result<Vec<(OrganisationId, OrganisationId)>, AppError> {
        let placements = self.store.placements_of_person(person).await?;
        let active: Vec<OrganisationId> = placements
            .iter()
            .filter(|p| p.placement.status == PlacementStatus::Active)
            .map(|p| p.placement.organisation_id)
            .collect();
        let mut applying: Vec<OrganisationId> = placements
            .iter()
            .filter(|p| p.placement.status == PlacementStatus::Onboarding)
            .map(|p| p.placement.organisation_id)
            .collect();
        for a in self.store.applications_of_person(person).await? {
            if a.application.status.is_open() || a.application.status == ApplicationStatus::Accepted
            {
                applying.push(a.application.organisation_id);
            }
        }
        let mut pairs = Vec::new();
        for from in &active {
            for to in &applying {
                if from != to && !pairs.contains(&(*from, *to)) {
                    pairs.push((*from, *to));
                }
            }
        }
        pairs.sort();
        Ok(pairs)
    }

    /// The terms under which `to` would take on items `from` has verified for `person`, limited
    /// to items `from` holds and that are recent enough.
    async fn shareable_items(
        &self,
        person: PersonId,
        from: OrganisationId,
        to: OrganisationId,
    ) -> Result<Vec<Term>, AppError> {
        let today = self.uk_today();
        let issuer_checks = self.store.checks_of(from, person).await?;
        let issuer_catalogue = self.store.requirement_types(from).await?;
        let mut items: Vec<Term> = Vec::new();
        for agreement in self.store.agreements_of(to).await? {
            for term in agreement.terms_between(from, to) {
                let Some(item) = issuer_catalogue.iter().find(|t| t.code == term.code) else {
                    continue;
                };
                let holds = issuer_checks.iter().any(|c| {
                    c.requirement_type_id == item.id
                        && recognisable(std::slice::from_ref(term), item, c, today).is_ok()
                });
                if holds && !items.iter().any(|t| t.code == term.code) {
                    items.push(term.clone());
                }
            }
        }
        Ok(items)
    }

    async fn organisation_names(
        &self,
        person: PersonId,
    ) -> Result<BTreeMap<OrganisationId, String>, AppError> {
        let mut names = BTreeMap::new();
        for p in self.store.placements_of_person(person).await? {
            names.insert(p.placement.organisation_id, p.organisation_name);
        }
        for a in self.store.applications_of_person(person).await? {
            names.insert(a.application.organisation_id, a.organisation_name);
        }
        Ok(names)
    }

    async fn organisation_name(&self, id: OrganisationId) -> Result<String, AppError> {
        Ok(self
            .store
            .organisation(id)
            .await?
            .map(|o| o.name)
            .unwrap_or_default())
    }
}
