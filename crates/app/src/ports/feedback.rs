//! The store's reads of feedback links.

use async_trait::async_trait;
use domain::ids::OrganisationId;
use domain::surveys::FeedbackLink;

use super::StoreError;

/// Reads of feedback links. Organisation-owned reads take the organisation.
#[async_trait]
pub trait FeedbackStore: Send + Sync {
    /// An organisation's feedback links, newest first.
    async fn feedback_links(&self, org: OrganisationId) -> Result<Vec<FeedbackLink>, StoreError>;
    /// The link with this token, whatever its organisation.
    async fn feedback_link_by_token(&self, token: &str)
    -> Result<Option<FeedbackLink>, StoreError>;
}
