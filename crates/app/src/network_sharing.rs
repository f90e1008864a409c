//! Sharing opportunities across a network: a member lists its open roles to the network, and a
//! member's manager refers one of their volunteers (with the volunteer's consent) to another
//! member's listed role. The referral makes the application for them, so its outcome is the
//! application's.

use domain::FieldErrors;
use domain::application::ApplicationInput;
use domain::audit::AuditEntry;
use domain::ids::{NetworkId, OrganisationId, PersonId, RoleId, VolunteerReferralId};
use domain::role::RoleStatus;
use domain::staff::Capability;
use serde::Serialize;

use crate::networks::NetworkAccess;
use crate::ports::{
    ApplicationRow, NetworkWrite, Opportunity, RoleListing, VolunteerReferral, Write,
};
use crate::{App, AppError, OrgScope};

/// A referral with the names that make it readable and where it got to.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralView {
    /// The referral.
    pub referral: VolunteerReferral,
    /// The volunteer's name.
    pub volunteer: String,
    /// The organisation that referred.
    pub from: String,
    /// The organisation referred to.
    pub to: String,
    /// The role.
    pub role: String,
    /// The application's status, in words (the outcome).
    pub outcome: String,
}

/// A referral as typed by the referring manager.
#[derive(Debug, Clone, Default)]
pub struct ReferralInput {
    /// The listed role at another member.
    pub role_id: String,
    /// The day the volunteer agreed, typed.
    pub consent_on: String,
    /// Why they would suit it.
    pub note: String,
}

impl App {
    /// Open roles listed to the network by its current members (anyone may see them: the
    /// roles are public anyway).
    pub async fn network_opportunities(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<(Opportunity, RoleListing)>, AppError> {
        let today = self.uk_today();
        let members: Vec<OrganisationId> = self
            .store
            .network_members(access.network().id)
            .await?
            .iter()
            .filter(|m| m.is_current(today))
            .filter_map(|m| m.organisation_id())
            .collect();
        let mut found = Vec::new();
        for listing in self.store.role_listings(access.network().id).await? {
            if !members.contains(&listing.organisation_id) {
                continue;
            }
            if let Some(o) = self.store.opportunity(listing.role_id).await?
                && o.role.status == RoleStatus::Open
                && o.role.organisation_id == listing.organisation_id
            {
                found.push((o, listing));
            }
        }
        Ok(found)
    }

    /// Where the organisation's roles are listed.
    pub async fn role_listings(&self, scope: &OrgScope) -> Result<Vec<RoleListing>, AppError> {
        scope.require(Capability::View)?;
        Ok(self.store.role_listings_of(scope.organisation_id()).await?)
    }

    /// A manager lists one of their open roles to a network their organisation belongs to, or
    /// takes it off.
    pub async fn list_role_to_network(
        &self,
        scope: &OrgScope,
        network: NetworkId,
        role: RoleId,
        listed: bool,
    ) -> Result<(), AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let today = self.uk_today();
        let member = self
            .store
            .memberships_of_organisation(org)
            .await?
            .iter()
            .any(|m| m.network_id == network && m.is_current(today));
        let role = self.store.role(org, role).await?;
        let (true, Some(role)) = (member, role) else {
            return Err(AppError::NotFound);
        };
        if listed && role.status != RoleStatus::Open {
            return Err(AppError::Invalid(FieldErrors::one(
                "role",
                "Only an open role can be listed to a network",
            )));
        }
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::ListRole(
                    RoleListing {
                        organisation_id: org,
                        role_id: role.id,
                        network_id: network,
                        listed_at: now,
                    },
                    listed,
                )),
                Write::Audit(
                    AuditEntry::new(
                        Some(org),
                        scope.actor().clone(),
                        if listed {
                            "role.listed_to_network"
                        } else {
                            "role.unlisted_from_network"
                        },
                        "role",
                        role.id.0,
                        now,
                    )
                    .with_detail(network.to_string()),
                ),
            ])
            .await?;
        Ok(())
    }

    /// Roles at other members of the organisation's networks that its volunteers can be
    /// referred to.
    pub async fn referral_roles(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<(Opportunity, NetworkId)>, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let mut roles = Vec::new();
        for network in self.organisation_networks(scope).await? {
            let access = self.access_to(network, None).await?;
            for (o, listing) in self.network_opportunities(&access).await? {
                if listing.organisation_id != org
                    && !roles
                        .iter()
                        .any(|(x, _): &(Opportunity, _)| x.role.id == o.role.id)
                {
                    roles.push((o, listing.network_id));
                }
            }
        }
        Ok(roles)
    }

    /// A manager refers one of their volunteers, who has agreed, to another member's listed
    /// role: the application is made for them with the referral, in one change.
    pub async fn refer_volunteer(
        &self,
        scope: &OrgScope,
        person: PersonId,
        input: &ReferralInput,
    ) -> Result<VolunteerReferral, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        self.require_can_see_person(scope, person).await?;
        let org = scope.organisation_id();
        if self.store.engagement_of(org, person).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let mut e = FieldErrors::new();
        let consent_on = e.date(
            "consent_on",
            "the day they agreed to be referred",
            &input.consent_on,
        );
        if consent_on.is_some_and(|d| d > self.uk_today()) {
            e.add("consent_on", "The day they agreed must be today or earlier");
        }
        let note = e.text("note", "why they would suit the role", &input.note, 1000);
        let role_id: Option<RoleId> = input.role_id.trim().parse().ok().map(RoleId);
        let target = match role_id {
            Some(id) => self
                .referral_roles(scope)
                .await?
                .into_iter()
                .find(|(o, _)| o.role.id == id),
            None => None,
        };
        if target.is_none() {
            e.add(
                "role_id",
                "Choose a role listed by another member of your network",
            );
        }
        let (Some(consent_on), Some(note), Some((opportunity, network_id))) =
            (consent_on, note, target)
        else {
            return Err(AppError::Invalid(e));
        };
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        let from_name = scope.organisation().name.clone();
        let (application, mut writes) = self
            .application_writes(
                person,
                opportunity.role.id,
                &ApplicationInput {
                    motivation: format!("Referred by {from_name}: {note}"),
                    availability: "To be agreed".into(),
                },
            )
            .await
            .map_err(|err| match err {
                AppError::Invalid(errors) => AppError::Invalid(FieldErrors(
                    errors
                        .0
                        .into_iter()
                        .map(|mut f| {
                            f.field = "role_id".into();
                            f
                        })
                        .collect(),
                )),
                other => other,
            })?;
        let now = self.clock.now();
        let referral = VolunteerReferral {
            id: VolunteerReferralId::new(),
            network_id,
            from_organisation_id: org,
            to_organisation_id: opportunity.role.organisation_id,
            person_id: person,
            role_id: opportunity.role.id,
            application_id: Some(application.id),
            note,
            consent_on,
            referred_by: self.actor_name(scope.actor()).await?,
            created_at: now,
        };
        writes.push(Write::Network(NetworkWrite::InsertVolunteerReferral(
            referral.clone(),
        )));
        writes.push(Write::Audit(AuditEntry::new(
            Some(org),
            scope.actor().clone(),
            "volunteer.referred",
            "person",
            person.0,
            now,
        )));
        self.store.apply(writes).await?;
        Ok(referral)
    }

    /// Service users the organisation's staff referred to other organisations, with where each
    /// referral got to (the receiving organisation decides; the referrer follows it here).
    pub async fn service_user_referrals_made(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<(domain::support::Referral, String)>, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        let mut out = Vec::new();
        for r in self
            .store
            .partner_referrals_made(scope.organisation_id())
            .await?
        {
            let to = self
                .store
                .organisation(r.organisation_id)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            out.push((r, to));
        }
        Ok(out)
    }

    /// Referrals the organisation made or received, with their outcome.
    pub async fn volunteer_referrals(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<ReferralView>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let mut views = Vec::new();
        for r in self
            .store
            .volunteer_referrals(scope.organisation_id())
            .await?
        {
            let applications: Vec<ApplicationRow> =
                self.store.applications_of_person(r.person_id).await?;
            let application = applications
                .iter()
                .find(|a| Some(a.application.id) == r.application_id);
            let name = |id| async move {
                self.store
                    .organisation(id)
                    .await
                    .map(|o| o.map(|o| o.name).unwrap_or_default())
            };
            views.push(ReferralView {
                volunteer: application
                    .map(|a| a.person_name.clone())
                    .unwrap_or_default(),
                from: name(r.from_organisation_id).await?,
                to: name(r.to_organisation_id).await?,
                role: application
                    .map(|a| a.role_title.clone())
                    .unwrap_or_default(),
                outcome: application
                    .map(|a| domain::Labelled::label(a.application.status).to_owned())
                    .unwrap_or_else(|| "Withdrawn".into()),
                referral: r,
            });
        }
        Ok(views)
    }
}
