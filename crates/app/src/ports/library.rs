//! The store's reads and writes for a network's resource library, and the link from a role
//! back to the role template it was copied from.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use domain::ids::{NetworkId, OrganisationId, ResourceId, RoleId, RoleTemplateId};
use domain::network::resource::{Resource, ResourceFile, ResourceKind};

use super::StoreError;

/// What to look for in a library. Withdrawn resources are never found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceSearch {
    /// Words to find in the title, summary or tags (case-insensitive); empty finds everything.
    pub text: String,
    /// Only resources with this tag (lower case).
    pub tag: Option<String>,
    /// Only resources of this kind.
    pub kind: Option<ResourceKind>,
    /// Only resources shared with everyone (for anyone who is not a member).
    pub public_only: bool,
}

/// A tag in use, with how many resources carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// How many resources (of those the reader may see) carry it.
    pub resources: u32,
}

/// Reads of the resource library.
#[async_trait]
pub trait LibraryStore: Send + Sync {
    /// The resources a search finds, by title.
    async fn resources(
        &self,
        network: NetworkId,
        search: &ResourceSearch,
    ) -> Result<Vec<Resource>, StoreError>;
    /// One resource, unless withdrawn.
    async fn resource(
        &self,
        network: NetworkId,
        id: ResourceId,
    ) -> Result<Option<Resource>, StoreError>;
    /// A resource's file, unless it is withdrawn or a link.
    async fn resource_file(
        &self,
        network: NetworkId,
        id: ResourceId,
    ) -> Result<Option<ResourceFile>, StoreError>;
    /// The tags in use, by tag; only on public resources when `public_only`.
    async fn resource_tags(
        &self,
        network: NetworkId,
        public_only: bool,
    ) -> Result<Vec<TagCount>, StoreError>;
    /// Resources in any network, not withdrawn, whose review date is before `day`: the
    /// network, the resource and its review date.
    async fn resources_due_review(
        &self,
        day: NaiveDate,
    ) -> Result<Vec<(NetworkId, ResourceId, NaiveDate)>, StoreError>;
    /// The template an organisation's role was copied from, if it was.
    async fn template_of_role(
        &self,
        org: OrganisationId,
        role: RoleId,
    ) -> Result<Option<(NetworkId, RoleTemplateId)>, StoreError>;
}

/// Changes to the resource library, applied with everything else in one transaction.
#[derive(Debug, Clone)]
pub enum LibraryWrite {
    /// A new resource, with its file when it is one.
    InsertResource(Resource, Option<ResourceFile>),
    /// A resource's details changed, from the version last changed at `expected_updated_at`;
    /// a new file replaces the old, and a link drops it.
    UpdateResource {
        /// The resource as it now is.
        resource: Resource,
        /// A newly uploaded file.
        file: Option<ResourceFile>,
        /// When the version the change was made from was saved.
        expected_updated_at: DateTime<Utc>,
    },
    /// A resource withdrawn (kept, but no longer shown or downloaded).
    WithdrawResource(NetworkId, ResourceId, DateTime<Utc>),
}
