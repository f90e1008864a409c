//! A network's members, for coordinators (the list with where each stands, adding one, its
//! renewals, recording a renewal, ending it) and for members (the opt-in directory and their own
//! entries in it).

use chrono::NaiveDate;
use domain::ids::{NetworkMemberId, OrganisationId};
use domain::network::membership::{MemberInput, NetworkMember, Renewal, RenewalInput, Standing};
use serde::Serialize;

use crate::networks::{AuditDetail, NetworkAccess, network_audit};
use crate::ports::{NetworkWrite, Write};
use crate::{App, AppError};

/// A membership with where it stands today, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    /// The membership.
    pub member: NetworkMember,
    /// Where it stands.
    pub standing: Standing,
}

impl App {
    /// Every membership with its standing today (coordinators only: it has fees and emails).
    pub async fn network_members(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<MemberView>, AppError> {
        access.require_coordinator()?;
        let today = self.uk_today();
        Ok(self
            .store
            .network_members(access.network().id)
            .await?
            .into_iter()
            .map(|member| MemberView {
                standing: member.standing(today),
                member,
            })
            .collect())
    }

    /// The member directory: current members who chose to be listed, for members only.
    pub async fn member_directory(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<NetworkMember>, AppError> {
        access.require_member()?;
        Ok(self
            .current_members(access)
            .await?
            .into_iter()
            .filter(|m| m.in_directory)
            .collect())
    }

    /// The memberships the viewer answers for: their own, and those of organisations they
    /// manage volunteering for.
    pub async fn own_memberships(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<NetworkMember>, AppError> {
        access.require_member()?;
        Ok(self
            .current_members(access)
            .await?
            .into_iter()
            .filter(|m| {
                Some(m.id) == access.individual_member()
                    || m.organisation_id()
                        .is_some_and(|o| access.managed_members().contains(&o))
            })
            .collect())
    }

    /// One membership with its renewals (coordinators).
    pub async fn network_member(
        &self,
        access: &NetworkAccess,
        id: NetworkMemberId,
    ) -> Result<(MemberView, Vec<Renewal>), AppError> {
        access.require_coordinator()?;
        let member = self.member_of(access, id).await?;
        let renewals = self.store.renewals(access.network().id, id).await?;
        Ok((
            MemberView {
                standing: member.standing(self.uk_today()),
                member,
            },
            renewals,
        ))
    }

    /// The network's current members (anyone calling has checked who may see them).
    async fn current_members(
        &self,
        access: &NetworkAccess,
    ) -> Result<Vec<NetworkMember>, AppError> {
        let today = self.uk_today();
        Ok(self
            .store
            .network_members(access.network().id)
            .await?
            .into_iter()
            .filter(|m| m.is_current(today))
            .collect())
    }

    async fn member_of(
        &self,
        access: &NetworkAccess,
        id: NetworkMemberId,
    ) -> Result<NetworkMember, AppError> {
        self.store
            .network_member(access.network().id, id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// A coordinator adds a member: an organisation on Alongside (by id), or a person (linked to
    /// their account if they have one with that email).
    pub async fn add_network_member(
        &self,
        access: &NetworkAccess,
        input: &MemberInput,
    ) -> Result<NetworkMember, AppError> {
        access.require_coordinator()?;
        let organisation = match input.organisation_id.trim().parse() {
            Ok(id) => self
                .store
                .organisation(OrganisationId(id))
                .await?
                .map(|o| (o.id, o.name)),
            Err(_) => None,
        };
        let person = match domain::values::Email::parse(&input.email) {
            Ok(email) => self
                .store
                .person_by_email(&crate::email_key(email.as_str()))
                .await?
                .map(|(p, _)| p.id),
            Err(_) => None,
        };
        let member = input.parse(
            NetworkMemberId::new(),
            access.network().id,
            organisation,
            person,
        )?;
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::InsertMember(member.clone())),
                network_audit(
                    access.actor(),
                    "network.member_added",
                    access.network().id,
                    now,
                )
                .with_detail(member.name()),
            ])
            .await
            .map_err(|e| match e {
                crate::StoreError::Conflict(_) => AppError::Invalid(domain::FieldErrors::one(
                    "membership_type",
                    "They are already a member of this network",
                )),
                other => other.into(),
            })?;
        Ok(member)
    }

    /// A coordinator records a renewal; the renewal date moves on a year.
    pub async fn record_renewal(
        &self,
        access: &NetworkAccess,
        id: NetworkMemberId,
        input: &RenewalInput,
        recorded_by: String,
    ) -> Result<Renewal, AppError> {
        access.require_coordinator()?;
        let member = self.member_of(access, id).await?;
        let now = self.clock.now();
        let renewal = input.parse(&member, recorded_by, now)?;
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::RecordRenewal(
                    access.network().id,
                    renewal.clone(),
                )),
                network_audit(
                    access.actor(),
                    "network.member_renewed",
                    access.network().id,
                    now,
                )
                .with_detail(member.name()),
            ])
            .await?;
        Ok(renewal)
    }

    /// A coordinator ends a membership on a day (they leave the network).
    pub async fn end_network_member(
        &self,
        access: &NetworkAccess,
        id: NetworkMemberId,
        on: NaiveDate,
    ) -> Result<(), AppError> {
        access.require_coordinator()?;
        let mut member = self.member_of(access, id).await?;
        if member.ended_on.is_some() {
            return Err(AppError::Conflict(
                "This membership has already ended".into(),
            ));
        }
        member.ended_on = Some(on);
        let now = self.clock.now();
        self.store
            .apply(vec![
                Write::Network(NetworkWrite::UpdateMember(member.clone())),
                network_audit(
                    access.actor(),
                    "network.member_ended",
                    access.network().id,
                    now,
                )
                .with_detail(member.name()),
            ])
            .await?;
        Ok(())
    }

    /// A member organisation's manager, or an individual member, chooses whether they are
    /// listed in the directory and what it says.
    pub async fn set_directory_listing(
        &self,
        access: &NetworkAccess,
        id: NetworkMemberId,
        listed: bool,
        note: &str,
    ) -> Result<(), AppError> {
        let mut member = self.member_of(access, id).await?;
        let theirs = member
            .organisation_id()
            .is_some_and(|o| access.managed_members().contains(&o))
            || access.individual_member() == Some(id);
        if !theirs && !access.is_coordinator() {
            return Err(AppError::NotFound);
        }
        let mut e = domain::FieldErrors::new();
        member.directory_note = e.optional_text("directory_note", "the directory note", note, 500);
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        member.in_directory = listed;
        self.store
            .apply(vec![Write::Network(NetworkWrite::UpdateMember(member))])
            .await?;
        Ok(())
    }
}
