//! The JSON API end to end, through the whole router: bearer tokens, every endpoint's round trip,
//! tenancy on every route, problem+json errors, and the OpenAPI document (with a snapshot).
//!
//! Each test has a fresh SQLite database with two organisations, Riverside (A) and Hillside (B),
//! each with an admin and an API token.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attendance;
mod auth;
mod bad_input;
mod commitments;
mod compliance;
mod consents;
mod enquiries;
mod events;
mod expenses;
mod imports;
mod library;
mod matching;
mod network_events;
mod networks;
mod notification_settings;
mod openapi;
mod permissions;
mod privacy;
mod quality;
mod referrals;
mod role_template_changes;
mod rota_views;
mod round_trips;
mod safeguarding;
mod service_users;
mod shift_bookings;
mod shift_changes;
mod shifts;
mod support;
mod tenancy;
mod waitlist;
