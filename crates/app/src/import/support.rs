//! Service user and carer imports: each row checked as the service user form checks it. A carer
//! row names the person they care for (already recorded, by full name, and date of birth when
//! two share a name) and is linked to them. Someone already recorded with the same name and date
//! of birth is matched, not added again; a matched carer not yet linked to the person the row
//! names is linked now, and the report says so.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::ids::SupportedPersonId;
use domain::import::{ImportKind, MappedRow, Merge, MergedOn, Problem, ResolvedMapping};
use domain::staff::Capability;
use domain::support::{CarerLink, Relationship, SupportedPerson, SupportedPersonInput};

use super::person_rows::from_words;
use super::{Plan, Table, mapped_rows, row_problems};
use crate::ports::{SupportWrite, Write};
use crate::{App, AppError, OrgScope};

type NameKey = (String, String, Option<NaiveDate>);

fn key(given: &str, family: &str, dob: Option<NaiveDate>) -> NameKey {
    (
        given.trim().to_lowercase(),
        family.trim().to_lowercase(),
        dob,
    )
}

fn input_from(row: &MappedRow, receives_support: bool) -> SupportedPersonInput {
    SupportedPersonInput {
        given_name: row.get("given_name").to_owned(),
        family_name: row.get("family_name").to_owned(),
        email: row.get("email").to_owned(),
        phone: row.get("phone").to_owned(),
        address: row.get("address").to_owned(),
        postcode: row.get("postcode").to_owned(),
        date_of_birth: row.get("date_of_birth").to_owned(),
        age_band: row.get("age_band").to_owned(),
        language: row.get("language").to_owned(),
        communication_needs: row.get("communication_needs").to_owned(),
        access_needs: row.get("access_needs").to_owned(),
        volunteer_gender: String::new(),
        interests: row.get("interests").to_owned(),
        days: Vec::new(),
        consent_to_support_on: row.get("consent_to_support_on").to_owned(),
        consent_to_data_on: row.get("consent_to_data_on").to_owned(),
        consent_method: row.get("consent_method").to_lowercase(),
        receives_support,
    }
}

impl App {
    /// The person a carer row cares for, or its problem.
    fn cared_for(
        row: &MappedRow,
        mapping: &ResolvedMapping,
        known: &[SupportedPerson],
    ) -> Result<SupportedPersonId, Problem> {
        let column = mapping.column_name("cares_for");
        let name = row.get("cares_for").trim().to_lowercase();
        let dob: Option<NaiveDate> = row.get("cares_for_date_of_birth").parse().ok();
        let found: Vec<&SupportedPerson> = known
            .iter()
            .filter(|p| format!("{} {}", p.given_name, p.family_name).to_lowercase() == name)
            .filter(|p| dob.is_none() || p.date_of_birth == dob)
            .collect();
        match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(Problem::at(
                row.row,
                &column,
                format!(
                    "Nobody called \"{}\" is recorded here; import service users first",
                    row.get("cares_for")
                ),
            )),
            _ => Err(Problem::at(
                row.row,
                &column,
                format!(
                    "More than one person is called \"{}\"; add their date of birth in a column for the cared-for person's date of birth",
                    row.get("cares_for")
                ),
            )),
        }
    }

    /// For a carer matched to someone already recorded: when they are not yet linked to the
    /// person the row names, the link and its audit entry, with what the report says.
    async fn link_if_missing(
        &self,
        scope: &OrgScope,
        carer_id: SupportedPersonId,
        (cared_for_id, relationship): (SupportedPersonId, Relationship),
        known: &[SupportedPerson],
    ) -> Result<Option<(Vec<Write>, String)>, AppError> {
        let org = scope.organisation_id();
        let linked = self
            .store
            .carer_links(org, carer_id)
            .await?
            .iter()
            .any(|l| l.carer_id == carer_id && l.cared_for_id == cared_for_id);
        if linked {
            return Ok(None);
        }
        let name = known
            .iter()
            .find(|p| p.id == cared_for_id)
            .map(|p| format!("{} {}", p.given_name, p.family_name))
            .unwrap_or_default();
        let writes = vec![
            Write::Support(SupportWrite::LinkCarer(CarerLink {
                organisation_id: org,
                carer_id,
                cared_for_id,
                relationship,
            })),
            self.support_audit(scope, "carer.linked", cared_for_id),
        ];
        Ok(Some((writes, format!("linked them as carer of {name}"))))
    }

    /// Checks a service user or carer file and plans its writes.
    pub(super) async fn plan_supported(
        &self,
        scope: &OrgScope,
        kind: ImportKind,
        table: &Table,
        mapping: &ResolvedMapping,
    ) -> Result<Plan, AppError> {
        scope.require(Capability::ViewServiceUsers)?;
        let org = scope.organisation_id();
        let carers = kind == ImportKind::Carers;
        let mut known = self.store.supported_people(org).await?;
        let mut by_name: HashMap<NameKey, (SupportedPersonId, String)> = known
            .iter()
            .map(|p| {
                (
                    key(&p.given_name, &p.family_name, p.date_of_birth),
                    (p.id, format!("{} {}", p.given_name, p.family_name)),
                )
            })
            .collect();
        let (today, now) = (self.uk_today(), self.clock.now());
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
            let person =
                match input_from(&row, !carers).parse(SupportedPersonId::new(), org, today, now) {
                    Ok(p) => Some(p),
                    Err(errors) => {
                        problems = row_problems(row.row, &errors, mapping, &[]);
                        None
                    }
                };
            let link = if carers {
                let relationship = from_words::<Relationship>(row.get("relationship"))
                    .unwrap_or(Relationship::Other);
                match Self::cared_for(&row, mapping, &known) {
                    Ok(id) => Some((id, relationship)),
                    Err(p) => {
                        problems.push(p);
                        None
                    }
                }
            } else {
                None
            };
            let Some(person) = person.filter(|_| problems.is_empty()) else {
                plan.check_row(problems);
                continue;
            };
            plan.check_row(Vec::new());
            let k = key(
                &person.given_name,
                &person.family_name,
                person.date_of_birth,
            );
            if let Some((id, name)) = by_name.get(&k) {
                let mut changed = Vec::new();
                if let Some(link) = link {
                    if link.0 == *id {
                        plan.valid_rows -= 1;
                        plan.problems.push(Problem::at(
                            row.row,
                            &mapping.column_name("cares_for"),
                            "A carer cannot be recorded as caring for themselves",
                        ));
                        continue;
                    }
                    if let Some((writes, said)) =
                        self.link_if_missing(scope, *id, link, &known).await?
                    {
                        plan.writes.extend(writes);
                        changed.push(said);
                    }
                }
                plan.merged.push(Merge {
                    row: row.row,
                    name: name.clone(),
                    on: MergedOn::NameAndDateOfBirth,
                    already_here: true,
                    changed,
                });
                continue;
            }
            by_name.insert(
                k,
                (
                    person.id,
                    format!("{} {}", person.given_name, person.family_name),
                ),
            );
            plan.created += 1;
            plan.writes
                .push(Write::Support(SupportWrite::InsertPerson(person.clone())));
            plan.writes
                .push(self.support_audit(scope, "supported_person.added", person.id));
            if let Some((cared_for_id, relationship)) = link {
                plan.writes
                    .push(Write::Support(SupportWrite::LinkCarer(CarerLink {
                        organisation_id: org,
                        carer_id: person.id,
                        cared_for_id,
                        relationship,
                    })));
                plan.writes
                    .push(self.support_audit(scope, "carer.linked", cared_for_id));
            }
            known.push(person);
        }
        Ok(plan)
    }
}
