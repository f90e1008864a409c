//! The rota's pure foundation through the public API: UK local time across the clock changes
//! (exact instants and round trips over whole years), recurring series, standing commitments
//! with absences, overlaps and late cancellations, and field errors for bad input.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod clock_changes;
mod commitments;
mod fixtures;
mod input;
mod overlap;
mod properties;
mod recurrence;
mod round_trip;
