//! Site and role imports. A site or role whose name is already here is matched, not added again.

use std::collections::HashMap;

use domain::Labelled;

use domain::compliance::Workforce;
use domain::ids::{RequirementTypeId, SiteId};
use domain::import::{Merge, MergedOn, Problem, ResolvedMapping};
use domain::role::{DbsLevel, RoleInput, Setting};
use domain::site::{SiteInput, SiteKind};

use super::person_rows::from_words;
use super::{Plan, Table, mapped_rows, row_problems};
use crate::{App, AppError, OrgScope};

/// The code for a labelled value written as its code or its label; otherwise the text as it is
/// (which the domain rule then refuses, saying what to choose).
fn code_of<T: Labelled>(text: &str) -> String {
    from_words::<T>(text).map_or_else(|| text.to_owned(), |v| v.code().to_owned())
}

/// Names in a comma-separated cell, each looked up; the ones not found are named in a problem.
fn look_up<T: Copy>(
    row: u64,
    column: &str,
    cell: &str,
    known: &HashMap<String, T>,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    let mut found = Vec::new();
    for name in cell
        .split([',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match known.get(&name.to_lowercase()) {
            Some(v) => found.push(*v),
            None => problems.push(Problem::at(
                row,
                column,
                format!("There is no {what} called \"{name}\""),
            )),
        }
    }
    found
}

impl App {
    /// Checks a sites file and plans its writes.
    pub(super) async fn plan_sites(
        &self,
        scope: &OrgScope,
        table: &Table,
        mapping: &ResolvedMapping,
    ) -> Result<Plan, AppError> {
        let org = scope.organisation_id();
        let mut existing: HashMap<String, String> = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.name.to_lowercase(), s.name))
            .collect();
        let mut plan = Plan::default();
        for row in mapped_rows(table, mapping) {
            let row = match row {
                Ok(row) => row,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let input = SiteInput {
                name: row.get("name").to_owned(),
                kind: code_of::<SiteKind>(row.get("kind")),
                postcode: row.get("postcode").to_owned(),
            };
            match input.parse(SiteId::new(), org) {
                Err(errors) => {
                    plan.check_row(row_problems(row.row, &errors, mapping, &[]));
                }
                Ok(site) => {
                    plan.check_row(Vec::new());
                    if let Some(name) = existing.get(&site.name.to_lowercase()) {
                        plan.merged.push(Merge {
                            row: row.row,
                            name: name.clone(),
                            on: MergedOn::Name,
                            already_here: true,
                            changed: Vec::new(),
                        });
                        continue;
                    }
                    existing.insert(site.name.to_lowercase(), site.name.clone());
                    plan.created += 1;
                    plan.writes
                        .push(crate::Write::Audit(domain::audit::AuditEntry::new(
                            Some(org),
                            scope.actor().clone(),
                            "site.created",
                            "site",
                            site.id.0,
                            self.clock.now(),
                        )));
                    plan.writes.push(crate::Write::InsertSite(site));
                }
            }
        }
        Ok(plan)
    }

    /// Checks a roles file and plans its writes: each role a draft, checked as the role form
    /// checks it; sites by name and requirements by catalogue code.
    pub(super) async fn plan_roles(
        &self,
        scope: &OrgScope,
        table: &Table,
        mapping: &ResolvedMapping,
    ) -> Result<Plan, AppError> {
        let org = scope.organisation_id();
        let sites: HashMap<String, SiteId> = self
            .store
            .sites(org)
            .await?
            .into_iter()
            .map(|s| (s.name.to_lowercase(), s.id))
            .collect();
        let catalogue: HashMap<String, RequirementTypeId> = self
            .store
            .requirement_types(org)
            .await?
            .into_iter()
            .map(|t| (t.code.to_lowercase(), t.id))
            .collect();
        let mut titles: HashMap<String, String> = self
            .store
            .roles(org)
            .await?
            .into_iter()
            .map(|r| (r.title.to_lowercase(), r.title))
            .collect();
        let mut plan = Plan::default();
        for row in mapped_rows(table, mapping) {
            let row = match row {
                Ok(row) => row,
                Err(problems) => {
                    plan.check_row(problems);
                    continue;
                }
            };
            let mut problems = Vec::new();
            let site_ids = look_up(
                row.row,
                &mapping.column_name("sites"),
                row.get("sites"),
                &sites,
                "site",
                &mut problems,
            );
            let requirement_type_ids = look_up(
                row.row,
                &mapping.column_name("requirements"),
                row.get("requirements"),
                &catalogue,
                "check or training item with the code",
                &mut problems,
            );
            let input = RoleInput {
                title: row.get("title").to_owned(),
                summary: row.get("summary").to_owned(),
                description: row.get("description").to_owned(),
                setting: code_of::<Setting>(row.get("setting")),
                activities: row.get("activities").to_owned(),
                site_ids,
                time_commitment: row.get("time_commitment").to_owned(),
                minimum_age: row.get("minimum_age").to_owned(),
                dbs_level: code_of::<DbsLevel>(row.get("dbs_level")),
                dbs_workforce: code_of::<Workforce>(row.get("dbs_workforce")),
                references_required: row.get("references_required").to_owned(),
                requirement_type_ids,
                non_substitution_statement: row.get("non_substitution_statement").to_owned(),
            };
            if !problems.is_empty() {
                plan.check_row(problems);
                continue;
            }
            match self.new_role(scope, &input).await {
                Err(AppError::Invalid(errors)) => {
                    let columns = [
                        ("site_ids", "sites"),
                        ("requirement_type_ids", "requirements"),
                    ];
                    plan.check_row(row_problems(row.row, &errors, mapping, &columns));
                }
                Err(e) => return Err(e),
                Ok((role, writes)) => {
                    plan.check_row(Vec::new());
                    if let Some(title) = titles.get(&role.title.to_lowercase()) {
                        plan.merged.push(Merge {
                            row: row.row,
                            name: title.clone(),
                            on: MergedOn::Name,
                            already_here: true,
                            changed: Vec::new(),
                        });
                        continue;
                    }
                    titles.insert(role.title.to_lowercase(), role.title.clone());
                    plan.created += 1;
                    plan.writes.extend(writes);
                }
            }
        }
        Ok(plan)
    }
}
