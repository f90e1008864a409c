//! The store's reads of check-in and check-out, no-shows, and hours.

use async_trait::async_trait;

/// Reads of check-in and check-out, no-shows, and hours. Organisation-owned reads take the organisation.
#[async_trait]
pub trait AttendanceStore: Send + Sync {}
