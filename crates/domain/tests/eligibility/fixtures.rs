//! Shared fixtures: one standard catalogue for the run, records in each state, DBS evidence,
//! requirements, a role, and the day asked about.

use std::sync::LazyLock;

use alongside_domain::compliance::catalogue::standard_catalogue;
use alongside_domain::compliance::{
    Block, Check, CheckStatus, DbsEvidence, DbsOutcome, Eligibility, RequirementType, Requirements,
    Workforce, eligibility,
};
use alongside_domain::ids::{OrganisationId, PersonId, RequirementTypeId, RoleId};
use alongside_domain::role::{DbsLevel, Role, RoleStatus, Setting};
use chrono::NaiveDate;

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One organisation's standard catalogue, shared by every test (ids are fixed for the run).
pub static CATALOGUE: LazyLock<Vec<RequirementType>> =
    LazyLock::new(|| standard_catalogue(OrganisationId::new()));

pub static PERSON: LazyLock<PersonId> = LazyLock::new(PersonId::new);

pub fn t(code: &str) -> &'static RequirementType {
    CATALOGUE
        .iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("no {code} in the standard catalogue"))
}

pub fn requirement(code: &str) -> (RequirementTypeId, String) {
    let t = t(code);
    (t.id, t.name.clone())
}

/// A record of `code` with `status` and nothing else filled in.
pub fn record(code: &str, status: CheckStatus) -> Check {
    let mut c = Check::pending(*PERSON, t(code));
    c.status = status;
    c
}

pub fn verified(code: &str) -> Check {
    record(code, CheckStatus::Verified)
}

pub fn verified_until(code: &str, expires_on: &str) -> Check {
    let mut c = verified(code);
    c.expires_on = Some(day(expires_on));
    c
}

pub fn evidence(level: DbsLevel, workforce: Option<Workforce>) -> DbsEvidence {
    DbsEvidence {
        level,
        workforce,
        certificate_number: Some("001234567890".into()),
        outcome: Some(DbsOutcome::Clear),
        update_service: false,
        status_checked_on: None,
        details_removed_at: None,
    }
}

pub fn dbs(status: CheckStatus, level: DbsLevel, workforce: Option<Workforce>) -> Check {
    let mut c = record("dbs", status);
    c.issued_on = Some(day("2025-01-10"));
    c.dbs = Some(evidence(level, workforce));
    c
}

pub fn needs(items: &[&str]) -> Requirements {
    Requirements {
        minimum_age: 16,
        dbs: None,
        references: false,
        items: items.iter().map(|c| requirement(c)).collect(),
    }
}

pub fn needs_dbs(level: DbsLevel, workforce: Option<Workforce>) -> Requirements {
    Requirements {
        dbs: Some((level, workforce)),
        ..needs(&[])
    }
}

pub const ON: &str = "2026-06-01";
pub const ADULT: &str = "1990-04-12";

pub fn check(requirements: &Requirements, checks: &[Check]) -> Eligibility {
    eligibility(requirements, Some(day(ADULT)), checks, day(ON))
}

pub fn sorted(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.sort();
    blocks
}

pub fn missing(name: &str) -> Block {
    Block::Missing { name: name.into() }
}

pub fn role(
    minimum_age: u32,
    dbs_level: DbsLevel,
    dbs_workforce: Option<Workforce>,
    references_required: u32,
) -> Role {
    Role {
        id: RoleId::new(),
        organisation_id: CATALOGUE[0].organisation_id,
        title: "A role".into(),
        summary: "Helping".into(),
        description: String::new(),
        setting: Setting::InHospital,
        activities: String::new(),
        site_ids: Vec::new(),
        time_commitment: String::new(),
        minimum_age,
        dbs_level,
        dbs_workforce,
        references_required,
        requirement_type_ids: Vec::new(),
        status: RoleStatus::Open,
        non_substitution_statement: String::new(),
    }
}
