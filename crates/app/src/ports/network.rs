//! The store's reads and writes for networks: members and renewals, coordinators, the shared
//! role library, mutual recognition agreements, passport consents and what was recognised
//! under them, roles listed to a network, and volunteers referred between members.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::*;
use domain::network::Network;
use domain::network::membership::{NetworkMember, Renewal};
use domain::network::recognition::{Agreement, Party, PassportConsent, Recognition};
use domain::network::role_template::RoleTemplate;
use serde::Serialize;

use super::StoreError;

/// A role listed to a network by a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleListing {
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The role.
    pub role_id: RoleId,
    /// The network.
    pub network_id: NetworkId,
    /// When it was listed.
    pub listed_at: DateTime<Utc>,
}

/// A volunteer referred by one member organisation to another's role, with their consent; the
/// outcome is the application it made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerReferral {
    /// Identifier.
    pub id: VolunteerReferralId,
    /// The network both belong to.
    pub network_id: NetworkId,
    /// Who referred.
    pub from_organisation_id: OrganisationId,
    /// Who they were referred to.
    pub to_organisation_id: OrganisationId,
    /// The volunteer.
    pub person_id: PersonId,
    /// The role at the receiving organisation.
    pub role_id: RoleId,
    /// The application made for them.
    pub application_id: Option<ApplicationId>,
    /// Why, in the referrer's words.
    pub note: String,
    /// The day the volunteer agreed to be referred.
    pub consent_on: NaiveDate,
    /// Who referred, by name.
    pub referred_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A role template with how many member organisations use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateWithUses {
    /// The template.
    pub template: RoleTemplate,
    /// Organisations that have copied it.
    pub organisations_using: u32,
}

/// Reads for networks.
#[async_trait]
pub trait NetworkStore: Send + Sync {
    /// Every network, by name.
    async fn networks(&self) -> Result<Vec<Network>, StoreError>;
    /// One network by slug.
    async fn network_by_slug(&self, slug: &str) -> Result<Option<Network>, StoreError>;
    /// One network by id.
    async fn network(&self, id: NetworkId) -> Result<Option<Network>, StoreError>;
    /// The people who coordinate a network.
    async fn network_coordinators(&self, id: NetworkId) -> Result<Vec<PersonId>, StoreError>;
    /// Networks a person coordinates.
    async fn networks_coordinated_by(&self, person: PersonId)
    -> Result<Vec<NetworkId>, StoreError>;
    /// A network's members (current and past), by name.
    async fn network_members(&self, id: NetworkId) -> Result<Vec<NetworkMember>, StoreError>;
    /// One membership.
    async fn network_member(
        &self,
        network: NetworkId,
        id: NetworkMemberId,
    ) -> Result<Option<NetworkMember>, StoreError>;
    /// Memberships held by an organisation, in any network.
    async fn memberships_of_organisation(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<NetworkMember>, StoreError>;
    /// Individual memberships held by a person, in any network.
    async fn memberships_of_person(
        &self,
        person: PersonId,
    ) -> Result<Vec<NetworkMember>, StoreError>;
    /// A membership's renewals, newest first.
    async fn renewals(
        &self,
        network: NetworkId,
        member: NetworkMemberId,
    ) -> Result<Vec<Renewal>, StoreError>;
    /// A network's role library, by title, with how many organisations use each template.
    async fn role_templates(&self, network: NetworkId)
    -> Result<Vec<TemplateWithUses>, StoreError>;
    /// One template.
    async fn role_template(
        &self,
        network: NetworkId,
        id: RoleTemplateId,
    ) -> Result<Option<RoleTemplate>, StoreError>;
    /// Agreements an organisation is a party to (signed or not), newest first.
    async fn agreements_of(&self, org: OrganisationId) -> Result<Vec<Agreement>, StoreError>;
    /// Agreements made in a network, newest first.
    async fn agreements_in_network(&self, network: NetworkId)
    -> Result<Vec<Agreement>, StoreError>;
    /// One agreement.
    async fn agreement(&self, id: AgreementId) -> Result<Option<Agreement>, StoreError>;
    /// A person's passport consents, newest first.
    async fn passport_consents_of(
        &self,
        person: PersonId,
    ) -> Result<Vec<PassportConsent>, StoreError>;
    /// Live consents to share with an organisation, for one person.
    async fn live_consents_to(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<PassportConsent>, StoreError>;
    /// What an organisation recognised for a person, newest first.
    async fn recognitions(
        &self,
        org: OrganisationId,
        person: PersonId,
    ) -> Result<Vec<Recognition>, StoreError>;
    /// People an organisation recognised anything for (its passport applicants).
    async fn people_with_recognitions(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<PersonId>, StoreError>;
    /// Roles listed to a network.
    async fn role_listings(&self, network: NetworkId) -> Result<Vec<RoleListing>, StoreError>;
    /// Where an organisation has listed its roles.
    async fn role_listings_of(&self, org: OrganisationId) -> Result<Vec<RoleListing>, StoreError>;
    /// Service users an organisation's staff referred to other organisations, newest first.
    async fn partner_referrals_made(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<domain::support::Referral>, StoreError>;
    /// Volunteer referrals an organisation made or received, newest first.
    async fn volunteer_referrals(
        &self,
        org: OrganisationId,
    ) -> Result<Vec<VolunteerReferral>, StoreError>;
}

/// Changes to networks, applied with everything else in one transaction.
#[derive(Debug, Clone)]
pub enum NetworkWrite {
    /// A new network.
    InsertNetwork(Network),
    /// A network's details changed.
    UpdateNetwork(Network),
    /// Make a person a coordinator (true) or stop (false).
    SetCoordinator(NetworkId, PersonId, bool),
    /// A new membership.
    InsertMember(NetworkMember),
    /// A membership's details changed (directory choice, fee, dates, end).
    UpdateMember(NetworkMember),
    /// A renewal recorded, moving the membership's renewal date on from the one it expects.
    RecordRenewal(NetworkId, Renewal),
    /// Templates added to a library.
    InsertRoleTemplates(Vec<RoleTemplate>),
    /// A template's words changed, from the version last changed at `expected_updated_at`
    /// (a conflict otherwise, or once withdrawn).
    UpdateRoleTemplate {
        /// The changed template.
        template: RoleTemplate,
        /// The version the change was made from.
        expected_updated_at: DateTime<Utc>,
    },
    /// A template withdrawn from its network's library (a conflict if it already was).
    WithdrawRoleTemplate(NetworkId, RoleTemplateId, DateTime<Utc>),
    /// An organisation's role was copied from a template.
    RecordTemplateUse {
        /// The organisation.
        organisation_id: OrganisationId,
        /// Its new role.
        role_id: RoleId,
        /// The template's network.
        network_id: NetworkId,
        /// The template.
        template_id: RoleTemplateId,
        /// When.
        at: DateTime<Utc>,
    },
    /// A new agreement with its parties and their terms.
    InsertAgreement(Agreement),
    /// A party signs (or re-signs with new terms); refused if the agreement has ended.
    SignAgreement(AgreementId, Party),
    /// An agreement ends.
    EndAgreement(AgreementId, DateTime<Utc>),
    /// A volunteer consents to share.
    GrantConsent(PassportConsent),
    /// A volunteer stops a consent; refused unless it was live and theirs.
    RevokeConsent(PersonId, PassportConsentId, DateTime<Utc>),
    /// A record taken on under an agreement and a consent.
    InsertRecognition(Recognition),
    /// A role listed to a network (true) or taken off (false).
    ListRole(RoleListing, bool),
    /// A volunteer referred to another member.
    InsertVolunteerReferral(VolunteerReferral),
}
