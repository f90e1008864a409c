//! The Alongside domain: organisations, sites, people, engagements, roles and applications,
//! with their value types and rules. Pure: no IO, no async, no clock (callers pass `today`).

pub mod application;
pub mod audit;
pub mod compliance;
pub mod engagement;
pub mod equality;
pub mod error;
pub mod events;
pub mod expenses;
pub mod ids;
pub mod import;
pub mod instruments;
mod labels;
pub mod network;
pub mod notification;
pub mod notify;
pub mod organisation;
pub mod outcome_framework;
/// Outcome statistics for reports: wellbeing change, experience by theme, value of time; small
/// groups withheld.
pub mod outcomes;
pub mod person;
pub mod privacy;
pub mod retention;
pub mod role;
pub mod rota;
pub mod safeguarding;
pub mod site;
pub mod staff;
pub mod stats;
pub mod support;
pub mod surveys;
pub mod values;

pub use error::{FieldErrors, has_control_characters, without_control_characters};
pub use labels::Labelled;
