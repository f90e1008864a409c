//! HTTP tests for the HTML pages: tenancy, sign-in, forms and their errors, anti-forgery, the Apply
//! journey, password resets, permissions, theming and the CSV export.
//!
//! Each test builds its own site over a fresh SQLite file and drives it through the router, as a
//! browser would: form posts, a session cookie, and the `_csrf` token read from the page.

// Fixtures and helpers fail by panicking, outside `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod activity;
mod application_list;
mod attendance;
mod calendar;
mod checklist;
mod commitments;
mod consents;
mod csrf;
mod edge_cases;
mod enquiries;
mod equality;
mod events;
mod expenses;
mod exports;
mod feedback;
mod imports;
mod journeys;
mod learning;
mod leaving;
mod library;
mod list_downloads;
mod list_downloads_last;
mod list_downloads_more;
mod manager_forms;
mod metrics;
mod my_shifts;
mod networks;
mod notification_preferences;
mod notify_settings;
mod onboarding;
mod onboarding_lists;
mod organisation_details;
mod own_downloads;
mod own_records_downloads;
mod passport;
mod password_resets;
mod permissions;
mod privacy;
mod references;
mod rota_booking;
mod rota_views;
mod routes;
mod second_role;
mod shift_changes;
mod shift_people;
mod sign_in;
mod support;
mod support_offers;
mod survey_waves;
mod surveys;
mod tenancy;
mod theming;
mod triangle;
mod triangle_tenancy;
mod volunteer_forms;
mod waitlist;
mod young_volunteers;
