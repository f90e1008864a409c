//! Shared fixtures: the two actors, a fixed today and now, catalogue items, what is typed, and
//! the fields an error names.

use std::collections::BTreeSet;

use alongside_domain::FieldErrors;
use alongside_domain::compliance::catalogue::standard_catalogue;
use alongside_domain::compliance::check::{Actor, CheckInput};
use alongside_domain::compliance::{Check, RequirementType};
use alongside_domain::ids::{OrganisationId, PersonId};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

pub const VOLUNTEER: Actor<'static> = Actor::Volunteer("Asha Patel");
pub const MANAGER: Actor<'static> = Actor::Manager("Sam Okafor");

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn today() -> NaiveDate {
    day("2026-06-01")
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

pub fn now() -> DateTime<Utc> {
    at(2026, 6, 1, 10, 30, 0)
}

pub fn t(code: &str) -> RequirementType {
    standard_catalogue(OrganisationId::new())
        .into_iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("no {code} in the standard catalogue"))
}

pub fn pending(t: &RequirementType) -> Check {
    Check::pending(PersonId::new(), t)
}

pub fn input(action: &str) -> CheckInput {
    CheckInput {
        action: action.into(),
        ..Default::default()
    }
}

pub fn apply(
    input: &CheckInput,
    check: &Check,
    t: &RequirementType,
    actor: Actor<'_>,
) -> Result<Check, FieldErrors> {
    input.apply(check, t, actor, today(), now())
}

/// The fields an error names.
pub fn fields(errors: &FieldErrors) -> BTreeSet<&str> {
    errors.0.iter().map(|e| e.field.as_str()).collect()
}

pub fn only(field: &str) -> BTreeSet<&str> {
    BTreeSet::from([field])
}

/// What a manager types to record a clear enhanced DBS check for the adults' workforce.
pub fn dbs_verify() -> CheckInput {
    CheckInput {
        action: "verify".into(),
        issued_on: "2026-05-20".into(),
        dbs_level: "enhanced".into(),
        dbs_workforce: "adult".into(),
        dbs_certificate_number: "001234567890".into(),
        dbs_outcome: "clear".into(),
        ..Default::default()
    }
}
