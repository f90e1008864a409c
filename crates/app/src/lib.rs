//! Alongside use cases: commands and queries, authorisation and transactions.
//!
//! Every use case that touches an organisation's data takes an [`OrgScope`], which only
//! [`App::authorise`] can create, so no query can forget tenancy.

pub mod accounts;
pub mod activity_log;
pub mod agreements;
pub mod applications;
pub mod attendance;
pub mod benchmarking;
mod booking_decision;
pub mod calendar;
pub mod catalogue;
pub mod check_records;
pub mod checklists;
mod clock;
pub mod commitments;
pub mod consents;
mod engagement_moves;
pub mod enquiries;
pub mod equality;
pub mod erasure;
pub mod error;
pub mod event_registrations;
pub mod events;
pub mod expenses;
pub mod expiring;
pub mod exports;
pub mod feedback;
pub mod import;
pub mod jobs;
pub mod learning;
pub mod match_profiles;
pub mod matches;
pub mod matching;
pub mod network_members;
pub mod network_scope;
pub mod network_sharing;
pub mod networks;
pub mod notify;
pub mod notify_settings;
pub mod onboarding;
pub mod onboarding_report;
pub mod ops;
pub mod organisations;
pub mod outcomes;
pub mod passport;
pub mod password_links;
pub mod people;
pub mod ports;
pub mod preferences;
pub mod privacy_notice;
pub mod quality_report;
pub mod references;
pub mod referrals;
mod resource_reviews;
pub mod resources;
pub mod retention;
pub mod role_library;
pub mod role_template_changes;
pub mod roles;
pub mod rota;
pub mod rota_manage;
pub mod rota_views;
pub mod rota_volunteer;
pub mod safeguarding;
pub mod scope;
pub mod sites;
pub mod staff;
pub mod subject_access;
pub mod support;
pub mod support_feedback;
pub mod surveys;
pub mod tokens;
pub mod waitlist;

use std::sync::Arc;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
pub use notify::{Delivery, DeliveryReport, Notifier, NotifyAccount, NotifyGateway};
pub use ports::{Store, StoreError, Write};
pub use scope::OrgScope;

/// The application: every use case is a method on it.
#[derive(Clone)]
pub struct App {
    /// Where everything is kept.
    pub store: Arc<dyn Store>,
    /// What time it is.
    pub clock: Arc<dyn Clock>,
    /// The public address of this Alongside, for links in emails (no trailing slash).
    pub base_url: String,
}

/// An email address as typed, made into a lookup key: trimmed, lower-case, and without control
/// characters (which no stored address has, and which PostgreSQL refuses in a query).
pub(crate) fn email_key(email: &str) -> String {
    domain::without_control_characters(email.trim()).to_lowercase()
}

/// A short name from a URL, made into a lookup key the same way.
pub(crate) fn slug_key(slug: &str) -> String {
    domain::without_control_characters(slug.trim()).to_lowercase()
}

impl App {
    /// An application over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, base_url: impl Into<String>) -> Self {
        Self {
            store,
            clock,
            base_url: base_url.into(),
        }
    }

    /// Today's date in the UK: what volunteers mean by "today", "tomorrow" and "in the future".
    pub fn uk_today(&self) -> chrono::NaiveDate {
        domain::rota::from_utc(self.clock.now()).date()
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> bool {
        self.store.ping().await.is_ok()
    }
}
