//! The organisation's logged activity as a list a manager can download: each record with the
//! volunteer's name and what it counted towards, over a period.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::ids::PersonId;
use domain::outcome_framework::ActivityRecord;

use crate::{App, AppError, OrgScope};

/// One logged activity, in words.
#[derive(Debug, Clone)]
pub struct ActivityLine {
    /// The record.
    pub record: ActivityRecord,
    /// The volunteer's name.
    pub volunteer: String,
    /// The role the indicator belongs to.
    pub role: String,
    /// What was counted.
    pub indicator: String,
    /// Its unit.
    pub unit: String,
}

impl App {
    /// Activity done in `[from, to]`, by day, with names (staff who may see volunteers, as
    /// [`App::activity_between`]).
    pub async fn activity_log(
        &self,
        scope: &OrgScope,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ActivityLine>, AppError> {
        let records = self.activity_between(scope, from, to).await?;
        let frameworks = self.outcome_framework(scope).await?;
        let mut names: HashMap<PersonId, String> = HashMap::new();
        let mut lines = Vec::with_capacity(records.len());
        for record in records {
            let volunteer = match names.get(&record.person_id) {
                Some(name) => name.clone(),
                None => {
                    let name = self
                        .store
                        .person(record.person_id)
                        .await?
                        .map(|p| p.full_name())
                        .unwrap_or_default();
                    names.insert(record.person_id, name.clone());
                    name
                }
            };
            let found = frameworks.iter().find_map(|f| {
                f.indicators
                    .iter()
                    .find(|i| i.id == record.indicator_id)
                    .map(|i| (f.role.title.clone(), i.name.clone(), i.unit.clone()))
            });
            let (role, indicator, unit) = found.unwrap_or_default();
            lines.push(ActivityLine {
                record,
                volunteer,
                role,
                indicator,
                unit,
            });
        }
        Ok(lines)
    }
}
