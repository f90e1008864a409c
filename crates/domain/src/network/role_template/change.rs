//! Changing a published template: its publisher's managers or the network's coordinators can
//! reword it and change its minimum age. What it needs (DBS, references, checks and training)
//! and its outcome indicators come from the role it was published from, so those change by
//! publishing the role again.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::RoleTemplate;
use crate::FieldErrors;

/// The form for changing a template: the words and the minimum age.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TemplateChange {
    /// Title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// What the volunteer does.
    #[serde(default)]
    pub description: String,
    /// Activities.
    #[serde(default)]
    pub activities: String,
    /// Time commitment.
    #[serde(default)]
    pub time_commitment: String,
    /// Minimum age: 16 or 18.
    pub minimum_age: String,
    /// How the role complements paid staff (needed).
    pub non_substitution_statement: String,
}

impl TemplateChange {
    /// The form filled in from a template.
    pub fn from_template(t: &RoleTemplate) -> Self {
        Self {
            title: t.title.clone(),
            summary: t.summary.clone(),
            description: t.description.clone(),
            activities: t.activities.clone(),
            time_commitment: t.time_commitment.clone(),
            minimum_age: t.minimum_age.to_string(),
            non_substitution_statement: t.non_substitution_statement.clone(),
        }
    }

    /// The template with these changes, checked by the same limits as a role's form.
    pub fn apply(&self, t: &RoleTemplate, at: DateTime<Utc>) -> Result<RoleTemplate, FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.text("title", "a title", &self.title, 120);
        let summary = e.text("summary", "a summary", &self.summary, 300);
        let description =
            e.optional_text("description", "the description", &self.description, 10_000);
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
        let statement = e.text(
            "non_substitution_statement",
            "how the role complements paid staff",
            &self.non_substitution_statement,
            2_000,
        );
        e.finish(|| {
            Some(RoleTemplate {
                title: title?,
                summary: summary?,
                description,
                activities,
                time_commitment,
                minimum_age: minimum_age?,
                non_substitution_statement: statement?,
                updated_at: at,
                ..t.clone()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::NetworkId;
    use crate::network::role_template::nhs_role_templates;

    fn template() -> RoleTemplate {
        let at = "2027-01-01T09:00:00Z".parse().unwrap();
        nhs_role_templates(NetworkId::new(), at).remove(0)
    }

    #[test]
    fn a_change_rewords_and_keeps_what_the_role_needs() {
        let t = template();
        let mut change = TemplateChange::from_template(&t);
        change.title = "Ward companion".into();
        change.minimum_age = "18".into();
        let at = "2027-02-01T09:00:00Z".parse().unwrap();
        let changed = change.apply(&t, at).unwrap();
        assert_eq!(changed.title, "Ward companion");
        assert_eq!(changed.minimum_age, 18);
        assert_eq!(changed.updated_at, at);
        assert_eq!(changed.id, t.id);
        assert_eq!(changed.requirement_codes, t.requirement_codes);
        assert_eq!(changed.dbs_level, t.dbs_level);
        assert_eq!(changed.published_at, t.published_at);
    }

    #[test]
    fn a_change_names_each_bad_field() {
        let t = template();
        let change = TemplateChange {
            title: " ".into(),
            minimum_age: "12".into(),
            non_substitution_statement: String::new(),
            ..TemplateChange::from_template(&t)
        };
        let errors = change.apply(&t, t.published_at).unwrap_err();
        assert!(errors.get("title").is_some());
        assert!(errors.get("minimum_age").is_some());
        assert!(errors.get("non_substitution_statement").is_some());
        assert!(errors.get("summary").is_none());
    }
}
