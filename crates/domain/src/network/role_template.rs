//! The shared role library: role templates published to a network — from a member's role, with
//! what it needs, its non-substitution statement and its outcome indicators — which members copy
//! into their own organisation and adapt. Requirements travel as catalogue codes, which every
//! organisation's standard catalogue shares, so a copy needs the same checks and training.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Labelled;
use crate::compliance::{RequirementType, Workforce};
use crate::ids::{NetworkId, OrganisationId, RoleTemplateId};
use crate::outcome_framework::OutcomeIndicator;
use crate::role::{DbsLevel, Role, RoleInput, Setting};

mod change;
mod nhs;

pub use change::TemplateChange;
pub use nhs::nhs_role_templates;

/// An outcome indicator as a template carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateIndicator {
    /// What is counted.
    pub name: String,
    /// The unit.
    pub unit: String,
    /// Minutes of staff time each one releases, if counted.
    pub minutes_each: Option<u16>,
}

/// A role template in a network's library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleTemplate {
    /// Identifier.
    pub id: RoleTemplateId,
    /// The network whose library it is in.
    pub network_id: NetworkId,
    /// Title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// What the volunteer does.
    pub description: String,
    /// Where.
    pub setting: Setting,
    /// Activities.
    pub activities: String,
    /// Time commitment.
    pub time_commitment: String,
    /// Minimum age.
    pub minimum_age: u32,
    /// DBS level.
    pub dbs_level: DbsLevel,
    /// DBS workforce, for enhanced checks.
    pub dbs_workforce: Option<Workforce>,
    /// References needed.
    pub references_required: u32,
    /// Other checks and training, as catalogue codes.
    pub requirement_codes: Vec<String>,
    /// How it complements paid staff.
    pub non_substitution_statement: String,
    /// The outcomes it counts.
    pub indicators: Vec<TemplateIndicator>,
    /// The member organisation it came from; none for the seeded NHS roles.
    pub source_organisation_id: Option<OrganisationId>,
    /// Where it came from, in words ("St Clare's Hospice", "NHS roles (standards §4.1)").
    pub source_name: String,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// When it was last changed (its version: a change is made from the one the editor read).
    pub updated_at: DateTime<Utc>,
    /// When it was withdrawn from the library (kept for the roles copied from it).
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl RoleTemplate {
    /// A template from a member's role, its catalogue and its indicators.
    pub fn from_role(
        network_id: NetworkId,
        role: &Role,
        catalogue: &[RequirementType],
        indicators: &[OutcomeIndicator],
        source_name: String,
        published_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id: RoleTemplateId::new(),
            network_id,
            title: role.title.clone(),
            summary: role.summary.clone(),
            description: role.description.clone(),
            setting: role.setting,
            activities: role.activities.clone(),
            time_commitment: role.time_commitment.clone(),
            minimum_age: role.minimum_age,
            dbs_level: role.dbs_level,
            dbs_workforce: role.dbs_workforce,
            references_required: role.references_required,
            requirement_codes: role
                .requirement_type_ids
                .iter()
                .filter_map(|id| catalogue.iter().find(|t| t.id == *id))
                .map(|t| t.code.clone())
                .collect(),
            non_substitution_statement: role.non_substitution_statement.clone(),
            indicators: indicators
                .iter()
                .filter(|i| i.role_id == role.id && !i.retired)
                .map(|i| TemplateIndicator {
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    minutes_each: i.minutes_each,
                })
                .collect(),
            source_organisation_id: Some(role.organisation_id),
            source_name,
            published_at,
            updated_at: published_at,
            withdrawn_at: None,
        }
    }

    /// The role form filled in from this template for an organisation with `catalogue`, and the
    /// names of any requirements the organisation's catalogue lacks (it adds them or adapts).
    pub fn to_role_input(&self, catalogue: &[RequirementType]) -> (RoleInput, Vec<String>) {
        let mut missing = Vec::new();
        let mut ids = Vec::new();
        for code in &self.requirement_codes {
            match catalogue.iter().find(|t| t.code == *code) {
                Some(t) => ids.push(t.id),
                None => missing.push(code.clone()),
            }
        }
        let input = RoleInput {
            title: self.title.clone(),
            summary: self.summary.clone(),
            description: self.description.clone(),
            setting: self.setting.code().into(),
            activities: self.activities.clone(),
            site_ids: vec![],
            time_commitment: self.time_commitment.clone(),
            minimum_age: self.minimum_age.to_string(),
            dbs_level: self.dbs_level.code().into(),
            dbs_workforce: self
                .dbs_workforce
                .map(|w| w.code().to_owned())
                .unwrap_or_default(),
            references_required: self.references_required.to_string(),
            requirement_type_ids: ids,
            non_substitution_statement: self.non_substitution_statement.clone(),
        };
        (input, missing)
    }
}
