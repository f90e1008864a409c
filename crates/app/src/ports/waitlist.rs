//! The store's reads of waiting lists for full shifts and the offers of freed places.

use async_trait::async_trait;

/// Reads of waiting lists for full shifts and the offers of freed places. Organisation-owned reads take the organisation.
#[async_trait]
pub trait WaitlistStore: Send + Sync {}
