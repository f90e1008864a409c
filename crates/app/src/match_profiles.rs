//! A volunteer's offer of person-to-person support with one organisation (their match
//! profile): how many people they can support, how far they travel, the days they are free and
//! the kinds of support they offer. Matching suggests only volunteers who have one.

use domain::audit::AuditEntry;
use domain::ids::PersonId;
use domain::staff::Capability;
use domain::support::{MatchProfile, MatchProfileInput};

use crate::ports::{SupportWrite, Write};
use crate::support::support;
use crate::{App, AppError, OrgScope};

impl App {
    /// A volunteer's match profile with this organisation, if they have offered support.
    /// Anyone not involved with the organisation (no engagement) is not found, and so is
    /// anyone a supervisor may not see.
    pub async fn match_profile(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<Option<MatchProfile>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        self.require_engaged(scope, person).await?;
        Ok(self
            .store
            .match_profiles_of(person)
            .await?
            .into_iter()
            .find(|p| p.organisation_id == scope.organisation_id()))
    }

    /// Records (or replaces) a volunteer's match profile, as a manager taking it down on their
    /// behalf. Only for someone engaged with the organisation; the change is audited.
    pub async fn set_match_profile(
        &self,
        scope: &OrgScope,
        person: PersonId,
        input: &MatchProfileInput,
    ) -> Result<MatchProfile, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        // Existence first, so another organisation's volunteer is not found whatever the input.
        self.require_engaged(scope, person).await?;
        let profile = input.parse(scope.organisation_id(), person)?;
        self.store
            .apply(vec![
                support(SupportWrite::SetMatchProfile(profile.clone())),
                Write::Audit(AuditEntry::new(
                    Some(scope.organisation_id()),
                    scope.actor().clone(),
                    "match_profile.set",
                    "person",
                    person.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(profile)
    }

    /// Not found unless the person has an engagement with the organisation that the scope may
    /// see.
    async fn require_engaged(&self, scope: &OrgScope, person: PersonId) -> Result<(), AppError> {
        self.require_can_see_person(scope, person).await?;
        self.store
            .engagement_of(scope.organisation_id(), person)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(())
    }
}

/// One organisation a volunteer could offer person-to-person support to, with their offer.
#[derive(Debug, Clone)]
pub struct MyOffer {
    /// The organisation.
    pub organisation_id: domain::ids::OrganisationId,
    /// Its name.
    pub organisation_name: String,
    /// Their offer, if they have made one.
    pub profile: Option<MatchProfile>,
}

impl App {
    /// The organisations where `me` is an active volunteer, each with their offer.
    pub async fn my_offers(&self, me: PersonId) -> Result<Vec<MyOffer>, AppError> {
        let profiles = self.store.match_profiles_of(me).await?;
        Ok(self
            .store
            .engagements_of_person(me)
            .await?
            .into_iter()
            .filter(|(e, _)| e.status == domain::engagement::EngagementStatus::Active)
            .map(|(e, o)| MyOffer {
                profile: profiles
                    .iter()
                    .find(|p| p.organisation_id == e.organisation_id)
                    .cloned(),
                organisation_id: e.organisation_id,
                organisation_name: o.name,
            })
            .collect())
    }

    /// A volunteer makes (or changes) their own offer to an organisation they are active with;
    /// capacity 0 says "not at the moment" without losing the rest.
    pub async fn set_my_offer(
        &self,
        me: PersonId,
        org: domain::ids::OrganisationId,
        input: &MatchProfileInput,
    ) -> Result<MatchProfile, AppError> {
        if !self
            .my_offers(me)
            .await?
            .iter()
            .any(|o| o.organisation_id == org)
        {
            return Err(AppError::NotFound);
        }
        let profile = input.parse(org, me)?;
        self.store
            .apply(vec![
                support(SupportWrite::SetMatchProfile(profile.clone())),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    domain::audit::Actor::Person(me),
                    "match_profile.set",
                    "person",
                    me.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(profile)
    }
}
