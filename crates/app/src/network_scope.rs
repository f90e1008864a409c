//! Networks seen from one organisation's staff scope (an API token): the network only if the
//! organisation is a current member or the person behind the scope coordinates it, so a token
//! never reaches a network through its person's other organisations. And what the organisation
//! took on for a person through the volunteer passport, read like any check data (audited).

use domain::ids::PersonId;
use domain::network::recognition::Recognition;
use domain::staff::Capability;
use serde::Serialize;

use crate::networks::NetworkAccess;
use crate::{App, AppError, OrgScope};

/// A record taken on through the passport, with the name of the item it stands for.
#[derive(Debug, Clone, Serialize)]
pub struct RecognitionRecord {
    /// What was taken on, from whom, and under which agreement and consent.
    pub recognition: Recognition,
    /// The catalogue item's name at the receiving organisation.
    pub item: String,
}

impl App {
    /// What the person behind `scope` may do in the network with `slug`, for requests made in
    /// the scope's organisation: not found unless that organisation is a current member or the
    /// person coordinates the network.
    pub async fn network_access_in(
        &self,
        scope: &OrgScope,
        slug: &str,
    ) -> Result<NetworkAccess, AppError> {
        scope.require(Capability::View)?;
        let person = scope.actor().person_id();
        let access = self.network_access(slug, person).await?;
        if access.is_coordinator() {
            return Ok(access);
        }
        let id = access.network().id;
        if self
            .organisation_networks(scope)
            .await?
            .iter()
            .any(|n| n.id == id)
        {
            Ok(access)
        } else {
            Err(AppError::NotFound)
        }
    }

    /// The name of the person acting in `scope`, for "recorded by" and "signed by".
    pub async fn scope_person_name(&self, scope: &OrgScope) -> Result<String, AppError> {
        self.actor_name(scope.actor()).await
    }

    /// What the organisation took on for `person` through the passport, newest first. Check
    /// data: needs `ViewChecks`, and every read is audited as a checks read.
    pub async fn passport_recognitions(
        &self,
        scope: &OrgScope,
        person: PersonId,
    ) -> Result<Vec<RecognitionRecord>, AppError> {
        scope.require(Capability::ViewChecks)?;
        self.require_can_see_person(scope, person).await?;
        let org = scope.organisation_id();
        if self.store.engagement_of(org, person).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let recognitions = self.store.recognitions(org, person).await?;
        let checks = self.store.checks_of(org, person).await?;
        let catalogue = self.store.requirement_types(org).await?;
        let records = recognitions
            .into_iter()
            .map(|recognition| {
                let item = checks
                    .iter()
                    .find(|c| c.id == recognition.check_id)
                    .and_then(|c| catalogue.iter().find(|t| t.id == c.requirement_type_id))
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                RecognitionRecord { recognition, item }
            })
            .collect();
        self.store
            .apply(vec![self.check_audit(
                org,
                scope.actor(),
                "checks.viewed",
                person.0,
                "passport recognitions",
            )])
            .await?;
        Ok(records)
    }
}
