//! The store's reads of standing commitments and absences.

use async_trait::async_trait;

/// Reads of standing commitments and absences. Organisation-owned reads take the organisation.
#[async_trait]
pub trait CommitmentsStore: Send + Sync {}
