//! How a check or training item moves: what a volunteer and a manager may do to it, what each
//! kind needs typed in, how dates are checked and worked out, when a record holds, and how DBS
//! certificate details are deleted six months after the decision.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod dates;
mod dbs;
mod dbs_details;
mod fixtures;
mod holds;
mod other_kinds;
mod renewal;
mod training;
mod waive_and_fail;
mod who_may_act;
