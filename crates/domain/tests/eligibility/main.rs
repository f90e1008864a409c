//! The one eligibility rule, through the public API: a person's evidence against a role's
//! requirements on a given day. Unit cases for each block, then properties over random
//! requirements, ages, records and days.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod age;
mod blocks;
mod dbs;
mod fixtures;
mod properties;
mod roles;
mod scenario;
mod several_records;
