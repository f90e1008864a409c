//! Outcome frameworks: managers set the indicators each role contributes to; volunteers log
//! their activity against them from a phone after a shift (only in roles they are active in),
//! and staff can log it for them.

use domain::FieldErrors;
use domain::audit::AuditEntry;
use domain::compliance::PlacementStatus;
use domain::ids::{OrganisationId, OutcomeIndicatorId, PersonId, RoleId};
use domain::outcome_framework::{ActivityInput, ActivityRecord, IndicatorInput, OutcomeIndicator};
use domain::role::Role;
use domain::staff::Capability;

use crate::ports::Write;
use crate::{App, AppError, OrgScope};

/// A role with its indicators.
#[derive(Debug, Clone)]
pub struct RoleFramework {
    /// The role.
    pub role: Role,
    /// Its indicators, retired ones last.
    pub indicators: Vec<OutcomeIndicator>,
}

/// Indicators a volunteer can log against, for one of their active roles.
#[derive(Debug, Clone)]
pub struct MyIndicators {
    /// The organisation's slug.
    pub organisation_slug: String,
    /// The organisation's name.
    pub organisation_name: String,
    /// The role's title.
    pub role_title: String,
    /// The role's indicators still counted.
    pub indicators: Vec<OutcomeIndicator>,
}

/// A volunteer's own recent activity, with the indicator it counted towards.
#[derive(Debug, Clone)]
pub struct MyActivity {
    /// The record.
    pub record: ActivityRecord,
    /// The indicator's name.
    pub indicator_name: String,
    /// Its unit.
    pub unit: String,
}

impl App {
    /// Every role of the organisation with its outcome indicators.
    pub async fn outcome_framework(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<RoleFramework>, AppError> {
        scope.require(Capability::View)?;
        let org = scope.organisation_id();
        let mut indicators = self.store.outcome_indicators(org).await?;
        indicators.sort_by(|a, b| a.retired.cmp(&b.retired).then(a.name.cmp(&b.name)));
        Ok(self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|role| RoleFramework {
                indicators: indicators
                    .iter()
                    .filter(|i| i.role_id == role.id)
                    .cloned()
                    .collect(),
                role,
            })
            .collect())
    }

    /// Adds an indicator to a role's framework.
    pub async fn add_outcome_indicator(
        &self,
        scope: &OrgScope,
        role: RoleId,
        input: &IndicatorInput,
    ) -> Result<OutcomeIndicator, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let role = self
            .store
            .role(org, role)
            .await?
            .ok_or(AppError::NotFound)?;
        let indicator = input.parse(org, role.id)?;
        let existing = self.store.outcome_indicators(org).await?;
        if existing
            .iter()
            .any(|i| i.role_id == role.id && i.name.eq_ignore_ascii_case(&indicator.name))
        {
            return Err(FieldErrors::one(
                "name",
                format!(
                    "{} already counts \u{201c}{}\u{201d}",
                    role.title, indicator.name
                ),
            )
            .into());
        }
        self.store
            .apply(vec![
                Write::InsertOutcomeIndicator(indicator.clone()),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    "outcome_indicator.added",
                    "role",
                    role.id.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(indicator)
    }

    /// Retires an indicator (its history stays), or brings it back.
    pub async fn set_outcome_indicator_retired(
        &self,
        scope: &OrgScope,
        id: OutcomeIndicatorId,
        retired: bool,
    ) -> Result<OutcomeIndicator, AppError> {
        scope.require(Capability::ManageVolunteering)?;
        let org = scope.organisation_id();
        let mut indicator = self
            .store
            .outcome_indicator(org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        indicator.retired = retired;
        self.store
            .apply(vec![
                Write::SetOutcomeIndicatorRetired(org, id, retired),
                Write::Audit(AuditEntry::new(
                    Some(org),
                    scope.actor().clone(),
                    if retired {
                        "outcome_indicator.retired"
                    } else {
                        "outcome_indicator.restored"
                    },
                    "role",
                    indicator.role_id.0,
                    self.clock.now(),
                )),
            ])
            .await?;
        Ok(indicator)
    }

    /// The indicators a volunteer can log against: those of the roles they are active in.
    pub async fn my_indicators(&self, person: PersonId) -> Result<Vec<MyIndicators>, AppError> {
        let mut out = Vec::new();
        for row in self.store.placements_of_person(person).await? {
            if row.placement.status != PlacementStatus::Active {
                continue;
            }
            let indicators: Vec<_> = self
                .store
                .outcome_indicators(row.placement.organisation_id)
                .await?
                .into_iter()
                .filter(|i| i.role_id == row.placement.role_id && !i.retired)
                .collect();
            if !indicators.is_empty() {
                out.push(MyIndicators {
                    organisation_slug: row.organisation_slug,
                    organisation_name: row.organisation_name,
                    role_title: row.role_title,
                    indicators,
                });
            }
        }
        Ok(out)
    }

    /// The volunteer logs their own activity against an indicator of a role they are active
    /// in; any other indicator is not found.
    pub async fn log_my_activity(
        &self,
        person: PersonId,
        indicator: OutcomeIndicatorId,
        input: &ActivityInput,
    ) -> Result<ActivityRecord, AppError> {
        let mine = self.my_indicators(person).await?;
        let indicator = mine
            .into_iter()
            .flat_map(|m| m.indicators)
            .find(|i| i.id == indicator)
            .ok_or(AppError::NotFound)?;
        let by = self
            .store
            .person(person)
            .await?
            .ok_or(AppError::NotFound)?
            .full_name();
        self.record_activity(
            indicator,
            person,
            by,
            input,
            domain::audit::Actor::Person(person),
        )
        .await
    }

    /// Staff log activity for one of their organisation's volunteers.
    pub async fn log_activity(
        &self,
        scope: &OrgScope,
        person: PersonId,
        indicator: OutcomeIndicatorId,
        input: &ActivityInput,
    ) -> Result<ActivityRecord, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        let org = scope.organisation_id();
        self.require_can_see_person(scope, person).await?;
        let indicator = self
            .store
            .outcome_indicator(org, indicator)
            .await?
            .ok_or(AppError::NotFound)?;
        let by = self.actor_name(scope.actor()).await?;
        self.record_activity(indicator, person, by, input, scope.actor().clone())
            .await
    }

    async fn record_activity(
        &self,
        indicator: OutcomeIndicator,
        person: PersonId,
        logged_by: String,
        input: &ActivityInput,
        actor: domain::audit::Actor,
    ) -> Result<ActivityRecord, AppError> {
        let (quantity, done_on, note) = input.parse(&indicator, self.uk_today())?;
        let now = self.clock.now();
        let record = ActivityRecord {
            id: domain::ids::ActivityRecordId::new(),
            organisation_id: indicator.organisation_id,
            indicator_id: indicator.id,
            person_id: person,
            logged_by,
            done_on,
            quantity,
            note,
            logged_at: now,
        };
        self.store
            .apply(vec![
                Write::InsertActivityRecord(record.clone()),
                Write::Audit(AuditEntry::new(
                    Some(indicator.organisation_id),
                    actor,
                    "activity.logged",
                    "person",
                    person.0,
                    now,
                )),
            ])
            .await?;
        Ok(record)
    }

    /// The organisation's activity done in `[from, to]`, by day.
    pub async fn activity_between(
        &self,
        scope: &OrgScope,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<ActivityRecord>, AppError> {
        scope.require(Capability::ViewVolunteers)?;
        Ok(self
            .store
            .activity_records(scope.organisation_id(), from, to)
            .await?)
    }

    /// The volunteer's latest `limit` activity records everywhere, newest first.
    pub async fn my_activity(
        &self,
        person: PersonId,
        limit: u32,
    ) -> Result<Vec<MyActivity>, AppError> {
        let records = self.store.activity_of_person(person, limit).await?;
        let mut names: std::collections::HashMap<OrganisationId, Vec<OutcomeIndicator>> =
            std::collections::HashMap::new();
        let mut out = Vec::new();
        for record in records {
            if let std::collections::hash_map::Entry::Vacant(e) =
                names.entry(record.organisation_id)
            {
                e.insert(
                    self.store
                        .outcome_indicators(record.organisation_id)
                        .await?,
                );
            }
            let found = names
                .get(&record.organisation_id)
                .and_then(|l| l.iter().find(|i| i.id == record.indicator_id));
            if let Some(i) = found {
                out.push(MyActivity {
                    indicator_name: i.name.clone(),
                    unit: i.unit.clone(),
                    record,
                });
            }
        }
        Ok(out)
    }
}
