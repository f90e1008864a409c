//! The store's reads of volunteers' expense claims.

use async_trait::async_trait;

/// Reads of volunteers' expense claims. Organisation-owned reads take the organisation.
#[async_trait]
pub trait ExpensesStore: Send + Sync {}
