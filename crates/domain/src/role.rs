//! Volunteer roles: what a volunteer does, where, and what they need before starting.

use serde::Serialize;

use crate::compliance::Workforce;
use crate::compliance::reference::MAX_REFERENCES;
use crate::ids::{OrganisationId, RequirementTypeId, RoleId, SiteId};
use crate::labelled_enum;
use crate::{FieldErrors, Labelled};

labelled_enum!(
    /// Where the role is done.
    Setting {
        /// In hospital.
        InHospital = "in_hospital": "In hospital",
        /// Out of hospital (e.g. home from hospital).
        OutOfHospital = "out_of_hospital": "Out of hospital",
        /// In the community.
        Community = "community": "In the community",
        /// Remote (phone, online).
        Remote = "remote": "Remote",
    }
);

labelled_enum!(
    /// The DBS check a role needs.
    DbsLevel {
        /// No DBS check.
        None = "none": "No DBS check",
        /// Basic DBS check.
        Basic = "basic": "Basic DBS check",
        /// Standard DBS check.
        Standard = "standard": "Standard DBS check",
        /// Enhanced DBS check.
        Enhanced = "enhanced": "Enhanced DBS check",
        /// Enhanced DBS check with barred list(s).
        EnhancedBarred = "enhanced_barred": "Enhanced DBS check with barred list(s)",
    }
);

impl DbsLevel {
    /// Order of thoroughness: a check covers any role needing the same or a lower rank.
    pub fn rank(self) -> u8 {
        match self {
            Self::None => 0,
            Self::Basic => 1,
            Self::Standard => 2,
            Self::Enhanced => 3,
            Self::EnhancedBarred => 4,
        }
    }

    /// Whether checks at this level are for a workforce (adults, children).
    pub fn has_workforce(self) -> bool {
        matches!(self, Self::Enhanced | Self::EnhancedBarred)
    }
}

labelled_enum!(
    /// Whether a role is being written, recruiting, or finished.
    RoleStatus {
        /// Being written; not visible to the public.
        Draft = "draft": "Draft",
        /// Recruiting.
        Open = "open": "Open",
        /// No longer recruiting.
        Closed = "closed": "Closed",
    }
);

/// The shortest statement of how a role complements paid staff that we accept.
pub const MINIMUM_STATEMENT_LENGTH: usize = 20;

/// A volunteer role as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// Identifier.
    pub id: RoleId,
    /// Owning organisation.
    pub organisation_id: OrganisationId,
    /// Title, e.g. "Mealtime companion".
    pub title: String,
    /// One-line summary for lists.
    pub summary: String,
    /// Full description.
    pub description: String,
    /// Setting.
    pub setting: Setting,
    /// What the volunteer does.
    pub activities: String,
    /// Where.
    pub site_ids: Vec<SiteId>,
    /// Time commitment in plain words, e.g. "3 hours a week for 6 months".
    pub time_commitment: String,
    /// Youngest age at which someone can take the role (16 or 18).
    pub minimum_age: u32,
    /// DBS check needed.
    pub dbs_level: DbsLevel,
    /// Workforce for an enhanced check (adults, children or both).
    pub dbs_workforce: Option<Workforce>,
    /// How many references are needed (0 to 3).
    pub references_required: u32,
    /// Other checks and training needed, from the organisation's catalogue.
    pub requirement_type_ids: Vec<RequirementTypeId>,
    /// Draft, open or closed.
    pub status: RoleStatus,
    /// How this role complements, and does not replace, paid staff.
    pub non_substitution_statement: String,
}

impl Role {
    /// Publishes a role. Volunteering is not employment: a role can only be opened once it says
    /// how it complements paid staff.
    pub fn publish(&mut self) -> Result<(), FieldErrors> {
        if self.non_substitution_statement.trim().chars().count() < MINIMUM_STATEMENT_LENGTH {
            return Err(FieldErrors::one(
                "non_substitution_statement",
                "Say how this role complements, and does not replace, paid staff",
            ));
        }
        self.status = RoleStatus::Open;
        Ok(())
    }

    /// Stops recruiting. Only an open role can close; a draft was never recruiting.
    pub fn close(&mut self) -> Result<(), FieldErrors> {
        if self.status != RoleStatus::Open {
            return Err(FieldErrors::one(
                "status",
                "Only an open role can be closed",
            ));
        }
        self.status = RoleStatus::Closed;
        Ok(())
    }
}

/// A role as typed into a form or API request.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct RoleInput {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Description.
    pub description: String,
    /// Setting code.
    pub setting: String,
    /// Activities.
    pub activities: String,
    /// Site ids.
    pub site_ids: Vec<SiteId>,
    /// Time commitment.
    pub time_commitment: String,
    /// Minimum age, "16" or "18".
    pub minimum_age: String,
    /// DBS level code.
    pub dbs_level: String,
    /// DBS workforce code, for enhanced checks.
    pub dbs_workforce: String,
    /// References needed, "0" to "3".
    pub references_required: String,
    /// Other checks and training from the catalogue.
    pub requirement_type_ids: Vec<RequirementTypeId>,
    /// Non-substitution statement.
    pub non_substitution_statement: String,
}

impl RoleInput {
    /// The form's view of an existing role.
    pub fn from_role(r: &Role) -> Self {
        Self {
            title: r.title.clone(),
            summary: r.summary.clone(),
            description: r.description.clone(),
            setting: r.setting.code().into(),
            activities: r.activities.clone(),
            site_ids: r.site_ids.clone(),
            time_commitment: r.time_commitment.clone(),
            minimum_age: r.minimum_age.to_string(),
            dbs_level: r.dbs_level.code().into(),
            dbs_workforce: r.dbs_workforce.map(|w| w.code().into()).unwrap_or_default(),
            references_required: r.references_required.to_string(),
            requirement_type_ids: r.requirement_type_ids.clone(),
            non_substitution_statement: r.non_substitution_statement.clone(),
        }
    }

    /// Validates the input; the role keeps `status`.
    pub fn parse(
        &self,
        id: RoleId,
        organisation_id: OrganisationId,
        status: RoleStatus,
    ) -> Result<Role, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.text("title", "a title", &self.title, 120);
        let summary = e.text("summary", "a summary", &self.summary, 300);
        let description =
            e.optional_text("description", "the description", &self.description, 10_000);
        let setting = Setting::from_code(&self.setting);
        if setting.is_none() {
            e.add("setting", "Select where the role is done");
        }
        let activities = e.optional_text("activities", "activities", &self.activities, 5_000);
        let time_commitment = e.optional_text(
            "time_commitment",
            "time commitment",
            &self.time_commitment,
            300,
        );
        let minimum_age = match self.minimum_age.trim() {
            "16" => Some(16),
            "18" => Some(18),
            _ => {
                e.add("minimum_age", "Select a minimum age of 16 or 18");
                None
            }
        };
        let dbs_level = DbsLevel::from_code(&self.dbs_level);
        if dbs_level.is_none() {
            e.add("dbs_level", "Select the DBS check the role needs");
        }
        let dbs_workforce = match (dbs_level, self.dbs_workforce.trim()) {
            (Some(l), w) if l.has_workforce() => {
                let w = Workforce::from_code(w);
                if w.is_none() {
                    e.add(
                        "dbs_workforce",
                        "Select whether the check is for work with adults, children or both",
                    );
                }
                w
            }
            _ => None,
        };
        let references_required = match self.references_required.trim() {
            "" => Some(0),
            n => match n.parse::<u32>() {
                Ok(n) if n <= MAX_REFERENCES => Some(n),
                _ => {
                    e.add(
                        "references_required",
                        format!("Enter how many references are needed, from 0 to {MAX_REFERENCES}"),
                    );
                    None
                }
            },
        };
        let mut requirement_type_ids = self.requirement_type_ids.clone();
        requirement_type_ids.sort();
        requirement_type_ids.dedup();
        let statement = e.optional_text(
            "non_substitution_statement",
            "the statement",
            &self.non_substitution_statement,
            2_000,
        );
        let mut site_ids = self.site_ids.clone();
        site_ids.sort();
        site_ids.dedup();
        e.finish(|| {
            Some(Role {
                id,
                organisation_id,
                title: title?,
                summary: summary?,
                description,
                setting: setting?,
                activities,
                site_ids,
                time_commitment,
                minimum_age: minimum_age?,
                dbs_level: dbs_level?,
                dbs_workforce,
                references_required: references_required?,
                requirement_type_ids,
                status,
                non_substitution_statement: statement,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> RoleInput {
        RoleInput {
            title: "Mealtime companion".into(),
            summary: "Help patients at mealtimes".into(),
            setting: "in_hospital".into(),
            minimum_age: "16".into(),
            dbs_level: "enhanced".into(),
            dbs_workforce: "adult".into(),
            ..Default::default()
        }
    }

    #[test]
    fn publishing_needs_a_non_substitution_statement() {
        let mut role = input()
            .parse(RoleId::new(), OrganisationId::new(), RoleStatus::Draft)
            .unwrap();
        let errors = role.publish().unwrap_err();
        assert!(errors.get("non_substitution_statement").is_some());
        assert_eq!(role.status, RoleStatus::Draft);
        role.non_substitution_statement =
            "Volunteers keep patients company; nurses still feed and assess.".into();
        role.publish().unwrap();
        assert_eq!(role.status, RoleStatus::Open);
    }

    #[test]
    fn only_open_roles_close() {
        let mut role = input()
            .parse(RoleId::new(), OrganisationId::new(), RoleStatus::Draft)
            .unwrap();
        assert!(role.close().is_err());
        assert_eq!(role.status, RoleStatus::Draft);
        role.status = RoleStatus::Open;
        role.close().unwrap();
        assert_eq!(role.status, RoleStatus::Closed);
    }

    #[test]
    fn minimum_age_is_16_or_18() {
        let bad = RoleInput {
            minimum_age: "14".into(),
            ..input()
        };
        let errors = bad
            .parse(RoleId::new(), OrganisationId::new(), RoleStatus::Draft)
            .unwrap_err();
        assert_eq!(
            errors.get("minimum_age"),
            Some("Select a minimum age of 16 or 18")
        );
    }
}
