//! Outcome statistics through the public API: the paired wellbeing change and Student's t
//! quantiles checked to 1e-9 against numpy and scipy (the fixture is made by
//! `tools/reference/wellbeing_change.py`), pairing baseline with follow-up, small groups withheld,
//! experience results by theme and over time, and the value of time given.

// Fixture loading fails by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod change;
mod pairing;
mod reference;
mod suppression;
mod themes;
mod value;
