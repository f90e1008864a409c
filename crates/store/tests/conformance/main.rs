//! Store conformance: every test runs against both backends, SQLite and PostgreSQL, and must
//! behave the same on each.
//!
//! Each test is an `async fn name(store: Arc<dyn Store>)`; `conformance!(name)` turns it into
//! two tests, `name::sqlite` and `name::postgres`, each with a fresh, empty database.
//!
//! PostgreSQL tests need `ALONGSIDE_TEST_POSTGRES_URL` (for example
//! `postgres://postgres@127.0.0.1:5432/test`) and fail without it: a database per test is created
//! next to the one that URL names.

// The test bodies and their fixtures fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;
mod template_changes;

mod accounts;
mod application_pages;
mod attendance;
mod audit_staff;
mod backlog;
mod booking_context;
mod calendar;
mod commitments;
mod compliance;
mod concurrent_applications;
mod control_characters;
mod engagement_counts;
mod engagements_applications;
mod equality;
mod event_learning;
mod events;
mod expenses;
mod fixtures;
mod grouped_writes;
mod import_recovery;
mod imports;
mod jobs;
mod networks;
mod notify;
mod organisations_sites_roles;
mod outbox;
mod people;
mod privacy;
mod privacy_erasure;
mod quality;
mod recorded_consents;
mod reimport;
mod reminders;
mod resource_reviews;
mod resources;
mod rota;
mod safeguarding;
mod shift_change_reads;
mod shift_changes;
mod triangle;
mod volunteers;
mod waitlist;
