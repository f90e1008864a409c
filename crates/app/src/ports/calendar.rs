//! The store's reads of volunteers' iCalendar feeds and notification preferences.

use async_trait::async_trait;

/// Reads of volunteers' iCalendar feeds and notification preferences. Organisation-owned reads take the organisation.
#[async_trait]
pub trait CalendarStore: Send + Sync {}
