//! Networks: who may see and do what in one (coordinators run it; members — staff of member
//! organisations and individual members — see what it shares with members; everyone else sees
//! only what is public), setting one up, its settings and coordinators. Members and renewals are
//! in `network_members.rs`.

use domain::audit::{Actor, AuditEntry};
use domain::ids::{NetworkId, NetworkMemberId, OrganisationId, PersonId};
use domain::network::membership::NetworkMember;
use domain::network::role_template::nhs_role_templates;
use domain::network::{Audience, Network, NetworkInput};
use domain::staff::{Capability, Permission};
use serde::Serialize;

use crate::ports::{NetworkWrite, Write};
use crate::{App, AppError, OrgScope, slug_key};

/// What one viewer may do in one network. Only [`App::network_access`] makes one (and, for the
/// command line's operator, [`App::operator_network_access`]), so every network use case
/// starts from who is asking.
#[derive(Debug, Clone, Serialize)]
pub struct NetworkAccess {
    network: Network,
    viewer: Option<PersonId>,
    coordinator: bool,
    /// Member organisations where the viewer is an admin or volunteer manager.
    managed_members: Vec<OrganisationId>,
    /// Member organisations where the viewer is any kind of staff.
    staff_of_members: Vec<OrganisationId>,
    individual_member: Option<NetworkMemberId>,
}

impl NetworkAccess {
    /// The network.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Who is looking, if signed in.
    pub fn viewer(&self) -> Option<PersonId> {
        self.viewer
    }

    /// Whether the viewer coordinates the network.
    pub fn is_coordinator(&self) -> bool {
        self.coordinator
    }

    /// Whether the viewer takes part: a coordinator, staff of a current member organisation,
    /// or a current individual member.
    pub fn is_member(&self) -> bool {
        self.coordinator || !self.staff_of_members.is_empty() || self.individual_member.is_some()
    }

    /// Whether something shared with `audience` is the viewer's to see.
    pub fn may_see(&self, audience: Audience) -> bool {
        audience == Audience::Public || self.is_member()
    }

    /// Member organisations the viewer manages volunteering for (admin or volunteer manager).
    pub fn managed_members(&self) -> &[OrganisationId] {
        &self.managed_members
    }

    /// The viewer's individual membership, if any.
    pub fn individual_member(&self) -> Option<NetworkMemberId> {
        self.individual_member
    }

    /// Refuses anyone who is not a member. Non-members get "not found" for members-only
    /// things, as for another organisation's records.
    pub fn require_member(&self) -> Result<(), AppError> {
        if self.is_member() {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Refuses anyone who does not coordinate the network.
    pub fn require_coordinator(&self) -> Result<(), AppError> {
        if self.coordinator {
            Ok(())
        } else if self.is_member() {
            Err(AppError::Forbidden)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Refuses anyone who does not manage volunteering for `org`, a current member.
    pub fn require_manages(&self, org: OrganisationId) -> Result<(), AppError> {
        if self.managed_members.contains(&org) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    pub(crate) fn actor(&self) -> Actor {
        self.viewer.map(Actor::Person).unwrap_or(Actor::System)
    }
}

/// A network the viewer takes part in, for their list of networks.
#[derive(Debug, Clone, Serialize)]
pub struct MyNetwork {
    /// The network.
    pub network: Network,
    /// Whether they coordinate it.
    pub coordinator: bool,
}

impl App {
    /// What `viewer` (none when signed out) may do in the network with `slug`; not found if
    /// there is no such network.
    pub async fn network_access(
        &self,
        slug: &str,
        viewer: Option<PersonId>,
    ) -> Result<NetworkAccess, AppError> {
        let network = self
            .store
            .network_by_slug(&slug_key(slug))
            .await?
            .ok_or(AppError::NotFound)?;
        self.access_to(network, viewer).await
    }

    /// The access `alongside export --network` has when run by the server's operator without
    /// naming anyone: a coordinator's, recorded as Alongside itself. The operator holds the
    /// database already, so this grants nothing they lack; it manages no member organisation,
    /// so a member's benchmarks still need a named manager.
    pub async fn operator_network_access(&self, slug: &str) -> Result<NetworkAccess, AppError> {
        let network = self
            .store
            .network_by_slug(&slug_key(slug))
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(NetworkAccess {
            network,
            viewer: None,
            coordinator: true,
            managed_members: vec![],
            staff_of_members: vec![],
            individual_member: None,
        })
    }

    /// What the person with this email may do in the network `slug`, as if they had signed in
    /// (for the command line). Nobody with that email gets `NotFound`.
    pub async fn network_access_by_email(
        &self,
        email: &str,
        slug: &str,
    ) -> Result<NetworkAccess, AppError> {
        let (person, _) = self
            .store
            .person_by_email(&crate::email_key(email))
            .await?
            .ok_or(AppError::NotFound)?;
        self.network_access(slug, Some(person.id)).await
    }

    pub(crate) async fn access_to(
        &self,
        network: Network,
        viewer: Option<PersonId>,
    ) -> Result<NetworkAccess, AppError> {
        let mut access = NetworkAccess {
            network,
            viewer,
            coordinator: false,
            managed_members: vec![],
            staff_of_members: vec![],
            individual_member: None,
        };
        let Some(person) = viewer else {
            return Ok(access);
        };
        let today = self.uk_today();
        let id = access.network.id;
        access.coordinator = self.store.network_coordinators(id).await?.contains(&person);
        let members = self.store.network_members(id).await?;
        let current: Vec<OrganisationId> = members
            .iter()
            .filter(|m| m.is_current(today))
            .filter_map(NetworkMember::organisation_id)
            .collect();
        for staff in self.store.staff_roles_of(person).await? {
            if current.contains(&staff.organisation_id) {
                access.staff_of_members.push(staff.organisation_id);
                if matches!(
                    staff.permission,
                    Permission::OrganisationAdmin | Permission::VolunteerManager
                ) {
                    access.managed_members.push(staff.organisation_id);
                }
            }
        }
        access.individual_member = members
            .iter()
            .find(|m| m.is_current(today) && m.person_id() == Some(person))
            .map(|m| m.id);
        Ok(access)
    }

    /// The networks a person coordinates or takes part in.
    pub async fn my_networks(&self, person: PersonId) -> Result<Vec<MyNetwork>, AppError> {
        let mut mine = Vec::new();
        for network in self.store.networks().await? {
            let access = self.access_to(network, Some(person)).await?;
            if access.is_member() {
                mine.push(MyNetwork {
                    coordinator: access.coordinator,
                    network: access.network,
                });
            }
        }
        Ok(mine)
    }

    /// The networks an organisation is a current member of.
    pub async fn organisation_networks(&self, scope: &OrgScope) -> Result<Vec<Network>, AppError> {
        scope.require(Capability::View)?;
        let today = self.uk_today();
        let mut networks = Vec::new();
        for m in self
            .store
            .memberships_of_organisation(scope.organisation_id())
            .await?
        {
            if m.is_current(today)
                && let Some(n) = self.store.network(m.network_id).await?
            {
                networks.push(n);
            }
        }
        Ok(networks)
    }

    /// Every network, for the public list.
    pub async fn all_networks(&self) -> Result<Vec<Network>, AppError> {
        Ok(self.store.networks().await?)
    }

    /// An organisation's admin sets up a network: they coordinate it, their organisation is its
    /// first member, and its role library starts with the NHS roles.
    pub async fn create_network(
        &self,
        scope: &OrgScope,
        input: &NetworkInput,
    ) -> Result<Network, AppError> {
        scope.require(Capability::Administer)?;
        let person = scope.actor().person_id().ok_or(AppError::Forbidden)?;
        let now = self.clock.now();
        let network = input.parse(NetworkId::new(), now)?;
        if self
            .store
            .network_by_slug(network.slug.as_str())
            .await?
            .is_some()
        {
            return Err(AppError::Invalid(domain::FieldErrors::one(
                "slug",
                "Another network already uses this short name",
            )));
        }
        let member = NetworkMember {
            id: NetworkMemberId::new(),
            network_id: network.id,
            member: domain::network::membership::Member::Organisation {
                organisation_id: scope.organisation_id(),
                name: scope.organisation().name.clone(),
            },
            joined_on: self.uk_today(),
            renews_on: None,
            annual_fee: None,
            ended_on: None,
            in_directory: true,
            directory_note: String::new(),
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::InsertNetwork(network.clone())),
                Write::Network(NetworkWrite::SetCoordinator(network.id, person, true)),
                Write::Network(NetworkWrite::InsertMember(member)),
                Write::Network(NetworkWrite::InsertRoleTemplates(nhs_role_templates(
                    network.id, now,
                ))),
                network_audit(scope.actor().clone(), "network.created", network.id, now),
            ])
            .await?;
        Ok(network)
    }

    /// A coordinator changes the network's details.
    pub async fn update_network(
        &self,
        access: &NetworkAccess,
        input: &NetworkInput,
    ) -> Result<Network, AppError> {
        access.require_coordinator()?;
        let network = input.parse(access.network.id, access.network.created_at)?;
        if let Some(other) = self.store.network_by_slug(network.slug.as_str()).await?
            && other.id != network.id
        {
            return Err(AppError::Invalid(domain::FieldErrors::one(
                "slug",
                "Another network already uses this short name",
            )));
        }
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::UpdateNetwork(network.clone())),
                network_audit(access.actor(), "network.updated", network.id, now),
            ])
            .await?;
        Ok(network)
    }

    /// A coordinator names another coordinator by their email (they need an account), or
    /// stops one (never the last).
    pub async fn set_coordinator(
        &self,
        access: &NetworkAccess,
        email: &str,
        on: bool,
    ) -> Result<(), AppError> {
        access.require_coordinator()?;
        let Some((person, _)) = self.store.person_by_email(&crate::email_key(email)).await? else {
            return Err(AppError::Invalid(domain::FieldErrors::one(
                "email",
                "Nobody with this email has an Alongside account yet",
            )));
        };
        let id = access.network.id;
        if !on && self.store.network_coordinators(id).await?.len() <= 1 {
            return Err(AppError::Invalid(domain::FieldErrors::one(
                "email",
                "A network needs at least one coordinator",
            )));
        }
        let action = if on {
            "network.coordinator_added"
        } else {
            "network.coordinator_removed"
        };
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::SetCoordinator(id, person.id, on)),
                network_audit(access.actor(), action, id, self.clock.now()).with_person(person.id),
            ])
            .await?;
        Ok(())
    }

    /// The network's coordinators, by name.
    pub async fn coordinators(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<domain::person::Person>, AppError> {
        access.require_member()?;
        let mut people = Vec::new();
        for id in self.store.network_coordinators(access.network.id).await? {
            if let Some(p) = self.store.person(id).await? {
                people.push(p);
            }
        }
        people.sort_by_key(|p| p.full_name());
        Ok(people)
    }
}

/// An audit entry about a network (no organisation: networks sit above them).
pub(crate) fn network_audit(
    actor: Actor,
    action: &str,
    network: NetworkId,
    at: chrono::DateTime<chrono::Utc>,
) -> Write {
    Write::Audit(AuditEntry::new(
        None, actor, action, "network", network.0, at,
    ))
}

/// Adds detail to an audit write.
pub(crate) trait AuditDetail {
    fn with_detail(self, detail: &str) -> Self;
    fn with_person(self, person: PersonId) -> Self;
}

impl AuditDetail for Write {
    fn with_detail(self, detail: &str) -> Self {
        match self {
            Write::Audit(entry) => Write::Audit(entry.with_detail(detail)),
            other => other,
        }
    }

    fn with_person(self, person: PersonId) -> Self {
        self.with_detail(&person.to_string())
    }
}
