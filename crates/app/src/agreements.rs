//! Mutual recognition agreements: an organisation's admin proposes one to named organisations
//! (or to every member of a network it belongs to), saying what it accepts from them; each other
//! organisation's admin signs with what it accepts in return. Only signed parties recognise each
//! other's checks, and only the items each accepts. Any party can end it.

use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::ids::{AgreementId, NetworkId, OrganisationId};
use domain::network::recognition::{Agreement, Party, TermsInput};
use domain::staff::Capability;

use crate::ports::{NetworkWrite, Write};
use crate::{App, AppError, OrgScope};

/// A proposed agreement as typed.
#[derive(Debug, Clone, Default)]
pub struct AgreementInput {
    /// Its name.
    pub name: String,
    /// The memorandum of understanding it rests on, if any.
    pub mou_reference: String,
    /// The other organisations, for an agreement between named organisations.
    pub partners: Vec<OrganisationId>,
    /// The network, for an agreement open to all its members.
    pub network_id: Option<NetworkId>,
    /// What the proposing organisation accepts from the others.
    pub accepts: TermsInput,
}

impl App {
    /// Agreements the organisation is a party to, and open network agreements it could join.
    pub async fn agreements(&self, scope: &OrgScope) -> Result<Vec<Agreement>, AppError> {
        scope.require(Capability::View)?;
        let org = scope.organisation_id();
        let mut agreements = self.store.agreements_of(org).await?;
        let today = self.uk_today();
        for membership in self.store.memberships_of_organisation(org).await? {
            if !membership.is_current(today) {
                continue;
            }
            for a in self
                .store
                .agreements_in_network(membership.network_id)
                .await?
            {
                if a.ended_at.is_none() && !agreements.iter().any(|x| x.id == a.id) {
                    agreements.push(a);
                }
            }
        }
        Ok(agreements)
    }

    /// One agreement the organisation is, or may become, a party to.
    pub async fn agreement(
        &self,
        scope: &OrgScope,
        id: AgreementId,
    ) -> Result<Agreement, AppError> {
        self.agreements(scope)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(AppError::NotFound)
    }

    /// An admin proposes an agreement, signing it for their organisation with what it accepts.
    pub async fn propose_agreement(
        &self,
        scope: &OrgScope,
        input: &AgreementInput,
        signed_by: String,
    ) -> Result<Agreement, AppError> {
        scope.require(Capability::Administer)?;
        let org = scope.organisation_id();
        let mut e = FieldErrors::new();
        let name = e.text("name", "the agreement's name", &input.name, 200);
        let mou_reference =
            e.optional_text("mou_reference", "the reference", &input.mou_reference, 200);
        let catalogue = self.store.requirement_types(org).await?;
        let accepts = match input.accepts.parse(&catalogue) {
            Ok(t) => Some(t),
            Err(errors) => {
                e.0.extend(errors.0);
                None
            }
        };
        let mut parties = Vec::new();
        match input.network_id {
            Some(network) => {
                let today = self.uk_today();
                let member = self
                    .store
                    .memberships_of_organisation(org)
                    .await?
                    .iter()
                    .any(|m| m.network_id == network && m.is_current(today));
                if !member {
                    e.add(
                        "network_id",
                        "Choose a network your organisation belongs to",
                    );
                }
            }
            None => {
                if input.partners.is_empty() {
                    e.add(
                        "partners",
                        "Choose the organisations, or a network whose members may join",
                    );
                }
                for partner in &input.partners {
                    match self.store.organisation(*partner).await? {
                        Some(o) if o.id != org => parties.push(Party {
                            organisation_id: o.id,
                            organisation_name: o.name,
                            accepts: vec![],
                            signed_at: None,
                            signed_by: String::new(),
                        }),
                        _ => e.add("partners", "Choose other organisations on Alongside"),
                    }
                }
            }
        }
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let now = self.clock.now();
        parties.insert(
            0,
            Party {
                organisation_id: org,
                organisation_name: scope.organisation().name.clone(),
                accepts: accepts.unwrap_or_default(),
                signed_at: Some(now),
                signed_by,
            },
        );
        let agreement = Agreement {
            id: AgreementId::new(),
            name: name.unwrap_or_default(),
            network_id: input.network_id,
            mou_reference,
            parties,
            created_at: now,
            ended_at: None,
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::InsertAgreement(agreement.clone())),
                self.agreement_audit(scope, "agreement.proposed", agreement.id),
            ])
            .await?;
        Ok(agreement)
    }

    /// An admin signs (or changes what their organisation accepts under) an agreement it is
    /// named in, or an open network agreement of a network it belongs to.
    pub async fn sign_agreement(
        &self,
        scope: &OrgScope,
        id: AgreementId,
        accepts: &TermsInput,
        signed_by: String,
    ) -> Result<(), AppError> {
        scope.require(Capability::Administer)?;
        let agreement = self.agreement(scope, id).await?;
        if agreement.ended_at.is_some() {
            return Err(AppError::Conflict("This agreement has ended".into()));
        }
        let org = scope.organisation_id();
        let catalogue = self.store.requirement_types(org).await?;
        let accepts = accepts.parse(&catalogue)?;
        let party = Party {
            organisation_id: org,
            organisation_name: scope.organisation().name.clone(),
            accepts,
            signed_at: Some(self.clock.now()),
            signed_by,
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::SignAgreement(id, party)),
                self.agreement_audit(scope, "agreement.signed", id),
            ])
            .await?;
        Ok(())
    }

    /// A party's admin ends an agreement; nothing more is recognised under it (what was
    /// recognised stays on the records).
    pub async fn end_agreement(&self, scope: &OrgScope, id: AgreementId) -> Result<(), AppError> {
        scope.require(Capability::Administer)?;
        let agreement = self.agreement(scope, id).await?;
        if agreement.party(scope.organisation_id()).is_none() {
            return Err(AppError::NotFound);
        }
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::EndAgreement(id, self.clock.now())),
                self.agreement_audit(scope, "agreement.ended", id),
            ])
            .await?;
        Ok(())
    }
}

impl App {
    fn agreement_audit(&self, scope: &OrgScope, action: &str, id: AgreementId) -> Write {
        Write::Audit(AuditEntry::new(
            Some(scope.organisation_id()),
            scope.actor().clone(),
            action,
            "agreement",
            id.0,
            self.clock.now(),
        ))
    }
}
